import { z } from "zod";
import { afterResponse, authed, readJson } from "@/lib/api/handler";
import { parseRange, runReconcile, startReconcile } from "@/lib/smartflo/reconcile";

const schema = z.strictObject({ from: z.string({ error: "is required" }).min(1, "is required"), to: z.string().optional() });

export const POST = authed(async ({ request, actor }) => {
  const { from, to } = parseRange(await readJson(request, schema));
  const run = await startReconcile({ actor, from, to });
  afterResponse(() => runReconcile(run.id));
  return Response.json(run, { status: 202 });
});
