import { authed } from "@/lib/api/handler";
import { getReconcileRun } from "@/lib/smartflo/reconcile";

export const GET = authed<{ id: string }>(async ({ actor, params }) => Response.json(await getReconcileRun({ actor, id: params.id })));
