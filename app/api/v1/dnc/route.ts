// The do-not-call list (admins): GET ?q=&cursor= pages it, newest first; POST {phone, reason} adds a number (201).
import { authed, parseInput, readJson, searchParams } from "@/lib/api/handler";
import { addDnc, listDnc } from "@/lib/compliance/dnc";
import { dncAddSchema, dncListQuerySchema } from "@/lib/compliance/schemas";

export const GET = authed(async ({ request, actor }) =>
  Response.json(await listDnc(actor, parseInput(dncListQuerySchema, searchParams(request)))),
);

export const POST = authed(async ({ request, actor }) =>
  Response.json(await addDnc(actor, await readJson(request, dncAddSchema)), { status: 201 }),
);
