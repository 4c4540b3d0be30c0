// Smartflo posts (or GETs) call events here. Protected by ?token= (SMARTFLO_WEBHOOK_TOKEN), not by a
// user session, and never subject to user rate limits. Stored first, answered fast.
import { toErrorResponse } from "@/lib/errors";
import { readBodyText } from "@/lib/http/body";
import { withRequestContext } from "@/lib/http/request-context";
import { logger } from "@/lib/log";
import { type IngestResult, ingestWebhook, MAX_WEBHOOK_BYTES } from "@/lib/webhooks/service";

export const dynamic = "force-dynamic";

/** One log line per delivery: what became of it, how it matched, how long it took. */
function logDelivery(started: number, httpStatus: number, result: Partial<IngestResult>) {
  const { status, matchedBy, error } = result.outcome ?? {};
  const line = {
    deliveryId: result.eventId ?? null,
    httpStatus,
    outcome: status ?? null,
    matchedBy: matchedBy ?? null,
    ms: Date.now() - started,
  };
  if (status === "FAILED" || httpStatus >= 500) logger.error({ ...line, error }, "webhook delivery");
  else logger.info(line, "webhook delivery");
}

function handle(request: Request): Promise<Response> {
  return withRequestContext(request.headers, async () => {
    const started = Date.now();
    try {
      const { text, bytes } = await readBodyText(request, MAX_WEBHOOK_BYTES);
      const result = await ingestWebhook({
        method: request.method,
        url: new URL(request.url),
        headers: request.headers,
        body: text,
        bodyBytes: bytes,
      });
      logDelivery(started, result.httpStatus, result);
      return Response.json(result.body, { status: result.httpStatus, headers: result.headers });
    } catch (error) {
      // Only our own failures land here (e.g. the database is down): a 5xx makes Smartflo retry.
      const response = toErrorResponse(error);
      logDelivery(started, response.status, {});
      return response;
    }
  });
}

export const POST = handle;
export const GET = handle;
export const PUT = handle;
