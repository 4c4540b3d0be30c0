"use client";
// A call on a lead's timeline: direction, status, talk time, who, which number, why it ended (in
// words), its outcome with Add/Change outcome, and the recording, loaded only when played.
import { useState } from "react";
import { DispositionForm } from "@/components/calls/lazy-disposition-form";
import { hangupCauseLabel } from "@/lib/calls/hangup-causes";
import { callStatusLabel, isActiveCallStatus } from "@/lib/calls/status";
import type { ActivityDto } from "@/lib/leads/dto";
import type { LeadStatusValue } from "@/lib/leads/status-labels";
import { formatDateTime, formatDuration } from "../ui/format";

const STATUS_TONE: Record<string, string> = {
  INITIATED: "bg-slate-100 text-slate-700",
  RINGING: "bg-sky-100 text-sky-800",
  ANSWERED: "bg-emerald-100 text-emerald-800",
  COMPLETED: "bg-emerald-100 text-emerald-800",
  MISSED: "bg-rose-100 text-rose-800",
  FAILED: "bg-rose-100 text-rose-800",
};

/** The IVR keys as the floor says them: "Pressed 1", "Pressed 2 then 1". */
function pressed(digits: string): string {
  const keys = digits.replace(/[^0-9*#]/g, "").split("");
  return keys.length ? `Pressed ${keys.join(" then ")}` : "";
}

export type OutcomeRights = { userId: string; supervisor: boolean; leadStatus?: LeadStatusValue };

export function CallEntry({ activity, outcome }: { activity: ActivityDto; outcome?: OutcomeRights }) {
  const call = activity.call!;
  const [editing, setEditing] = useState(false);
  const label = callStatusLabel(call.status);
  const ended = !isActiveCallStatus(call.status);
  // The agent on the call, or a supervisor (the server checks their scope again).
  const mayRecord = !!outcome && ended && call.status !== "FAILED" && (outcome.supervisor || call.agent?.id === outcome.userId);
  const why = hangupCauseLabel(call.hangupCause);
  // Inbound: which of our numbers they dialled (where they saw us) and the IVR keys they pressed.
  const dialled = [
    call.direction === "INBOUND" && call.dialledDisplay
      ? `Called ${call.dialledDisplay}${call.dialledSource ? ` · ${call.dialledSource}` : ""}`
      : "",
    call.ivrDigits ? pressed(call.ivrDigits) : "",
  ]
    .filter(Boolean)
    .join(" · ");
  return (
    <div className="space-y-2" data-testid="call-entry" data-call-status={call.status}>
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
        <span className="font-medium text-slate-900">{call.direction === "INBOUND" ? "Incoming call" : "Outgoing call"}</span>
        <span
          className={`rounded-full px-2 py-0.5 text-xs font-medium ${STATUS_TONE[call.status] ?? STATUS_TONE.INITIATED}`}
          title={call.providerStatus ? `Smartflo: ${call.providerStatus}` : undefined}
        >
          {label}
        </span>
        {call.talkSeconds != null && call.talkSeconds > 0 && (
          <span className="text-slate-600">Talk time {formatDuration(call.talkSeconds)}</span>
        )}
        {call.agent && <span className="text-slate-500">· {call.agent.name}</span>}
        {call.customerDisplay && (
          <span className="text-slate-500 tabular-nums" data-testid="call-number">
            · {call.direction === "INBOUND" ? "from" : "to"} {call.customerDisplay}
          </span>
        )}
      </div>
      {dialled && (
        <p className="text-xs text-slate-600" data-testid="call-dialled">
          {dialled}
        </p>
      )}
      {(call.error || (why && ended)) && (
        <p className="text-xs text-slate-500" title={call.hangupCause ?? undefined}>
          {call.error ? `Could not place the call: ${call.error}` : why}
        </p>
      )}
      {call.disposition && !editing && (
        <p className="text-sm text-slate-800" data-testid="call-disposition">
          <span className="rounded bg-brand-50 px-1.5 py-0.5 text-xs font-semibold text-brand-700">{call.disposition}</span>
          {call.notes && <span className="ml-2 whitespace-pre-wrap">{call.notes}</span>}
        </p>
      )}
      {mayRecord && !editing && (
        <button
          type="button"
          onClick={() => setEditing(true)}
          className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline"
          data-testid="edit-outcome"
        >
          {call.disposition ? "Change outcome" : "Add outcome"}
        </button>
      )}
      {editing && activity.leadId && (
        <DispositionForm
          call={call}
          leadId={activity.leadId}
          leadStatus={outcome?.leadStatus}
          onDone={() => setEditing(false)}
          onSaved={() => setEditing(false)}
          bare
        />
      )}
      {call.recordingUrl && (
        // Loaded only when played (preload="none"): opening a lead fetches no recording and audits no play.
        // biome-ignore lint/a11y/useMediaCaption: a phone call's recording has no captions to offer; the timeline entry describes it.
        <audio controls preload="none" src={call.recordingUrl} className="h-9 w-full max-w-md" aria-label="Call recording">
          <a href={call.recordingUrl}>Download the recording</a>
        </audio>
      )}
      {call.recordingDeleted && (
        <p className="text-xs text-slate-500" data-testid="recording-deleted">
          {call.recordingDeleted.days ? `Recording deleted after ${call.recordingDeleted.days} days` : "Recording deleted"} (
          {formatDateTime(call.recordingDeleted.at)})
        </p>
      )}
    </div>
  );
}
