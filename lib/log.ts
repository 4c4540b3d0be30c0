// Structured JSON logs (pino), one object per line. Every line written while a request is being
// handled carries its request id (lib/http/request-context.ts), so one request can be followed
// through the route, the services and the database functions' errors.
import "server-only";
import pino from "pino";
import { currentRequest } from "./http/request-context";

// Written in batches (up to 4 KB, or every half second), not with one system call per line: on the
// webhook's path that call was a few per cent of the server's CPU. What is buffered is written at
// exit (pino flushes its destination then); a killed process (SIGKILL) loses at most the last half second.
const destination = pino.destination({ dest: 1, sync: false, minLength: 4096 });
setInterval(() => destination.flush(), 500).unref();

export const logger = pino(
  {
    level: process.env.LOG_LEVEL ?? (process.env.VITEST ? "warn" : "info"),
    base: { service: "smartflo-crm" },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin: () => {
      const request = currentRequest();
      return request ? { requestId: request.requestId } : {};
    },
    // Secrets and personal data never reach the logs by accident.
    redact: { paths: ["password", "*.password", "token", "*.token", "headers.cookie", "headers.authorization"], censor: "[redacted]" },
  },
  destination,
);
