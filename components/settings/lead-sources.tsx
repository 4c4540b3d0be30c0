"use client";
// Admin: inbound lead sources. Each has a URL (with a secret token, shown once) that websites,
// portals and tools post leads to; every delivery is kept and listed with what became of it.
import { useInfiniteQuery, useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CodeBlock } from "@/components/ui/copy-button";
import { Field, inputClass } from "@/components/ui/field";
import { FormAlert, useFormErrors } from "@/components/ui/form-errors";
import { formatCount, formatDateTime, formatRelative } from "@/components/ui/format";
import { Panel } from "@/components/ui/panel";
import { QueryState } from "@/components/ui/query-state";
import { PagedTable } from "@/components/ui/table";
import { reacting } from "@/lib/queries/api";
import {
  createLeadSourceMutation,
  deliveriesOptions,
  type LeadDeliveryItem,
  type LeadSourceItem,
  leadSourcesOptions,
  renewLeadSourceUrlMutation,
  replayLeadDeliveryMutation,
  updateLeadSourceMutation,
} from "@/lib/queries/intake";
import { LeadSourceForm } from "./lead-source-form";
import { MappingEditor } from "./lead-source-mapping";

const OUTCOME_LABEL: Record<LeadDeliveryItem["status"], string> = {
  RECEIVED: "Waiting",
  CREATED: "New lead",
  ENQUIRED_AGAIN: "Enquired again",
  DUPLICATE: "Repeat (ignored)",
  SKIPPED: "No lead made",
  FAILED: "Failed",
  REFUSED: "Refused (wrong signature or key)",
  TEST: "Test lead (no lead made)",
  SPLIT: "Split into its leads",
};

/** Today's counts in words: one of each's name, and many. */
const COUNTED: Record<LeadDeliveryItem["status"], [string, string]> = {
  RECEIVED: ["waiting", "waiting"],
  CREATED: ["new lead", "new leads"],
  ENQUIRED_AGAIN: ["enquired again", "enquired again"],
  DUPLICATE: ["repeat (ignored)", "repeats (ignored)"],
  SKIPPED: ["with no lead made", "with no lead made"],
  FAILED: ["failed", "failed"],
  REFUSED: ["refused", "refused"],
  TEST: ["test lead", "test leads"],
  SPLIT: ["notification split into leads", "notifications split into leads"],
};

function postExample(url: string) {
  return [
    `curl -X POST "${url}" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -d '{"name":"Asha Rao","phone":"98100 15838","email":"asha@example.com","message":"2BHK in Pune?","utm_source":"google"}'`,
  ].join("\n");
}

function UrlOnce({ name, url, onDone }: { name: string; url: string; onDone: () => void }) {
  return (
    <div className="mt-4 space-y-3" data-testid="lead-source-url">
      <Alert tone="success">Copy the URL for “{name}” now: it carries a secret and is shown only this once.</Alert>
      <CodeBlock code={url} label="Lead source URL" />
      <p className="text-sm text-slate-600">Post JSON or a form to it; for example:</p>
      <CodeBlock code={postExample(url)} label="Example request" />
      <Button variant="secondary" onClick={onDone}>
        Done, I have copied it
      </Button>
    </div>
  );
}

function Deliveries({ source }: { source: LeadSourceItem }) {
  const list = useInfiniteQuery(deliveriesOptions(source.id));
  const replay = useMutation(replayLeadDeliveryMutation(source.id));
  return (
    <PagedTable
      query={list}
      what="deliveries"
      empty="Nothing received yet."
      columns={["Received", "What became of it", "Lead", { key: "a", label: <span className="sr-only">Actions</span> }]}
      testId="lead-deliveries"
    >
      {(d) => (
        <tr key={d.id} data-status={d.status}>
          <td className="px-4 py-2 whitespace-nowrap">{formatDateTime(d.receivedAt)}</td>
          <td className="px-4 py-2">
            {OUTCOME_LABEL[d.status]}
            {d.reason && <span className="block text-xs text-slate-500">{d.reason}</span>}
          </td>
          <td className="px-4 py-2">
            {d.leadId ? (
              <Link className="text-brand-700 hover:underline" href={`/leads/${d.leadId}`}>
                Open lead
              </Link>
            ) : (
              "—"
            )}
          </td>
          <td className="px-4 py-2 text-right">
            {(d.status === "FAILED" || d.status === "SKIPPED" || d.status === "RECEIVED") && d.payload !== null && (
              <Button
                size="sm"
                variant="secondary"
                loading={replay.isPending && replay.variables === d.id}
                onClick={() => replay.mutate(d.id)}
              >
                Try again
              </Button>
            )}
          </td>
        </tr>
      )}
    </PagedTable>
  );
}

