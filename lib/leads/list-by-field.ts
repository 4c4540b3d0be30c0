// The lead list sorted by a custom field (?sort=f.<key>): leads with a value first, in the value's
// order (jsonb's: numbers as numbers, dates and text as text), then leads without one; by id within
// equal values. Keyset-paged on (has value, value, id) with the list's own filters as SQL.
import "server-only";
import { db } from "../db";
import { decodeCursor, encodeCursor } from "../db/cursor";
import { validationError } from "../errors";
import { Prisma } from "../generated/prisma/client";

export interface FieldSortPage {
  ids: string[];
  nextCursor: string | null;
}

export async function idsSortedByField({
  where,
  key,
  order,
  limit,
  cursor,
}: {
  where: Prisma.Sql;
  key: string;
  order: "asc" | "desc";
  limit: number;
  cursor?: string;
}): Promise<FieldSortPage> {
  const value = Prisma.sql`(fields -> ${key})`;
  const dir = order === "desc" ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const after = order === "desc" ? Prisma.sql`<` : Prisma.sql`>`;
  let from = Prisma.sql`TRUE`;
  if (cursor) {
    const c = decodeCursor(cursor);
    if (c.value === "") {
      // Past the leads with a value: only those without, by id.
      from = Prisma.sql`${value} IS NULL AND id ${after} ${c.id}`;
    } else {
      try {
        JSON.parse(c.value);
      } catch {
        throw validationError({ cursor: "is not a valid cursor" });
      }
      const v = Prisma.sql`${c.value}::jsonb`;
      from = Prisma.sql`(${value} IS NULL OR ${value} ${after} ${v} OR (${value} = ${v} AND id ${after} ${c.id}))`;
    }
  }
  const rows = await db.$queryRaw<{ id: string; v: string | null }[]>`
    SELECT id, ${value}::text AS v FROM lead
    WHERE ${where} AND ${from}
    ORDER BY ${value} IS NULL, ${value} ${dir}, id ${dir}
    LIMIT ${limit + 1}`;
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { ids: page.map((r) => r.id), nextCursor: rows.length > limit && last ? encodeCursor(last.v ?? "", last.id) : null };
}
