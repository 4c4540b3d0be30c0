// `npm run soak`: drives `npm run dev` (embedded database, simulator) for SOAK_MINUTES (30) the way a
// floor does — pages opened in Chromium by an agent and a manager, left before they finish loading,
// API reads cut off mid-flight, calls placed and their webhooks — and fails on any unhandled
// rejection, wasm abort, database re-initialisation or error in the server's log, on a page that
// stops answering, or on memory that keeps growing (either process). Prints a Markdown summary
// (BENCHMARKS.md, "Soak") and writes it to .data/soak/result.md.
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { chromium, type Page } from "playwright-core";
import { CHROMIUM_LAUNCH } from "./chromium";
import { SERVER_SCRIPT } from "./lib";
import { cancelledGet, memoryGrowth, type Sample, scanLine, signIn } from "./soak/lib";

const minutes = Number(process.env.SOAK_MINUTES ?? 30);
const port = Number(process.env.SOAK_PORT ?? 3200);
const simPort = Number(process.env.SOAK_SIM_PORT ?? 4210);
const base = `http://localhost:${port}`;
const dir = path.resolve(".data/soak");
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const logFile = path.join(dir, "dev.log");
const log = createWriteStream(logFile);
const problems: string[] = [];

console.log(`Soak: npm run dev on :${port} for ${minutes} min (log ${path.relative(process.cwd(), logFile)})`);
const dev = spawn(process.execPath, [...SERVER_SCRIPT, "scripts/dev.ts"], {
  env: {
    ...process.env,
    PORT: String(port),
    SIM_PORT: String(simPort),
    PGLITE_DIR: path.join(dir, "pglite"),
    DATABASE_URL: "",
    APP_URL: base,
    SIM_TIME_SCALE: "0.2",
  },
  stdio: ["ignore", "pipe", "pipe"],
  detached: true,
});
for (const stream of [dev.stdout, dev.stderr]) {
  let rest = "";
  stream.on("data", (chunk: Buffer) => {
    log.write(chunk);
    const lines = (rest + chunk.toString()).split("\n");
    rest = lines.pop() ?? "";
    for (const line of lines) {
      const problem = scanLine(line);
      if (problem) problems.push(problem);
    }
  });
}
let devExited = false;
dev.on("exit", (code) => {
  devExited = true;
  problems.push(`the dev server exited (code ${code})`);
});

