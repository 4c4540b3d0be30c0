// Telephony set-up inputs, shared by the admin page and the route handlers.
import { z } from "zod";
import { TRIGGER_KEYS } from "../smartflo/triggers";

export const testDeliverySchema = z.strictObject({
  trigger: z.enum(TRIGGER_KEYS, { error: "is not a known trigger" }).default("hangup"),
});
export type TestDeliveryInput = z.input<typeof testDeliverySchema>;
