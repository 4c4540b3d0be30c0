// GET /api/health, for load balancers: 200 when this instance can serve (database reachable,
// migrations current, job queue running), 503 otherwise. No session needed; no secrets in it.
import { health } from "@/lib/health/service";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const report = await health();
  return Response.json(report, { status: report.status === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
