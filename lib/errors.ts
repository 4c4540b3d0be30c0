// One error model for every API route: {error: {code, message, fields?, ...details}}.
import "server-only";
import { randomUUID } from "node:crypto";
import { ZodError } from "zod";
import { logger } from "./log";

export type ErrorKind =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "VALIDATION"
  | "RATE_LIMITED"
  | "UPSTREAM"
  | "UNAVAILABLE"
  | "INTERNAL";

const STATUS: Record<ErrorKind, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  VALIDATION: 422,
  RATE_LIMITED: 429,
  UPSTREAM: 502,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

export type { FieldErrors } from "./validation-errors";

import { type FieldErrors, fieldErrorsOf } from "./validation-errors";

export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly details: { fields?: FieldErrors; [key: string]: unknown } = {},
  ) {
    super(message);
    this.name = "AppError";
  }
  get status() {
    return STATUS[this.kind];
  }
}

export const notFound = (what: string) => new AppError("NOT_FOUND", `${what} not found`);

export function validationError(fields: FieldErrors, message?: string) {
  const summary =
    message ??
    Object.entries(fields)
      .map(([k, v]) => `${k}: ${v}`)
      .join("; ");
  return new AppError("VALIDATION", summary, { fields });
}

export const zodFieldErrors = (error: ZodError): FieldErrors => fieldErrorsOf(error.issues);

const OUTAGE_MESSAGE = new RegExp(
  [
    "ECONNREFUSED",
    "Connection terminated",
    "Can't reach database server",
    "Server has closed the connection",
    "database system is (starting up|shutting down)",
    "terminating connection due to administrator command",
  ].join("|"),
  "i",
);

/**
 * The database is unreachable, restarting or shedding connections (not a bug in the request):
 * PostgreSQL's 57P0x/08xxx codes or a refused connection, however the driver adapter wraps them.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let e: unknown = error;
  for (let depth = 0; e && typeof e === "object" && depth < 6 && !seen.has(e); depth++) {
    seen.add(e);
    const o = e as {
      code?: unknown;
      kind?: unknown;
      message?: unknown;
      originalCode?: unknown;
      cause?: unknown;
      meta?: { driverAdapterError?: unknown };
    };
    // Raw queries report a lost server as P2010 with the driver adapter's kind underneath.
    if (o.kind === "DatabaseNotReachable" || o.kind === "ConnectionClosed" || o.kind === "SocketTimeout") return true;
    for (const c of [o.code, o.originalCode])
      if (
        typeof c === "string" &&
        (/^57P0[1-3]$/.test(c) || /^08\d{3}$/.test(c) || c === "ECONNREFUSED" || c === "ECONNRESET" || c === "P1001" || c === "P1017")
      )
        return true;
    if (typeof o.message === "string" && OUTAGE_MESSAGE.test(o.message)) return true;
    e = o.meta?.driverAdapterError ?? o.cause;
  }
  return false;
}

/**
 * A unique constraint refused a write: from Prisma's own queries (P2002) or from raw SQL and
 * database functions (P2010 carrying SQLSTATE 23505).
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, meta, message } = error as {
    code?: unknown;
    meta?: { code?: string; driverAdapterError?: { cause?: { originalCode?: string; kind?: string } } };
    message?: unknown;
  };
  if (code === "P2002") return true;
  const cause = meta?.driverAdapterError?.cause;
  return (
    meta?.code === "23505" ||
    cause?.originalCode === "23505" ||
    cause?.kind === "UniqueConstraintViolation" ||
    (typeof message === "string" && /\b23505\b|duplicate key value violates unique constraint/.test(message))
  );
}

function prismaCode(error: unknown): string | undefined {
  if (typeof error === "object" && error && "code" in error && typeof error.code === "string" && /^P\d{4}$/.test(error.code)) {
    return error.code;
  }
  return undefined;
}

export interface ErrorBody {
  error: { code: string; message: string; fields?: FieldErrors; [key: string]: unknown };
}

/** Maps anything thrown to the stable JSON shape; unknown errors are logged with an id. */
export function toErrorResponse(error: unknown): Response {
  if (error instanceof AppError) {
    const headers: HeadersInit = {};
    if (error.kind === "RATE_LIMITED" && typeof error.details.retryAfter === "number") {
      headers["Retry-After"] = String(error.details.retryAfter);
    }
    return Response.json({ error: { code: error.kind, message: error.message, ...error.details } } satisfies ErrorBody, {
      status: error.status,
      headers,
    });
  }
  if (error instanceof ZodError) {
    return toErrorResponse(validationError(zodFieldErrors(error)));
  }
  // Smartflo's failures are AppErrors (UPSTREAM, 502) from the start: lib/smartflo/errors.ts.
  const code = prismaCode(error);
  if (code === "P2002") return toErrorResponse(new AppError("CONFLICT", "A record with the same unique value already exists"));
  if (code === "P2025") return toErrorResponse(new AppError("NOT_FOUND", "Record not found"));
  if (isDatabaseUnavailable(error)) {
    logger.warn(
      { cause: error instanceof Error ? error.message.split("\n").filter(Boolean).at(-1) : String(error) },
      "database unavailable: 503",
    );
    return Response.json(
      { error: { code: "UNAVAILABLE", message: "The database is unavailable for a moment; please retry" } } satisfies ErrorBody,
      {
        status: 503,
        headers: { "Retry-After": "5" },
      },
    );
  }
  const errorId = randomUUID();
  logger.error({ err: error, errorId }, "unexpected error: 500");
  return Response.json(
    { error: { code: "INTERNAL", message: `Something went wrong on our side (error id ${errorId})`, errorId } } satisfies ErrorBody,
    { status: 500 },
  );
}