function SourceCard({ source }: { source: LeadSourceItem }) {
  const [open, setOpen] = useState<"deliveries" | "fields" | "form" | null>(null);
  const [renewed, setRenewed] = useState<string | null>(null);
  const renew = useMutation(reacting(renewLeadSourceUrlMutation(), { onSuccess: (r) => setRenewed(r.url) }));
  const update = useMutation(updateLeadSourceMutation(source.id));
  const today = Object.entries(source.today)
    .map(([status, n]) => {
      const [one, many] = COUNTED[status as LeadDeliveryItem["status"]];
      return `${formatCount(n ?? 0)} ${n === 1 ? one : many}`;
    })
    .join(" · ");
  return (
    <li className="scroll-mt-20 space-y-3 py-4" id={`source-${source.id}`} data-testid="lead-source" data-name={source.name}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <h3 className="font-medium text-slate-900">{source.name}</h3>
        {source.connector && (
          <Link href="/settings/integrations" className="rounded-full bg-sky-50 px-2 py-0.5 text-xs text-sky-800 ring-1 ring-sky-200">
            Connected: see Integrations
          </Link>
        )}
        {!source.active && <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-600">Switched off</span>}
        <span className="text-sm text-slate-500">
          {source.lastDeliveryAt ? `Last lead ${formatRelative(source.lastDeliveryAt)}` : "Nothing received in the last 24 hours"}
          {today && ` · last 24 h: ${today}`}
        </span>
        <div className="flex flex-wrap gap-2 sm:ml-auto">
          <Button
            size="sm"
            variant="secondary"
            aria-expanded={open === "deliveries"}
            onClick={() => setOpen(open === "deliveries" ? null : "deliveries")}
          >
            Deliveries
          </Button>
          <Button
            size="sm"
            variant="secondary"
            aria-expanded={open === "fields"}
            onClick={() => setOpen(open === "fields" ? null : "fields")}
          >
            Field names
          </Button>
          {/* A connector's source takes its leads from the platform: no URL, no hosted form. */}
          {!source.connector && (
            <>
              <Button
                size="sm"
                variant="secondary"
                aria-expanded={open === "form"}
                onClick={() => setOpen(open === "form" ? null : "form")}
              >
                Web form
              </Button>
              <Button size="sm" variant="ghost" loading={renew.isPending} onClick={() => renew.mutate(source.id)}>
                New URL
              </Button>
            </>
          )}
          <Button size="sm" variant="ghost" loading={update.isPending} onClick={() => update.mutate({ active: !source.active })}>
            {source.active ? "Switch off" : "Switch on"}
          </Button>
        </div>
      </div>
      {(renew.error ?? update.error) && <Alert>{(renew.error ?? update.error)?.message}</Alert>}
      {renewed && <UrlOnce name={source.name} url={renewed} onDone={() => setRenewed(null)} />}
      {open === "deliveries" && <Deliveries source={source} />}
      {open === "fields" && <MappingEditor source={source} />}
      {open === "form" && <LeadSourceForm source={source} />}
    </li>
  );
}

export function LeadSources() {
  const sources = useQuery(leadSourcesOptions());
  const errors = useFormErrors();
  const [made, setMade] = useState<{ name: string; url: string } | null>(null);
  const create = useMutation(reacting(createLeadSourceMutation(), { onSuccess: setMade, onError: errors.fromError }));
  return (
    <Panel
      title="Lead sources"
      description={
        "Websites, property portals and tools such as Zapier post new enquiries here. Each becomes a lead " +
        "(given to the next agent in turn) or, for someone already on file, an “Enquired again” entry on their lead."
      }
    >
      {made ? (
        <UrlOnce name={made.name} url={made.url} onDone={() => setMade(null)} />
      ) : (
        <form
          className="mt-4 flex flex-wrap items-end gap-2"
          noValidate
          aria-label="New lead source"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate(String(new FormData(e.currentTarget).get("name") ?? ""));
          }}
        >
          <div className="w-full sm:w-72">
            <Field label="Name" error={errors.fields.name} hint="e.g. “Website”, “Housing.com”, “Zapier”">
              {(p) => <input {...p} name="name" className={inputClass} maxLength={80} />}
            </Field>
          </div>
          <Button type="submit" loading={create.isPending}>
            Add a source
          </Button>
          <div className="w-full">
            <FormAlert error={create.error} fields={errors.fields} shown={["name"]} />
          </div>
        </form>
      )}
      <QueryState query={sources} what="lead sources" className="mt-4">
        {(d) =>
          d.items.length === 0 ? (
            <p className="mt-4 text-sm text-slate-500">No sources yet.</p>
          ) : (
            <ul className="mt-2 divide-y divide-slate-100">
              {d.items.map((s) => (
                <SourceCard key={s.id} source={s} />
              ))}
            </ul>
          )
        }
      </QueryState>
    </Panel>
  );
}
