"use client";
import { useInfiniteQuery, useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { type ActiveCallRef, CallPanel } from "@/components/calls/call-panel";
import { LeadCompliancePanel } from "@/components/leads/lead-compliance";
import { useFallbackInterval } from "@/components/live/live-provider";
import { LeadTasks } from "@/components/tasks/lead-tasks";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { inputClass } from "@/components/ui/field";
import { lazyComponent } from "@/components/ui/lazy";
import { Options } from "@/components/ui/options";
import { QueryState } from "@/components/ui/query-state";
import { CALL_SHORTCUTS, KeyboardShortcuts } from "@/components/ui/shortcuts";
import { Spinner } from "@/components/ui/spinner";
import { onSubmit } from "@/components/ui/submit";
import { displayValue } from "@/lib/custom-fields/display";
import type { LeadDto } from "@/lib/leads/dto";
import { LEAD_STATUS_LABELS, LEAD_STATUSES, type LeadStatusValue } from "@/lib/leads/status-labels";
import { reacting } from "@/lib/queries/api";
import { customFieldsOptions } from "@/lib/queries/custom-fields";
import { activitiesOptions, addNoteMutation, leadOptions, updateLeadMutation } from "@/lib/queries/leads";
import { DateTime } from "../ui/date-time";
import { FirstResponseClock } from "./first-response-clock";

// The edit form (and its validation: zod, phone numbers) loads only when someone edits.
const EditLeadForm = lazyComponent(() => import("./edit-lead-form").then((m) => m.EditLeadForm), <Spinner className="size-5" />);

import { SAVES_TYPED_WORK } from "@/components/providers";
import { StatusBadge } from "./status-badge";
import { Timeline } from "./timeline";

export interface WorkspaceUser {
  id: string;
  name: string;
  canAssign: boolean;
  isAdmin?: boolean;
}

/** Where the lead came from, in words: the campaign (UTM), the page it was on, the site before it. */
function attributionRows(a: LeadDto["attribution"]): [string, React.ReactNode][] {
  if (!a) return [];
  const campaign = [a.utmSource, a.utmMedium, a.utmCampaign, a.utmTerm, a.utmContent].filter(Boolean).join(" / ");
  const link = (href: string) => <span className="break-all text-xs text-slate-600">{href}</span>;
  return [
    ...(campaign ? [["Campaign (UTM)", campaign] as [string, React.ReactNode]] : []),
    ...(a.landingPage ? [["Landing page", link(a.landingPage)] as [string, React.ReactNode]] : []),
    ...(a.referrer ? [["Came from", link(a.referrer)] as [string, React.ReactNode]] : []),
  ];
}

export function LeadWorkspace({
  initialLead,
  user,
  activeCall,
}: {
  initialLead: LeadDto;
  user: WorkspaceUser;
  activeCall: ActiveCallRef | null;
}) {
  const leadId = initialLead.id;
  // Webhooks land server-side: poll so the status and timeline update without a reload.
  const fallback = useFallbackInterval(4000);
  const lead = useQuery({ ...leadOptions(leadId), initialData: initialLead, refetchInterval: fallback });
  const customFields = useQuery(customFieldsOptions());
  const activities = useInfiniteQuery({ ...activitiesOptions(leadId), refetchInterval: fallback });
  const [editing, setEditing] = useState(false);
  const [note, setNote] = useState("");

  const statusMutation = useMutation(updateLeadMutation(leadId));
  // Optimistic: the note shows at once, greyed until saved; on failure it is back in the box.
  const noteMutation = useMutation(
    reacting(
      { ...addNoteMutation(leadId, { id: user.id, name: user.name }), meta: SAVES_TYPED_WORK },
      { onError: (_e, body) => setNote(body) },
    ),
  );

  const current = lead.data;
  const items = activities.data?.pages.flatMap((p) => p.items) ?? [];
  const pendingIds = new Set(items.filter((a) => a.id.startsWith("optimistic-")).map((a) => a.id));

  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <div className="space-y-6">
        <section className="rounded-xl bg-white p-5 shadow-xs ring-1 ring-slate-200" aria-labelledby="lead-name">
          <div className="flex flex-wrap items-start justify-between gap-4">
            <div className="min-w-0">
              <div className="flex flex-wrap items-center gap-2">
                <h1 id="lead-name" className="truncate text-2xl font-semibold text-slate-900">
                  {current.name}
                </h1>
                <span data-testid="lead-status">
                  <StatusBadge status={current.status} />
                </span>
                {current.doNotCall && (
                  <span className="rounded-full bg-rose-100 px-2 py-0.5 text-xs font-semibold text-rose-800" data-testid="dnc-badge">
                    Do not call
                  </span>
                )}
              </div>
              <p className="mt-1 text-lg text-slate-700 tabular-nums" data-testid="lead-phone">
                {current.phoneDisplay}
              </p>
              {current.phones.length > 1 && (
                <ul className="mt-1 flex flex-wrap gap-x-3 text-sm text-slate-500 tabular-nums" aria-label="Other numbers">
                  {current.phones
                    .filter((p) => !p.primary)
                    .map((p) => (
                      <li key={p.number}>
                        {p.display} <span className="text-xs text-slate-400">{p.label.toLowerCase()}</span>
                      </li>
                    ))}
                </ul>
              )}
              <p className="mt-1 text-sm text-slate-500">
                Last contacted: <DateTime iso={current.lastContactedAt} relative empty="Never" data-testid="last-contacted" />
              </p>
              <FirstResponseClock lead={current} />
            </div>
            <CallPanel
              leadId={leadId}
              leadName={current.name}
              phones={current.phones}
              leadStatus={current.status}
              initialCall={activeCall}
            />
          </div>
        </section>

        <section aria-labelledby="timeline-heading" className="space-y-4">
          <div className="flex items-center justify-between">
            <div className="flex items-center gap-2">
              <h2 id="timeline-heading" className="text-base font-semibold text-slate-900">
                Activity
              </h2>
              {activities.isFetching && !activities.isPending && <Spinner className="size-4 text-slate-400" label="Refreshing activity" />}
            </div>
            <KeyboardShortcuts list={CALL_SHORTCUTS} />
          </div>
          <form
            className="rounded-lg bg-white p-3 shadow-xs ring-1 ring-slate-200"
            onSubmit={onSubmit(() => {
              if (note.trim()) {
                noteMutation.mutate(note.trim());
                setNote("");
              }
            })}
          >
            <label htmlFor="note" className="sr-only">
              Add a note
            </label>
            <textarea
              id="note"
              value={note}
              onChange={(e) => setNote(e.target.value)}
              rows={2}
              placeholder="Add a note…"
              className={`${inputClass} resize-y`}
              maxLength={5000}
            />
            <div className="mt-2 flex items-center justify-between gap-2">
              <span className="text-sm text-rose-600" role={noteMutation.isError ? "alert" : undefined}>
                {noteMutation.isError ? `Note not saved: ${noteMutation.error.message}` : ""}
              </span>
              <Button type="submit" size="sm" disabled={!note.trim()}>
                Add note
              </Button>
            </div>
          </form>
          <QueryState query={activities} what="the timeline">
            {(_d) => (
              <Timeline
                activities={items}
                pendingIds={pendingIds}
                outcome={{ userId: user.id, supervisor: user.canAssign, leadStatus: current.status }}
              />
            )}
          </QueryState>
          {activities.hasNextPage && (
            <div className="flex justify-center">
              <Button variant="secondary" size="sm" loading={activities.isFetchingNextPage} onClick={() => activities.fetchNextPage()}>
                Show older activity
              </Button>
            </div>
          )}
        </section>
      </div>

      <aside className="space-y-4">
        <section className="rounded-xl bg-white p-5 shadow-xs ring-1 ring-slate-200" aria-labelledby="details-heading">
          <div className="mb-3 flex items-center justify-between">
            <h2 id="details-heading" className="text-sm font-semibold text-slate-900">
              Details
            </h2>
            <Button variant="ghost" size="sm" onClick={() => setEditing(true)}>
              Edit
            </Button>
          </div>
          <label htmlFor="status" className="block text-xs font-medium text-slate-500">
            Status
          </label>
          <div className="mt-1 flex items-center gap-2">
            <select
              id="status"
              value={current.status}
              disabled={statusMutation.isPending}
              onChange={(e) => statusMutation.mutate({ status: e.target.value as LeadStatusValue })}
              className={inputClass}
            >
              <Options items={LEAD_STATUSES} value={(s) => s} label={(s) => LEAD_STATUS_LABELS[s]} />
            </select>
            {statusMutation.isPending && <Spinner className="size-4 text-slate-400" label="Saving status" />}
          </div>
          {statusMutation.isError && (
            <p className="mt-1 text-sm text-rose-600" role="alert">
              {statusMutation.error.message}
            </p>
          )}
          <dl className="mt-4 space-y-3 text-sm">
            {(
              [
                ["Owner", current.owner?.name ?? "Unassigned"],
                ["Email", current.email ?? "—"],
                ["Source", [current.source, current.subSource].filter(Boolean).join(" · ") || "—"],
                ...attributionRows(current.attribution),
                ...(customFields.data?.items ?? [])
                  .filter((d) => current.fields[d.key] !== undefined || !d.archivedAt)
                  .map((d) => [d.label, displayValue(d, current.fields[d.key])] as [string, React.ReactNode]),
                ["Created", <DateTime key="created" iso={current.createdAt} />],
              ] as [string, React.ReactNode][]
            ).map(([k, v]) => (
              <div key={k}>
                <dt className="text-xs font-medium text-slate-500">{k}</dt>
                <dd className="break-words text-slate-800">{v}</dd>
              </div>
            ))}
          </dl>
        </section>
        <LeadCompliancePanel leadId={leadId} isAdmin={!!user.isAdmin} supervisor={!!user.canAssign} />
        <LeadTasks leadId={leadId} leadName={current.name} />
      </aside>

      <Dialog open={editing} onClose={() => setEditing(false)} title="Edit lead">
        <EditLeadForm lead={current} canAssign={user.canAssign} onDone={() => setEditing(false)} />
      </Dialog>
    </div>
  );
}
