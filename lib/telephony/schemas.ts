import { z } from "zod";

export const ownNumberSchema = z.strictObject({
  number: z.string({ error: "is required" }).trim().min(1, "is required").max(40, "must be at most 40 characters"),
  label: z.string().trim().max(100, "must be at most 100 characters").nullish(),
});
