// Keyset pagination for every list: opaque cursors (base64url of [sort value, id]; a bad cursor
// is the client's error, 422) and the page shape the API answers.
import { validationError } from "../errors";

export function encodeCursor(value: string, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString("base64url");
}

export function decodeCursor(cursor: string): { value: string; id: string } {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[0] === "string" && typeof parsed[1] === "string") {
      return { value: parsed[0], id: parsed[1] };
    }
  } catch {
    // fall through
  }
  throw validationError({ cursor: "is not a valid cursor" });
}

/** Keyset condition for "newest first by createdAt, then id" lists, after the given cursor. */
export function newestFirstAfter(cursor: string | undefined) {
  if (!cursor) return {};
  const c = decodeCursor(cursor);
  const at = new Date(c.value);
  if (Number.isNaN(at.getTime())) throw validationError({ cursor: "is not a valid cursor" });
  return { OR: [{ createdAt: { lt: at } }, { createdAt: at, id: { lt: c.id } }] };
}

/** The page of `limit` rows out of `limit + 1` fetched, and the cursor to the next one. */
export function newestFirstPage<T extends { createdAt: Date; id: string }>(
  rows: T[],
  limit: number,
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt.toISOString(), last.id) : null };
}

/** One page of a list, as every list route answers it. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total: number;
  /** True when there are more than `total` rows (the count stops at a cap). */
  totalCapped?: boolean;
}
