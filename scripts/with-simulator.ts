// Starts the built-in Smartflo simulator for a local app when no Smartflo credentials are set,
// and returns the environment that points the app at it.
import { SmartfloSimulator } from "../lib/smartflo/simulator/server";

export async function simulatorEnv(opts: { appPort: string; simPort: number; timeScale: number; env: NodeJS.ProcessEnv }) {
  const hasCredentials = Boolean(opts.env.SMARTFLO_API_TOKEN || opts.env.SMARTFLO_EMAIL);
  if (hasCredentials) return { env: {}, sim: null };
  const token = opts.env.SMARTFLO_WEBHOOK_TOKEN;
  const webhookUrl = `http://localhost:${opts.appPort}/api/v1/smartflo/webhook${token ? `?token=${encodeURIComponent(token)}` : ""}`;
  const sim = new SmartfloSimulator({
    port: opts.simPort,
    webhookUrl,
    timeScale: opts.timeScale,
    apiTokens: ["sim-token"],
    log: (line) => console.log(`[smartflo-sim] ${line}`),
  });
  const url = await sim.start();
  console.log(`[smartflo-sim] No Smartflo credentials set: using the built-in simulator on ${url}/v1`);
  return {
    env: {
      SMARTFLO_BASE_URL: `${url}/v1`,
      SMARTFLO_API_TOKEN: "sim-token",
      SMARTFLO_SIMULATOR: "1",
      SMARTFLO_SIMULATOR_TIME_SCALE: String(opts.timeScale),
    },
    sim,
  };
}
