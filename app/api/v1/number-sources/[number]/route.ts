import { authed } from "@/lib/api/handler";
import { removeNumberSource } from "@/lib/telephony/number-sources";

/** `number`: the E.164 number, URL-encoded (%2B918069001234). */
export const DELETE = authed<{ number: string }>(async ({ actor, params }) => {
  await removeNumberSource(actor, params.number);
  return new Response(null, { status: 204 });
});
