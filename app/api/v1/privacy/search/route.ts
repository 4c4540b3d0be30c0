// Find the person a data request is about (admins): ?q= a number or a name.
import { authed, searchParams } from "@/lib/api/handler";
import { findPerson } from "@/lib/compliance/privacy";

export const GET = authed(async ({ request, actor }) => Response.json(await findPerson(actor, searchParams(request).q ?? "")));
