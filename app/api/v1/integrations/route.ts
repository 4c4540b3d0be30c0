import { authed } from "@/lib/api/handler";
import { listIntegrations } from "@/lib/connectors/admin";

export const dynamic = "force-dynamic";

export const GET = authed(async ({ actor }) => Response.json(await listIntegrations({ actor })));
