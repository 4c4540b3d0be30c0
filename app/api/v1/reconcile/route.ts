import { afterResponse, authed, readJson } from "@/lib/api/handler";
import { enqueue, JOBS } from "@/lib/jobs";
import { runReconcile, startReconcile } from "@/lib/smartflo/reconcile";
import { reconcileRangeSchema } from "@/lib/smartflo/schemas";

export const POST = authed(async ({ request, actor }) => {
  // startReconcile checks the role before it looks at the range: non-admins get 404, not 422.
  const run = await startReconcile({ actor, range: await readJson(request, reconcileRangeSchema) });
  // On the job queue when this instance runs one; otherwise after the response, in this process.
  if (!(await enqueue(JOBS.reconcileRun, { runId: run.id }))) afterResponse(() => runReconcile(run.id));
  return Response.json(run, { status: 202 });
});
