// A person's data on request (DPDP Act 2023): everything held about them — found by a phone number
// or a lead — as JSON or CSV; and erasure: name, numbers, email, notes, recording URLs and the raw
// webhook bodies are removed or anonymised in one transaction, the audit log's mentions redacted,
// while the lead row (anonymous) and its calls stay so the dashboard's counts do not change. A
// do-not-call mark keeps only the number's hash, so an opt-out outlives the erasure.
import "server-only";
import { audit } from "../audit/log";
import { type Actor, assertRole } from "../auth/actor";
import { db } from "../db";
import { notFound, validationError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { toCsvLine } from "../leads/csv";
import { formatPhone, last10Digits, normalizePhone } from "../phone";
import { ownNumberSet } from "../telephony/own-numbers";
import { phoneHash } from "./dnc";

export const ERASE_CONFIRMATION = "ERASE";

type Subject = { phone?: string; leadId?: string };

/** A data request is about a customer: never one of our own numbers (a DID, an agent's phone), which every customer's calls carry. */
async function refuseOwnNumbers(numbers: string[], field: "phone" | "q" = "phone") {
  const own = await ownNumberSet();
  const ours = numbers.find((n) => own.has(last10Digits(n)));
  if (ours)
    throw validationError({
      [field]:
        `${formatPhone(ours)} is one of our own numbers (a DID or an agent's phone), not a customer's: ` +
        "ask by the customer's number or lead",
    });
}

/** The lead (if any) and every number that is theirs. */
async function resolve(subject: Subject) {
  if (subject.leadId) {
    const lead = await db.lead.findUnique({ where: { id: subject.leadId }, include: { phones: true } });
    if (!lead) throw notFound("Lead");
    return { lead, numbers: [...new Set([lead.phone, ...lead.phones.map((p) => p.number)])].filter((n) => n.startsWith("+")) };
  }
  const phone = normalizePhone(subject.phone);
  if (!phone) throw validationError({ phone: "is not a valid phone number" });
  await refuseOwnNumbers([phone.e164]);
  const owner = await db.leadPhone.findUnique({ where: { number: phone.e164 }, select: { leadId: true } });
  const lead = owner ? await db.lead.findUnique({ where: { id: owner.leadId }, include: { phones: true } }) : null;
  return { lead, numbers: [...new Set([phone.e164, ...(lead?.phones.map((p) => p.number) ?? [])])] };
}

/**
 * Every delivery that concerns the person: linked to their lead or calls, or holding one of their
 * numbers in any format ("99525 39978", "+91-9952539978", "09952539978") in the body, the query
 * string or the stored payload. Number-like runs are read out and compared by their last ten
 * digits, so a time stamp or a call id never counts as a number.
 */
async function deliveriesOf(leadId: string | null, callIds: string[], last10s: string[]) {
  const found = await db.$queryRaw<{ id: string }[]>`
    SELECT w.id FROM webhook_event w
    WHERE (${leadId}::text IS NOT NULL AND w."leadId" = ${leadId})
       OR w."callId" = ANY(${callIds}::text[])
       OR EXISTS (
         SELECT 1 FROM regexp_matches(concat_ws(' ', w.body, w.query::text, w.payload::text), '\\+?\\d[\\d ().-]{6,}\\d', 'g') AS m(run)
         WHERE right(regexp_replace(m.run[1], '\\D', '', 'g'), 10) = ANY(${last10s}::text[]))`;
  return db.webhookEvent.findMany({ where: { id: { in: found.map((f) => f.id) } }, orderBy: { receivedAt: "asc" } });
}

/**
 * What the person sent through a lead source, a web form, an ad platform or IndiaMART: deliveries
 * that made or found their lead, or hold one of their numbers (a delivery that made no lead too).
 */
async function leadDeliveriesOf(leadId: string | null, last10s: string[]) {
  const found = await db.$queryRaw<{ id: string }[]>`
    SELECT d.id FROM lead_delivery d
    WHERE (${leadId}::text IS NOT NULL AND d."leadId" = ${leadId})
       OR EXISTS (
         SELECT 1 FROM regexp_matches(concat_ws(' ', d.body, d.payload::text), '\\+?\\d[\\d ().-]{6,}\\d', 'g') AS m(run)
         WHERE right(regexp_replace(m.run[1], '\\D', '', 'g'), 10) = ANY(${last10s}::text[]))`;
  return db.leadDelivery.findMany({ where: { id: { in: found.map((f) => f.id) } }, orderBy: { receivedAt: "asc" } });
}

async function gather(subject: Subject) {
  const { lead, numbers } = await resolve(subject);
  const callWhere: Prisma.CallWhereInput = { OR: [...(lead ? [{ leadId: lead.id }] : []), { customerNumber: { in: numbers } }] };
  const calls = await db.call.findMany({ where: callWhere, orderBy: { createdAt: "asc" } });
  const callIds = calls.map((c) => c.id);
  const last10s = numbers.map(last10Digits);
  const [activities, tasks, deliveries, leadDeliveries, dnc, overrides] = await Promise.all([
    lead ? db.activity.findMany({ where: { leadId: lead.id }, orderBy: { createdAt: "asc" } }) : [],
    lead ? db.task.findMany({ where: { leadId: lead.id }, orderBy: { createdAt: "asc" } }) : [],
    deliveriesOf(lead?.id ?? null, callIds, last10s),
    leadDeliveriesOf(lead?.id ?? null, last10s),
    db.dncEntry.findMany({ where: { phoneHash: { in: numbers.map(phoneHash) } } }),
    lead ? db.callingOverride.findMany({ where: { leadId: lead.id } }) : [],
  ]);
  if (!lead && !calls.length && !deliveries.length && !leadDeliveries.length && !dnc.length)
    throw notFound("Nothing is held about this person; no record");
  return { lead, numbers, calls, activities, tasks, deliveries, leadDeliveries, dnc, overrides };
}

type Gathered = Awaited<ReturnType<typeof gather>>;

function asJson({ lead, numbers, calls, activities, tasks, deliveries, leadDeliveries, dnc, overrides }: Gathered) {
  const leadFields = lead ? (({ phones: _phones, ...rest }) => rest)(lead) : null;
  return {
    exportedAt: new Date().toISOString(),
    subject: { leadId: lead?.id ?? null, numbers },
    lead: leadFields,
    numbers: (lead?.phones ?? []).map((p) => ({ number: p.number, label: p.label, primary: p.primary, addedAt: p.createdAt })),
    calls,
    activities,
    notes: activities.filter((a) => a.type === "NOTE"),
    tasks,
    webhookDeliveries: deliveries,
    /** What they sent through lead sources, web forms, ad platforms and IndiaMART. */
    leadDeliveries,
    doNotCall: dnc,
    callingOverrides: overrides,
  };
}

/** One row per field of every record: record, id, time, field, value (JSON for nested values). */
function asCsv(data: ReturnType<typeof asJson>): string {
  const lines = [toCsvLine(["record", "id", "time", "field", "value"])];
  const put = (record: string, row: Record<string, unknown> | null, time?: unknown) => {
    if (!row) return;
    const id = String(row.id ?? row.number ?? "");
    const at = time instanceof Date ? time.toISOString() : time ? String(time) : "";
    for (const [field, v] of Object.entries(row)) {
      const value =
        v === null || v === undefined ? "" : v instanceof Date ? v.toISOString() : typeof v === "object" ? JSON.stringify(v) : String(v);
      lines.push(toCsvLine([record, id, at, field, value]));
    }
  };
  put("lead", data.lead, data.lead?.createdAt);
  for (const n of data.numbers) put("number", n, n.addedAt);
  for (const c of data.calls) put("call", c, c.createdAt);
  for (const a of data.activities) put(a.type === "NOTE" ? "note" : "activity", a, a.createdAt);
  for (const t of data.tasks) put("task", t, t.createdAt);
  for (const w of data.webhookDeliveries) put("webhook_delivery", w, w.receivedAt);
  for (const d of data.leadDeliveries) put("lead_delivery", d, d.receivedAt);
  for (const d of data.doNotCall) put("do_not_call", d, d.createdAt);
  for (const o of data.callingOverrides) put("calling_override", o, o.createdAt);
  return `${lines.join("\r\n")}\r\n`;
}

export async function exportPerson(actor: Actor, input: Subject & { format: "json" | "csv" }) {
  assertRole(actor, ["ADMIN"]);
  const gathered = await gather(input);
  const data = asJson(gathered);
  await audit({
    actor,
    action: "privacy.exported",
    target: { type: "lead", id: gathered.lead?.id ?? "no-lead" },
    after: {
      format: input.format,
      calls: gathered.calls.length,
      deliveries: gathered.deliveries.length,
      activities: gathered.activities.length,
    },
  });
  const leadId = gathered.lead?.id ?? null;
  return input.format === "csv" ? { format: "csv" as const, csv: asCsv(data), leadId } : { format: "json" as const, json: data, leadId };
}

const REDACTED = '{"redacted": "personal data erased"}';

/**
 * Redacts the audit rows that concern the person and no others: rows about their records (lead,
 * calls, deliveries, do-not-call marks), and rows holding one of their values whole (a number in
 * any of its forms, their name, their email) — never a row where such text is part of something
 * else ("al" in "local"), and with no wildcard in what a person's name may contain.
 */
async function redactAudit(tx: Prisma.TransactionClient, targets: string[], needles: string[], email: string | null): Promise<number> {
  const values = JSON.stringify(needles);
  return tx.$executeRaw`
    WITH v AS (SELECT jsonb_array_elements(${values}::jsonb) AS value),
    hit AS (
      SELECT a.id,
             a."targetId" = ANY(${targets}::text[]) AS mine,
             EXISTS (SELECT 1 FROM v WHERE jsonb_path_exists(a.before, '$.** ? (@ == $x)', jsonb_build_object('x', v.value))) AS in_before,
             EXISTS (SELECT 1 FROM v WHERE jsonb_path_exists(a.after, '$.** ? (@ == $x)', jsonb_build_object('x', v.value))) AS in_after,
             a."targetId" IN (SELECT value #>> '{}' FROM v) AS target_is_value,
             (${email}::text IS NOT NULL AND lower(a."actorEmail") = lower(${email})) AS by_email
      FROM audit_event a)
    UPDATE audit_event a SET
      before = CASE WHEN h.mine OR h.in_before THEN ${REDACTED}::jsonb ELSE a.before END,
      after = CASE WHEN h.mine OR h.in_after THEN ${REDACTED}::jsonb ELSE a.after END,
      "targetId" = CASE WHEN h.target_is_value THEN 'erased' ELSE a."targetId" END,
      "actorEmail" = CASE WHEN h.by_email THEN NULL ELSE a."actorEmail" END
    FROM hit h
    WHERE h.id = a.id AND (h.mine OR h.in_before OR h.in_after OR h.target_is_value OR h.by_email)`;
}

/** Everything about the person removed or anonymised; the counts the dashboard reads stay. Not undoable. */
export async function erasePerson(actor: Actor, input: Subject & { confirm: string }) {
  assertRole(actor, ["ADMIN"]);
  if (input.confirm !== ERASE_CONFIRMATION) throw validationError({ confirm: `must be the word ${ERASE_CONFIRMATION}, typed to confirm` });
  const g = await gather(input);
  const callIds = g.calls.map((c) => c.id);
  const now = new Date();
  // Whole values that name the person, in every form a number is written.
  const needles = [
    ...new Set([
      ...g.numbers.flatMap((n) => [n, n.slice(1), last10Digits(n), `0${last10Digits(n)}`, formatPhone(n)]),
      ...(g.lead ? [g.lead.name, ...(g.lead.email ? [g.lead.email] : [])] : []),
    ]),
  ];
  // The records that are the person's: audit rows about them are redacted whole.
  const targets = [
    ...(g.lead ? [g.lead.id] : []),
    ...callIds,
    ...g.deliveries.map((d) => d.id),
    ...g.leadDeliveries.map((d) => d.id),
    ...g.dnc.map((d) => d.id),
  ];
  const counts = await db.$transaction(
    async (tx) => {
      if (g.lead) {
        // Outgoing webhook events that carry the person (sent or waiting); the erasure's own
        // lead.updated (erased: true) is written next and tells receivers to erase too.
        await tx.$executeRaw`
          DELETE FROM outbox_event
          WHERE ${g.lead.id} IN (payload #>> '{data,lead,id}', payload #>> '{data,call,leadId}', payload #>> '{data,task,leadId}')`;
        await tx.lead.update({
          where: { id: g.lead.id },
          data: {
            name: "Erased person",
            phone: `erased:${g.lead.id}`,
            phoneLast10: "",
            email: null,
            source: null,
            subSource: null,
            attribution: Prisma.DbNull,
            fields: {},
            consentText: null,
            erasedAt: now,
          },
        });
        // All its numbers, and the placeholder the primary-phone trigger just wrote for the new lead.phone.
        await tx.leadPhone.deleteMany({ where: { leadId: g.lead.id } });
        await tx.activity.deleteMany({ where: { leadId: g.lead.id, type: "NOTE" } });
        await tx.activity.updateMany({ where: { leadId: g.lead.id }, data: { payload: { erased: true } } });
        await tx.task.updateMany({ where: { leadId: g.lead.id }, data: { title: "Follow-up (person erased)" } });
        await tx.activity.create({
          data: { leadId: g.lead.id, type: "ERASURE", actorId: actor.id, payload: { erasedAt: now.toISOString() } },
        });
      }
      await tx.call.updateMany({ where: { id: { in: callIds }, recordingUrl: { not: null } }, data: { recordingDeletedAt: now } });
      await tx.call.updateMany({
        where: { id: { in: callIds } },
        data: { customerNumber: null, recordingUrl: null, notes: null, error: null },
      });
      // What the person sent through a lead source, an ad platform or IndiaMART, raw and read.
      await tx.leadDelivery.updateMany({
        where: { id: { in: g.leadDeliveries.map((d) => d.id) } },
        data: { body: null, payload: Prisma.DbNull, reason: null },
      });
      await tx.webhookEvent.updateMany({
        where: { id: { in: g.deliveries.map((d) => d.id) } },
        data: { body: null, payload: { erased: true }, query: {}, headers: {}, error: null },
      });
      // The opt-out stays (by its hash); its free text (which may name the person) goes.
      await tx.dncEntry.updateMany({
        where: { id: { in: g.dnc.map((d) => d.id) } },
        data: { phone: null, reason: "Asked not to be called" },
      });
      if (g.lead) await tx.callingOverride.updateMany({ where: { leadId: g.lead.id }, data: { reason: "(erased)" } });
      // The audit log is append-only; an erasure alone may blank what it says about the person.
      await tx.$executeRaw`SET LOCAL crm.audit_redaction = on`;
      const redacted = await redactAudit(tx, targets, needles, g.lead?.email ?? null);
      await tx.$executeRaw`SET LOCAL crm.audit_redaction = off`;
      const result = {
        calls: callIds.length,
        deliveries: g.deliveries.length,
        leadDeliveries: g.leadDeliveries.length,
        activities: g.activities.length,
        tasks: g.tasks.length,
        doNotCallKeptAsHash: g.dnc.length,
        auditEntriesRedacted: redacted,
      };
      await audit({ actor, action: "privacy.erased", target: { type: "lead", id: g.lead?.id ?? "no-lead" }, after: result }, tx);
      return result;
    },
    { timeout: 60_000 },
  );
  return { leadId: g.lead?.id ?? null, erased: counts };
}

/** Admins find the person first: leads by number or name, and whether unmatched calls hold the number. */
export async function findPerson(actor: Actor, q: string) {
  assertRole(actor, ["ADMIN"]);
  const query = q.trim();
  if (query.length < 3) throw validationError({ q: "type at least 3 characters" });
  const digits = query.replace(/\D/g, "");
  const asNumber = normalizePhone(query);
  if (asNumber) await refuseOwnNumbers([asNumber.e164], "q");
  const leads = await db.lead.findMany({
    where: {
      erasedAt: null,
      OR: [
        { name: { contains: query, mode: "insensitive" } },
        ...(digits.length >= 4 ? [{ phones: { some: { number: { contains: digits } } } }] : []),
      ],
    },
    take: 20,
    orderBy: { updatedAt: "desc" },
    select: { id: true, name: true, phone: true, email: true, _count: { select: { calls: true } } },
  });
  const phone = normalizePhone(query);
  const unmatchedCalls = phone ? await db.call.count({ where: { customerNumber: phone.e164, leadId: null } }) : 0;
  return {
    items: leads.map((l) => ({ id: l.id, name: l.name, phone: l.phone, email: l.email, calls: l._count.calls })),
    phone: phone?.e164 ?? null,
    unmatchedCalls,
  };
}
