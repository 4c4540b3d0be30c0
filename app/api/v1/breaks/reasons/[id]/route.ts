// Edit one break reason (admins): rename, Smartflo break code, order, retire.
import { authed, readJson } from "@/lib/api/handler";
import { breakReasonPatchSchema } from "@/lib/breaks/schemas";
import { updateBreakReason } from "@/lib/breaks/service";

export const PATCH = authed<{ id: string }>(async ({ request, actor, params }) =>
  Response.json(await updateBreakReason(actor, params.id, await readJson(request, breakReasonPatchSchema))),
);
