"use client";
// Admin: outgoing webhooks. Addresses (Zapier, Make, the company's own server) that are sent the
// events they choose as they happen, signed per Standard Webhooks; each with its health, a test
// button, its delivery log, a new secret on demand, and off/on.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CodeBlock } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { Field, inputClass } from "@/components/ui/field";
import { FormAlert, useFormErrors } from "@/components/ui/form-errors";
import { formatCount, formatDateTime, formatRelative } from "@/components/ui/format";
import { Panel } from "@/components/ui/panel";
import { QueryState } from "@/components/ui/query-state";
import { WEBHOOK_EVENT_LABELS, WEBHOOK_EVENTS, type WebhookEventType } from "@/lib/outbound/events";
import { reacting } from "@/lib/queries/api";
import {
  createWebhookEndpointMutation,
  deleteWebhookEndpointMutation,
  type NewWebhookEndpoint,
  rotateWebhookSecretMutation,
  sendTestEventMutation,
  updateWebhookEndpointMutation,
  type WebhookEndpointItem,
  webhookEndpointsOptions,
} from "@/lib/queries/outbound";
import { TryResult, WebhookDeliveries } from "./webhook-deliveries";

function verifyExample(secret: string) {
  return [
    "// npm install standardwebhooks",
    'import { Webhook } from "standardwebhooks";',
    `const wh = new Webhook("${secret}");`,
    "// In your handler, with the raw body text and the request's headers:",
    "const event = wh.verify(rawBody, headers); // throws if the signature is wrong",
  ].join("\n");
}

function SecretOnce({ made, onDone }: { made: NewWebhookEndpoint; onDone: () => void }) {
  return (
    <div className="mt-4 space-y-3" data-testid="webhook-secret">
      <Alert tone="success">Copy the signing secret for {made.url} now: it is shown only this once.</Alert>
      <CodeBlock code={made.secret} label="Signing secret" />
      <p className="text-sm text-slate-600">Check each request's signature with it before trusting the body:</p>
      <CodeBlock code={verifyExample(made.secret)} label="Verifying a request" />
      <Button variant="secondary" onClick={onDone}>
        Done, I have copied it
      </Button>
    </div>
  );
}

function EventChoice({ value, onChange, error }: { value: WebhookEventType[]; onChange: (v: WebhookEventType[]) => void; error?: string }) {
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-700">Send these events</legend>
      <div className="mt-1 grid gap-x-5 gap-y-2 sm:grid-cols-2">
        {WEBHOOK_EVENTS.map((t) => (
          <label key={t} className="flex items-center gap-2 text-sm text-slate-700">
            <input
              type="checkbox"
              checked={value.includes(t)}
              onChange={(e) => onChange(e.target.checked ? [...value, t] : value.filter((x) => x !== t))}
              className="size-4 rounded border-slate-300"
            />
            {WEBHOOK_EVENT_LABELS[t]} <code className="text-xs text-slate-500">{t}</code>
          </label>
        ))}
      </div>
      {error && <p className="mt-1 text-sm text-rose-600">{error[0]!.toUpperCase() + error.slice(1)}</p>}
    </fieldset>
  );
}

function NewEndpointForm({ onMade }: { onMade: (e: NewWebhookEndpoint) => void }) {
  const errors = useFormErrors();
  const [events, setEvents] = useState<WebhookEventType[]>(["lead.created", "lead.status_changed", "call.completed"]);
  const create = useMutation(reacting(createWebhookEndpointMutation(), { onSuccess: onMade, onError: errors.fromError }));
  return (
    <form
      className="mt-4 space-y-3"
      noValidate
      aria-label="New outgoing webhook"
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        create.mutate({ url: String(form.get("url") ?? ""), description: String(form.get("description") ?? "") || null, events });
      }}
    >
      <FormAlert error={create.error} fields={errors.fields} shown={["url", "description", "events", "events.*"]} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Address (URL)" error={errors.fields.url} hint="https://… where your system receives events">
          {(p) => <input {...p} name="url" type="url" inputMode="url" className={inputClass} maxLength={2000} />}
        </Field>
        <Field label="Description (optional)" error={errors.fields.description} hint="e.g. “Zapier: new leads to Sheets”">
          {(p) => <input {...p} name="description" className={inputClass} maxLength={200} />}
        </Field>
      </div>
      <EventChoice value={events} onChange={setEvents} error={errors.fields.events} />
      <Button type="submit" loading={create.isPending}>
        Add endpoint
      </Button>
    </form>
  );
}

function Health({ e }: { e: WebhookEndpointItem }) {
  if (!e.enabled)
    return <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">{e.disabledReason ?? "Turned off"}</span>;
  if (e.failingSince)
    return (
      <span className="rounded-full bg-amber-50 px-2 py-0.5 text-xs text-amber-900 ring-1 ring-amber-200">
        Not answering since {formatDateTime(e.failingSince)}
        {e.pausedUntil && ` · next try ${formatDateTime(e.pausedUntil)}`}
      </span>
    );
  return <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs text-emerald-800">Working</span>;
}

