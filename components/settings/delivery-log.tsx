"use client";
import { keepPreviousData, useInfiniteQuery, useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useFallbackInterval } from "@/components/live/live-provider";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import { inputBaseClass } from "@/components/ui/field";
import { onSubmit } from "@/components/ui/submit";
import { PagedTable } from "@/components/ui/table";
import { deliveryMutation, linkDelivery, replayDelivery, type WebhookEventItem, webhookEventsOptions } from "@/lib/queries/settings";
import type { LinkWebhookEventInput } from "@/lib/webhooks/schemas";
import { formatDateTime } from "../ui/format";

const STATUS_TONE: Record<string, string> = {
  PROCESSED: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  DUPLICATE: "bg-slate-100 text-slate-600 ring-slate-500/20",
  UNMATCHED: "bg-amber-50 text-amber-800 ring-amber-600/20",
  REJECTED: "bg-rose-50 text-rose-700 ring-rose-600/20",
  FAILED: "bg-rose-50 text-rose-700 ring-rose-600/20",
  RECEIVED: "bg-sky-50 text-sky-700 ring-sky-600/20",
};
const TRIGGER_LABEL: Record<string, string> = {
  hangup: "Hangup",
  answered_by_customer: "Answered by customer",
  dialed_on_agent: "Dialed on agent",
  answered_by_agent: "Answered by agent",
  received_on_server: "Received on server",
};

function EventActions({ event }: { event: WebhookEventItem }) {
  const [leadId, setLeadId] = useState("");
  const replay = useMutation(deliveryMutation(() => replayDelivery(event.id)));
  const link = useMutation(deliveryMutation((input: LinkWebhookEventInput) => linkDelivery(event.id, input)));
  if (event.status === "FAILED")
    return (
      <div className="space-y-1">
        <Button size="sm" variant="secondary" loading={replay.isPending} onClick={() => replay.mutate()}>
          Replay
        </Button>
        {replay.isError && <p className="text-xs text-rose-600">{replay.error.message}</p>}
      </div>
    );
  if (event.status !== "UNMATCHED") return null;
  return (
    <form
      className="flex flex-wrap items-center gap-2"
      onSubmit={onSubmit(() => {
        if (leadId.trim()) link.mutate({ leadId: leadId.trim() });
      })}
    >
      <label className="sr-only" htmlFor={`link-${event.id}`}>
        Lead id to link
      </label>
      <input
        id={`link-${event.id}`}
        value={leadId}
        onChange={(e) => setLeadId(e.target.value)}
        placeholder="Lead id"
        className={`${inputBaseClass} w-36 py-1 text-xs`}
      />
      <Button size="sm" variant="secondary" type="submit" disabled={!leadId.trim()} loading={link.isPending}>
        Link
      </Button>
      <Button size="sm" variant="ghost" onClick={() => link.mutate({ createLead: {} })} disabled={link.isPending}>
        Create lead
      </Button>
      {link.isError && <p className="w-full text-xs text-rose-600">{link.error.message}</p>}
    </form>
  );
}

export function DeliveryLog() {
  const [status, setStatus] = useState("");
  const events = useInfiniteQuery({
    ...webhookEventsOptions(status),
    placeholderData: keepPreviousData,
    refetchInterval: useFallbackInterval(5000),
  });
  return (
    <section className="space-y-3" aria-labelledby="log-heading">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h2 id="log-heading" className="text-base font-semibold text-slate-900">
            Delivery log
          </h2>
          <p className="text-sm text-slate-600">
            Every webhook delivery, stored before it is processed. {events.data ? `${events.data.pages[0]?.total ?? 0} in this view.` : ""}
          </p>
        </div>
        <label className="text-sm text-slate-600">
          <span className="sr-only">Filter by status</span>
          <select value={status} onChange={(e) => setStatus(e.target.value)} className={inputBaseClass} aria-label="Filter by status">
            <option value="">All deliveries</option>
            <option value="UNMATCHED">Unmatched (inbox)</option>
            <option value="FAILED">Failed</option>
            <option value="REJECTED">Rejected</option>
            <option value="PROCESSED">Processed</option>
            <option value="DUPLICATE">Duplicates</option>
          </select>
        </label>
      </div>
      <PagedTable
        query={events}
        what="deliveries"
        testId="delivery-log"
        columns={["Received", "Status", "Trigger", "Lead · call", "Details"]}
        empty={`No deliveries ${status ? "with this status" : "yet"}.`}
      >
        {(e) => (
          <tr key={e.id} data-status={e.status}>
            <td className="px-4 py-3 whitespace-nowrap text-slate-600">{formatDateTime(e.receivedAt)}</td>
            <td className="px-4 py-3">
              <span className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STATUS_TONE[e.status] ?? ""}`}>
                {e.status.toLowerCase()}
              </span>
              {e.error && <p className="mt-1 max-w-56 text-xs text-slate-500">{e.error}</p>}
            </td>
            <td className="px-4 py-3 text-slate-700">
              {e.trigger ? TRIGGER_LABEL[e.trigger] : "—"}
              <div className="text-xs text-slate-500">{e.method}</div>
            </td>
            <td className="px-4 py-3">
              {e.lead ? (
                <Link className="font-medium text-brand-700 hover:underline" href={`/leads/${e.lead.id}`}>
                  {e.lead.name}
                </Link>
              ) : (
                <span className="text-slate-400">No lead</span>
              )}
              <div className="text-xs text-slate-500">
                {e.summary.callId ?? "no call_id"} · {e.summary.status.toLowerCase()} · {e.summary.customer ?? "no number"}
              </div>
            </td>
            <td className="space-y-2 px-4 py-3">
              <details>
                <summary className="cursor-pointer text-xs text-brand-700">Raw delivery</summary>
                <pre
                  className={cx(
                    "mt-1 max-h-60 max-w-md overflow-auto rounded bg-slate-50 p-2",
                    "text-xs whitespace-pre-wrap text-slate-700",
                  )}
                >
                  {e.body ??
                    (e.bodySha256
                      ? `(refused: body not kept; ${e.bodyBytes ?? 0} bytes, sha256 ${e.bodySha256.slice(0, 16)}…)`
                      : "(body not stored)")}
                  {"\n"}query: {JSON.stringify(e.query)}
                </pre>
              </details>
              <EventActions event={e} />
            </td>
          </tr>
        )}
      </PagedTable>
    </section>
  );
}
