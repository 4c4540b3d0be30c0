import { z } from "zod";
import { Role } from "../generated/prisma/enums";
import { personNameSchema } from "../validation";

const agentNumber = z
  .string()
  .trim()
  .max(20, "must be at most 20 characters")
  .regex(/^\+?\d{2,15}$/, "must be digits (an extension or a phone number)")
  .nullable();

/** One password rule for a new user's initial password, a changed password and sign-in's own check. */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 128;
export const passwordSchema = z
  .string({ error: "is required" })
  .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH, `must be at most ${MAX_PASSWORD_LENGTH} characters`);

export const createUserSchema = z.strictObject({
  name: personNameSchema(100),
  email: z
    .email("is not a valid email address")
    .max(254)
    .transform((v) => v.toLowerCase()),
  password: passwordSchema,
  role: z.enum(Role, { error: "must be ADMIN, MANAGER or AGENT" }),
  smartfloAgentNumber: agentNumber.optional(),
  managerId: z.string().max(100).nullable().optional(),
});

export const updateUserSchema = z
  .strictObject({
    name: personNameSchema(100).optional(),
    role: z.enum(Role, { error: "must be ADMIN, MANAGER or AGENT" }).optional(),
    smartfloAgentNumber: agentNumber.optional(),
    managerId: z.string().max(100).nullable().optional(),
    active: z.boolean({ error: "must be true or false" }).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: "nothing to update", path: ["body"] });
