"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useLiveStatus } from "@/components/live/live-provider";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import type { CallDto } from "@/lib/calls/dto";
import { CALL_STATUS_LABELS, isActiveCallStatus } from "@/lib/calls/status";
import type { LeadStatusValue } from "@/lib/leads/status-labels";
import { ApiError, reacting } from "@/lib/queries/api";
import { callEnded, callOptions, hangupMutation, startCallMutation } from "@/lib/queries/calls";
import { leadComplianceOptions } from "@/lib/queries/compliance";
import { formatDateTime, formatDuration } from "../ui/format";
import { PhoneIcon } from "../ui/phone-icon";
import { Kbd } from "../ui/shortcuts";
import { useNow } from "../ui/use-now";
import { useCallElapsed } from "./call-clock";
import { Countdown } from "./countdown";
import { DispositionForm } from "./lazy-disposition-form";

export interface ActiveCallRef {
  id: string;
  callId: string | null;
  status: string;
}

/** The call bar: the status in the product's one set of words, and what it means for the agent. */
function describe(call: CallDto, inCallSeconds: number, now: number): { label: string; detail?: string; tone: string } {
  const label = CALL_STATUS_LABELS[call.status];
  // A call that ended a while ago (still waiting for its outcome) says when, not only that it ended.
  const endedAt = call.endedAt ?? call.updatedAt;
  const when = now - new Date(endedAt).getTime() > 10 * 60_000 ? ` · ${formatDateTime(endedAt)}` : "";
  switch (call.status) {
    case "INITIATED":
      return { label: `${label}…`, detail: "Smartflo is ringing your phone first", tone: "bg-slate-800" };
    case "RINGING":
      return { label: `${label}…`, detail: "Pick up your phone; the customer is rung next", tone: "bg-sky-700" };
    case "ANSWERED":
      return { label, detail: formatDuration(inCallSeconds), tone: "bg-emerald-700" };
    case "COMPLETED":
      return {
        label,
        detail: `Call ended${call.talkSeconds != null ? ` · talk time ${formatDuration(call.talkSeconds)}` : ""}${when}`,
        tone: "bg-slate-700",
      };
    case "MISSED":
      return { label, detail: `Nobody answered${when}`, tone: "bg-amber-700" };
    default:
      return { label, detail: call.error ?? undefined, tone: "bg-rose-700" };
  }
}

export interface LeadPhoneOption {
  number: string;
  display: string;
  label: string;
  primary: boolean;
}

const PHONE_LABEL: Record<string, string> = { MOBILE: "Mobile", WORK: "Work", HOME: "Home", OTHER: "Other" };