function EndpointCard({ e }: { e: WebhookEndpointItem }) {
  const [open, setOpen] = useState<"deliveries" | "events" | null>(null);
  const [confirm, setConfirm] = useState<"delete" | "rotate" | null>(null);
  const [secret, setSecret] = useState<NewWebhookEndpoint | null>(null);
  const [events, setEvents] = useState<WebhookEventType[]>(e.events);
  const update = useMutation(reacting(updateWebhookEndpointMutation(e.id), { onSuccess: () => setOpen(null) }));
  const test = useMutation(sendTestEventMutation(e.id));
  const rotate = useMutation(
    reacting(rotateWebhookSecretMutation(e.id), {
      onSuccess: (r) => {
        setSecret(r);
        setConfirm(null);
      },
    }),
  );
  const remove = useMutation(deleteWebhookEndpointMutation(e.id));
  const today = Object.entries({ DELIVERED: "delivered", PENDING: "waiting", FAILED: "gave up" })
    .filter(([k]) => e.today[k as keyof typeof e.today])
    .map(([k, label]) => `${formatCount(e.today[k as keyof typeof e.today] ?? 0)} ${label}`)
    .join(" · ");
  const error = update.error ?? test.error ?? rotate.error ?? remove.error;
  return (
    <li className="space-y-3 py-4" data-testid="webhook-endpoint" data-url={e.url}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <h3 className="min-w-0 font-medium break-all text-slate-900">{e.url}</h3>
        <Health e={e} />
      </div>
      <p className="text-sm text-slate-600">
        {e.description && <span className="block">{e.description}</span>}
        {e.events.map((t) => WEBHOOK_EVENT_LABELS[t]).join(" · ")}
      </p>
      <p className="text-sm text-slate-500">
        {e.lastSuccessAt ? `Last delivered ${formatRelative(e.lastSuccessAt)}` : "Nothing delivered yet"}
        {today && ` · last 24 h: ${today}`}
        {e.previousSecretUntil && ` · the old secret also signs until ${formatDateTime(e.previousSecretUntil)}`}
      </p>
      <div className="flex flex-wrap gap-2">
        <Button
          size="sm"
          variant="secondary"
          aria-expanded={open === "deliveries"}
          onClick={() => setOpen(open === "deliveries" ? null : "deliveries")}
        >
          Deliveries
        </Button>
        <Button size="sm" variant="secondary" loading={test.isPending} onClick={() => test.mutate()}>
          Send test event
        </Button>
        <Button size="sm" variant="ghost" aria-expanded={open === "events"} onClick={() => setOpen(open === "events" ? null : "events")}>
          Change events
        </Button>
        <Button size="sm" variant="ghost" onClick={() => setConfirm("rotate")}>
          New secret
        </Button>
        <Button
          size="sm"
          variant="ghost"
          loading={update.isPending && open !== "events"}
          onClick={() => update.mutate({ enabled: !e.enabled })}
        >
          {e.enabled ? "Turn off" : "Turn on"}
        </Button>
        <Button size="sm" variant="ghost" onClick={() => setConfirm("delete")}>
          Delete
        </Button>
      </div>
      {error && <Alert>{error.message}</Alert>}
      {test.data && <TryResult answer={test.data} />}
      {secret && <SecretOnce made={secret} onDone={() => setSecret(null)} />}
      {open === "events" && (
        <form
          className="space-y-3 rounded-md bg-slate-50 p-3"
          aria-label="Events to send"
          onSubmit={(ev) => {
            ev.preventDefault();
            update.mutate({ events });
          }}
        >
          <EventChoice
            value={events}
            onChange={setEvents}
            error={(update.error as { fields?: Record<string, string> } | null)?.fields?.events}
          />
          <Button type="submit" size="sm" loading={update.isPending}>
            Save events
          </Button>
        </form>
      )}
      {open === "deliveries" && <WebhookDeliveries endpointId={e.id} />}
      <Dialog
        open={confirm !== null}
        onClose={() => setConfirm(null)}
        title={confirm === "delete" ? "Delete this endpoint?" : "Make a new signing secret?"}
      >
        <p className="text-sm text-slate-700">
          {confirm === "delete"
            ? `${e.url} is sent nothing more, and its delivery log is deleted.`
            : "The new secret is shown once. For 24 hours each request is signed with both, " +
              "so your system can switch over without missing events."}
        </p>
        <div className="mt-4 flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setConfirm(null)}>
            Cancel
          </Button>
          {confirm === "delete" ? (
            <Button variant="danger" loading={remove.isPending} onClick={() => remove.mutate()}>
              Delete
            </Button>
          ) : (
            <Button loading={rotate.isPending} onClick={() => rotate.mutate()}>
              Make a new secret
            </Button>
          )}
        </div>
      </Dialog>
    </li>
  );
}

export function WebhookEndpoints() {
  const endpoints = useQuery(webhookEndpointsOptions());
  const [made, setMade] = useState<NewWebhookEndpoint | null>(null);
  return (
    <Panel
      title="Outgoing webhooks"
      description={
        "Your other systems (Zapier, Make, your own server) are sent leads, calls and follow-ups as they change. " +
        "Each request is signed (Standard Webhooks); one that is not answered is tried again for 24 hours."
      }
    >
      {made ? <SecretOnce made={made} onDone={() => setMade(null)} /> : <NewEndpointForm onMade={setMade} />}
      <QueryState query={endpoints} what="outgoing webhooks" className="mt-4">
        {(d) =>
          d.items.length === 0 ? (
            <p className="mt-4 text-sm text-slate-500">No endpoints yet.</p>
          ) : (
            <ul className="mt-2 divide-y divide-slate-100">
              {d.items.map((e) => (
                <EndpointCard key={e.id} e={e} />
              ))}
            </ul>
          )
        }
      </QueryState>
    </Panel>
  );
}
