// Smartflo's account DND list and blocked numbers: what is there, and adding a number to each.
// Numbers travel as Smartflo writes them (ten digits for India).
import { z } from "zod";
import type { SmartfloClient } from "./client";
import { listOf } from "./responses";

const entry = z
  .union([z.object({ number: z.coerce.string() }).loose(), z.coerce.string().transform((number) => ({ number }))])
  .transform((e) => e.number.replace(/\D/g, "").slice(-10));

export const smartfloDnd = {
  list: (client: SmartfloClient): Promise<string[]> => client.request("GET", "/broadcast/dnd/list", listOf(entry), { allow404: true }),
  add: async (client: SmartfloClient, number10: string) => {
    await client.request("POST", "/broadcast/dnd/lead", z.unknown(), { body: { number: number10 } });
    await client.request("POST", "/blocked_number", z.unknown(), { body: { number: number10 } });
  },
};
