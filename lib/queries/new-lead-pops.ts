// The new-lead pop's decisions, from the live stream (lib/queries/live-cache.ts feeds it): which
// lead pops, once, in which tab. What it is and what pops: lib/queries/new-leads.ts.
import type { QueryClient } from "@tanstack/react-query";
import type { CallerCard } from "../calls/caller";
import type { CallListItem } from "../calls/list";
import { isActiveCallStatus } from "../calls/status";
import type { ActivityDto, LeadDto } from "../leads/dto";
import { isRecent, isWaiting } from "../leads/first-response";
import type { Items } from "./api";
import { liveKeys } from "./live";
import { dismissNewLeadPop, type NewLeadWatch, newLeadKeys, REMEMBERED } from "./new-leads";

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
    const cards = this.qc.getQueryData<Items<CallerCard>>(liveKeys.incoming())?.items ?? [];
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
