import { authed } from "@/lib/api/handler";
import { connectorOf, rotateGoogleKey } from "@/lib/connectors/admin";
import { AppError } from "@/lib/errors";

/** A new Google Ads key (shown in this answer only). */
export const POST = authed<{ kind: string }>(async ({ actor, params }) => {
  if (connectorOf(params.kind) !== "GOOGLE_ADS")
    throw new AppError("NOT_FOUND", "Only Google Ads has a key made here", { fields: { kind: "must be google-ads" } });
  return Response.json(await rotateGoogleKey({ actor }), { status: 201 });
});
