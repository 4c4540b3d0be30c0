import { authed } from "@/lib/api/handler";
import { endSession } from "@/lib/dialer/sessions";

export const DELETE = authed<{ id: string }>(async ({ actor, params }) => {
  await endSession(actor, params.id);
  return new Response(null, { status: 204 });
});
