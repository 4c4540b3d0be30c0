// Part of `npm test` (with TEST_DATABASE_URL): two production servers on one PostgreSQL. A
// webhook posted to server A reaches the live stream of a browser connected to server B, and a
// change made through B reaches a stream on A; the other agent's stream on B hears neither.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../lib/generated/prisma/client";
import { createUserWithPassword } from "../../lib/users/create-user";
import { CLUSTER_PASSWORD, freshDatabase, openEvents, postWebhook, signIn, startCluster } from "../live-cluster";

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const log = (line: string) => console.log(`[two-servers] ${line}`);

function fail(message: string): never {
  console.error(`[two-servers] FAIL: ${message}`);
  process.exit(1);
}

async function waitUntil(test: () => boolean, what: string, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!test()) {
    if (Date.now() > deadline) fail(`${what} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const databaseUrl = await freshDatabase(ADMIN_URL, "crm_two_servers");
const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
const agent = await createUserWithPassword(db, {
  name: "Cluster Agent",
  email: "agent@cluster.local",
  password: CLUSTER_PASSWORD,
  role: "AGENT",
  smartfloAgentNumber: "9000000101",
});
await createUserWithPassword(db, {
  name: "Cluster Agent Two",
  email: "agent2@cluster.local",
  password: CLUSTER_PASSWORD,
  role: "AGENT",
  smartfloAgentNumber: "9000000102",
});
const lead = await db.lead.create({
  data: { name: "Cluster Lead", phone: "+919876500101", phoneLast10: "9876500101", ownerId: agent.id },
});
await db.$disconnect();

const cluster = await startCluster(databaseUrl, [3291, 3292], "two-servers");
let code = 0;
try {
  const [onB, otherOnB, onA] = await Promise.all([
    signIn(cluster.b, "agent@cluster.local"),
    signIn(cluster.b, "agent2@cluster.local"),
    signIn(cluster.a, "agent@cluster.local"),
  ]);
  const seenB: string[] = [];
  const seenOther: string[] = [];
  const seenA: string[] = [];
  const streams = await Promise.all([
    openEvents(cluster.b, onB, (name, data) => seenB.push(`${name} ${data}`)),
    openEvents(cluster.b, otherOnB, (name, data) => seenOther.push(`${name} ${data}`)),
    openEvents(cluster.a, onA, (name, data) => seenA.push(`${name} ${data}`)),
  ]);
  await new Promise((r) => setTimeout(r, 300));

  const res = await postWebhook(cluster.a, {
    call_id: "two-servers-1",
    call_status: "answered",
    direction: "outbound",
    duration: "45",
    ref_id: lead.id,
    agent_number: "9000000101",
    customer_number: "9876500101",
  });
  if (res.status !== 200) fail(`webhook on A answered ${res.status}`);
  await waitUntil(() => seenB.some((e) => e.startsWith("call.updated") && e.includes(lead.id)), "the call reached server B's stream");
  await waitUntil(() => seenB.some((e) => e.startsWith("lead.updated") && e.includes('"CONTACTED"')), "the CONTACTED lead reached B");
  log("a webhook posted to A reached the agent's stream on B");

  // The other way: a note added through B reaches the stream on A.
  const note = await fetch(`${cluster.b}/api/v1/leads/${lead.id}/notes`, {
    method: "POST",
    headers: { cookie: onB, "content-type": "application/json", origin: cluster.b.replace("127.0.0.1", "localhost") },
    body: JSON.stringify({ body: "Sent from B" }),
  });
  if (note.status !== 201) fail(`note on B answered ${note.status} ${await note.text()}`);
  await waitUntil(() => seenA.some((e) => e.startsWith("activity.created") && e.includes("Sent from B")), "B's note reached A's stream");
  log("a note added through B reached the agent's stream on A");

  if (seenOther.some((e) => e.includes(lead.id))) fail("another agent's stream heard this agent's lead");
  log("the other agent's stream on B heard none of it");
  await Promise.all(streams.map((s) => s.close()));
} catch (error) {
  console.error(error);
  code = 1;
} finally {
  await cluster.stop();
}
process.exit(code);
