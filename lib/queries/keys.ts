// Query-key factories that the live stream (live.ts) and the break control need, kept apart from
// their modules' fetchers and mutations (the live board, the dialer, the admin settings) so that
// every page's first load does not ship those. Each module re-exports its keys.

export const boardKeys = { all: ["live-board"] as const };

export const dialerKeys = {
  all: ["dialer"] as const,
  session: () => [...dialerKeys.all, "session"] as const,
  settings: () => [...dialerKeys.all, "settings"] as const,
  campaigns: () => ["campaigns"] as const,
  ownNumbers: () => ["own-numbers"] as const,
};

export const settingsKeys = {
  all: ["settings"] as const,
  telephony: () => [...settingsKeys.all, "telephony"] as const,
  /** Every page of the delivery log, whatever its filter. */
  eventsAll: () => [...settingsKeys.all, "events"] as const,
  events: (status: string) => [...settingsKeys.eventsAll(), status] as const,
  reconcile: (runId: string) => [...settingsKeys.all, "reconcile", runId] as const,
  roundRobin: () => [...settingsKeys.all, "round-robin"] as const,
};
