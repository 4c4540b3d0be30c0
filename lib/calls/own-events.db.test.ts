// Our own side of a call (the click-to-call answer, a refusal, the agent's hang-up) goes through
// crm_apply_call_event like a webhook: one writer, the timeline and the lead kept on every path,
// and never over Smartflo's final word.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeLead, makeUser } from "@/scripts/test/factories";
import { appError, simulatedSmartflo, until } from "@/scripts/test/simulated-smartflo";
import { db } from "../db";
import { hangupCall } from "./hang-up-call";
import { applyOwnEvent } from "./own-events";
import { startCall } from "./start-call";

const { sim, receiver } = simulatedSmartflo();

// Counts every write to a call row (a trigger of this test's own, dropped afterwards).
beforeAll(async () => {
  await db.$executeRawUnsafe(`CREATE TABLE IF NOT EXISTS test_call_write (call_id text NOT NULL, op text NOT NULL)`);
  await db.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION test_count_call_write() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN INSERT INTO test_call_write VALUES (NEW.id, TG_OP); RETURN NEW; END $fn$`);
  await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS test_count_call_write ON "call"`);
  await db.$executeRawUnsafe(
    `CREATE TRIGGER test_count_call_write AFTER INSERT OR UPDATE ON "call" FOR EACH ROW EXECUTE FUNCTION test_count_call_write()`,
  );
});
// Gone again afterwards: the migrations test compares this database's functions with the migrations'.
afterAll(async () => {
  await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS test_count_call_write ON "call"`);
  await db.$executeRawUnsafe(`DROP FUNCTION IF EXISTS test_count_call_write()`);
  await db.$executeRawUnsafe(`DROP TABLE IF EXISTS test_call_write`);
});
const writes = async (callId: string) =>
  (await db.$queryRaw<{ op: string }[]>`SELECT op FROM test_call_write WHERE call_id = ${callId}`).map((r) => r.op);

describe("our own side of a call, through crm_apply_call_event", () => {
  it("one click-to-call writes its call row twice (created, accepted) and puts the call on the timeline at once", async () => {
    sim.configure({ mode: "sync", webhookUrl: null });
    const { actor } = await makeUser();
    const lead = await makeLead({ ownerId: actor.id });
    sim.setScenario(lead.phone, { outcome: "answer", ringSeconds: 1000, talkSeconds: 1000 });
    const started = await startCall({ actor, leadId: lead.id });
    expect(await writes(started.id)).toEqual(["INSERT", "UPDATE"]);
    const row = await db.call.findUniqueOrThrow({ where: { id: started.id } });
    expect(row).toMatchObject({ status: "RINGING", providerCallId: started.callId });
    expect(await db.activity.count({ where: { callId: started.id, type: "CALL" } })).toBe(1);
    sim.configure({ mode: "async", webhookUrl: receiver.url });
    await hangupCall({ actor, callId: started.id });
  });

  it("a call Smartflo refuses ends FAILED with Smartflo's words, on the timeline, without counting as contact", async () => {
    const { actor } = await makeUser();
    const lead = await makeLead({ ownerId: actor.id });
    sim.addFault({ kind: "success-false", path: "/click_to_call", times: 1 });
    expect((await appError(startCall({ actor, leadId: lead.id }))).status).toBe(502);
    const failed = await db.call.findFirstOrThrow({ where: { leadId: lead.id } });
    expect(failed).toMatchObject({ status: "FAILED", talkSeconds: 0 });
    expect(failed.error).toMatch(/Agent is not available/);
    expect(failed.endedAt).not.toBeNull();
    expect(await db.activity.count({ where: { callId: failed.id, type: "CALL" } })).toBe(1);
    expect((await db.lead.findUniqueOrThrow({ where: { id: lead.id } })).lastContactedAt).toBeNull();
  });

  it("the agent's hang-up is provisional: Smartflo's final word replaces it, and it never replaces Smartflo's", async () => {
    sim.configure({ webhookUrl: null });
    const { actor } = await makeUser();
    const lead = await makeLead({ ownerId: actor.id });
    sim.setScenario(lead.phone, { outcome: "answer", ringSeconds: 1000, talkSeconds: 1000 });
    const started = await startCall({ actor, leadId: lead.id });
    await until(
      () => db.call.findUniqueOrThrow({ where: { id: started.id } }),
      (c) => c.providerCallId !== null,
    );
    const hung = await hangupCall({ actor, callId: started.id });
    expect(hung).toMatchObject({ status: "MISSED", hangupCause: "HANGUP_BY_AGENT" });
    // The unanswered call is an attempt: the lead's last contact moves and a call-back is due.
    expect((await db.lead.findUniqueOrThrow({ where: { id: lead.id } })).lastContactedAt).not.toBeNull();
    expect(await db.task.count({ where: { callId: started.id, kind: "CALL_BACK" } })).toBe(1);

    // Smartflo's webhook says the customer answered and talked 95 s: its final word wins.
    const ended = new Date();
    await db.$queryRaw`SELECT crm_apply_call_event(${started.id}, NULL, ${JSON.stringify({
      status: "COMPLETED",
      isFinal: true,
      source: "webhook",
      answeredAt: new Date(ended.getTime() - 95_000).toISOString(),
      endedAt: ended.toISOString(),
      talkSeconds: 95,
      hangupCause: "NORMAL_CLEARING",
    })}::jsonb, 30)`;
    // A late hang-up or refusal from our side changes nothing now.
    await applyOwnEvent(started.id, "hangup", { status: "MISSED", isFinal: true, endedAt: new Date(), talkSeconds: 0 });
    await applyOwnEvent(started.id, "refused", { status: "FAILED", isFinal: true, error: "late" });
    const final = await db.call.findUniqueOrThrow({ where: { id: started.id } });
    expect(final).toMatchObject({ status: "COMPLETED", talkSeconds: 95, hangupCause: "NORMAL_CLEARING", error: null });
    expect((await db.lead.findUniqueOrThrow({ where: { id: lead.id } })).status).toBe("CONTACTED");
    sim.configure({ webhookUrl: receiver.url });
  });
});
