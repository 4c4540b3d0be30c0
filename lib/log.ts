// Structured JSON logs (pino), one object per line. Every line written while a request is being
// handled carries its request id (lib/http/request-context.ts), so one request can be followed
// through the route, the services and the database functions' errors.
import "server-only";
import pino from "pino";
import { currentRequest } from "./http/request-context";

export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.VITEST ? "warn" : "info"),
  base: { service: "smartflo-crm" },
  timestamp: pino.stdTimeFunctions.isoTime,
  mixin: () => {
    const request = currentRequest();
    return request ? { requestId: request.requestId } : {};
  },
  // Secrets and personal data never reach the logs by accident.
  redact: { paths: ["password", "*.password", "token", "*.token", "headers.cookie", "headers.authorization"], censor: "[redacted]" },
});
