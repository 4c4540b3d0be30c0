import { z } from "zod";
import { API_SCOPES } from "./scopes";

export const createApiKeySchema = z.strictObject({
  name: z.string().trim().min(1, "is required").max(80, "must be at most 80 characters"),
  scopes: z.array(z.enum(API_SCOPES)).min(1, "choose at least one").max(API_SCOPES.length),
  expiresAt: z.coerce
    .date()
    .refine((d) => d.getTime() > Date.now(), "must be in the future")
    .nullish(),
});
export type CreateApiKeyInput = z.infer<typeof createApiKeySchema>;
