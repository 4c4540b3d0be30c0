import { z } from "zod";

const secret = z.string().trim().min(8, "must be at least 8 characters").max(500).nullable();

export const updateIntegrationSchema = z.strictObject({
  enabled: z.boolean().optional(),
  /** Each secret set (a string) or cleared (null); never read back. */
  secrets: z.record(z.string(), secret).optional(),
});

export const formMappingSchema = z.strictObject({
  /** Lead field (or fields.<key>) → the form's question key. */
  mapping: z.record(z.string(), z.string().trim().min(1).max(200)),
});
