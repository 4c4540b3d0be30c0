"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
// /live: who is doing what right now, and the calls in progress with Monitor, Whisper, Barge and
// Transfer. Pushed by the live stream (any app server); polled every 2 s only while it is down.
import { useCallElapsed } from "@/components/calls/call-clock";
import { useFallbackInterval } from "@/components/live/live-provider";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import { inputBaseClass } from "@/components/ui/field";
import { formatDuration } from "@/components/ui/format";
import { QueryState } from "@/components/ui/query-state";
import { type Column, TableHead } from "@/components/ui/table";
import { useNow } from "@/components/ui/use-now";
import { CALL_STATUS_LABELS } from "@/lib/calls/status";
import { callActionMutation, type LiveBoard, liveBoardOptions } from "@/lib/queries/board";
import { LeadsWaitingPanel } from "./leads-waiting";

const AGENT_COLUMNS: Column[] = [
  "Agent",
  "Now",
  // The dashboard's words and figures for today: calls made (outbound), answered rate (answered ÷ made).
  ...["Calls made", "Answered rate", "Talk time"].map((label) => ({ key: label, label, className: "text-right" })),
];

const STATE = {
  ON_CALL: { label: "On call", tone: "bg-emerald-100 text-emerald-800" },
  RINGING: { label: "Ringing", tone: "bg-sky-100 text-sky-800" },
  ON_BREAK: { label: "On break", tone: "bg-violet-100 text-violet-800" },
  WRAP_UP: { label: "Wrap-up", tone: "bg-amber-100 text-amber-900" },
  AVAILABLE: { label: "Available", tone: "bg-brand-50 text-brand-700" },
  SIGNED_OUT: { label: "Signed out", tone: "bg-slate-100 text-slate-500" },
} as const;

/** When this page first saw each state: a timer starts there when the stamp is ahead of our clock (skew). */
const firstSeen = new Map<string, number>();
function since(key: string, iso: string | null, now: number) {
  if (!iso) return "";
  if (!firstSeen.has(key)) firstSeen.set(key, Date.now());
  const start = Math.min(Date.parse(iso), firstSeen.get(key)!);
  return formatDuration(Math.max(0, Math.round((now - start) / 1000)));
}

