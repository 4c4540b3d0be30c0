"use client";
// The inbound screen pop: while a call rings or is answered at this agent, who is calling (name,
// status, owner, their last call and its outcome, open follow-ups) and "Open lead"; a number
// several leads share asks which. It comes back after a reload (the server knows the live call),
// turns into the outcome form when the call ends, and raises a browser notification when the tab
// is in the background (permission asked from a click, in the nav: call-alerts-button.tsx).
// The card itself (incoming-call-card.tsx) loads when a call comes in, not with every page.
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { lazyComponent } from "@/components/ui/lazy";
import { type CallerCard, incomingCallsOptions } from "@/lib/queries/live";
import { useFallbackInterval, useOnIncomingCall } from "./live-provider";

const IncomingCallCard = lazyComponent(() => import("./incoming-call-card").then((m) => m.IncomingCallCard));

function notify(card: CallerCard) {
  if (typeof Notification === "undefined" || Notification.permission !== "granted" || !document.hidden) return;
  const who = card.newCaller || card.leads.length === 0 ? "Unknown number" : card.leads.length > 1 ? card.number : card.leads[0]!.name;
  const n = new Notification(`Incoming call: ${who ?? "Unknown number"}`, { body: card.number ?? "", tag: card.call.id });
  n.onclick = () => {
    window.focus();
    n.close();
  };
}

export function IncomingCall() {
  const incoming = useQuery({ ...incomingCallsOptions(), refetchInterval: useFallbackInterval(5000) });
  const onIncoming = useOnIncomingCall();
  useEffect(() => onIncoming(notify), [onIncoming]);
  // The card on screen: the newest live call, kept after it ends for its outcome.
  const [kept, setKept] = useState<CallerCard | null>(null);
  const [closed, setClosed] = useState<Set<string>>(new Set());
  const live = incoming.data?.items.find((c) => !closed.has(c.call.id)) ?? null;
  useEffect(() => {
    if (live) setKept(live);
  }, [live]);
  const card = live ?? (kept && !closed.has(kept.call.id) ? kept : null);
  if (!card) return null;
  return <IncomingCallCard card={card} onClose={() => setClosed((s) => new Set(s).add(card.call.id))} />;
}