async function waitForServer() {
  for (let i = 0; i < 600; i++) {
    if (devExited) throw new Error("the dev server exited before it answered");
    const ok = await new Promise<boolean>((resolve) => {
      http.get(`${base}/sign-in`, (res) => resolve(res.statusCode === 200)).on("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error("the dev server did not answer within 10 minutes");
}

/** The resident memory (MB) of the Next.js server process and of the embedded database's process. */
function memory(): { app: number; database: number } {
  const rss = (pattern: RegExp) => {
    let total = 0;
    for (const pid of readdirPids()) {
      try {
        const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8");
        if (!pattern.test(cmd)) continue;
        const status = readFileSync(`/proc/${pid}/status`, "utf8");
        total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
      } catch {}
    }
    return Math.round(total);
  };
  return { app: rss(/next-server/), database: rss(new RegExp(`embedded/process\\.ts\\0${dir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`)) };
}
function readdirPids(): number[] {
  return readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .map(Number);
}

const samples: Sample[] = [];
const counts = { pages: 0, pagesLeftEarly: 0, apiCalls: 0, apiCancelled: 0, calls: 0, webhooks: 0, slow: 0, interrupted: 0 };
let stopAt = 0;

/** The requests each page has sent and not yet seen answered or failed. */
const inFlight = new Map<Page, Set<string>>();
function trackRequests(page: Page) {
  const open = new Set<string>();
  inFlight.set(page, open);
  page.on("request", (r) => open.add(r.url().replace(base, "")));
  const forget = (r: { url(): string }) => open.delete(r.url().replace(base, ""));
  page.on("requestfinished", forget);
  page.on("requestfailed", forget);
}

async function browse(page: Page, paths: string[], role: string) {
  let i = 0;
  while (Date.now() < stopAt && !devExited) {
    const target = paths[i++ % paths.length];
    const leaveEarly = Math.random() < 0.35;
    try {
      if (leaveEarly) {
        void page.goto(base + target).catch(() => {});
        await page.waitForTimeout(30 + Math.random() * 250);
        counts.pagesLeftEarly++;
      } else {
        const started = Date.now();
        let res: Awaited<ReturnType<Page["goto"]>>;
        try {
          res = await page.goto(base + target, { waitUntil: "load", timeout: 60_000 });
        } catch (error) {
          // The page just left (a navigation started and abandoned above, or the dev server's HMR
          // reloading it) can still navigate and cut this one short: that is the browser's doing,
          // not a page that stopped answering. Counted, and tried once more (a second failure counts).
          if (!(error as Error).message.includes("is interrupted by another navigation")) throw error;
          counts.interrupted++;
          res = await page.goto(base + target, { waitUntil: "load", timeout: 60_000 });
        }
        if (!res || res.status() >= 500) problems.push(`${role}: ${target} answered ${res?.status()}`);
        if (Date.now() - started > 20_000) counts.slow++;
        counts.pages++;
        await page.waitForTimeout(500 + Math.random() * 2500);
      }
    } catch (error) {
      // Which requests the page was still waiting for says why it did not load.
      const waiting = [...(inFlight.get(page) ?? [])].slice(0, 6).join(", ") || "none";
      if (!devExited && Date.now() < stopAt)
        problems.push(`${role}: ${target} did not load: ${(error as Error).message.split("\n")[0]} (still waiting for: ${waiting})`);
    }
  }
}

async function hammerApi(cookie: string, leadIds: string[]) {
  const urls = [
    "/api/v1/leads?limit=25",
    "/api/v1/leads?q=a&limit=25",
    "/api/v1/calls?limit=50",
    "/api/v1/dashboard",
    "/api/v1/tasks/counts",
    "/api/v1/live/board",
    "/api/v1/events",
    ...leadIds.slice(0, 5).map((id) => `/api/v1/leads/${id}`),
  ];
  let i = 0;
  while (Date.now() < stopAt && !devExited) {
    const batch = Array.from({ length: 4 }, () => {
      const url = urls[i++ % urls.length];
      const cancelAfter = url === "/api/v1/events" || Math.random() < 0.5 ? Math.random() * 300 : null;
      return cancelledGet(base + url, cookie, cancelAfter).then((r) => {
        counts.apiCalls++;
        if (r.cancelled) counts.apiCancelled++;
        if (r.status && r.status >= 500) problems.push(`GET ${url} answered ${r.status}`);
      });
    });
    await Promise.all(batch);
    await new Promise((r) => setTimeout(r, 100 + Math.random() * 400));
  }
}

async function placeCalls(cookie: string, leadIds: string[]) {
  let i = 0;
  while (Date.now() < stopAt && !devExited) {
    const leadId = leadIds[i++ % leadIds.length];
    const res = await fetch(`${base}/api/v1/smartflo/click-to-call`, {
      method: "POST",
      headers: { cookie, origin: base, "content-type": "application/json" },
      body: JSON.stringify({ leadId }),
    }).catch(() => null);
    if (res) {
      counts.calls++;
      if (res.status >= 500) problems.push(`click-to-call answered ${res.status}: ${await res.text()}`);
      const body = (await res.json().catch(() => null)) as { id?: string } | null;
      // Hang up half of them early, the rest end on their own (the simulator's webhooks).
      if (body?.id && Math.random() < 0.5) {
        await new Promise((r) => setTimeout(r, 2000 + Math.random() * 4000));
        const h = await fetch(`${base}/api/v1/smartflo/hangup`, {
          method: "POST",
          headers: { cookie, origin: base, "content-type": "application/json" },
          body: JSON.stringify({ call_id: body.id }),
        }).catch(() => null);
        if (h && h.status >= 500) problems.push(`hangup answered ${h.status}`);
      }
    }
    await new Promise((r) => setTimeout(r, 15_000 + Math.random() * 15_000));
  }
}

let exitCode = 1;
try {
  await waitForServer();
  const started = Date.now();
  stopAt = started + minutes * 60_000;
  const agentCookie = await signIn(base, "agent@demo.local");
  const managerCookie = await signIn(base, "manager@demo.local");
  const adminCookie = await signIn(base, "admin@demo.local");
  // The soak runs at any hour: open the calling hours (an admin's settings change, through the API).
  const { ALL_DAY_CALLING_HOURS } = await import("../lib/compliance/hours");
  const put = await fetch(`${base}/api/v1/settings/compliance`, {
    method: "PUT",
    headers: { cookie: adminCookie, origin: base, "content-type": "application/json" },
    body: JSON.stringify({ callingHours: ALL_DAY_CALLING_HOURS }),
  });
  if (!put.ok) throw new Error(`could not open the calling hours: ${put.status}`);
  const leads = (await (await fetch(`${base}/api/v1/leads?limit=25`, { headers: { cookie: agentCookie } })).json()) as {
    items: { id: string; doNotCall?: boolean }[];
  };
  const leadIds = leads.items.filter((l) => !l.doNotCall).map((l) => l.id);

  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  const pageAs = async (cookie: string) => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addCookies(
      cookie.split("; ").map((c) => {
        const [name = "", ...value] = c.split("=");
        return { name, value: value.join("="), url: base };
      }),
    );
    const page = await context.newPage();
    page.on("pageerror", (e) => problems.push(`browser: ${e.message}`));
    trackRequests(page);
    return page;
  };
  const agentPage = await pageAs(agentCookie);
  const managerPage = await pageAs(managerCookie);
  const sampler = setInterval(() => {
    const m = memory();
    samples.push({ at: Date.now() - started, ...m });
  }, 20_000);
  samples.push({ at: 0, ...memory() });
  const agentPaths = ["/", "/leads", ...leadIds.slice(0, 4).map((id) => `/leads/${id}`), "/tasks", "/calling", "/settings/account"];
  const managerPaths = ["/live", "/dashboard", "/leads", "/campaigns", "/", "/tasks"];
  await Promise.all([
    browse(agentPage, agentPaths, "agent"),
    browse(managerPage, managerPaths, "manager"),
    hammerApi(agentCookie, leadIds),
    hammerApi(managerCookie, leadIds),
    placeCalls(agentCookie, leadIds),
  ]);
  clearInterval(sampler);
  samples.push({ at: Date.now() - started, ...memory() });
  await browser.close();

  const growth = { app: memoryGrowth(samples, "app"), database: memoryGrowth(samples, "database") };
  for (const [name, g] of Object.entries(growth)) {
    if (g.growing)
      problems.push(`${name} memory keeps growing: ${g.firstMB} MB → ${g.lastMB} MB (medians of the first and last third after warm-up)`);
  }
  const summary = [
    `| run | ${new Date().toISOString().slice(0, 16)}Z, ${minutes} min |`,
    `| pages loaded / left before loading | ${counts.pages} / ${counts.pagesLeftEarly} |`,
    `| API requests / cut off mid-flight | ${counts.apiCalls} / ${counts.apiCancelled} |`,
    `| calls placed (webhooks from the simulator) | ${counts.calls} |`,
    `| page loads cut short by the page being left (tried again) | ${counts.interrupted} |`,
    `| app server memory, after warm-up: first third → last third (peak) | ${mb(growth.app)} |`,
    `| database process memory, same | ${mb(growth.database)} |`,
    `| errors, aborts, unhandled rejections, re-initialisations in the log | ${problems.length} |`,
    `| result | ${problems.length ? "FAIL" : "PASS"} |`,
  ].join("\n");
  writeFileSync(path.join(dir, "result.md"), `${summary}\n`);
  writeFileSync(path.join(dir, "memory.json"), JSON.stringify(samples));
  console.log(`\n| soak | value |\n| --- | --- |\n${summary}`);
  exitCode = problems.length ? 1 : 0;
} catch (error) {
  problems.push(`soak: ${(error as Error).message}`);
} finally {
  if (problems.length) console.error(`\nProblems (${problems.length}):\n${[...new Set(problems)].slice(0, 40).join("\n")}`);
  stop(dev);
  await new Promise((r) => setTimeout(r, 3000));
  process.exit(exitCode);
}

function mb(g: { firstMB: number; lastMB: number; peakMB: number }) {
  return `${g.firstMB} → ${g.lastMB} MB (${g.peakMB} MB)`;
}

function stop(child: ChildProcess) {
  if (child.exitCode !== null || !child.pid) return;
  devExited = true;
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {}
}
