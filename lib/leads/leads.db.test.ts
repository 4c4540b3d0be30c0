import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { makeLead, makeUser, uniquePhone } from "../../scripts/test/factories";
import { db } from "../db";
import { AppError } from "../errors";
import { listAssignableUsers } from "../users/service";
import { addNote, listActivities } from "./activities";
import { createLead } from "./create-lead";
import { listLeads } from "./list";
import { SEARCH_SAMPLE_DENSE, SEARCH_SAMPLE_ROWS, SEARCH_WALK_ROWS, searchTuning } from "./list-page";
import { getLead } from "./read-lead";
import { listLeadsQuerySchema, updateLeadSchema } from "./schemas";
import { updateLead } from "./update-lead";

const query = (q: Record<string, unknown> = {}) => listLeadsQuerySchema.parse(q);

async function expectAppError(promise: Promise<unknown>, kind: AppError["kind"], field?: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).kind).toBe(kind);
  if (field) expect((error as AppError).details.fields?.[field]).toBeTruthy();
  return error as AppError;
}

describe("createLead", () => {
  it("normalises the phone to E.164 and gives an agent's lead to the agent", async () => {
    const { actor } = await makeUser();
    const digits = uniquePhone().slice(3);
    const lead = await createLead({ actor, input: { name: "Ravi", phone: `0${digits}`, email: null, source: "Website" } });
    expect(lead.phone).toBe(`+91${digits}`);
    expect(lead.owner?.id).toBe(actor.id);
    expect(lead.status).toBe("NEW");
    const row = await db.lead.findUniqueOrThrow({ where: { id: lead.id } });
    expect(row.phoneLast10).toBe(digits);
  });

  it("rejects an invalid phone with a 422 naming the field", async () => {
    const { actor } = await makeUser();
    await expectAppError(createLead({ actor, input: { name: "Ravi", phone: "12345" } }), "VALIDATION", "phone");
  });

  it("answers a duplicate phone with 409 naming the existing lead", async () => {
    const { actor } = await makeUser({ role: "MANAGER" });
    const existing = await makeLead({ name: "First Owner" });
    const error = await expectAppError(
      createLead({ actor, input: { name: "Copy", phone: existing.phone.replace("+91", "0") } }),
      "CONFLICT",
      "phone",
    );
    expect(error.details.existingLead).toEqual({ id: existing.id, name: "First Owner" });
  });

  it("does not reveal another agent's lead in the duplicate message", async () => {
    const { actor: owner } = await makeUser();
    const { actor: other } = await makeUser();
    const existing = await makeLead({ ownerId: owner.id });
    const error = await expectAppError(createLead({ actor: other, input: { name: "Copy", phone: existing.phone } }), "CONFLICT");
    expect(error.details.existingLead).toBeUndefined();
    expect(error.message).not.toContain(existing.name);
    // Not even that it is another agent's: only that it cannot be used, and who resolves it.
    expect(error.message).not.toMatch(/agent/i);
    expect(error.details.fields).toEqual({ phone: "cannot be used; ask your manager" });
  });

  it("lets managers assign an owner in their team but not agents", async () => {
    const { actor: manager } = await makeUser({ role: "MANAGER" });
    const { actor: agent } = await makeUser({ managerId: manager.id });
    const { actor: agent2 } = await makeUser();
    const lead = await createLead({ actor: manager, input: { name: "Assigned", phone: uniquePhone(), ownerId: agent.id } });
    expect(lead.owner?.id).toBe(agent.id);
    // Another team's agent: refused, as in bulk assignment and import; editing such a lead without moving it is fine.
    await expectAppError(
      createLead({ actor: manager, input: { name: "X", phone: uniquePhone(), ownerId: agent2.id } }),
      "VALIDATION",
      "ownerId",
    );
    const theirs = await makeLead({ ownerId: agent2.id });
    expect(
      (await updateLead({ actor: manager, id: theirs.id, patch: updateLeadSchema.parse({ ownerId: agent2.id, name: "Renamed" }) })).name,
    ).toBe("Renamed");
    await expectAppError(
      updateLead({ actor: manager, id: lead.id, patch: updateLeadSchema.parse({ ownerId: agent2.id }) }),
      "VALIDATION",
      "ownerId",
    );
    const { items } = await listAssignableUsers(manager);
    expect(items.find((u) => u.id === agent.id)?.assignable).toBe(true);
    expect(items.find((u) => u.id === manager.id)?.assignable).toBe(true);
    expect(items.find((u) => u.id === agent2.id)?.assignable).toBe(false);
    await expectAppError(
      createLead({ actor: agent, input: { name: "X", phone: uniquePhone(), ownerId: agent2.id } }),
      "VALIDATION",
      "ownerId",
    );
    await expectAppError(
      createLead({ actor: manager, input: { name: "X", phone: uniquePhone(), ownerId: "nobody" } }),
      "VALIDATION",
      "ownerId",
    );
  });

  it("lets exactly one of two racing creates with the same phone win", async () => {
    const { actor } = await makeUser({ role: "ADMIN" });
    const phone = uniquePhone();
    const results = await Promise.allSettled([1, 2, 3].map((n) => createLead({ actor, input: { name: `Racer ${n}`, phone } })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect((r.reason as AppError).kind).toBe("CONFLICT");
  });
});

describe("visibility", () => {
  it("hides other agents' leads as 404 and shows all to managers and admins", async () => {
    const { actor: a1 } = await makeUser();
    const { actor: a2 } = await makeUser();
    const { actor: manager } = await makeUser({ role: "MANAGER" });
    const { actor: admin } = await makeUser({ role: "ADMIN" });
    const lead = await makeLead({ ownerId: a1.id });
    await expect(getLead({ actor: a1, id: lead.id })).resolves.toMatchObject({ id: lead.id });
    await expectAppError(getLead({ actor: a2, id: lead.id }), "NOT_FOUND");
    await expectAppError(updateLead({ actor: a2, id: lead.id, patch: { status: "WON" } }), "NOT_FOUND");
    await expectAppError(addNote({ actor: a2, leadId: lead.id, input: { body: "hi" } }), "NOT_FOUND");
    await expectAppError(listActivities({ actor: a2, leadId: lead.id, page: { limit: 10 } }), "NOT_FOUND");
    await expect(getLead({ actor: manager, id: lead.id })).resolves.toMatchObject({ id: lead.id });
    await expect(getLead({ actor: admin, id: lead.id })).resolves.toMatchObject({ id: lead.id });
  });

  it("lists only the agent's own leads, whatever ownerId they ask for", async () => {
    const { actor: a1 } = await makeUser();
    const { actor: a2 } = await makeUser();
    await makeLead({ ownerId: a1.id });
    await makeLead({ ownerId: a2.id });
    const own = await listLeads({ actor: a1, query: query() });
    expect(own.items.every((l) => l.owner?.id === a1.id)).toBe(true);
    expect(own.total).toBe(1);
    const other = await listLeads({ actor: a1, query: query({ ownerId: a2.id }) });
    expect(other).toEqual({ items: [], nextCursor: null, total: 0 });
  });
});

describe("listLeads", () => {
  it("walks every page with the cursor, in order, without gaps or repeats", async () => {
    const { actor } = await makeUser();
    const ids = new Set<string>();
    for (let i = 0; i < 23; i++) ids.add((await makeLead({ ownerId: actor.id, name: `Pager ${String(i).padStart(2, "0")}` })).id);
    for (const sort of ["updatedAt", "createdAt", "name"] as const) {
      for (const order of ["asc", "desc"] as const) {
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await listLeads({ actor, query: query({ limit: 5, sort, order, cursor }) });
          expect(page.total).toBe(23);
          seen.push(...page.items.map((l) => l.id));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        expect(seen).toHaveLength(23);
        expect(new Set(seen)).toEqual(ids);
      }
    }
    const byName = await listLeads({ actor, query: query({ limit: 3, sort: "name", order: "asc" }) });
    expect(byName.items.map((l) => l.name)).toEqual(["Pager 00", "Pager 01", "Pager 02"]);
  });

  it("searches by name, email and phone digits in any format", async () => {
    const { actor } = await makeUser();
    const lead = await makeLead({ ownerId: actor.id, name: "Zubin Searchable" });
    await makeLead({ ownerId: actor.id, name: "Someone Else" });
    const digits = lead.phone.slice(-10);
    for (const q of ["zubin", "SEARCHABLE", digits.slice(-4), `0${digits}`, `+91 ${digits.slice(0, 5)} ${digits.slice(5)}`]) {
      const page = await listLeads({ actor, query: query({ q }) });
      expect(
        page.items.map((l) => l.id),
        q,
      ).toEqual([lead.id]);
    }
  });

  it("searches within the actor's scope and filters, takes % and _ literally, and pages through few or many matches", async () => {
    const { actor: manager } = await makeUser({ role: "MANAGER" });
    const { actor: agent } = await makeUser();
    const { actor: other } = await makeUser();
    // Letters only: digits in a search also match phone numbers.
    const letters = Array.from(randomUUID().replace(/-/g, "").slice(0, 10), (c) => String.fromCharCode(97 + (parseInt(c, 16) % 26)));
    const tag = `Qz${letters.join("")}`;
    const won = await makeLead({ ownerId: agent.id, name: `${tag} Won`, status: "WON" });
    const fresh = await makeLead({ ownerId: agent.id, name: `${tag} New` });
    const theirs = await makeLead({ ownerId: other.id, name: `${tag} Theirs`, status: "WON" });
    const percent = await makeLead({ ownerId: agent.id, name: `${tag} 50% off_sale` });
    const ids = async (actor: typeof agent, q: Record<string, unknown>) =>
      (await listLeads({ actor, query: query(q) })).items.map((l) => l.id).sort();
    expect(await ids(agent, { q: tag })).toEqual([won.id, fresh.id, percent.id].sort());
    expect(await ids(agent, { q: tag, status: "WON" })).toEqual([won.id]);
    expect(await ids(agent, { q: tag, ownerId: other.id })).toEqual([]);
    expect(await ids(manager, { q: tag, ownerId: other.id })).toEqual([theirs.id]);
    expect(await ids(manager, { q: tag, status: "WON" })).toEqual([won.id, theirs.id].sort());
    expect(await ids(agent, { q: `${tag} 50%` })).toEqual([percent.id]);
    expect(await ids(agent, { q: `${tag} 50_` })).toEqual([]);
    expect(await ids(agent, { q: `${tag}\u0000 Won` })).toEqual([won.id]); // NUL is dropped, never sent to PostgreSQL

    // More matches than a search counts (500): "500+", newest first, and the cursor still walks them.
    const many = `${tag}Many`;
    await db.lead.createMany({
      data: Array.from({ length: 510 }, (_, i) => {
        const phone = uniquePhone();
        return {
          name: `${many} ${i}`,
          phone,
          phoneLast10: phone.slice(-10),
          ownerId: agent.id,
          updatedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
        };
      }),
    });
    const first = await listLeads({ actor: agent, query: query({ q: many, limit: 100 }) });
    expect(first.total).toBe(500);
    expect(first.totalCapped).toBe(true);
    expect(first.items.map((l) => l.name).slice(0, 3)).toEqual([`${many} 509`, `${many} 508`, `${many} 507`]);
    const seen = new Set(first.items.map((l) => l.id));
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await listLeads({ actor: agent, query: query({ q: many, limit: 100, cursor }) });
      for (const l of page.items) seen.add(l.id);
      cursor = page.nextCursor;
    }
    expect(seen.size).toBe(510);
    // Few matches: exact total, and pages in order too.
    const few = await listLeads({ actor: agent, query: query({ q: `${many} 50`, limit: 5 }) });
    expect(few.totalCapped).toBeFalsy();
    expect(few.total).toBe(11); // "… 50" and "… 500" to "… 509"
    expect(few.items.map((l) => l.name)).toEqual([`${many} 509`, `${many} 508`, `${many} 507`, `${many} 506`, `${many} 505`]);
  });

  /** An agent, a search word only their leads hold, and their leads by name and the second of 2026 they were last updated. */
  async function searchFixture(prefix: string) {
    const { actor: agent } = await makeUser();
    const tag = `${prefix}${randomUUID()
      .replace(/[^a-f]/g, "")
      .slice(0, 8)}`;
    const lead = (name: string, second: number) => {
      const phone = uniquePhone();
      return { name, phone, phoneLast10: phone.slice(-10), ownerId: agent.id, updatedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, second)) };
    };
    return { agent, tag, lead };
  }

  it("finds the page of a search whose many matches are rare in the list's order (past the walk, all matches sorted)", async () => {
    const { agent, tag, lead } = await searchFixture("Qw");
    // 510 matches, every one older than SEARCH_WALK_ROWS leads that do not match.
    await db.lead.createMany({ data: Array.from({ length: 510 }, (_, i) => lead(`${tag} ${i}`, i)) });
    await db.lead.createMany({ data: Array.from({ length: SEARCH_WALK_ROWS }, (_, i) => lead(`Filler ${i}`, 1000 + i)) });
    const first = await listLeads({ actor: agent, query: query({ q: tag, limit: 5 }) });
    expect(first.totalCapped).toBe(true);
    expect(first.items.map((l) => l.name)).toEqual([`${tag} 509`, `${tag} 508`, `${tag} 507`, `${tag} 506`, `${tag} 505`]);
    const next = await listLeads({ actor: agent, query: query({ q: tag, limit: 5, cursor: first.nextCursor }) });
    expect(next.items.map((l) => l.name)).toEqual([`${tag} 504`, `${tag} 503`, `${tag} 502`, `${tag} 501`, `${tag} 500`]);
  });

  it("counts a dense search's total in the newest leads, across the sample's edge, and exactly below the cap", async () => {
    const { agent, tag, lead } = await searchFixture("Qd");
    // One lead in four matches: SEARCH_SAMPLE_ROWS newest leads hold 500 of them, the 501st lies past the sample.
    const rows = SEARCH_SAMPLE_ROWS + 400;
    await db.lead.createMany({ data: Array.from({ length: rows }, (_, i) => lead(i % 4 === 0 ? `${tag} ${i}` : `Other ${i}`, i)) });
    const expected = Array.from({ length: rows }, (_, i) => i).filter((i) => i % 4 === 0 && `${tag} ${i}`.includes(`${tag} 1`));
    expect(expected.length).toBeGreaterThan(SEARCH_SAMPLE_DENSE);
    const { probeFromMatches } = searchTuning;
    // As the table were large (the probe runs), then as it is (the trigram index counts): the same answers.
    for (const from of [0, probeFromMatches]) {
      searchTuning.probeFromMatches = from;
      try {
        const capped = await listLeads({ actor: agent, query: query({ q: tag, limit: 3 }) });
        expect(capped).toMatchObject({ total: 500, totalCapped: true });
        expect(capped.items.map((l) => l.name)).toEqual([`${tag} ${rows - 4}`, `${tag} ${rows - 8}`, `${tag} ${rows - 12}`]);
        // Dense in the sample, but fewer than the cap in all: the exact total (the trigram index counts it).
        const fewer = await listLeads({ actor: agent, query: query({ q: `${tag} 1`, limit: 3 }) });
        expect(fewer).toMatchObject({ total: expected.length, totalCapped: false });
      } finally {
        searchTuning.probeFromMatches = probeFromMatches;
      }
    }
  });

  it("filters by status and rejects a malformed cursor with 422", async () => {
    const { actor } = await makeUser();
    await makeLead({ ownerId: actor.id, status: "WON" });
    await makeLead({ ownerId: actor.id, status: "NEW" });
    const won = await listLeads({ actor, query: query({ status: "WON" }) });
    expect(won.items.map((l) => l.status)).toEqual(["WON"]);
    await expectAppError(listLeads({ actor, query: query({ cursor: "not-a-cursor" }) }), "VALIDATION", "cursor");
  });
});

