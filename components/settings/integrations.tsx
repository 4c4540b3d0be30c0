"use client";
// Admin: the ad platforms and marketplaces leads arrive from (Meta Lead Ads, Google Ads lead forms,
// IndiaMART). Each card: whether it is connected, the last lead and any error, the exact values to
// paste on the platform's side, its secrets (set or cleared, never shown), "Send a test lead"
// through the built-in simulator, "Sync now", and for Meta which answer fills which lead field.
import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { formatCount, formatDateTime, formatRelative } from "@/components/ui/format";
import { QueryState } from "@/components/ui/query-state";
import { reacting } from "@/lib/queries/api";
import {
  type IntegrationItem,
  integrationsOptions,
  syncIntegrationMutation,
  testLeadMutation,
  updateIntegrationMutation,
} from "@/lib/queries/integrations";
import { GoogleKey, MetaForms, SecretsForm } from "./integration-parts";

const WHAT: Record<IntegrationItem["kind"], string> = {
  META: "Facebook and Instagram lead forms: Meta notifies us of each lead, we read its answers from the Graph API.",
  GOOGLE_ADS: "Lead form extensions on Search, YouTube and Discovery ads: Google posts each lead to our URL with your key.",
  INDIAMART: "Enquiries, buy-leads and calls from your IndiaMART listing, pulled from Lead Manager's CRM API.",
};

const PASTE_WHERE: Record<IntegrationItem["kind"], string> = {
  META: "Meta (App dashboard → Webhooks → Page)",
  GOOGLE_ADS: "Google Ads (lead form → Webhook integration)",
  INDIAMART: "IndiaMART",
};

