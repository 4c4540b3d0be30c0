"use client";
// /campaigns (managers and admins): every campaign they run, its progress per campaign and per
// agent, pause / resume / end, and a new one from a filter or a CSV of numbers.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useFallbackInterval } from "@/components/live/live-provider";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DateTime } from "@/components/ui/date-time";
import { Dialog } from "@/components/ui/dialog";
import { lazyComponent } from "@/components/ui/lazy";
import { EmptyText, QueryState } from "@/components/ui/query-state";
import { Spinner } from "@/components/ui/spinner";
import { type CampaignListItem, campaignsOptions, updateCampaignMutation } from "@/lib/queries/dialer";
import { CampaignProgress, ProgressBar } from "./campaign-progress";

const CampaignForm = lazyComponent(() => import("./campaign-form").then((m) => m.CampaignForm), <Spinner className="size-5" />);

const STATUS_TONE = {
  ACTIVE: "bg-emerald-100 text-emerald-800",
  PAUSED: "bg-amber-100 text-amber-900",
  ENDED: "bg-slate-100 text-slate-600",
};

function CampaignRow({ c }: { c: CampaignListItem }) {
  const change = useMutation(updateCampaignMutation(c.id));
  return (
    <li className="space-y-3 rounded-xl bg-white p-5 shadow-xs ring-1 ring-slate-200" data-testid="campaign" data-name={c.name}>
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="text-base font-semibold text-slate-900">{c.name}</h2>
        <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${STATUS_TONE[c.status]}`}>{c.status.toLowerCase()}</span>
        {c.progress && <ProgressBar done={c.progress.leads.done} total={c.progress.leads.total} label={`${c.name}: leads done`} />}
        <div className="ml-auto flex gap-2">
          {c.status === "ACTIVE" && (
            <Button size="sm" variant="secondary" onClick={() => change.mutate({ status: "PAUSED" })} loading={change.isPending}>
              Pause
            </Button>
          )}
          {c.status === "PAUSED" && (
            <Button size="sm" variant="secondary" onClick={() => change.mutate({ status: "ACTIVE" })} loading={change.isPending}>
              Resume
            </Button>
          )}
          {c.status !== "ENDED" && (
            <Button size="sm" variant="ghost" onClick={() => change.mutate({ status: "ENDED" })} disabled={change.isPending}>
              End
            </Button>
          )}
        </div>
      </div>
      <p className="text-sm text-slate-600">
        {c.agents.map((a) => a.name).join(", ")} · up to {c.maxAttempts} attempts, {c.retryGapMinutes} min apart
        {c.startsAt && (
          <>
            {" "}
            · from <DateTime iso={c.startsAt} />
          </>
        )}
        {c.endsAt && (
          <>
            {" "}
            · until <DateTime iso={c.endsAt} />
          </>
        )}
      </p>
      {change.isError && <Alert>{change.error.message}</Alert>}
      {c.progress && <CampaignProgress name={c.name} progress={c.progress} />}
    </li>
  );
}

export function CampaignsView() {
  const campaigns = useQuery({ ...campaignsOptions(), refetchInterval: useFallbackInterval(15_000) });
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <div className="space-y-5">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold text-slate-900">Campaigns</h1>
        <Button onClick={() => setCreating(true)} data-testid="new-campaign">
          New campaign
        </Button>
      </div>
      {notice && <Alert tone="info">{notice}</Alert>}
      <QueryState
        query={campaigns}
        what="campaigns"
        isEmpty={(d) => d.items.length === 0}
        empty={<EmptyText>No campaigns yet. A campaign is a list of leads your agents call through on the Calling page.</EmptyText>}
      >
        {(d) => (
          <ul className="space-y-4">
            {d.items.map((c) => (
              <CampaignRow key={c.id} c={c} />
            ))}
          </ul>
        )}
      </QueryState>
      <Dialog open={creating} onClose={() => setCreating(false)} title="New campaign">
        <CampaignForm
          onDone={(unmatched) => {
            setCreating(false);
            if (unmatched > 0) setNotice(`Campaign created; ${unmatched} numbers matched no lead you manage and were left out.`);
          }}
        />
      </Dialog>
    </div>
  );
}
