// Silent monitoring: a supervisor listening in is not announced to the agent while that call is
// live (the timeline entry reaches them once the call is over; supervisors and the audit log have
// it at once). Whispering and barging are heard on the call, so their entries show at once.

/** A timeline entry that says a supervisor listened in on a call. */
export function isMonitorEntry(activity: { type: string; payload: unknown }): boolean {
  return activity.type === "CALL_ACTION" && (activity.payload as { action?: unknown } | null)?.action === "monitor";
}
