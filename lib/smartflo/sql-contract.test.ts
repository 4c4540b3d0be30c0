// The contract between TypeScript and the database functions: every key the SQL reads from the
// normalised event (`ev->>'…'`) is a field of its schema, every key read from the stored delivery
// (`p_delivery->>'…'`) is a column of webhook_event, and what normalizeWebhook makes of real
// deliveries matches the schema exactly. A renamed field fails here instead of storing NULL.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Prisma } from "../generated/prisma/client";
import { hangupTemplate } from "./__fixtures__/deliveries";
import { cases } from "./__fixtures__/delivery-cases";
import { normalizedEventSchema } from "./normalized-event";
import { flattenPayload, normalizeWebhook } from "./webhook-payload";

const FUNCTIONS = path.resolve(import.meta.dirname, "../../prisma/functions");
const sql = readdirSync(FUNCTIONS)
  .filter((f) => f.endsWith(".sql"))
  .map((f) => ({ file: f, text: readFileSync(path.join(FUNCTIONS, f), "utf8") }));

function keysRead(variable: string) {
  const found: { file: string; key: string }[] = [];
  const pattern = new RegExp(`\\b${variable}\\s*->>?\\s*'([A-Za-z0-9_]+)'`, "g");
  for (const { file, text } of sql) for (const m of text.matchAll(pattern)) found.push({ file, key: m[1]! });
  return found;
}

describe("TypeScript ↔ SQL", () => {
  it("every key the SQL reads from the event is a field of the normalised event's schema", () => {
    const read = keysRead("ev");
    expect(read.length).toBeGreaterThan(10);
    const fields = new Set(Object.keys(normalizedEventSchema.shape));
    expect(read.filter((r) => !fields.has(r.key)).map((r) => `${r.file}: ev->>'${r.key}'`)).toEqual([]);
  });

  it("every key the SQL reads from the stored delivery is a column of webhook_event", () => {
    const read = keysRead("p_delivery");
    expect(read.length).toBeGreaterThan(0);
    const columns = new Set<string>(Object.values(Prisma.WebhookEventScalarFieldEnum));
    expect(read.filter((r) => !columns.has(r.key)).map((r) => `${r.file}: p_delivery->>'${r.key}'`)).toEqual([]);
  });

  it("normalizeWebhook's events match the schema exactly, for the whole delivery corpus", () => {
    const bodies = [hangupTemplate(), ...cases.flatMap((c) => c.deliveries.map((d) => d.body))].filter(
      (b): b is Record<string, unknown> => !!b && typeof b === "object" && !Array.isArray(b),
    );
    expect(bodies.length).toBeGreaterThan(10);
    for (const body of bodies) {
      const event = normalizeWebhook(flattenPayload(body));
      const parsed = normalizedEventSchema.safeParse(event);
      expect(parsed.success ? null : parsed.error.issues, JSON.stringify(body)).toBeNull();
    }
  });
});