export function CallPanel({
  leadId,
  leadName,
  phones,
  leadStatus,
  initialCall,
  offerId,
  countdownSeconds,
  onOutcomeSaved,
  onStarted,
}: {
  leadId: string;
  leadName: string;
  phones: LeadPhoneOption[];
  leadStatus?: LeadStatusValue;
  initialCall: ActiveCallRef | null;
  /** The dialer's offer the call is placed from. */
  offerId?: string;
  /** The dialer dials by itself after this many seconds (null: the agent presses Call). */
  countdownSeconds?: number | null;
  onOutcomeSaved?: () => void;
  onStarted?: () => void;
}) {
  const queryClient = useQueryClient();
  const primary = phones.find((p) => p.primary) ?? phones[0];
  const [number, setNumber] = useState(primary?.number ?? "");
  const chosen = phones.find((p) => p.number === number) ?? primary;
  const phone = chosen?.display ?? "";
  // The ids returned by click-to-call live in component state; the live state is polled.
  const [current, setCurrent] = useState<ActiveCallRef | null>(initialCall);
  const [dismissed, setDismissed] = useState(false);
  const [editingOutcome, setEditingOutcome] = useState(false);

  // Do-not-call, consent and calling hours, for the chosen number: said before the click (the server checks again).
  const compliance = useQuery(leadComplianceOptions(leadId));
  const refusal = compliance.data?.phones.find((p) => p.number === chosen?.number)?.callable;
  const blocked = refusal && !refusal.ok ? refusal : null;

  const streaming = useLiveStatus() === "open";
  const live = useQuery({
    ...callOptions(current?.id ?? "none"),
    enabled: !!current,
    // The live stream keeps it current. Without it: poll while live, and after our own hangup
    // briefly, until Smartflo's hangup webhook replaces the provisional end with the real talk time.
    refetchInterval: (q) => {
      if (streaming) return false;
      const c = q.state.data;
      if (!c || isActiveCallStatus(c.status)) return 1000;
      const provisional = c.hangupCause === "HANGUP_BY_AGENT" && Date.now() - new Date(c.endedAt ?? c.updatedAt).getTime() < 30_000;
      return provisional ? 2000 : false;
    },
  });
  const call = live.data;
  const active = call ? isActiveCallStatus(call.status) : !!current;
  const now = useNow(active);
  const elapsed = useCallElapsed();

  const ended = call && !isActiveCallStatus(call.status);
  const finalStamp = ended ? `${call.status}:${call.talkSeconds}:${call.recordingUrl}` : null;
  useEffect(() => {
    if (finalStamp) callEnded(queryClient, leadId);
  }, [finalStamp, leadId, queryClient]);

  const start = useMutation(
    reacting(startCallMutation(leadId), {
      onSuccess: (started) => {
        setDismissed(false);
        setEditingOutcome(false);
        setCurrent(started);
        onStarted?.();
      },
    }),
  );
  const hangup = useMutation(hangupMutation(leadId));
  const dial = () => start.mutate({ phone: chosen?.number, offerId });

  const callIdKnown = Boolean(call?.callId ?? current?.callId);
  const state = call
    ? describe(call, elapsed(call.answeredAt, call.startedAt, now), now)
    : current
      ? { label: "Connecting…", detail: "Smartflo is ringing your phone first", tone: "bg-slate-800" }
      : null;
  // A refusal the compliance check now shows as well (the click came before it loaded) is said once.
  const startError = start.error instanceof ApiError && !(blocked && start.error.code === blocked.code) ? start.error : null;

  const countingDown = countdownSeconds != null && !current && !start.isPending && !start.isError && !blocked && compliance.isSuccess;
  return (
    <div className="flex flex-col items-end gap-2">
      {phones.length > 1 && (
        <label className="flex items-center gap-2 text-sm text-slate-600">
          Number
          <select
            value={number}
            onChange={(e) => setNumber(e.target.value)}
            disabled={active}
            className="rounded-md border-0 py-1 pr-8 pl-2 text-sm text-slate-900 ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-500"
            data-testid="call-number-picker"
          >
            {phones.map((p) => (
              <option key={p.number} value={p.number}>
                {p.display} · {PHONE_LABEL[p.label] ?? p.label}
                {p.primary ? " (primary)" : ""}
              </option>
            ))}
          </select>
        </label>
      )}
      {countingDown && <Countdown key={offerId} seconds={countdownSeconds} onDone={dial} />}
      <Button
        size="lg"
        variant="success"
        onClick={dial}
        loading={start.isPending}
        disabled={active || !!blocked}
        aria-label={`Call ${leadName} on ${phone}`}
        aria-describedby={blocked ? "call-blocked" : undefined}
        title={active ? "A call is in progress" : blocked ? blocked.message : `Call ${phone}`}
        data-testid="call-button"
        data-shortcut="c"
      >
        {!start.isPending && <PhoneIcon />}
        <span>{start.isPending ? "Calling…" : "Call"}</span>
        {!start.isPending && <Kbd>c</Kbd>}
      </Button>
      {blocked && !active && (
        <p id="call-blocked" className="max-w-xs text-right text-sm text-rose-700" data-testid="call-blocked" data-code={blocked.code}>
          {blocked.message}
        </p>
      )}
      {startError && (
        <p role="alert" className="max-w-xs text-right text-sm text-rose-700" data-testid="call-error">
          {startError.body.activeCall ? "You already have a call in progress." : startError.message}
        </p>
      )}
      {state && current && !dismissed && (
        <div
          className={cx(
            "w-full min-w-72 rounded-lg px-4 py-3 text-white shadow-md",
            state.tone,
            // On a phone a live call's bar sits above the tab bar, Hang up within the thumb's reach wherever the page is scrolled.
            active && "max-lg:fixed max-lg:inset-x-3 max-lg:bottom-[calc(4.25rem+env(safe-area-inset-bottom))] max-lg:z-40 max-lg:w-auto",
          )}
          role="status"
          aria-live="polite"
          data-testid="call-bar"
          data-status={call?.status ?? "INITIATED"}
        >
          <div className="flex items-center justify-between gap-4">
            <div>
              <p className="font-semibold" data-testid="call-state">
                {state.label}
              </p>
              {state.detail && <p className="text-sm text-white/80 tabular-nums">{state.detail}</p>}
            </div>
            {active ? (
              <Button
                variant="danger"
                onClick={() => hangup.mutate(call?.callId ?? current!.id)}
                loading={hangup.isPending}
                disabled={!callIdKnown}
                className="ring-1 ring-white/30"
                data-testid="hangup-button"
                data-shortcut="h"
              >
                Hang up <Kbd>h</Kbd>
              </Button>
            ) : (
              <button
                type="button"
                onClick={() => setDismissed(true)}
                className="rounded px-2 py-1 text-sm text-white/80 hover:bg-white/10 hover:text-white"
              >
                Dismiss
              </button>
            )}
          </div>
          {active && !callIdKnown && (
            <p className="mt-1 text-xs text-white/70">Hang up becomes available as soon as Smartflo reports the call…</p>
          )}
          {hangup.isError && (
            <p role="alert" className="mt-1 text-sm text-rose-100">
              {hangup.error.message}
            </p>
          )}
          {live.isError && <p className="mt-1 text-xs text-white/80">Live status unavailable: {live.error.message}. Retrying…</p>}
        </div>
      )}
      {call && ended && current && !dismissed && (!call.disposition || editingOutcome) && (
        <DispositionForm
          key={call.id}
          call={call}
          leadId={leadId}
          leadStatus={leadStatus}
          onDone={call.disposition ? () => setEditingOutcome(false) : undefined}
          onSaved={onOutcomeSaved}
        />
      )}
      {call && ended && current && !dismissed && call.disposition && !editingOutcome && (
        <p className="text-sm text-slate-700" data-testid="disposition-saved">
          Outcome: <strong>{call.disposition}</strong>{" "}
          <button type="button" className="ml-1 text-brand-700 underline hover:text-brand-800" onClick={() => setEditingOutcome(true)}>
            Change
          </button>
        </p>
      )}
    </div>
  );
}
