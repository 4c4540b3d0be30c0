// Our numbers and the lead sources they stand for: the DID printed in the newspaper ad, the one on
// the website. A caller we do not know who dials one becomes a lead from that source
// (lib/calls/apply-event.ts); the lead's timeline says which number they called. Admins keep the list
// on Settings → Telephony, with each number's inbound calls and new leads over the last 30 days.
import "server-only";
import { audit } from "../audit/log";
import type { Actor } from "../auth/actor";
import { assertRole } from "../auth/actor";
import { db } from "../db";
import { AppError, isUniqueViolation, notFound, validationError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { formatLocalPhone, last10Digits, type NormalizedPhone, normalizePhone } from "../phone";
import type { NumberSourceInput } from "./schemas";

type Tx = Prisma.TransactionClient | typeof db;

/** The window of the list's counts. */
export const NUMBER_SOURCE_WINDOW_DAYS = 30;
/** At most this many numbers seen in calls and not named yet are offered. */
const UNMAPPED_LIMIT = 20;

function phoneOf(raw: string): NormalizedPhone {
  const phone = normalizePhone(raw);
  if (!phone) throw validationError({ number: "is not a valid phone number" });
  return phone;
}

/** A number from a path: URL-encoded E.164 (%2B91…), or already decoded by the router. */
function decodedPathNumber(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw; // a stray "%": read as it is (normalisation refuses it if it is no number)
  }
}

/**
 * The sources of dialled numbers (E.164), by number: each one's own row, else one with the same
 * last ten digits (Smartflo writes our DIDs in several ways). Numbers with no source are left out.
 */
export async function sourcesOfNumbers(numbers: readonly (string | null | undefined)[], tx: Tx = db): Promise<Map<string, string>> {
  const wanted = [...new Set(numbers.filter((n): n is string => !!n))];
  if (wanted.length === 0) return new Map();
  const rows = await tx.numberSource.findMany({
    where: { OR: [{ number: { in: wanted } }, { last10: { in: wanted.map(last10Digits) } }] },
    select: { number: true, last10: true, source: true },
  });
  const byNumber = new Map(rows.map((r) => [r.number, r.source]));
  const byLast10 = new Map(rows.map((r) => [r.last10, r.source]));
  const found = new Map<string, string>();
  for (const n of wanted) {
    const source = byNumber.get(n) ?? byLast10.get(last10Digits(n));
    if (source) found.set(n, source);
  }
  return found;
}

/** The source one dialled number stands for, or null (a lead from it is then an "Inbound call"). */
export async function sourceOfNumber(tx: Tx, e164: string | null): Promise<string | null> {
  return e164 ? ((await sourcesOfNumbers([e164], tx)).get(e164) ?? null) : null;
}

/** A lead made by an inbound call before we knew which number was dialled (lib/calls/apply-event.ts). */
export const INBOUND_CALL_SOURCE = "Inbound call";

/**
 * The number a caller dialled, learnt only from a later delivery of the call that made their lead
 * (Smartflo's deliveries come in any order, and "Dialed on Agent" carries no call_to_number): the
 * lead gets that number's source after all. Only a lead this call made and nobody has changed since:
 * an "Inbound call" lead with no sub-source, created by a delivery, with no other call. Idempotent.
 */
export async function attributeNewCaller(
  tx: Tx,
  { leadId, callId, dialledNumber }: { leadId: string; callId: string; dialledNumber: string },
) {
  const guard = {
    id: leadId,
    source: INBOUND_CALL_SOURCE,
    subSource: null,
    calls: { every: { id: callId } },
    activities: { some: { type: "LEAD_CREATED" as const, actorId: null } },
  } satisfies Prisma.LeadWhereInput;
  // Mostly nothing to do (the lead knew the number, or is an older one): one read.
  if (!(await tx.lead.findFirst({ where: guard, select: { id: true } }))) return false;
  const source = (await sourceOfNumber(tx, dialledNumber)) ?? INBOUND_CALL_SOURCE;
  // The lead and its creation entry (which the list's counts read) together.
  const write = async (w: Prisma.TransactionClient) => {
    const updated = await w.lead.updateMany({ where: guard, data: { source, subSource: `Called ${dialledNumber}` } });
    if (updated.count === 0) return false;
    const created = await w.activity.findFirst({ where: { leadId, type: "LEAD_CREATED" }, select: { id: true, payload: true } });
    if (created)
      await w.activity.update({
        where: { id: created.id },
        data: { payload: { ...(created.payload as Prisma.JsonObject), source, dialled: dialledNumber } },
      });
    return true;
  };
  return "$transaction" in tx ? tx.$transaction(write) : write(tx);
}

/** The sources of the calls on timeline entries, by dialled number (toActivityDto's second argument). */
export const sourcesOfCalls = (activities: readonly { call: { dialledNumber: string | null } | null }[]) =>
  sourcesOfNumbers(activities.map((a) => a.call?.dialledNumber));

type Counts = { inboundCalls30d: number; leadsCreated30d: number; lastCallAt: Date | null };

