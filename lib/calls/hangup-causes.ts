// Why a call ended, in a sales floor's words: telephony's cause codes (NORMAL_CLEARING, USER_BUSY,
// Smartflo's reason keys) never reach the screen. Pure: the browser uses it too.
const CAUSES: Record<string, string> = {
  NORMAL_CLEARING: "Ended normally",
  HANGUP_BY_AGENT: "Hung up from the CRM",
  USER_BUSY: "Line busy",
  BUSY: "Line busy",
  NO_ANSWER: "Not answered",
  NO_USER_RESPONSE: "Not answered",
  ORIGINATOR_CANCEL: "Caller hung up before it was answered",
  CALL_REJECTED: "Call rejected",
  SUBSCRIBER_ABSENT: "Phone switched off or out of reach",
  UNALLOCATED_NUMBER: "Number not in service",
  INVALID_NUMBER_FORMAT: "Not a valid number",
  NORMAL_TEMPORARY_FAILURE: "Network problem",
  NETWORK_OUT_OF_ORDER: "Network problem",
  RECOVERY_ON_TIMER_EXPIRE: "Timed out",
  ALLOTTED_TIMEOUT: "Timed out",
  MEDIA_TIMEOUT: "Line went silent",
  CALL_COMPLETED: "Ended normally",
};

/** "Line busy" for USER_BUSY; Smartflo's readable reason keys ("Call Completed") pass in sentence case; null when unknown. */
export function hangupCauseLabel(cause: string | null | undefined): string | null {
  if (!cause) return null;
  const code = cause
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, "_");
  if (CAUSES[code]) return CAUSES[code];
  // A phrase (a reason key like "No Answer") reads as itself; an unknown code says nothing useful.
  if (/[a-z]/.test(cause) && /\s/.test(cause.trim())) {
    const text = cause.trim().toLowerCase();
    return text[0]!.toUpperCase() + text.slice(1);
  }
  return null;
}
