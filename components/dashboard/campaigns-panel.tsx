"use client";
// The dashboard's campaigns: every campaign still running, with its progress per agent.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { CampaignProgress, ProgressBar } from "@/components/dialer/campaign-progress";
import { useFallbackInterval } from "@/components/live/live-provider";
import { QueryState } from "@/components/ui/query-state";
import { campaignsOptions } from "@/lib/queries/dialer";

export function CampaignsPanel() {
  const campaigns = useQuery({ ...campaignsOptions(), refetchInterval: useFallbackInterval(15_000) });
  return (
    <section className="rounded-xl bg-white p-4 shadow-xs ring-1 ring-slate-200" aria-labelledby="campaigns-heading">
      <div className="mb-3 flex items-center justify-between">
        <h2 id="campaigns-heading" className="text-sm font-semibold text-slate-900">
          Campaigns
        </h2>
        <Link href="/campaigns" className="text-sm text-brand-700 hover:underline">
          Manage campaigns
        </Link>
      </div>
      <QueryState
        query={campaigns}
        what="campaigns"
        isEmpty={(d) => !d.items.some((c) => c.status !== "ENDED")}
        empty={<p className="py-4 text-center text-sm text-slate-500">No campaign is running.</p>}
      >
        {(d) => (
          <ul className="divide-y divide-slate-100">
            {d.items
              .filter((c) => c.status !== "ENDED" && c.progress)
              .map((c) => (
                <li key={c.id} className="space-y-2 py-3" data-testid="dashboard-campaign" data-name={c.name}>
                  <div className="flex flex-wrap items-center gap-3">
                    <h3 className="font-medium text-slate-900">{c.name}</h3>
                    {c.status === "PAUSED" && <span className="text-xs text-amber-800">paused</span>}
                    <ProgressBar done={c.progress!.leads.done} total={c.progress!.leads.total} label={`${c.name}: leads done`} />
                  </div>
                  <CampaignProgress name={c.name} progress={c.progress!} />
                </li>
              ))}
          </ul>
        )}
      </QueryState>
    </section>
  );
}
