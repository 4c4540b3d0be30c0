// Admin: the account's own numbers (DIDs, office lines), never taken for a customer.
import { authed, readJson } from "@/lib/api/handler";
import { addOwnNumber, listOwnNumbers } from "@/lib/telephony/own-numbers";
import { ownNumberSchema } from "@/lib/telephony/schemas";

export const GET = authed(async ({ actor }) => Response.json(await listOwnNumbers(actor)));

export const POST = authed(async ({ request, actor }) => {
  const input = await readJson(request, ownNumberSchema);
  return Response.json(await addOwnNumber(actor, input), { status: 201 });
});
