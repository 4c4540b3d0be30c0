// Where the ad platforms deliver: Meta (GET: the subscription handshake; POST: signed
// notifications) and Google Ads lead forms (POST with google_key). No session: each platform's own
// check (signature, key); every POST is stored before anything else, refused ones digest-only.
import { route } from "@/lib/api/handler";
import { connectorOf } from "@/lib/connectors/admin";
import { MAX_LEAD_BYTES, receiveGoogleLead } from "@/lib/connectors/google-ads";
import { MAX_NOTIFICATION_BYTES, receiveNotification, verifySubscription } from "@/lib/connectors/meta";
import { AppError } from "@/lib/errors";
import { readBodyBytes } from "@/lib/http/body";
import { clientAddress } from "@/lib/http/client-address";
import { peek } from "@/lib/http/rate-limit";
import { REFUSED_LIMIT, refusedDelivery } from "@/lib/intake/sources";

export const dynamic = "force-dynamic";

export const GET = route<{ kind: string }>(
  async (request, params) => {
    if (connectorOf(params.kind) !== "META")
      throw new AppError("NOT_FOUND", "Only Meta verifies its callback URL", { fields: { kind: "must be meta" } });
    const challenge = await verifySubscription(new URL(request.url).searchParams);
    return new Response(challenge, { status: 200, headers: { "content-type": "text/plain; charset=utf-8" } });
  },
  { crossSite: true },
);

export const POST = route<{ kind: string }>(
  async (request, params) => {
    const kind = connectorOf(params.kind);
    if (kind === "INDIAMART")
      throw new AppError("NOT_FOUND", "IndiaMART is pulled, not posted to", { fields: { kind: "must be meta or google-ads" } });
    // An address that keeps sending refused deliveries is told to stop before anything is read.
    const refusedKey = `connector-refused:${clientAddress(request.headers)}`;
    const refused = await peek(refusedKey, REFUSED_LIMIT);
    if (refused.exceeded)
      throw new AppError("RATE_LIMITED", "Too many refused deliveries from this address", { retryAfter: refused.retryAfter });
    const limit = kind === "META" ? MAX_NOTIFICATION_BYTES : MAX_LEAD_BYTES;
    const { raw } = await readBodyBytes(request, limit);
    if (raw === null) throw new AppError("PAYLOAD_TOO_LARGE", `Body is larger than ${limit} bytes`, { fields: { body: "is too large" } });
    const contentType = request.headers.get("content-type");
    try {
      const result =
        kind === "META"
          ? await receiveNotification({ raw, signature: request.headers.get("x-hub-signature-256"), contentType })
          : await receiveGoogleLead({ raw, contentType });
      return Response.json({ ok: true, ...result }, { status: 200 });
    } catch (error) {
      if (error instanceof AppError && error.kind === "FORBIDDEN") await refusedDelivery(refusedKey);
      throw error;
    }
  },
  { crossSite: true },
);
