// First-load JavaScript of a page, as Chromium downloads it (gzip sizes of every script).
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import { CHROMIUM_LAUNCH } from "../chromium";

export interface LoadedScript {
  url: string;
  bytes: number;
  gzip: number;
}

/** Every script the signed-in page downloads until the network is idle. */
export async function firstLoadScripts(base: string, email: string | null, password: string, path: string): Promise<LoadedScript[]> {
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  try {
    const context = await browser.newContext();
    if (email) {
      const signIn = await context.request.post(`${base}/api/auth/sign-in/email`, { data: { email, password }, headers: { origin: base } });
      if (!signIn.ok()) throw new Error(`bench sign-in failed: ${signIn.status()}`);
    }
    const page = await context.newPage();
    const scripts: LoadedScript[] = [];
    page.on("response", async (res) => {
      if (res.request().resourceType() !== "script") return;
      const body = await res.body().catch(() => null);
      if (body) scripts.push({ url: res.url(), bytes: body.length, gzip: gzipSync(body).length });
    });
    const res = await page.goto(`${base}${path}`, { waitUntil: "networkidle" });
    if (!res?.ok()) throw new Error(`${path} answered ${res?.status()}`);
    return scripts;
  } finally {
    await browser.close();
  }
}

/** email null: not signed in (the floor app's bare page). */
export async function firstLoadJs(base: string, email: string | null, password: string, path: string) {
  const scripts = await firstLoadScripts(base, email, password, path);
  const total = scripts.reduce((a, s) => ({ bytes: a.bytes + s.bytes, gzip: a.gzip + s.gzip }), { bytes: 0, gzip: 0 });
  return { files: scripts.length, ...total };
}
