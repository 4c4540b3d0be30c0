"use client";
// One live stream per tab (GET /api/v1/events), applied to the query cache. While it is down the
// pages poll as before (useFallbackInterval) and the nav says "Reconnecting…"; EventSource
// reconnects by itself with Last-Event-ID, and a stream the server refused is retried here with
// the last id in the query string. The viewer's new leads pop (lib/queries/new-leads.ts). What
// applies the events to the cache (lib/queries/live-cache.ts) loads with the first event, not with
// the page: a page where nothing happens never needs it.
import { useQueryClient } from "@tanstack/react-query";
import { createContext, useContext, useEffect, useRef, useState } from "react";
import { cx } from "@/components/ui/cx";
import type { LeadDto } from "@/lib/leads/dto";
import { type CallerCard, LIVE_EVENT_NAMES, type LiveEventName } from "@/lib/queries/live";
import type { LiveCache } from "@/lib/queries/live-cache";
import { tabMemory } from "@/lib/queries/new-leads";

export type LiveStatus = "connecting" | "open" | "reconnecting";

type Subscribe<T> = (fn: (value: T) => void) => () => void;

const LiveContext = createContext<{ status: LiveStatus; onIncoming: Subscribe<CallerCard>; onNewLead: Subscribe<LeadDto> }>({
  status: "connecting",
  onIncoming: () => () => {},
  onNewLead: () => () => {},
});

/** A browser clock off by more than this (the server's render says so) is corrected when judging what is new. */
const SKEW_TOLERANCE_MS = 30_000;

/**
 * `since`: the server's clock when it rendered the page (what changed after is replayed on
 * connecting). `viewerId`: the signed-in user, whose new leads pop.
 */
export function LiveProvider({ since, viewerId, children }: { since: number; viewerId: string; children: React.ReactNode }) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const incomingListeners = useRef(new Set<(card: CallerCard) => void>());
  const newLeadListeners = useRef(new Set<(lead: LeadDto) => void>());

  useEffect(() => {
    const skew = since - Date.now();
    const correction = Math.abs(skew) > SKEW_TOLERANCE_MS ? skew : 0;
    let cache: LiveCache | null = null;
    // Events that came while the cache's code was loading, applied in order once it is here.
    const waiting: [LiveEventName, unknown][] = [];
    let loading = false;
    const load = () => {
      loading = true;
      import("@/lib/queries/live-cache")
        .then(({ LiveCache }) => {
          if (stopped) return;
          cache = new LiveCache(
            queryClient,
            (card) => {
              for (const fn of incomingListeners.current) fn(card);
            },
            {
              viewerId,
              popped: tabMemory(`crm.new-lead-pops.${viewerId}`),
              onPop: (lead) => {
                for (const fn of newLeadListeners.current) fn(lead);
              },
              now: () => Date.now() + correction,
            },
          );
          for (const [name, data] of waiting.splice(0)) apply(name, data);
        })
        // Not loaded (offline a moment): the next event tries again, with these still waiting.
        .catch(() => {
          loading = false;
        });
    };
    const apply = (name: LiveEventName, data: unknown) => {
      if (!cache) {
        waiting.push([name, data]);
        if (!loading) load();
        return;
      }
      try {
        cache.apply(name, data);
      } catch {
        // a malformed frame changes nothing
      }
    };
    let source: EventSource | null = null;
    let lastId: string | null = null;
    let retry: ReturnType<typeof setTimeout> | null = null;
    let backoff = 1000;
    let everOpen = false;
    let stopped = false;

    const connect = () => {
      source = new EventSource(lastId ? `/api/v1/events?lastEventId=${encodeURIComponent(lastId)}` : `/api/v1/events?since=${since}`);
      source.onopen = () => {
        backoff = 1000;
        setStatus("open");
        // Back after an outage: what the lists show may have moved while polling was the only source.
        if (everOpen && !lastId) void queryClient.invalidateQueries();
        everOpen = true;
      };
      source.onerror = () => {
        if (stopped || !source) return;
        setStatus("reconnecting");
        if (source.readyState === EventSource.CLOSED) {
          // Refused (signed out, server restarting): try again later, from where we were.
          source = null;
          retry = setTimeout(connect, backoff);
          backoff = Math.min(backoff * 2, 30_000);
        }
      };
      for (const name of LIVE_EVENT_NAMES) {
        source.addEventListener(name, (e) => {
          const message = e as MessageEvent<string>;
          if (message.lastEventId) lastId = message.lastEventId;
          let data: unknown;
          try {
            data = JSON.parse(message.data);
          } catch {
            return; // a malformed frame changes nothing
          }
          apply(name, data);
        });
      }
    };
    // The network went away: do not wait for a dead connection to time out; come back the moment it returns.
    const offline = () => {
      source?.close();
      source = null;
      setStatus("reconnecting");
    };
    const online = () => {
      if (source || stopped) return;
      if (retry) clearTimeout(retry);
      backoff = 1000;
      connect();
    };
    window.addEventListener("offline", offline);
    window.addEventListener("online", online);
    connect();
    return () => {
      window.removeEventListener("offline", offline);
      window.removeEventListener("online", online);
      stopped = true;
      if (retry) clearTimeout(retry);
      source?.close();
      cache?.dispose();
    };
  }, [queryClient, since, viewerId]);

  const value = useRef({
    onIncoming: (fn: (card: CallerCard) => void) => {
      incomingListeners.current.add(fn);
      return () => void incomingListeners.current.delete(fn);
    },
    onNewLead: (fn: (lead: LeadDto) => void) => {
      newLeadListeners.current.add(fn);
      return () => void newLeadListeners.current.delete(fn);
    },
  }).current;
  return (
    <LiveContext.Provider value={{ status, onIncoming: value.onIncoming, onNewLead: value.onNewLead }}>{children}</LiveContext.Provider>
  );
}

export const useLiveStatus = () => useContext(LiveContext).status;
export const useOnIncomingCall = () => useContext(LiveContext).onIncoming;
/** Told of each new lead this tab pops (lib/queries/new-leads.ts). */
export const useOnNewLead = () => useContext(LiveContext).onNewLead;

/** A query's polling interval: none while the live stream is up, `ms` while it is down. */
export function useFallbackInterval(ms: number): number | false {
  return useLiveStatus() === "open" ? false : ms;
}

/** "Reconnecting…" in the nav while the stream is down for more than a moment. */
export function LiveIndicator() {
  const status = useLiveStatus();
  const [show, setShow] = useState(false);
  useEffect(() => {
    if (status !== "reconnecting") return setShow(false);
    const t = setTimeout(() => setShow(true), 1500);
    return () => clearTimeout(t);
  }, [status]);
  if (!show) return null;
  return (
    <span
      role="status"
      className={cx(
        "inline-flex items-center gap-1.5 rounded-full bg-amber-50 px-2.5 py-1",
        "text-xs font-medium text-amber-800 ring-1 ring-amber-200",
      )}
      data-testid="live-reconnecting"
    >
      <span className="size-1.5 animate-pulse rounded-full bg-amber-500" aria-hidden />
      Reconnecting…
    </span>
  );
}
