// The e2e server's fixed settings, shared by scripts/e2e-server.ts and the specs. A production
// server (NODE_ENV=production) on plain http: the e2e run is a private network by definition.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_SIM_PORT = Number(process.env.E2E_SIM_PORT ?? 4110);
/** The demo users' password for the run (production refuses the published default). */
export const PASSWORD = process.env.DEMO_PASSWORD ?? "e2e-Demo-Passw0rd-not-the-default";
export const WEBHOOK_TOKEN = "e2e-webhook-token-0123456789-abcdefghij";
