// CSV export of the filtered lead list, streamed in keyset batches (constant memory at any size).
import "server-only";
import { audit, type RequestOrigin } from "../audit/log";
import type { Actor } from "../auth/actor";
import { customFieldDefs } from "../custom-fields/service";
import { type FieldValues, toText } from "../custom-fields/types";
import { db } from "../db";
import { toCsvLine } from "./csv";
import { leadListWhere } from "./list";
import type { ListLeadsQuery } from "./schemas";

const BATCH = 2000;
export const EXPORT_HEADER = ["id", "name", "phone", "email", "source", "status", "owner", "last_contacted_at", "created_at", "updated_at"];

/** Streams the CSV; when the last row is out, the export (who, which filters, how many rows) is audited. */
export function exportLeadsCsv({
  actor,
  query,
  origin,
}: {
  actor: Actor;
  query: Pick<ListLeadsQuery, "q" | "status" | "ownerId"> & { fields?: FieldValues };
  origin?: RequestOrigin;
}): ReadableStream<Uint8Array> {
  const filter = leadListWhere(actor, query);
  const encoder = new TextEncoder();
  let after: string | null = null;
  let headerSent = false;
  let rowsSent = 0;
  let keys: string[] = [];
  const finish = async (controller: ReadableStreamDefaultController<Uint8Array>) => {
    await audit({
      actor,
      action: "leads.exported",
      target: { type: "lead_list", id: null },
      after: {
        rows: rowsSent,
        filters: { q: query.q ?? null, status: query.status ?? null, ownerId: query.ownerId ?? null, fields: query.fields ?? null },
      },
      origin,
    });
    controller.close();
  };
  return new ReadableStream({
    async pull(controller) {
      try {
        if (!headerSent) {
          headerSent = true;
          // Custom fields follow, one column each by key (what the import reads back).
          keys = (await customFieldDefs()).map((d) => d.key);
          controller.enqueue(encoder.encode(`\ufeff${toCsvLine([...EXPORT_HEADER, ...keys])}\r\n`));
        }
        const where = await filter;
        const rows = await db.lead.findMany({
          where: after ? { AND: [where, { id: { gt: after } }] } : where,
          orderBy: { id: "asc" },
          take: BATCH,
          include: { owner: { select: { name: true } } },
        });
        if (rows.length === 0) {
          await finish(controller);
          return;
        }
        after = rows.at(-1)!.id;
        rowsSent += rows.length;
        const text = rows
          .map((l) =>
            toCsvLine([
              l.id,
              l.name,
              l.phone,
              l.email,
              l.source,
              l.status,
              l.owner?.name ?? "",
              l.lastContactedAt?.toISOString() ?? "",
              l.createdAt.toISOString(),
              l.updatedAt.toISOString(),
              ...keys.map((k) => toText((l.fields as FieldValues)[k])),
            ]),
          )
          .join("\r\n");
        controller.enqueue(encoder.encode(`${text}\r\n`));
        if (rows.length < BATCH) await finish(controller);
      } catch (error) {
        controller.error(error);
      }
    },
  });
}
