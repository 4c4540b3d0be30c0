// Idempotency-Key on POST creates: the same key and body within 24 hours get the first answer
// again (marked Idempotent-Replayed); the same key with another body is a 422. Concurrent copies
// wait for the first one's answer. Keys belong to the caller (an API key, or a signed-in user).
import "server-only";
import { createHash } from "node:crypto";
import type { Actor } from "../auth/actor";
import { db } from "../db";
import { AppError, toErrorResponse, validationError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { readBodyText } from "../http/body";

export const IDEMPOTENCY_HOURS = 24;
const WAIT_MS = 15_000;

export async function withIdempotency(
  request: Request,
  actor: Actor,
  maxBytes: number,
  run: (request: Request) => Promise<Response>,
): Promise<Response> {
  const clientKey = request.headers.get("idempotency-key");
  if (clientKey === null) return run(request);
  if (!/^[\x21-\x7e]{1,255}$/.test(clientKey)) throw validationError({ "idempotency-key": "must be 1 to 255 visible ASCII characters" });
  const { text } = await readBodyText(request, maxBytes);
  if (text === null) throw new AppError("PAYLOAD_TOO_LARGE", `Body is larger than ${maxBytes} bytes`);
  const key = `${actor.apiKey ? `key:${actor.apiKey.id}` : `user:${actor.id}`}:${clientKey}`;
  const requestHash = createHash("sha256")
    .update(`${request.method} ${new URL(request.url).pathname}\n${text}`)
    .digest("hex");
  const copy = () => new Request(request.url, { method: request.method, headers: request.headers, body: text });

  await db.$executeRaw`DELETE FROM idempotent_request WHERE key = ${key}
    AND "createdAt" < (now() AT TIME ZONE 'UTC') - make_interval(hours => ${IDEMPOTENCY_HOURS})`;
  const claimed = await db.$executeRaw`INSERT INTO idempotent_request (key, "requestHash", "createdAt")
    VALUES (${key}, ${requestHash}, now() AT TIME ZONE 'UTC') ON CONFLICT (key) DO NOTHING`;
  if (claimed === 1) {
    let response: Response;
    try {
      response = await run(copy());
    } catch (error) {
      response = toErrorResponse(error);
    }
    if (response.status >= 500) {
      // Our failure, not an answer: the client may try again with the same key.
      await db.idempotentRequest.deleteMany({ where: { key } });
      return response;
    }
    const body = await response.clone().text();
    await db.idempotentRequest.update({
      where: { key },
      data: { status: response.status, response: (body ? JSON.parse(body) : null) as Prisma.InputJsonValue },
    });
    return response;
  }
  const until = Date.now() + WAIT_MS;
  for (;;) {
    const first = await db.idempotentRequest.findUnique({ where: { key } });
    if (first && first.requestHash !== requestHash)
      throw validationError({ "idempotency-key": "was used with another request body; use a new key for a new request" });
    if (first?.status != null) return Response.json(first.response, { status: first.status, headers: { "Idempotent-Replayed": "true" } });
    if (!first) return withIdempotency(copy(), actor, maxBytes, run); // the first failed and let go: take over
    if (Date.now() > until)
      throw new AppError("CONFLICT", "A request with this Idempotency-Key is still running; try again in a moment", { retryable: true });
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Drops remembered answers past IDEMPOTENCY_HOURS (the retention job). */
export async function pruneIdempotentRequests(): Promise<number> {
  return db.$executeRaw`DELETE FROM idempotent_request
    WHERE "createdAt" < (now() AT TIME ZONE 'UTC') - make_interval(hours => ${IDEMPOTENCY_HOURS})`;
}
