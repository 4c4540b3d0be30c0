// Some registry mirrors do not serve other platforms' native binaries (darwin, win32, …), so
// `npm install` leaves their entries out of package-lock.json and `npm ci` then refuses the lock.
// This adds the missing optional platform entries (version, os, cpu; skipped on other platforms,
// fetched by version where they apply). Run after `npm install`: `npm run lock:platforms`.
import { readFileSync, writeFileSync } from "node:fs";

type Entry = { version?: string; dev?: boolean; optional?: boolean; optionalDependencies?: Record<string, string>; [k: string]: unknown };
const lock = JSON.parse(readFileSync("package-lock.json", "utf8")) as { packages: Record<string, Entry> };

function platformOf(name: string) {
  const os = ["darwin", "win32", "linux", "android", "freebsd", "openbsd", "netbsd", "sunos", "aix"].find((o) => name.includes(o));
  const cpu = ["arm64", "x64", "ia32", "arm", "wasm32", "ppc64", "s390x", "riscv64", "loong64", "mips64el"].find((c) =>
    new RegExp(`[-_]${c}([-_]|$)`).test(name),
  );
  const libc = /musl/.test(name) ? "musl" : /gnu/.test(name) && os === "linux" ? "glibc" : undefined;
  return { os, cpu, libc };
}

let added = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [dep, range] of Object.entries(entry.optionalDependencies ?? {})) {
    const base = path ? `${path}/node_modules/${dep}` : `node_modules/${dep}`;
    if (lock.packages[base] || lock.packages[`node_modules/${dep}`]) continue;
    const { os, cpu, libc } = platformOf(dep);
    if (!os && !cpu) continue; // not a platform binary: leave it to npm
    lock.packages[`node_modules/${dep}`] = {
      version: range.replace(/^[\^~=]/, ""),
      ...(cpu ? { cpu: [cpu] } : {}),
      ...(entry.dev ? { dev: true } : {}),
      ...(libc ? { libc: [libc] } : {}),
      optional: true,
      ...(os ? { os: [os] } : {}),
    };
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))));
writeFileSync("package-lock.json", `${JSON.stringify(lock, null, 2)}\n`);
console.log(
  added ? `Added ${added} optional platform entries to package-lock.json` : "package-lock.json already lists every platform binary",
);
