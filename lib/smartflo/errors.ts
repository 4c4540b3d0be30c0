import { AppError } from "../errors";

export type SmartfloErrorCode =
  | "AUTH"
  | "RATE_LIMITED"
  | "TIMEOUT"
  | "NETWORK"
  | "REJECTED"
  | "NOT_FOUND"
  | "UPSTREAM"
  | "BAD_RESPONSE"
  | "NOT_CONFIGURED";

/**
 * Every Smartflo failure, carrying Smartflo's own message where it gave one. Never holds secrets.
 * An AppError from the start (UPSTREAM: a 502 with Smartflo's words, code, status and fields), so
 * services let it through and toErrorResponse maps it like any other: one mapping, no per-service
 * translation.
 */
export class SmartfloError extends AppError {
  constructor(
    readonly code: SmartfloErrorCode,
    message: string,
    readonly httpStatus: number | null = null,
    readonly fields: Record<string, string> = {},
  ) {
    super("UPSTREAM", message, { smartflo: { code, status: httpStatus, ...(Object.keys(fields).length ? { fields } : {}) } });
    this.name = "SmartfloError";
  }
}
