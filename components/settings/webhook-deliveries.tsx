"use client";
// One outgoing webhook endpoint's delivery log: each event sent to it, whether it arrived, how
// many tries, what the endpoint last answered, when the next try is; sent again on request.
import { useInfiniteQuery, useMutation } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { formatDateTime } from "@/components/ui/format";
import { PagedTable } from "@/components/ui/table";
import { WEBHOOK_EVENT_LABELS, type WebhookEventType } from "@/lib/outbound/events";
import { replayWebhookDeliveryMutation, type TryAnswer, type WebhookDeliveryItem, webhookDeliveriesOptions } from "@/lib/queries/outbound";

const STATUS_LABEL: Record<WebhookDeliveryItem["status"], string> = {
  DELIVERED: "Delivered",
  PENDING: "Waiting to send",
  FAILED: "Gave up",
};

export const eventLabel = (type: string) =>
  WEBHOOK_EVENT_LABELS[type as WebhookEventType] ?? (type === "webhook.test" ? "Test event" : type);

/** "HTTP 200 · 34 ms", or why there was no answer. */
export function answerText(a: { status: number | null; error: string | null; durationMs?: number | null }): string {
  const ms = a.durationMs != null ? ` · ${a.durationMs} ms` : "";
  if (a.status !== null) return `HTTP ${a.status}${ms}`;
  return a.error ? `No answer: ${a.error}` : "Not tried yet";
}

export function TryResult({ answer }: { answer: TryAnswer }) {
  return (
    <Alert tone={answer.ok ? "success" : "error"}>
      {answer.ok ? `Delivered: the endpoint answered ${answerText(answer)}.` : `Not delivered: ${answerText(answer)}.`}
    </Alert>
  );
}

export function WebhookDeliveries({ endpointId }: { endpointId: string }) {
  const list = useInfiniteQuery(webhookDeliveriesOptions(endpointId));
  const replay = useMutation(replayWebhookDeliveryMutation());
  return (
    <div className="space-y-2">
      {replay.error && <Alert>{replay.error.message}</Alert>}
      {replay.data && <TryResult answer={replay.data} />}
      <PagedTable
        query={list}
        what="deliveries"
        empty="Nothing sent yet: events appear here as leads, calls and follow-ups change."
        columns={["Event", "When", "Status", "Last answer", { key: "a", label: <span className="sr-only">Actions</span> }]}
        testId="webhook-deliveries"
      >
        {(d) => (
          <tr key={d.id} data-status={d.status}>
            <td className="px-4 py-2">
              <details>
                <summary className="cursor-pointer">
                  {eventLabel(d.type)} <code className="text-xs text-slate-500">{d.type}</code>
                </summary>
                <pre className="mt-2 max-h-64 max-w-[80vw] overflow-auto rounded bg-slate-50 p-2 text-xs sm:max-w-md">
                  {JSON.stringify(d.payload, null, 2)}
                </pre>
              </details>
            </td>
            <td className="px-4 py-2 whitespace-nowrap">{formatDateTime(d.createdAt)}</td>
            <td className="px-4 py-2">
              {STATUS_LABEL[d.status]}
              <span className="block text-xs text-slate-500">
                {d.attempts === 1 ? "1 try" : `${d.attempts} tries`}
                {d.nextAttemptAt && d.attempts > 0 && ` · next ${formatDateTime(d.nextAttemptAt)}`}
              </span>
            </td>
            <td className="px-4 py-2">
              {answerText({ status: d.lastStatus, error: d.lastError, durationMs: d.lastDurationMs })}
              {d.lastResponse && <span className="block max-w-xs truncate text-xs text-slate-500">{d.lastResponse}</span>}
            </td>
            <td className="px-4 py-2 text-right">
              <Button
                size="sm"
                variant="secondary"
                loading={replay.isPending && replay.variables === d.id}
                onClick={() => replay.mutate(d.id)}
              >
                Send again
              </Button>
            </td>
          </tr>
        )}
      </PagedTable>
    </div>
  );
}