/** Inbound calls and leads they created per dialled number (by its last ten digits), over the window. */
async function countsByNumber(since: Date) {
  const [calls, leads] = await Promise.all([
    db.call.groupBy({
      by: ["dialledNumber"],
      where: { direction: "INBOUND", dialledNumber: { not: null }, createdAt: { gte: since } },
      _count: { _all: true },
      _max: { createdAt: true },
    }),
    // The lead's creation entry names the number its first call dialled (apply-event.ts), whatever became of its source since.
    db.$queryRaw<{ number: string; leads: number }[]>`
      SELECT a.payload->>'dialled' AS number, count(*)::int AS leads
      FROM lead l JOIN activity a ON a."leadId" = l.id AND a.type = 'LEAD_CREATED'
      WHERE l."createdAt" >= ${since}::timestamp AND a.payload->>'dialled' IS NOT NULL
      GROUP BY 1`,
  ]);
  const counts = new Map<string, Counts & { number: string }>();
  const entry = (number: string) => {
    const key = last10Digits(number);
    const c = counts.get(key) ?? { number, inboundCalls30d: 0, leadsCreated30d: 0, lastCallAt: null };
    counts.set(key, c);
    return c;
  };
  for (const row of calls) {
    const c = entry(row.dialledNumber!);
    c.inboundCalls30d += row._count._all;
    if (row._max.createdAt && (!c.lastCallAt || row._max.createdAt > c.lastCallAt)) c.lastCallAt = row._max.createdAt;
  }
  for (const row of leads) entry(row.number).leadsCreated30d += row.leads;
  return counts;
}

const NONE: Counts = { inboundCalls30d: 0, leadsCreated30d: 0, lastCallAt: null };

/**
 * Admins: our numbers with their sources and, over the last 30 days, the inbound calls to each and
 * the leads those calls created; then the numbers customers dialled that have no source yet.
 */
export async function listNumberSources(actor: Actor) {
  assertRole(actor, ["ADMIN"]);
  const since = new Date(Date.now() - NUMBER_SOURCE_WINDOW_DAYS * 86400_000);
  const [rows, counts] = await Promise.all([
    db.numberSource.findMany({ orderBy: [{ createdAt: "asc" }, { number: "asc" }] }),
    countsByNumber(since),
  ]);
  const mapped = new Set(rows.map((r) => r.last10));
  return {
    items: rows.map((r) => {
      const c = counts.get(r.last10) ?? NONE;
      return {
        number: r.number,
        display: formatLocalPhone(r.number),
        source: r.source,
        inboundCalls30d: c.inboundCalls30d,
        leadsCreated30d: c.leadsCreated30d,
        lastCallAt: c.lastCallAt?.toISOString() ?? null,
        updatedAt: r.updatedAt.toISOString(),
      };
    }),
    /** Dialled in the window and not named yet, the busiest first: what an admin may want to name. */
    unmapped: [...counts.entries()]
      .filter(([last10, c]) => !mapped.has(last10) && c.inboundCalls30d > 0)
      .map(([, c]) => ({
        number: c.number,
        display: formatLocalPhone(c.number),
        inboundCalls30d: c.inboundCalls30d,
        leadsCreated30d: c.leadsCreated30d,
        lastCallAt: c.lastCallAt?.toISOString() ?? null,
      }))
      .sort((a, b) => b.inboundCalls30d - a.inboundCalls30d || (b.lastCallAt ?? "").localeCompare(a.lastCallAt ?? ""))
      .slice(0, UNMAPPED_LIMIT),
  };
}
export type NumberSourceList = Awaited<ReturnType<typeof listNumberSources>>;

/** Admins: names the source of one of our numbers, or changes it. Idempotent. */
export async function saveNumberSource(actor: Actor, input: NumberSourceInput) {
  assertRole(actor, ["ADMIN"]);
  const phone = phoneOf(input.number);
  const source = input.source;
  try {
    return await db.$transaction(async (tx) => {
      const before = await tx.numberSource.findUnique({ where: { number: phone.e164 } });
      const row = await tx.numberSource.upsert({
        where: { number: phone.e164 },
        create: { number: phone.e164, last10: phone.last10, source },
        update: { source },
      });
      if (before?.source !== source)
        await audit(
          {
            actor,
            action: "settings.updated",
            target: { type: "number_source", id: row.number },
            ...(before ? { before: { source: before.source } } : {}),
            after: { source },
          },
          tx,
        );
      return { number: row.number, display: formatLocalPhone(row.number), source: row.source, created: !before };
    });
  } catch (error) {
    // Another number with the same last ten digits (written another way) is listed already.
    if (isUniqueViolation(error))
      throw new AppError("CONFLICT", "A number with the same last ten digits is listed already", {
        fields: { number: "is listed already (with the same last ten digits)" },
      });
    throw error;
  }
}

/** Admins: forgets one of our numbers' source. Leads it already named keep theirs. */
export async function removeNumberSource(actor: Actor, rawNumber: string) {
  assertRole(actor, ["ADMIN"]);
  const phone = phoneOf(decodedPathNumber(rawNumber));
  await db.$transaction(async (tx) => {
    const row = await tx.numberSource.findUnique({ where: { number: phone.e164 } });
    // Removed twice at once: the second finds nothing to remove.
    if (!row || (await tx.numberSource.deleteMany({ where: { number: row.number } })).count === 0) throw notFound("Number");
    await audit(
      { actor, action: "settings.updated", target: { type: "number_source", id: row.number }, before: { source: row.source } },
      tx,
    );
  });
}
