"use client";
// /calling: the preview dialer. One lead at a time from the session's list; Call (or the countdown),
// the outcome, then the next lead. Everything lives in PostgreSQL, so a reload lands where it was.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFallbackInterval } from "@/components/live/live-provider";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { formatDateTime } from "@/components/ui/format";
import { Kbd, KeyboardShortcuts, type Shortcut } from "@/components/ui/shortcuts";
import { isActiveCallStatus } from "@/lib/calls/status";
import { callOptions } from "@/lib/queries/calls";
import {
  type DialerView,
  dialerSessionChanged,
  dialerSessionOptions,
  dialerStepMutation,
  endDialerSessionMutation,
  nextDialerLead,
  skipOffer,
  snoozeOffer,
} from "@/lib/queries/dialer";
import { OfferCard } from "./offer-card";
import { StartSession } from "./start-session";

const DIALER_SHORTCUTS: Shortcut[] = [
  { keys: "c", label: "Call the lead on screen" },
  { keys: "h", label: "Hang up" },
  { keys: "1–9", label: "Choose the call's outcome (then Enter saves)" },
  { keys: "n", label: "Next lead (after the call)" },
  { keys: "s", label: "Skip this lead" },
  { keys: "z", label: "Snooze this lead for an hour" },
  { keys: "?", label: "Show these shortcuts" },
];

const SOURCE_LABEL = { FOLLOW_UPS: "Due follow-ups", FILTER: "My leads", CAMPAIGN: "Campaign" } as const;

