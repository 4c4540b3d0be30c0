// nginx from Debian's packages in front of the app servers: installed when missing (as
// scripts/ensure-chromium.ts does for Chromium), run in the foreground (`daemon off`) from a
// temporary prefix with the configuration in scripts/cluster/nginx.conf.
import { type ChildProcess, execSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const CANDIDATES = ["/usr/sbin/nginx", "/usr/bin/nginx"];

export function nginxBinary(): string | undefined {
  return process.env.NGINX_PATH ?? CANDIDATES.find((p) => existsSync(p));
}

/** nginx's path, installing Debian's package first when there is none (needs root or sudo, and apt). */
export function ensureNginx(log: (line: string) => void): string {
  let bin = nginxBinary();
  if (bin) return bin;
  log("nginx is missing: installing Debian's nginx (apt-get)…");
  const sudo = process.getuid?.() === 0 ? "" : "sudo ";
  const install = (pkg: string) =>
    execSync(`${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${pkg}`, { stdio: "inherit" });
  execSync(`${sudo}apt-get update -qq`, { stdio: "inherit" });
  try {
    install("nginx-light");
  } catch {
    install("nginx");
  }
  bin = nginxBinary();
  if (!bin) throw new Error("nginx is still missing after apt-get install (set NGINX_PATH to one)");
  return bin;
}

export interface NginxProxy {
  url: string;
  prefix: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts nginx on `port` in front of the two app servers; resolves once it answers. */
export async function startProxy(bin: string, port: number, upstreams: [number, number], log: (line: string) => void): Promise<NginxProxy> {
  const prefix = mkdtempSync(path.join(tmpdir(), "crm-nginx-"));
  for (const dir of ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]) mkdirSync(path.join(prefix, dir));
  const template = readFileSync(path.join(import.meta.dirname, "nginx.conf"), "utf8");
  const values: Record<string, string> = { PREFIX: prefix, PORT: String(port), PORT_A: String(upstreams[0]), PORT_B: String(upstreams[1]) };
  const config = template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? "");
  const confPath = path.join(prefix, "nginx.conf");
  writeFileSync(confPath, config);
  execSync(`${bin} -t -q -p ${prefix} -e ${prefix}/error.log -c ${confPath}`, { stdio: "inherit" });
  const child = spawn(bin, ["-p", prefix, "-e", `${prefix}/error.log`, "-c", confPath], {
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode} (see ${prefix}/error.log)`);
    const up = await fetch(`${url}/nginx-not-a-route`, { signal: AbortSignal.timeout(1000) }).then(
      () => true,
      () => false,
    );
    if (up) break;
    if (Date.now() - started > 10_000) throw new Error("nginx did not come up");
    await new Promise((r) => setTimeout(r, 100));
  }
  log(`nginx ${bin} on ${url} (prefix ${prefix})`);
  const stop = async () => {
    if (child.exitCode === null) {
      await new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        // QUIT: a graceful stop (open streams are closed); KILL if it does not go.
        child.kill("SIGQUIT");
        setTimeout(() => {
          try {
            child.kill("SIGKILL");
          } catch {}
          resolve();
        }, 3000).unref();
      });
    }
    rmSync(prefix, { recursive: true, force: true });
  };
  return { url, prefix, process: child, stop };
}
