// The new-lead pop, from the live stream: when a lead becomes the viewer's with its first-response
// clock running and no call yet — a new lead routed to them, or one moved to them — each of their
// open tabs pops it once ("New lead: Asha, Website, 4:12 left", Call now). Only what happens while
// the tab is open pops: a lead that arrived (or was moved) more than a few minutes ago does not,
// whatever later event names it, and neither does anything on loading the page or a resync. A new
// caller ringing the viewer has the inbound screen pop instead (components/live/incoming-call.tsx).
import { type QueryClient, queryOptions } from "@tanstack/react-query";
import type { CallerCard } from "../calls/caller";
import type { CallListItem } from "../calls/list";
import { isActiveCallStatus } from "../calls/status";
import type { ActivityDto, LeadDto } from "../leads/dto";
import { isRecent, isWaiting } from "../leads/first-response";
import type { Items } from "./api";
import { callKeys } from "./calls";

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

const REMEMBERED = 200;

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

/** A bounded insertion-ordered memory (the oldest forgotten first). */
function remember<V>(map: Map<string, V>, key: string, value: V) {
  map.delete(key);
  map.set(key, value);
  if (map.size > REMEMBERED) map.delete(map.keys().next().value!);
}

export class NewLeadPops {
  /** The viewer's waiting leads heard of lately that did not pop (not new): they pop if a move to the viewer follows. */
  private heard = new Map<string, LeadDto>();
  /** Leads just moved to the viewer whose own event has not come yet (the timeline entry came first). */
  private movedHere = new Map<string, true>();

  constructor(
    private qc: QueryClient,
    private watch: NewLeadWatch,
  ) {}

  private now() {
    return this.watch.now?.() ?? Date.now();
  }

  /** `lead.updated`: a lead of the viewer's with a running clock pops if it arrived, or was moved here, just now. */
  lead(lead: LeadDto) {
    if (lead.owner?.id !== this.watch.viewerId || !isWaiting(lead.firstResponse)) return this.forget(lead.id);
    this.qc.setQueryData<Items<LeadDto>>(newLeadKeys.pops(), (d) =>
      d?.items.some((l) => l.id === lead.id) ? { items: d.items.map((l) => (l.id === lead.id ? lead : l)) } : d,
    );
    if (this.watch.popped.has(lead.id)) return;
    if (this.isCalling(lead.id)) return this.ringing(lead.id);
    if (isRecent(lead.createdAt, this.now()) || this.movedHere.has(lead.id)) return this.pop(lead);
    remember(this.heard, lead.id, lead);
  }

  /** `activity.created`: an assignment to the viewer made just now (a manager, the clock's escalation, a campaign). */
  activity(activity: ActivityDto) {
    const to = (activity.payload as { to?: unknown }).to;
    if (activity.type !== "ASSIGNMENT" || to !== this.watch.viewerId || !isRecent(activity.createdAt, this.now())) return;
    if (this.watch.popped.has(activity.leadId)) return;
    const lead = this.heard.get(activity.leadId);
    if (lead) return this.pop(lead);
    remember(this.movedHere, activity.leadId, true);
  }

  /** `call.updated`: a call out to the lead (or an answered one in) is its first response; the pop has done its work. */
  call(call: CallListItem) {
    if (call.leadId && (call.direction === "OUTBOUND" || call.answeredAt)) this.forget(call.leadId);
  }

  /**
   * `call.incoming`: the person is calling the viewer (a new caller's lead is made by the call): the
   * inbound screen pop shows them; the new-lead pop does not, then or later in this tab.
   */
  incoming(card: CallerCard) {
    for (const lead of card.leads) this.ringing(lead.id);
  }

  private ringing(leadId: string) {
    this.watch.popped.add(leadId);
    this.forget(leadId);
  }

  /** Whether a live inbound call of this lead is on the viewer's screen pop. */
  private isCalling(leadId: string) {
    // liveKeys.incoming() (lib/queries/live.ts imports this file).
    const cards = this.qc.getQueryData<Items<CallerCard>>([...callKeys.all, "incoming"])?.items ?? [];
    return cards.some((c) => isActiveCallStatus(c.call.status) && c.leads.some((l) => l.id === leadId));
  }

  /** `lead.removed`: given to someone else, or erased. */
  removed(leadId: string) {
    this.forget(leadId);
  }

  private forget(leadId: string) {
    this.heard.delete(leadId);
    this.movedHere.delete(leadId);
    dismissNewLeadPop(this.qc, leadId);
  }

  private pop(lead: LeadDto) {
    this.watch.popped.add(lead.id);
    this.heard.delete(lead.id);
    this.movedHere.delete(lead.id);
    this.qc.setQueryData<Items<LeadDto>>(newLeadKeys.pops(), (d) => ({
      items: [lead, ...(d?.items ?? []).filter((l) => l.id !== lead.id)],
    }));
    this.watch.onPop?.(lead);
  }
}