function Progress({ progress }: { progress: NonNullable<DialerView["progress"]> }) {
  const total = progress.called + progress.skipped + progress.snoozed + progress.left;
  const done = progress.called + progress.skipped + progress.snoozed;
  const pct = total ? Math.round((done / total) * 100) : 100;
  const stats = [
    ["Called", progress.called],
    ["Answered", progress.answered],
    ["Skipped", progress.skipped],
    ["Snoozed", progress.snoozed],
    ["Left", progress.left],
  ] as const;
  return (
    <div className="min-w-64 flex-1" data-testid="dialer-progress">
      <div
        className="h-2 overflow-hidden rounded-full bg-slate-200"
        role="progressbar"
        aria-label="Session progress"
        aria-valuenow={pct}
        aria-valuemin={0}
        aria-valuemax={100}
      >
        <div className="h-full bg-brand-600 transition-all" style={{ width: `${pct}%` }} />
      </div>
      <dl className="mt-2 flex flex-wrap gap-x-5 gap-y-1 text-sm">
        {stats.map(([k, v]) => (
          <div key={k} className="flex gap-1.5">
            <dt className="text-slate-500">{k}</dt>
            <dd className="font-semibold text-slate-900 tabular-nums" data-testid={`progress-${k.toLowerCase()}`}>
              {v}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

function HoursNotice({ hours }: { hours: DialerView["callingHours"] }) {
  if (hours.open) return null;
  return (
    <p
      className="rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-200"
      role="status"
      data-testid="dialer-hours-closed"
    >
      Calls are closed now: it is outside the calling hours.{" "}
      {hours.opensAt ? `They open again ${hours.opensAt}.` : "No calling hours are set for the next two weeks."} You can start a session and
      prepare; the dialer dials nothing until then.
    </p>
  );
}

function BreakNotice({ onBreak }: { onBreak: DialerView["onBreak"] }) {
  if (!onBreak) return null;
  return (
    <p
      className="rounded-lg bg-violet-50 px-4 py-3 text-sm text-violet-900 ring-1 ring-violet-200"
      role="status"
      data-testid="dialer-on-break"
    >
      You are on a break ({onBreak.reason}) since {formatDateTime(onBreak.startedAt)}. The dialer offers no new leads and dials nothing by
      itself until you end it (End break, top right).
    </p>
  );
}

export function CallingView({ initial, campaigns }: { initial: DialerView; campaigns: { id: string; name: string }[] }) {
  const queryClient = useQueryClient();
  const session = useQuery({ ...dialerSessionOptions(), initialData: initial, refetchInterval: useFallbackInterval(10_000) });
  const state = session.data;
  const sessionId = state.session?.id;
  const offer = state.offer;

  const next = useMutation(dialerStepMutation(() => nextDialerLead(sessionId!)));
  const skip = useMutation(dialerStepMutation(() => skipOffer(offer!.id)));
  const snooze = useMutation(dialerStepMutation(() => snoozeOffer(offer!.id, 60)));
  const end = useMutation(endDialerSessionMutation());
  const busy = next.isPending || skip.isPending || snooze.isPending;
  // The offer's call (the call panel reads the same query): while it is live there is no "Next".
  const offerCall = useQuery({ ...callOptions(offer?.callId ?? "none"), enabled: !!offer?.callId });
  const callLive = offer?.state === "CALLED" && (!offerCall.data || isActiveCallStatus(offerCall.data.status));
  const error = [next, skip, snooze, end].find((m) => m.isError)?.error;

  if (!state.session)
    return (
      <div className="space-y-5">
        <HoursNotice hours={state.callingHours} />
        <BreakNotice onBreak={state.onBreak} />
        <StartSession campaigns={campaigns} />
      </div>
    );
  const offered = offer?.state === "OFFERED";
  const done = !offer && state.progress?.left === 0;

  return (
    <div className="space-y-5">
      <header className="flex flex-wrap items-center gap-x-6 gap-y-3 rounded-xl bg-white p-4 shadow-xs ring-1 ring-slate-200">
        <div>
          <h1 className="text-lg font-semibold text-slate-900">Calling</h1>
          <p className="text-sm text-slate-600" data-testid="dialer-source">
            {SOURCE_LABEL[state.session.source]}
            {state.session.campaign ? `: ${state.session.campaign.name}` : ""}
          </p>
        </div>
        {state.progress && <Progress progress={state.progress} />}
        <div className="ml-auto flex items-center gap-2">
          <KeyboardShortcuts list={DIALER_SHORTCUTS} />
          <Button variant="secondary" size="sm" onClick={() => end.mutate(sessionId!)} loading={end.isPending} data-testid="end-session">
            End session
          </Button>
        </div>
      </header>
      {error && <Alert>{error.message}</Alert>}
      <HoursNotice hours={state.callingHours} />
      <BreakNotice onBreak={state.onBreak} />

      {offer ? (
        <OfferCard
          key={offer.id}
          offer={offer}
          countdownSeconds={offered && !state.onBreak ? state.settings.countdownSeconds : null}
          onStarted={() => dialerSessionChanged(queryClient)}
          onOutcomeSaved={() => next.mutate()}
          actions={
            <div className="flex flex-wrap gap-2">
              {offered ? (
                <>
                  <Button variant="secondary" onClick={() => skip.mutate()} loading={skip.isPending} disabled={busy} data-shortcut="s">
                    Skip <Kbd>s</Kbd>
                  </Button>
                  <Button variant="secondary" onClick={() => snooze.mutate()} loading={snooze.isPending} disabled={busy} data-shortcut="z">
                    Snooze 1 h <Kbd>z</Kbd>
                  </Button>
                </>
              ) : callLive ? null : (
                <Button onClick={() => next.mutate()} loading={next.isPending} disabled={busy} data-shortcut="n" data-testid="next-lead">
                  Next lead <Kbd>n</Kbd>
                </Button>
              )}
            </div>
          }
        />
      ) : done ? (
        <section className="rounded-xl bg-white p-8 text-center shadow-xs ring-1 ring-slate-200" data-testid="dialer-done">
          <h2 className="text-lg font-semibold text-slate-900">That is the whole list</h2>
          <p className="mt-1 text-sm text-slate-600">Nobody is left to call in this session. End it to start another.</p>
          <div className="mt-4 flex justify-center">
            <Button onClick={() => end.mutate(sessionId!)} loading={end.isPending}>
              End session
            </Button>
          </div>
        </section>
      ) : (
        <section className="rounded-xl bg-white p-8 text-center shadow-xs ring-1 ring-slate-200">
          <p className="text-sm text-slate-600">Ready for the next lead.</p>
          <div className="mt-4 flex justify-center">
            <Button size="lg" onClick={() => next.mutate()} loading={next.isPending} data-shortcut="n" data-testid="next-lead">
              Next lead <Kbd>n</Kbd>
            </Button>
          </div>
        </section>
      )}
    </div>
  );
}
