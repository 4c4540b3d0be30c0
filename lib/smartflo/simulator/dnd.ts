// The simulator's account DND list and blocked numbers (/broadcast/dnd/list, /broadcast/dnd/lead,
// /blocked_number, /blocked_numbers): sets of numbers as the CRM pushes them.

export type SimDnd = { dnd: Set<string>; blocked: Set<string> };

export function dndApi(state: SimDnd, path: string, method: string, body: Record<string, unknown>): [number, unknown] | null {
  if (path === "/broadcast/dnd/list" && method === "GET")
    return [200, { success: true, data: [...state.dnd].map((number) => ({ number })) }];
  if (path === "/blocked_numbers" && method === "GET")
    return [200, { success: true, data: [...state.blocked].map((number) => ({ number })) }];
  if (method !== "POST" || (path !== "/broadcast/dnd/lead" && path !== "/blocked_number")) return null;
  const number = String(body.number ?? "").replace(/\D/g, "");
  if (number.length < 10) return [422, { success: false, message: "The number field is invalid.", errors: { number: ["invalid"] } }];
  (path === "/blocked_number" ? state.blocked : state.dnd).add(number.slice(-10));
  return [200, { success: true, message: "Added" }];
}
