// The live stream's events applied to the TanStack Query cache: records the stream carries are
// written into every cached query that shows them (the call bar and the timeline get the same
// call from the same event), and the lists whose membership may have changed are refetched,
// coalesced so a burst (an import, a busy floor) costs one refetch per list. New leads of the
// viewer's pop (lib/queries/new-lead-pops.ts). Loaded with the first event, not with every page.
import type { InfiniteData, QueryClient, QueryKey } from "@tanstack/react-query";
import type { CallerCard } from "../calls/caller";
import type { CallListItem } from "../calls/list";
import { isActiveCallStatus } from "../calls/status";
import type { ActivityDto, LeadDto, Page } from "../leads/dto";
import { isWaiting } from "../leads/first-response";
import type { LiveEventName, LiveMessage } from "../live/messages";
import type { Items } from "./api";
import { breakKeys } from "./breaks";
import { type ActiveCall, callKeys } from "./calls";
import { boardKeys, dialerKeys, settingsKeys } from "./keys";
import { leadKeys, patchTimelineCall } from "./leads";
import { liveKeys } from "./live";
import { NewLeadPops } from "./new-lead-pops";
import type { NewLeadWatch } from "./new-leads";
import { taskKeys } from "./tasks";

type ActivityPages = InfiniteData<Page<ActivityDto>>;
type LeadPages = InfiniteData<Page<LeadDto>> | Page<LeadDto>;

/** Replace (or drop, with `null`) a lead in a list query's data, paged or not. */
function mapLeadList(data: LeadPages | undefined, id: string, next: LeadDto | null): LeadPages | undefined {
  if (!data) return data;
  const mapPage = (page: Page<LeadDto>) => ({
    ...page,
    items: next ? page.items.map((l) => (l.id === id ? next : l)) : page.items.filter((l) => l.id !== id),
  });
  return "pages" in data ? { ...data, pages: data.pages.map(mapPage) } : mapPage(data);
}

export class LiveCache {
  private due = new Map<string, QueryKey>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private pops: NewLeadPops | null;
  private viewerId: string | undefined;

  constructor(
    private qc: QueryClient,
    private onIncoming?: (card: CallerCard) => void,
    newLeads?: NewLeadWatch,
  ) {
    this.pops = newLeads ? new NewLeadPops(qc, newLeads) : null;
    this.viewerId = newLeads?.viewerId;
  }

  /** Refetch these queries soon (once however many events ask within 300 ms). */
  private refetchSoon(...keys: QueryKey[]) {
    for (const key of keys) this.due.set(JSON.stringify(key), key);
    this.timer ??= setTimeout(() => {
      this.timer = null;
      const keys = [...this.due.values()];
      this.due.clear();
      for (const queryKey of keys) void this.qc.invalidateQueries({ queryKey });
    }, 300);
  }

  private call(call: CallListItem) {
    const { qc } = this;
    qc.setQueryData(callKeys.detail(call.id), (old: object | undefined) => ({ ...old, ...call }));
    // The viewer's call in progress (the call bar): follows its call, ends with it, or becomes a new one of theirs.
    qc.setQueryData<ActiveCall>(callKeys.active(), (old) => {
      if (!old) return old;
      const live = isActiveCallStatus(call.status);
      if (old.call?.id === call.id) return { call: live ? { ...old.call, ...call } : null };
      return live && call.agent?.id === this.viewerId ? { call } : old;
    });
    if (call.leadId) {
      if (!patchTimelineCall(qc, call.leadId, call.id, call)) this.refetchSoon(leadKeys.activities(call.leadId));
      // A first call (set on the lead by a trigger, which sends no lead event): the clock on its page stops, it stops waiting.
      if (call.direction === "OUTBOUND" || call.answeredAt) {
        if (isWaiting(qc.getQueryData<LeadDto>(leadKeys.detail(call.leadId))?.firstResponse))
          this.refetchSoon(leadKeys.detail(call.leadId));
        this.refetchSoon(leadKeys.waitingAll());
        this.pops?.call(call);
      }
    }
    qc.setQueryData<Items<CallerCard>>(liveKeys.incoming(), (data) =>
      data ? { items: data.items.map((card) => (card.call.id === call.id ? { ...card, call } : card)) } : data,
    );
    // The dialer's progress and the campaigns' counts move with calls (only queries on screen refetch).
    this.refetchSoon(
      callKeys.sinceAll(),
      callKeys.missedCallbacks(),
      callKeys.needsOutcome(),
      dialerKeys.session(),
      dialerKeys.campaigns(),
      boardKeys.all,
    );
  }

  apply(name: LiveEventName, data: unknown) {
    const { qc } = this;
    const m = { event: name, data } as LiveMessage;
    switch (m.event) {
      case "call.updated":
        return this.call(m.data.call);
      case "call.incoming": {
        const card = m.data;
        qc.setQueryData<Items<CallerCard>>(liveKeys.incoming(), (d) => ({
          items: [card, ...(d?.items ?? []).filter((c) => c.call.id !== card.call.id)],
        }));
        this.call(card.call);
        this.pops?.incoming(card);
        return this.onIncoming?.(card);
      }
      case "call.removed":
        qc.setQueryData<Items<CallerCard>>(liveKeys.incoming(), (d) => (d ? { items: d.items.filter((c) => c.call.id !== m.data.id) } : d));
        return this.refetchSoon(callKeys.detail(m.data.id), callKeys.sinceAll());
      case "activity.created": {
        const { activity } = m.data;
        qc.setQueryData<ActivityPages>(leadKeys.activities(activity.leadId), (d) => {
          if (!d || d.pages.some((p) => p.items.some((a) => a.id === activity.id))) return d;
          const [first, ...rest] = d.pages;
          return first ? { ...d, pages: [{ ...first, items: [activity, ...first.items], total: first.total + 1 }, ...rest] } : d;
        });
        // Do-not-call, consent or an erasure change what the lead page allows (and the lead itself).
        if (activity.type === "DO_NOT_CALL" || activity.type === "CONSENT" || activity.type === "ERASURE")
          this.refetchSoon(leadKeys.detail(activity.leadId), leadKeys.lists());
        return this.pops?.activity(activity);
      }
      case "lead.updated": {
        const { lead } = m.data;
        qc.setQueryData(leadKeys.detail(lead.id), (old: LeadDto | undefined) => (old ? lead : old));
        qc.setQueriesData<LeadPages>({ queryKey: leadKeys.lists() }, (d) => mapLeadList(d, lead.id, lead));
        this.pops?.lead(lead);
        return this.refetchSoon(leadKeys.lists(), leadKeys.waitingAll());
      }
      case "lead.removed":
        qc.setQueriesData<LeadPages>({ queryKey: leadKeys.lists() }, (d) => mapLeadList(d, m.data.id, null));
        this.pops?.removed(m.data.id);
        return this.refetchSoon(leadKeys.detail(m.data.id), leadKeys.waitingAll());
      case "task.updated":
      case "task.removed":
        return this.refetchSoon(taskKeys.all);
      case "break.changed":
        return this.refetchSoon(boardKeys.all, breakKeys.all, dialerKeys.session());
      default:
        if (name === "delivery.changed") return this.refetchSoon(settingsKeys.eventsAll(), settingsKeys.telephony());
        // resync: the stream cannot replay what was missed; everything on screen is read again.
        if (name === "resync") return void qc.invalidateQueries();
    }
  }

  dispose() {
    if (this.timer) clearTimeout(this.timer);
  }
}
