import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable, isUniqueViolation, toErrorResponse } from "./errors";

// Shapes as Prisma 7 throws them with @prisma/adapter-pg (seen while PostgreSQL restarts).
const rawQueryError = (kind: string, message: string) =>
  Object.assign(new Error(`Raw query failed. Code: \`N/A\`. Message: \`${message}\``), {
    code: "P2010",
    meta: { driverAdapterError: Object.assign(new Error(kind), { cause: { kind } }) },
  });

describe("isDatabaseUnavailable", () => {
  it("recognises a lost server from raw queries and model queries", () => {
    expect(isDatabaseUnavailable(rawQueryError("DatabaseNotReachable", "Can't reach database server at 127.0.0.1:5432"))).toBe(true);
    expect(isDatabaseUnavailable(rawQueryError("ConnectionClosed", "Server has closed the connection."))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("x"), { code: "P1001" }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("the database system is starting up"), { code: "P2010" }))).toBe(true);
  });

  it("does not mistake other failures for an outage", () => {
    expect(isDatabaseUnavailable(rawQueryError("UniqueConstraintViolation", "duplicate key value violates unique constraint"))).toBe(false);
    expect(isDatabaseUnavailable(new Error("boom"))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });

  it("answers 503 with Retry-After for an outage", async () => {
    const res = toErrorResponse(rawQueryError("DatabaseNotReachable", "Can't reach database server at 127.0.0.1:5432"));
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("UNAVAILABLE");
  });
});

describe("isUniqueViolation", () => {
  it("recognises Prisma's P2002 and a unique violation raised inside raw SQL or a database function", () => {
    expect(isUniqueViolation(Object.assign(new Error("Unique constraint failed"), { code: "P2002" }))).toBe(true);
    expect(isUniqueViolation(rawQueryError("UniqueConstraintViolation", "duplicate key value violates unique constraint"))).toBe(true);
    expect(isUniqueViolation(Object.assign(new Error("Raw query failed. Code: `23505`."), { code: "P2010" }))).toBe(true);
  });

  it("is false for other failures", () => {
    expect(isUniqueViolation(rawQueryError("DatabaseNotReachable", "Can't reach database server"))).toBe(false);
    expect(isUniqueViolation(Object.assign(new Error("x"), { code: "P2025" }))).toBe(false);
    expect(isUniqueViolation("P2002")).toBe(false);
  });
});