function Status({ item }: { item: IntegrationItem }) {
  const [text, tone] =
    item.mode === "not_set_up"
      ? ["Not set up", "bg-slate-100 text-slate-700"]
      : !item.enabled
        ? ["Switched off", "bg-slate-100 text-slate-700"]
        : item.lastError
          ? ["Needs attention", "bg-amber-50 text-amber-900 ring-1 ring-amber-200"]
          : item.mode === "simulator"
            ? ["Simulator", "bg-sky-50 text-sky-800 ring-1 ring-sky-200"]
            : ["Connected", "bg-emerald-50 text-emerald-800 ring-1 ring-emerald-200"];
  return <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${tone}`}>{text}</span>;
}

function Counts({ item }: { item: IntegrationItem }) {
  const t = item.today;
  const parts = [
    [t.CREATED, "new leads"],
    [t.ENQUIRED_AGAIN, "enquired again"],
    [t.DUPLICATE, "repeats"],
    [(t.SKIPPED ?? 0) + (t.FAILED ?? 0), "not made"],
    [t.REFUSED, "refused"],
    [t.TEST, "test leads"],
  ].filter(([n]) => (n as number | undefined) ?? 0) as [number, string][];
  return <span>{parts.length ? parts.map(([n, label]) => `${formatCount(n)} ${label}`).join(" · ") : "nothing yet"}</span>;
}

function Actions({ item }: { item: IntegrationItem }) {
  const [said, setSaid] = useState<{ tone: "success" | "error" | "info"; text: string } | null>(null);
  const test = useMutation(
    reacting(testLeadMutation(item.slug), {
      onSuccess: (a) => {
        const who = a.name ? `${a.name} (${a.phoneDisplay ?? "no number"})` : "A test lead";
        if (item.kind === "INDIAMART" && a.pull?.status === "waiting")
          setSaid({
            tone: "info",
            text: `${who} is waiting on IndiaMART: the next pull${a.pull.nextAt ? ` at ${formatDateTime(a.pull.nextAt)}` : ""} brings it.`,
          });
        else setSaid({ tone: "success", text: `${who} was sent. It is on the lead list now, with ${item.name} as its source.` });
      },
      onError: (e) => setSaid({ tone: "error", text: e.message }),
    }),
  );
  const sync = useMutation(
    reacting(syncIntegrationMutation(item.slug), {
      onSuccess: (r) =>
        setSaid(
          r.status === "done"
            ? { tone: "success", text: "made" in r ? `Synced: ${formatCount(r.made)} new lead${r.made === 1 ? "" : "s"}.` : "Synced." }
            : r.status === "waiting"
              ? {
                  tone: "info",
                  text: `IndiaMART allows one pull per interval: the next is ${r.nextAt ? `at ${formatDateTime(r.nextAt)}` : "soon"}.`,
                }
              : r.status === "not_set_up"
                ? { tone: "error", text: "Set it up first." }
                : { tone: "error", text: `Sync failed: ${"error" in r ? r.error : "unknown"}` },
        ),
      onError: (e) => setSaid({ tone: "error", text: e.message }),
    }),
  );
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {item.mode === "simulator" && (
          <Button onClick={() => test.mutate()} loading={test.isPending}>
            Send a test lead
          </Button>
        )}
        {item.kind !== "GOOGLE_ADS" && item.mode !== "not_set_up" && (
          <Button variant="secondary" onClick={() => sync.mutate()} loading={sync.isPending}>
            {item.kind === "META" ? "Fetch missed leads now" : "Pull now"}
          </Button>
        )}
      </div>
      {said && (
        <Alert tone={said.tone} className="max-w-2xl">
          {said.text}
        </Alert>
      )}
    </div>
  );
}

function IntegrationCard({ item }: { item: IntegrationItem }) {
  const toggle = useMutation(updateIntegrationMutation(item.slug));
  return (
    <section
      aria-labelledby={`int-${item.slug}`}
      className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5"
      data-testid={`integration-${item.slug}`}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 id={`int-${item.slug}`} className="text-base font-semibold text-slate-900">
            {item.name} <Status item={item} />
          </h2>
          <p className="mt-1 max-w-2xl text-sm text-slate-600">{WHAT[item.kind]}</p>
        </div>
        {item.mode !== "not_set_up" && (
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input
              type="checkbox"
              className="size-4 rounded border-slate-300"
              checked={item.enabled}
              disabled={toggle.isPending}
              onChange={(e) => toggle.mutate({ enabled: e.target.checked })}
            />
            {item.kind === "INDIAMART" ? "Pull leads" : "Take leads"}
          </label>
        )}
      </div>
      <dl className="mt-3 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
        <dt className="text-slate-500">Last lead</dt>
        <dd className="text-slate-900">
          {item.lastLeadAt ? `${formatRelative(item.lastLeadAt)} (${formatDateTime(item.lastLeadAt)})` : "None yet"}
        </dd>
        <dt className="text-slate-500">Last 24 hours</dt>
        <dd className="text-slate-900">
          <Counts item={item} />
        </dd>
        {item.lastResult && (
          <>
            <dt className="text-slate-500">Last run</dt>
            <dd className="text-slate-900">
              {item.lastResult}
              {item.lastRunAt && <span className="text-slate-500"> · {formatDateTime(item.lastRunAt)}</span>}
            </dd>
          </>
        )}
        {item.kind === "INDIAMART" && item.nextPullAt && item.enabled && (
          <>
            <dt className="text-slate-500">Next pull</dt>
            <dd className="text-slate-900">{formatDateTime(item.nextPullAt)}</dd>
          </>
        )}
      </dl>
      {item.lastError && (
        <Alert tone="warning" className="mt-3 max-w-2xl">
          {item.lastErrorAt && `${formatDateTime(item.lastErrorAt)}: `}
          {item.lastError}
        </Alert>
      )}
      <h3 className="mt-4 text-sm font-semibold text-slate-800">
        {item.kind === "INDIAMART" ? "Connecting IndiaMART" : `Paste these into ${PASTE_WHERE[item.kind]}`}
      </h3>
      <ul className="mt-2 space-y-2">
        {item.setup.map((s) => (
          <li key={s.label} className="flex flex-wrap items-center gap-2 text-sm">
            <span className="w-32 shrink-0 text-slate-500">{s.label}</span>
            <code className="min-w-0 break-all rounded bg-slate-50 px-2 py-1 text-slate-900 ring-1 ring-slate-200">{s.value}</code>
            {s.copy && <CopyButton text={s.value} label={`Copy ${s.label.toLowerCase()}`} />}
          </li>
        ))}
      </ul>
      <div className="mt-4 space-y-4">
        <Actions item={item} />
        {item.kind === "GOOGLE_ADS" && item.mode !== "simulator" && <GoogleKey />}
        <SecretsForm item={item} />
        {item.kind === "META" && <MetaForms item={item} />}
        <p className="text-sm text-slate-600">
          Every delivery, with what became of it, and the field names:{" "}
          <Link href={`/settings/lead-sources#source-${item.sourceId}`} className="font-medium text-brand-700 underline">
            Lead sources → {item.sourceName}
          </Link>
          .
        </p>
      </div>
    </section>
  );
}

export function Integrations() {
  const query = useQuery(integrationsOptions());
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold text-slate-900">Integrations</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Leads from ads and marketplaces arrive here by themselves, are checked for repeats and land on an agent's list within seconds.
        </p>
      </div>
      <QueryState query={query} what="integrations">
        {(data) => (
          <>
            {data.simulator && (
              <Alert tone="info" className="max-w-3xl">
                This is a development server: the platforms without real settings run against the built-in simulator, whose values are shown
                below. “Send a test lead” goes through the same path a real lead takes.
              </Alert>
            )}
            {data.items.map((item) => (
              <IntegrationCard key={item.kind} item={item} />
            ))}
          </>
        )}
      </QueryState>
    </div>
  );
}
