// Structured JSON logs (pino), one object per line. Every line written while a request is being
// handled carries its request id (lib/http/request-context.ts), so one request can be followed
// through the route, the services and the database functions' errors.
import "server-only";
import pino from "pino";
import { currentRequest } from "./http/request-context";

// Written in batches (up to 4 KB, or every half second), not with one system call per line: on the
// webhook's path that call was a few per cent of the server's CPU. What is buffered is written at
// exit (pino flushes its destination then); a killed process (SIGKILL) loses at most the last half second.
// One destination per process (dev's hot reloads re-run this module); SonicBoom's own periodic flush
// stops with the stream, so nothing flushes a stream already ended at exit.
const g = globalThis as typeof globalThis & { __crmLogDestination?: ReturnType<typeof pino.destination> };
g.__crmLogDestination ??= pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 500 });
const destination = g.__crmLogDestination;

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
