// The simulator's credentials: not secrets (the integrations page shows them in development).
export const SIM_SECRETS = {
  metaAppSecret: "sim-meta-app-secret-9f3c2a71",
  metaVerifyToken: "sim-meta-verify-token",
  metaPageToken: "sim-meta-page-access-token",
  metaPageId: "104857600000001",
  googleKey: "sim-google-ads-key-5d1e",
  indiamartKey: "sim-indiamart-crm-key-mR7x",
} as const;
