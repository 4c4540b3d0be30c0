// Smartflo's dialer break API (agent availability): the account's break codes, and starting and
// ending an agent's break. Accounts without the dialer answer 404; callers treat that as "not here".
import { z } from "zod";
import type { SmartfloClient } from "./client";
import { listOf } from "./responses";

const breakCodeSchema = z
  .object({
    break_code: z.coerce.string().optional(),
    code: z.coerce.string().optional(),
    id: z.coerce.string().optional(),
    name: z.string(),
  })
  .loose()
  .transform((b) => ({ code: b.break_code ?? b.code ?? b.id ?? b.name, name: b.name }));
const ok = z.unknown();

export const smartfloBreaks = {
  list: (client: SmartfloClient): Promise<{ code: string; name: string }[]> =>
    client.request("GET", "/dialer/break_list", listOf(breakCodeSchema), { allow404: true }),
  start: async (client: SmartfloClient, input: { agentNumber: string; breakCode: string }) => {
    await client.request("POST", "/dialer/break/start", ok, {
      body: { agent_number: input.agentNumber, break_code: input.breakCode },
      allow404: true,
    });
  },
  end: async (client: SmartfloClient, input: { agentNumber: string }) => {
    await client.request("POST", "/dialer/break/end", ok, { body: { agent_number: input.agentNumber }, allow404: true });
  },
};
