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

/** Every Smartflo failure, carrying Smartflo's own message where it gave one. Never holds secrets. */
export class SmartfloError extends Error {
  constructor(
    readonly code: SmartfloErrorCode,
    message: string,
    readonly httpStatus: number | null = null,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = "SmartfloError";
  }
}
