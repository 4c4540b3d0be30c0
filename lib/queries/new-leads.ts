// The new-lead pop, from the live stream: when a lead becomes the viewer's with its first-response
// clock running and no call yet — a new lead routed to them, or one moved to them — each of their
// open tabs pops it once ("New lead: Asha, Website, 4:12 left", Call now). Only what happens while
// the tab is open pops: a lead that arrived (or was moved) more than a few minutes ago does not,
// whatever later event names it, and neither does anything on loading the page or a resync. A new
// caller ringing the viewer has the inbound screen pop instead (components/live/incoming-call.tsx).
// The decisions are lib/queries/new-lead-pops.ts (loaded with the live stream's first event); here
// is what the pop on screen reads and the tab's memory of what it popped.
import { type QueryClient, queryOptions } from "@tanstack/react-query";
import type { LeadDto } from "../leads/dto";
import type { Items } from "./api";

export const newLeadKeys = { pops: () => ["new-lead-pops"] as const };

/** The pops on screen, newest first: written by the live stream (LiveCache), read by the pop. */
export function newLeadPopsOptions() {
  return queryOptions({
    queryKey: newLeadKeys.pops(),
    // Nothing to fetch: a refetch (a resync reads everything again) keeps what is there.
    queryFn: ({ client }) => client.getQueryData<Items<LeadDto>>(newLeadKeys.pops()) ?? { items: [] },
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Dismissed (or called from the pop): off the screen; this tab does not pop it again. */
export function dismissNewLeadPop(client: QueryClient, leadId: string) {
  client.setQueryData<Items<LeadDto>>(newLeadKeys.pops(), (d) =>
    d?.items.some((l) => l.id === leadId) ? { items: d.items.filter((l) => l.id !== leadId) } : d,
  );
}

/** Lead ids a tab has popped: kept in sessionStorage, so a reload of the tab does not pop them again. */
export interface PoppedIds {
  has(id: string): boolean;
  add(id: string): void;
}

export const REMEMBERED = 200;

export function tabMemory(key = "crm.new-lead-pops"): PoppedIds {
  const ids = new Set<string>();
  try {
    for (const id of JSON.parse(sessionStorage.getItem(key) ?? "[]") as unknown[]) if (typeof id === "string") ids.add(id);
  } catch {
    // no storage (private mode, a server render): this page's memory only
  }
  return {
    has: (id) => ids.has(id),
    add: (id) => {
      ids.add(id);
      try {
        sessionStorage.setItem(key, JSON.stringify([...ids].slice(-REMEMBERED)));
      } catch {
        // storage full or refused: remembered for this page
      }
    },
  };
}

export interface NewLeadWatch {
  /** The signed-in user: only their own leads pop. */
  viewerId: string;
  popped: PoppedIds;
  /** Told of each pop (the browser notification while the tab is in the background). */
  onPop?: (lead: LeadDto) => void;
  /** The server's time now (the browser's clock corrected by the skew seen when the page loaded). */
  now?: () => number;
}
