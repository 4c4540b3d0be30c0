// The simulator's dialer break API (/dialer/break_list, /dialer/break/start, /dialer/break/end):
// a fixed list of break codes and, per agent number, the break they are on.

export const SIM_BREAK_CODES = [
  { break_code: "101", name: "Lunch" },
  { break_code: "102", name: "Tea break" },
  { break_code: "103", name: "Training" },
  { break_code: "104", name: "Meeting" },
];

export type SimBreaks = Map<string, { code: string; since: string }>;

/** Answers one break API request: [HTTP status, body], or null when the path is not a break route. */
export function breakApi(breaks: SimBreaks, path: string, method: string, body: Record<string, unknown>): [number, unknown] | null {
  if (path === "/dialer/break_list" && method === "GET") return [200, { success: true, data: SIM_BREAK_CODES }];
  if (method !== "POST" || (path !== "/dialer/break/start" && path !== "/dialer/break/end")) return null;
  const agent = String(body.agent_number ?? "").trim();
  if (!agent) return [422, { success: false, message: "The agent number field is required.", errors: { agent_number: ["required"] } }];
  if (path === "/dialer/break/end") {
    if (!breaks.delete(agent)) return [400, { success: false, message: "Agent is not on break" }];
    return [200, { success: true, message: "Break ended" }];
  }
  const code = String(body.break_code ?? "");
  if (!SIM_BREAK_CODES.some((b) => b.break_code === code)) return [400, { success: false, message: "Invalid break code" }];
  if (breaks.has(agent)) return [400, { success: false, message: "Agent is already on break" }];
  breaks.set(agent, { code, since: new Date().toISOString() });
  return [200, { success: true, message: "Break started" }];
}
