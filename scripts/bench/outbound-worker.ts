// One app server's outgoing-webhook job, as lib/jobs/index.ts runs it (drain for up to 20 s, then a
// second's pause), against DATABASE_URL, until its parent says stop. Used by scripts/bench/outbound.ts.
import { drainOutbox } from "../../lib/outbound/dispatch";

let stopping = false;
process.on("message", (m) => {
  if (m === "stop") stopping = true;
});
while (!stopping) {
  await drainOutbox({ forMs: 20_000 });
  await new Promise((r) => setTimeout(r, 1000));
}
const { db } = await import("../../lib/db");
await db.$disconnect();
process.exit(0);
