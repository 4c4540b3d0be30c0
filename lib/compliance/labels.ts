// How pages name where a do-not-call mark came from and how consent was given (server and browser).

export const DNC_SOURCE_LABELS: Record<string, string> = {
  OUTCOME: "call outcome",
  INBOUND_OPT_OUT: "opt-out on a call they made",
  IMPORT: "DND list import",
  API: "an admin",
};

export const CONSENT_METHOD_LABELS = { WEB_FORM: "Web form", CALL: "On a call", IMPORT: "Import", DOCUMENT: "Signed document" } as const;
