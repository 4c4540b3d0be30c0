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
import type { Prisma } from "../generated/prisma/client";
import { toCsvLine } from "../leads/csv";
import { last10Digits, normalizePhone } from "../phone";
import { phoneHash } from "./dnc";

export const ERASE_CONFIRMATION = "ERASE";

type Subject = { phone?: string; leadId?: string };

/** The lead (if any) and every number that is theirs. */
async function resolve(subject: Subject) {
  if (subject.leadId) {
    const lead = await db.lead.findUnique({ where: { id: subject.leadId }, include: { phones: true } });
    if (!lead) throw notFound("Lead");
    return { lead, numbers: [...new Set([lead.phone, ...lead.phones.map((p) => p.number)])].filter((n) => n.startsWith("+")) };
  }
  const phone = normalizePhone(subject.phone);
  if (!phone) throw validationError({ phone: "is not a valid phone number" });
  const owner = await db.leadPhone.findUnique({ where: { number: phone.e164 }, select: { leadId: true } });
  const lead = owner ? await db.lead.findUnique({ where: { id: owner.leadId }, include: { phones: true } }) : null;
  return { lead, numbers: [...new Set([phone.e164, ...(lead?.phones.map((p) => p.number) ?? [])])] };
}

async function gather(subject: Subject) {
  const { lead, numbers } = await resolve(subject);
  const callWhere: Prisma.CallWhereInput = { OR: [...(lead ? [{ leadId: lead.id }] : []), { customerNumber: { in: numbers } }] };
  const calls = await db.call.findMany({ where: callWhere, orderBy: { createdAt: "asc" } });
  const callIds = calls.map((c) => c.id);
  const last10s = numbers.map(last10Digits);
  const [activities, tasks, deliveries, dnc, overrides] = await Promise.all([
    lead ? db.activity.findMany({ where: { leadId: lead.id }, orderBy: { createdAt: "asc" } }) : [],
    lead ? db.task.findMany({ where: { leadId: lead.id }, orderBy: { createdAt: "asc" } }) : [],
    db.webhookEvent.findMany({
      where: {
        OR: [...(lead ? [{ leadId: lead.id }] : []), { callId: { in: callIds } }, ...last10s.map((d) => ({ body: { contains: d } }))],
      },
      orderBy: { receivedAt: "asc" },
    }),
    db.dncEntry.findMany({ where: { phoneHash: { in: numbers.map(phoneHash) } } }),
    lead ? db.callingOverride.findMany({ where: { leadId: lead.id } }) : [],
  ]);
  if (!lead && !calls.length && !deliveries.length && !dnc.length) throw notFound("Nothing is held about this person; no record");
  return { lead, numbers, calls, activities, tasks, deliveries, dnc, overrides };
}

type Gathered = Awaited<ReturnType<typeof gather>>;

function asJson({ lead, numbers, calls, activities, tasks, deliveries, dnc, overrides }: Gathered) {
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

/** Everything about the person removed or anonymised; the counts the dashboard reads stay. Not undoable. */
export async function erasePerson(actor: Actor, input: Subject & { confirm: string }) {
  assertRole(actor, ["ADMIN"]);
  if (input.confirm !== ERASE_CONFIRMATION) throw validationError({ confirm: `must be the word ${ERASE_CONFIRMATION}, typed to confirm` });
  const g = await gather(input);
  const callIds = g.calls.map((c) => c.id);
  const now = new Date();
  const needles = [...g.numbers, ...g.numbers.map(last10Digits), ...(g.lead ? [g.lead.name, ...(g.lead.email ? [g.lead.email] : [])] : [])];
  const counts = await db.$transaction(
    async (tx) => {
      if (g.lead) {
        await tx.lead.update({
          where: { id: g.lead.id },
          data: {
            name: "Erased person",
            phone: `erased:${g.lead.id}`,
            phoneLast10: "",
            email: null,
            source: null,
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
      await tx.webhookEvent.updateMany({
        where: { id: { in: g.deliveries.map((d) => d.id) } },
        data: { body: null, payload: { erased: true }, query: {}, headers: {}, error: null },
      });
      await tx.dncEntry.updateMany({ where: { id: { in: g.dnc.map((d) => d.id) } }, data: { phone: null } });
      // The audit log is append-only; an erasure alone may blank what it says about the person.
      await tx.$executeRaw`SET LOCAL crm.audit_redaction = on`;
      let redacted = 0;
      for (const needle of needles) {
        const like = `%${needle}%`;
        redacted += await tx.$executeRaw`
          UPDATE audit_event SET
            before = CASE WHEN before::text ILIKE ${like} THEN '{"redacted": "personal data erased"}'::jsonb ELSE before END,
            after = CASE WHEN after::text ILIKE ${like} THEN '{"redacted": "personal data erased"}'::jsonb ELSE after END,
            "targetId" = CASE WHEN "targetId" = ${needle} THEN 'erased' ELSE "targetId" END,
            "actorEmail" = CASE WHEN "actorEmail" ILIKE ${like} THEN NULL ELSE "actorEmail" END
          WHERE before::text ILIKE ${like} OR after::text ILIKE ${like} OR "targetId" = ${needle} OR "actorEmail" ILIKE ${like}`;
      }
      await tx.$executeRaw`SET LOCAL crm.audit_redaction = off`;
      const result = {
        calls: callIds.length,
        deliveries: g.deliveries.length,
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
