"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { inputBaseClass } from "@/components/ui/field";
import { Options } from "@/components/ui/options";
import { Panel } from "@/components/ui/panel";
import { onSubmit } from "@/components/ui/submit";
import { deliveryMutation, reconcileRunOptions, sendTestWebhook, startReconcile, type TelephonyStatus } from "@/lib/queries/settings";
import type { TriggerKey } from "@/lib/smartflo/triggers";
import { formatDateTime, formatRelative } from "../ui/format";

export function TestDelivery({ status }: { status: TelephonyStatus }) {
  const [trigger, setTrigger] = useState<TriggerKey>("hangup");
  const send = useMutation(deliveryMutation(() => sendTestWebhook({ trigger })));
  const r = send.data;
  return (
    <Panel
      title="Send a test delivery"
      description={<>Posts a sample through the real webhook URL (token included) onto the lead “Smartflo webhook test”.</>}
    >
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <select
          aria-label="Trigger to test"
          value={trigger}
          onChange={(e) => setTrigger(e.target.value as TriggerKey)}
          className={inputBaseClass}
        >
          <Options items={status.triggers} value={(t) => t.key} label={(t) => t.name} />
        </select>
        <Button onClick={() => send.mutate()} loading={send.isPending}>
          Send test delivery
        </Button>
      </div>
      <div className="mt-3" data-testid="test-delivery-result">
        {send.isError && <Alert>{send.error.message}</Alert>}
        {r && (
          <Alert tone={r.event?.status === "PROCESSED" ? "success" : "error"}>
            HTTP {r.httpStatus} · delivery {r.event ? <strong>{r.event.status.toLowerCase()}</strong> : "not stored"}
            {r.event?.error ? ` · ${r.event.error}` : ""}
            {r.message ? ` · ${r.message}` : ""}
            {r.event?.leadId && (
              <>
                {" "}
                ·{" "}
                <Link className="underline" href={`/leads/${r.event.leadId}`}>
                  open the test lead
                </Link>
              </>
            )}
          </Alert>
        )}
      </div>
    </Panel>
  );
}

function isoDay(offsetDays: number) {
  const d = new Date(Date.now() + offsetDays * 86400_000);
  return d.toISOString().slice(0, 10);
}

function NightlySync({ status }: { status: TelephonyStatus }) {
  const n = status.nightlySync;
  if (!n) {
    return (
      <p className="mt-3 text-sm text-slate-600" data-testid="nightly-sync">
        Every night at 01:30 India time the previous day's calls are synced by themselves
        {status.mode === "unconfigured" ? " once Smartflo credentials are set" : ""}; it has not run yet.
      </p>
    );
  }
  return (
    <p className="mt-3 text-sm text-slate-600" data-testid="nightly-sync">
      Nightly sync (01:30 India time): last ran {formatRelative(n.ranAt)}
      {` for ${formatDateTime(n.fromDate)} – ${formatDateTime(n.toDate)}: `}
      {n.status === "FAILED" ? (
        <span className="text-rose-700">failed ({n.error})</span>
      ) : n.status === "RUNNING" ? (
        "running…"
      ) : (
        `${n.processed} records, ${n.created} calls created, ${n.updated} updated, ${n.unmatched} unmatched`
      )}
      .
    </p>
  );
}

export function SyncCalls({ status }: { status: TelephonyStatus }) {
  const [from, setFrom] = useState(isoDay(-1));
  const [to, setTo] = useState(isoDay(0));
  const [runId, setRunId] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: () => startReconcile({ from: new Date(`${from}T00:00:00`).toISOString(), to: new Date(`${to}T23:59:59`).toISOString() }),
    onSuccess: (run) => setRunId(run.id),
  });
  const run = useQuery({
    ...reconcileRunOptions(runId ?? ""),
    enabled: !!runId,
    refetchInterval: (q) => (q.state.data?.status === "RUNNING" || !q.state.data ? 1000 : false),
  });
  const r = run.data;
  const pct = r?.total ? Math.round((r.processed / r.total) * 100) : r?.status === "DONE" ? 100 : 0;
  return (
    <Panel
      title="Sync calls from Smartflo"
      description={<>Fills in calls whose webhooks never arrived, from Smartflo's call records. Running it twice changes nothing.</>}
    >
      <NightlySync status={status} />
      <form className="mt-3 flex flex-wrap items-end gap-2" onSubmit={onSubmit(() => start.mutate())}>
        <label className="text-sm text-slate-700">
          From
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} className={`${inputBaseClass} mt-1 block`} />
        </label>
        <label className="text-sm text-slate-700">
          To
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} className={`${inputBaseClass} mt-1 block`} />
        </label>
        <Button type="submit" loading={start.isPending || r?.status === "RUNNING"}>
          Sync calls
        </Button>
      </form>
      {start.isError && <Alert className="mt-3">{start.error.message}</Alert>}
      {r && (
        <div className="mt-3 space-y-2" data-testid="sync-progress">
          <div
            className="h-2 overflow-hidden rounded-full bg-slate-100"
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={pct}
            aria-label="Sync progress"
          >
            <div className="h-full bg-brand-600 transition-all" style={{ width: `${pct}%` }} />
          </div>
          <p className="text-sm text-slate-700">
            {r.status === "RUNNING" ? "Syncing… " : r.status === "DONE" ? "Done: " : "Failed: "}
            {r.processed}/{r.total ?? "?"} records · {r.created} created · {r.updated} updated · {r.unmatched} unmatched
            {r.error ? ` · ${r.error}` : ""}
          </p>
        </div>
      )}
    </Panel>
  );
}
