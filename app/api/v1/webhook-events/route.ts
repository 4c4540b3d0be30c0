import { z } from "zod";
import { authed, parseInput, searchParams } from "@/lib/api/handler";
import { listWebhookEvents } from "@/lib/webhooks/deliveries";

const schema = z.object({
  status: z
    .enum(["RECEIVED", "PROCESSED", "DUPLICATE", "UNMATCHED", "REJECTED", "FAILED"], { error: "is not a delivery status" })
    .optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number({ error: "must be a number" }).int().min(1, "must be at least 1").max(100, "must be at most 100").default(50),
});

export const GET = authed(async ({ request, actor }) =>
  Response.json(await listWebhookEvents({ actor, ...parseInput(schema, searchParams(request)) })),
);