function CallActions({ call, board }: { call: LiveBoard["calls"][number]; board: LiveBoard }) {
  const [to, setTo] = useState("");
  const act = useMutation(callActionMutation(call.id));
  const colleagues = board.agents.filter(
    (a) => a.id !== call.agentId && a.canTakeTransfers && a.state !== "SIGNED_OUT" && a.state !== "ON_BREAK",
  );
  const answered = call.status === "ANSWERED";
  return (
    <div className="flex flex-wrap items-center gap-2">
      {(["monitor", "whisper", "barge"] as const).map((action) => (
        <Button
          key={action}
          size="sm"
          variant="secondary"
          onClick={() => act.mutate({ action })}
          loading={act.isPending && act.variables?.action === action}
          disabled={act.isPending}
          data-testid={`call-${action}`}
        >
          {action[0]!.toUpperCase() + action.slice(1)}
        </Button>
      ))}
      <label className="sr-only" htmlFor={`transfer-${call.id}`}>
        Transfer to
      </label>
      <select
        id={`transfer-${call.id}`}
        value={to}
        onChange={(e) => setTo(e.target.value)}
        className={cx(inputBaseClass, "py-1")}
        disabled={!answered}
        data-testid="transfer-to"
      >
        <option value="">Transfer to…</option>
        {colleagues.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </select>
      <Button
        size="sm"
        variant="secondary"
        disabled={!to || !answered || act.isPending}
        loading={act.isPending && act.variables?.action === "transfer"}
        onClick={() => act.mutate({ action: "transfer", toUserId: to })}
        data-testid="call-transfer"
      >
        Transfer
      </Button>
      {act.isError && (
        <p role="alert" className="w-full text-sm text-rose-700">
          {act.error.message}
        </p>
      )}
      {act.isSuccess && (
        <p role="status" className="w-full text-sm text-emerald-700" data-testid="call-action-done">
          {act.variables.action === "transfer" ? "Transferred." : "Smartflo is ringing your phone to join."}
        </p>
      )}
    </div>
  );
}

export function LiveBoardView() {
  const board = useQuery({ ...liveBoardOptions(), refetchInterval: useFallbackInterval(2000) });
  const now = useNow();
  const elapsed = useCallElapsed();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">Live floor</h1>
        <p className="text-sm text-slate-500">Who is on a call now, and the calls you can listen to, coach, join or transfer.</p>
      </div>
      <LeadsWaitingPanel />
      <QueryState query={board} what="the live board" className="py-16">
        {(d) => {
          const byAgent = new Map(d.agents.map((a) => [a.id, a]));
          return (
            <>
              <section className="rounded-xl bg-white shadow-xs ring-1 ring-slate-200" aria-labelledby="live-calls">
                <h2 id="live-calls" className="border-b border-slate-200 px-4 py-3 text-sm font-semibold text-slate-900">
                  Calls in progress ({d.calls.length})
                </h2>
                {d.calls.length === 0 ? (
                  <p className="px-4 py-8 text-center text-sm text-slate-500">Nobody is on a call right now.</p>
                ) : (
                  <ul className="divide-y divide-slate-100">
                    {d.calls.map((c) => (
                      <li key={c.id} className="space-y-2 px-4 py-3" data-testid="live-call" data-status={c.status}>
                        <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
                          <span className="font-medium text-slate-900">{byAgent.get(c.agentId ?? "")?.name ?? "—"}</span>
                          <span className="text-slate-500">{c.direction === "INBOUND" ? "← from" : "→ to"}</span>
                          {c.lead ? (
                            <Link href={`/leads/${c.lead.id}`} className="font-medium text-brand-700 hover:underline">
                              {c.lead.name}
                            </Link>
                          ) : (
                            <span>{c.customerDisplay ?? "Unknown caller"}</span>
                          )}
                          <span
                            className={cx(
                              "rounded-full px-2 py-0.5 text-xs font-medium",
                              STATE[c.status === "ANSWERED" ? "ON_CALL" : "RINGING"].tone,
                            )}
                          >
                            {c.status === "ANSWERED" ? CALL_STATUS_LABELS.ANSWERED : CALL_STATUS_LABELS.RINGING}
                          </span>
                          <span className="text-slate-600 tabular-nums" data-testid="live-call-timer">
                            {formatDuration(elapsed(c.answeredAt ?? c.startedAt, c.startedAt, now))}
                          </span>
                        </div>
                        <CallActions call={c} board={d} />
                      </li>
                    ))}
                  </ul>
                )}
              </section>
              <section
                className="scroll-shadow-x relative overflow-x-auto rounded-xl shadow-xs ring-1 ring-slate-200"
                aria-labelledby="agents-now"
              >
                <h2 id="agents-now" className="border-b border-slate-200 px-4 py-3 text-sm font-semibold text-slate-900">
                  Agents
                </h2>
                <table className="min-w-full text-sm">
                  <TableHead columns={AGENT_COLUMNS} />
                  <tbody className="divide-y divide-slate-100 tabular-nums">
                    {d.agents.map((a) => (
                      <tr key={a.id} data-testid="board-agent" data-agent={a.name} data-state={a.state}>
                        <td className="px-4 py-2 font-medium text-slate-900">{a.name}</td>
                        <td className="px-4 py-2">
                          <span className={cx("rounded-full px-2 py-0.5 text-xs font-medium", STATE[a.state].tone)}>
                            {STATE[a.state].label}
                          </span>
                          {a.breakReason && a.state === "ON_BREAK" && <span className="ml-2 text-slate-700">{a.breakReason}</span>}
                          {a.since && <span className="ml-2 text-slate-500">{since(`${a.id}:${a.state}:${a.callId}`, a.since, now)}</span>}
                        </td>
                        <td className="px-4 py-2 text-right">{a.today.callsMade}</td>
                        <td className="px-4 py-2 text-right">
                          {a.today.answeredRate === null ? "–" : `${Math.round(a.today.answeredRate * 100)}%`}
                        </td>
                        <td className="px-4 py-2 text-right">{formatDuration(a.today.talkSeconds)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            </>
          );
        }}
      </QueryState>
    </div>
  );
}
