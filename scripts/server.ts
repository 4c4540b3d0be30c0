// `npm start`: checks the environment (production refuses to start without its secrets) and
// applies pending migrations (scripts/migrate.ts, in a process of its own), then serves the
// production build. A thin node:http server in front of Next.js, for one reason: route handlers
// cannot see the connection's address, and Next.js keeps a client's own X-Forwarded-For. This
// server stamps every request with the address it really came from (lib/http/client-address.ts),
// so rate limits and the audit log cannot be fooled by a header.
import { createServer } from "node:http";
import path from "node:path";
import { PEER_ADDRESS_HEADER } from "../lib/http/peer";
import { run, SERVER_SCRIPT } from "./lib";
import { withDatabase } from "./with-database";

const root = path.resolve(import.meta.dirname, "..");
(process.env as Record<string, string>).NODE_ENV ??= "production";
// Without DATABASE_URL: the embedded database in a process of its own, reached as PostgreSQL.
const database = await withDatabase();
Object.assign(process.env, database.env);
if ((await run(process.execPath, [...SERVER_SCRIPT, path.join(root, "scripts/migrate.ts")])) !== 0) {
  console.error("Refusing to start: fix the environment or the database (above) first.");
  await database.exit(1);
}

process.env.CRM_PEER_ADDRESS = "1";
const { default: next } = await import("next");
const port = Number(process.env.PORT ?? 3000);
// Unset: every interface, IPv6 and IPv4 (as `next start` does).
const hostname = process.env.HOSTNAME || undefined;
const app = next({ dev: false, dir: root, hostname: hostname ?? "localhost", port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  // A path that is not valid percent-encoding (/leads/%ff) is the client's error: Next.js's router
  // would throw on it and answer 500.
  if (!hasValidPath(req.url ?? "/")) {
    res.writeHead(400, { "content-type": "application/json", "x-content-type-options": "nosniff" });
    res.end(JSON.stringify({ error: { code: "BAD_REQUEST", message: "The address is not valid percent-encoding" } }));
    return;
  }
  // Whatever a client sent under this name is replaced: only the socket knows who connected.
  req.headers[PEER_ADDRESS_HEADER] = req.socket.remoteAddress ?? "";
  void handle(req, res);
});
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => {
  console.log(`▲ Smartflo CRM on http://${hostname ?? "localhost"}:${port} (APP_URL ${process.env.APP_URL ?? "http://localhost:3000"})`);
});

function hasValidPath(url: string): boolean {
  try {
    decodeURIComponent(url.split("?")[0]!);
    return true;
  } catch {
    return false;
  }
}

let closing = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    server.close();
    server.closeIdleConnections();
    void app.close().finally(() => database.exit(0));
    setTimeout(() => void database.exit(0), 10_000).unref();
  });
}