describe("updateLead and the timeline", () => {
  it("records status changes and assignments as activities, newest first", async () => {
    const { actor: manager } = await makeUser({ role: "MANAGER" });
    const { actor: agent } = await makeUser({ managerId: manager.id });
    const lead = await makeLead();
    await updateLead({ actor: manager, id: lead.id, patch: { status: "QUALIFIED" } });
    await updateLead({ actor: manager, id: lead.id, patch: { ownerId: agent.id } });
    const note = await addNote({ actor: agent, leadId: lead.id, input: { body: "Wants a demo on Friday" } });
    expect(note.type).toBe("NOTE");
    const timeline = await listActivities({ actor: agent, leadId: lead.id, page: { limit: 50 } });
    expect(timeline.items.map((a) => a.type)).toEqual(["NOTE", "ASSIGNMENT", "STATUS_CHANGE"]);
    expect(timeline.items[2]!.payload).toEqual({ from: "NEW", to: "QUALIFIED" });
    expect(timeline.items[1]!.payload).toEqual({ from: null, to: agent.id, fromName: null, toName: agent.name });
  });

  it("stops agents from reassigning and checks phone clashes on edit", async () => {
    const { actor: agent } = await makeUser();
    const { actor: agent2 } = await makeUser();
    const mine = await makeLead({ ownerId: agent.id });
    const other = await makeLead({ ownerId: agent.id });
    await expectAppError(updateLead({ actor: agent, id: mine.id, patch: { ownerId: agent2.id } }), "VALIDATION", "ownerId");
    await expectAppError(updateLead({ actor: agent, id: mine.id, patch: { phone: other.phone } }), "CONFLICT", "phone");
    const updated = await updateLead({
      actor: agent,
      id: mine.id,
      patch: updateLeadSchema.parse({ name: "Renamed", email: "X@Example.com" }),
    });
    expect(updated).toMatchObject({ name: "Renamed", email: "x@example.com" });
  });
});
