// Starts the built-in lead-sources simulator (Meta, Google Ads, IndiaMART) for a local app and
// returns the environment that points each connector at it: only the connectors whose own
// variables are not set (a developer with a real Meta app keeps it, and simulates the others).
import { LeadSourcesSimulator, SIM_SECRETS } from "../lib/connectors/simulator/server";

/** In development IndiaMART is pulled every 10 s (IndiaMART itself allows one pull per 5 minutes). */
const DEV_PULL_SECONDS = 10;

export async function leadSourcesEnv(opts: { appPort: string; simPort: number; env: NodeJS.ProcessEnv }) {
  const e = opts.env;
  const simulate = {
    meta: !e.META_APP_SECRET && !e.META_PAGE_ACCESS_TOKEN && !e.META_VERIFY_TOKEN,
    google: !e.GOOGLE_ADS_WEBHOOK_KEY,
    indiamart: !e.INDIAMART_CRM_KEY,
  };
  if (!simulate.meta && !simulate.google && !simulate.indiamart) return { env: {}, sim: null };
  const sim = new LeadSourcesSimulator({
    port: opts.simPort,
    appUrl: `http://localhost:${opts.appPort}`,
    indiamartMinIntervalSeconds: DEV_PULL_SECONDS,
    log: (line) => console.log(`[lead-sim] ${line}`),
  });
  const url = await sim.start();
  console.log(`[lead-sim] Meta, Google Ads and IndiaMART simulated on ${url} (Settings → Integrations sends test leads)`);
  return {
    env: {
      LEAD_SOURCES_SIMULATOR_URL: url,
      ...(simulate.meta
        ? {
            META_APP_SECRET: SIM_SECRETS.metaAppSecret,
            META_VERIFY_TOKEN: SIM_SECRETS.metaVerifyToken,
            META_PAGE_ACCESS_TOKEN: SIM_SECRETS.metaPageToken,
            META_GRAPH_URL: sim.graphUrl,
          }
        : {}),
      ...(simulate.google ? { GOOGLE_ADS_WEBHOOK_KEY: SIM_SECRETS.googleKey } : {}),
      ...(simulate.indiamart
        ? {
            INDIAMART_CRM_KEY: SIM_SECRETS.indiamartKey,
            INDIAMART_URL: sim.indiamartUrl,
            INDIAMART_PULL_INTERVAL_SECONDS: String(DEV_PULL_SECONDS),
          }
        : {}),
    },
    sim,
  };
}
