// Smartflo posts (or GETs) call events here. Protected by ?token= (SMARTFLO_WEBHOOK_TOKEN), not by a
// user session, and never subject to user rate limits. Stored first, answered fast. Through the
// shared wrapper (request context, one error mapping) without its CSRF rule: Smartflo posts forms.
import { route } from "@/lib/api/handler";
import { readBodyText } from "@/lib/http/body";
import { logger } from "@/lib/log";
import { type IngestResult, ingestWebhook, MAX_WEBHOOK_BYTES } from "@/lib/webhooks/ingest";

export const dynamic = "force-dynamic";

/** One log line per delivery: what became of it, how it matched, how long it took (no result: it threw, a 5xx). */
function logDelivery(started: number, result: IngestResult | null) {
  const { status, matchedBy, error } = result?.outcome ?? {};
  const line = {
    deliveryId: result?.eventId ?? null,
    httpStatus: result?.httpStatus ?? null,
    outcome: status ?? null,
    matchedBy: matchedBy ?? null,
    ms: Date.now() - started,
  };
  if (!result || status === "FAILED" || result.httpStatus >= 500) logger.error({ ...line, error }, "webhook delivery");
  else logger.info(line, "webhook delivery");
}

const handle = route(
  async (request) => {
    const started = Date.now();
    let result: IngestResult | null = null;
    try {
      const { text, bytes } = await readBodyText(request, MAX_WEBHOOK_BYTES);
      result = await ingestWebhook({
        method: request.method,
        url: new URL(request.url),
        headers: request.headers,
        body: text,
        bodyBytes: bytes,
      });
      return Response.json(result.body, { status: result.httpStatus, headers: result.headers });
    } finally {
      // Only our own failures throw (e.g. the database is down): the wrapper answers 5xx and Smartflo retries.
      logDelivery(started, result);
    }
  },
  { crossSite: true },
);

export const POST = handle;
export const GET = handle;
export const PUT = handle;
