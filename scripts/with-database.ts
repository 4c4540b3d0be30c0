// The database a local app process uses: DATABASE_URL when set, else the embedded database
// started in a process of its own (its URL handed on as DATABASE_URL). Stops it on the way out.
import { startEmbeddedDatabase } from "../lib/db/embedded/launch";

export async function withDatabase(): Promise<{ env: Record<string, string>; exit(code: number): Promise<never> }> {
  if (process.env.DATABASE_URL) return { env: {}, exit: async (code) => process.exit(code) };
  const dir = process.env.PGLITE_DIR || ".data/pglite";
  const started = Date.now();
  const embedded = await startEmbeddedDatabase(dir, {
    onExit: (code) => {
      console.error(`The embedded database stopped (code ${code}): stopping too.`);
      process.exit(1);
    },
  });
  console.log(`Embedded database (${dir}) on ${embedded.url} in ${Date.now() - started} ms`);
  return {
    // Its one backend serves every connection: a statement one connection prepared would collide with the next's.
    env: { DATABASE_URL: embedded.url, EMBEDDED_DATABASE: dir, DATABASE_PREPARED_STATEMENTS: "0" },
    async exit(code) {
      await embedded.stop();
      process.exit(code);
    },
  };
}
