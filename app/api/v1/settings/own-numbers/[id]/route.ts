import { authed } from "@/lib/api/handler";
import { removeOwnNumber } from "@/lib/telephony/own-numbers";

export const DELETE = authed<{ id: string }>(async ({ actor, params }) => {
  await removeOwnNumber(actor, params.id);
  return new Response(null, { status: 204 });
});
