// `npm run smartflo:sim`: the local Smartflo simulator as a standalone server.
// Env: SIM_PORT (4010), SIM_WEBHOOK_URL (http://localhost:3000/api/v1/smartflo/webhook), SIM_TIME_SCALE (1), SIM_MODE (async|sync).
import { SmartfloSimulator } from "../lib/smartflo/simulator/server";

const webhookUrl = process.env.SIM_WEBHOOK_URL ?? "http://localhost:3000/api/v1/smartflo/webhook";
const sim = new SmartfloSimulator({
  port: Number(process.env.SIM_PORT ?? 4010),
  webhookUrl,
  timeScale: Number(process.env.SIM_TIME_SCALE ?? 1),
  mode: process.env.SIM_MODE === "sync" ? "sync" : "async",
  apiTokens: [process.env.SIM_API_TOKEN ?? "sim-token"],
  log: (line) => console.log(`[smartflo-sim] ${line}`),
});
const url = await sim.start();
console.log(`[smartflo-sim] Smartflo simulator on ${url}/v1 → webhooks to ${webhookUrl}`);
const stop = async () => {
  await sim.stop();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
