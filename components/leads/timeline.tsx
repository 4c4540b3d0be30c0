"use client";
import { CONSENT_METHOD_LABELS, DNC_SOURCE_LABELS } from "@/lib/compliance/labels";
import type { ActivityDto } from "@/lib/leads/dto";
import { LEAD_STATUS_LABELS, type LeadStatusValue } from "@/lib/leads/status-labels";
import { formatDateTime, formatDuration, formatRelative } from "../ui/format";
import { PhoneIcon } from "../ui/phone-icon";

const CALL_OUTCOME: Record<string, { label: string; tone: string }> = {
  INITIATED: { label: "Connecting", tone: "bg-slate-100 text-slate-700" },
  RINGING: { label: "Ringing", tone: "bg-sky-100 text-sky-800" },
  ANSWERED: { label: "In progress", tone: "bg-emerald-100 text-emerald-800" },
  COMPLETED: { label: "Answered", tone: "bg-emerald-100 text-emerald-800" },
  MISSED: { label: "Missed", tone: "bg-rose-100 text-rose-800" },
  FAILED: { label: "Failed", tone: "bg-rose-100 text-rose-800" },
};

function Icon({ type, direction }: { type: ActivityDto["type"]; direction?: string }) {
  const base = "flex size-8 items-center justify-center rounded-full ring-4 ring-white";
  if (type === "CALL")
    return (
      <span className={`${base} bg-brand-100 text-brand-700`} aria-hidden>
        <PhoneIcon className="size-4" />
        <span className="sr-only">{direction === "INBOUND" ? "Incoming call" : "Outgoing call"}</span>
      </span>
    );
  const glyph =
    {
      NOTE: "✎",
      STATUS_CHANGE: "⇄",
      ASSIGNMENT: "👤",
      LEAD_CREATED: "★",
      PHONE_CHANGE: "☎",
      CALL_ACTION: "🎧",
      DO_NOT_CALL: "×",
      CONSENT: "✓",
      ERASURE: "∅",
    }[type] ?? "•";
  return (
    <span className={`${base} bg-slate-100 text-sm text-slate-600`} aria-hidden>
      {glyph}
    </span>
  );
}

function CallEntry({ activity }: { activity: ActivityDto }) {
  const call = activity.call!;
  const outcome = CALL_OUTCOME[call.status] ?? { label: call.status, tone: "bg-slate-100 text-slate-700" };
  return (
    <div className="space-y-2" data-testid="call-entry" data-call-status={call.status}>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="font-medium text-slate-900">{call.direction === "INBOUND" ? "Incoming call" : "Outgoing call"}</span>
        <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${outcome.tone}`}>{outcome.label}</span>
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
      {(call.providerStatus || call.hangupCause || call.error) && (
        <p className="text-xs text-slate-500">
          {call.error
            ? `Error: ${call.error}`
            : [call.providerStatus && `Smartflo: ${call.providerStatus}`, call.hangupCause && `hangup: ${call.hangupCause}`]
                .filter(Boolean)
                .join(" · ")}
        </p>
      )}
      {call.disposition && (
        <p className="text-sm text-slate-800" data-testid="call-disposition">
          <span className="rounded bg-brand-50 px-1.5 py-0.5 text-xs font-semibold text-brand-700">{call.disposition}</span>
          {call.notes && <span className="ml-2 whitespace-pre-wrap">{call.notes}</span>}
        </p>
      )}
      {call.recordingUrl && (
        // biome-ignore lint/a11y/useMediaCaption: a phone call's recording has no captions to offer; the timeline entry describes it.
        <audio controls preload="metadata" src={call.recordingUrl} className="h-9 w-full max-w-md" aria-label="Call recording">
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

const consentMethod = (m: unknown) => CONSENT_METHOD_LABELS[m as keyof typeof CONSENT_METHOD_LABELS]?.toLowerCase() ?? String(m);

function Body({ activity }: { activity: ActivityDto }) {
  const p = activity.payload;
  switch (activity.type) {
    case "CALL":
      return activity.call ? <CallEntry activity={activity} /> : <p className="text-sm text-slate-700">Call</p>;
    case "NOTE":
      return <p className="text-sm whitespace-pre-wrap text-slate-800">{String(p.body ?? "")}</p>;
    case "STATUS_CHANGE":
      return (
        <p className="text-sm text-slate-700">
          Status changed from <strong>{LEAD_STATUS_LABELS[p.from as LeadStatusValue] ?? String(p.from)}</strong> to{" "}
          <strong>{LEAD_STATUS_LABELS[p.to as LeadStatusValue] ?? String(p.to)}</strong>
          {typeof p.reason === "string" && <span className="text-slate-500"> · {p.reason}</span>}
        </p>
      );
    case "ASSIGNMENT":
      return <p className="text-sm text-slate-700">{p.toName ? `Assigned to ${String(p.toName)}` : p.to ? "Reassigned" : "Unassigned"}</p>;
    case "PHONE_CHANGE":
      return (
        <p className="text-sm text-slate-700" data-testid="phone-change">
          Phone number changed from <strong>{String(p.from ?? "none")}</strong> to <strong>{String(p.to ?? "none")}</strong>
        </p>
      );
    case "CALL_ACTION": {
      const name = (v: unknown) => (v && typeof v === "object" && "name" in v ? String(v.name) : "someone");
      const text =
        p.action === "transfer"
          ? `${name(p.by)} transferred the call from ${name(p.agent)} to ${name(p.to)}`
          : `${name(p.by)} ${{ monitor: "listened in on", whisper: "coached", barge: "joined" }[String(p.action)] ?? "stepped into"} ${
              p.action === "whisper" ? `${name(p.agent)} on the call` : `${name(p.agent)}'s call`
            }`;
      return (
        <p className="text-sm text-slate-700" data-testid="call-action" data-action={String(p.action)}>
          {text}
        </p>
      );
    }
    case "DO_NOT_CALL": {
      const numbers = Array.isArray(p.numbers) ? p.numbers.map(String).join(", ") : "";
      return (
        <p className="text-sm text-slate-700" data-testid="dnc-entry">
          {p.marked ? (
            <>
              <strong className="text-rose-700">Do not call</strong>: {numbers}
              {typeof p.reason === "string" && <> · {p.reason}</>}
              {typeof p.source === "string" && <span className="text-slate-500"> · from {DNC_SOURCE_LABELS[p.source] ?? p.source}</span>}
            </>
          ) : (
            <>Do-not-call lifted for {numbers}</>
          )}
        </p>
      );
    }
    case "CONSENT":
      return (
        <p className="text-sm text-slate-700" data-testid="consent-entry">
          {p.consentWithdrawnAt
            ? "Consent withdrawn"
            : p.consentMethod
              ? `Consent recorded (${consentMethod(p.consentMethod)})`
              : "Consent details changed"}
          {p.purpose ? ` · purpose: ${String(p.purpose).toLowerCase()}` : ""}
          {typeof p.consentText === "string" && p.consentText && <span className="text-slate-500"> · “{p.consentText}”</span>}
        </p>
      );
    case "ERASURE":
      return <p className="text-sm text-slate-700">This person's data was erased on request</p>;
    case "LEAD_CREATED":
      return (
        <p className="text-sm text-slate-700">
          Lead created{p.source ? ` from ${String(p.source)}` : ""}
          {p.assignedBy === "round-robin" && p.toName ? ` · assigned to ${String(p.toName)} (round-robin)` : ""}
        </p>
      );
    default:
      return <p className="text-sm text-slate-700">{activity.type}</p>;
  }
}

export function Timeline({ activities, pendingIds = new Set() }: { activities: ActivityDto[]; pendingIds?: Set<string> }) {
  if (activities.length === 0) return <p className="py-8 text-center text-sm text-slate-500">Nothing here yet.</p>;
  return (
    <ol
      className="relative space-y-5 before:absolute before:top-2 before:bottom-2 before:left-4 before:w-px before:bg-slate-200"
      aria-label="Activity timeline"
      data-testid="timeline"
    >
      {activities.map((activity) => (
        <li
          key={activity.id}
          className={`relative flex gap-3 ${pendingIds.has(activity.id) ? "opacity-60" : ""}`}
          data-activity-type={activity.type}
        >
          <Icon type={activity.type} direction={activity.call?.direction} />
          <div className="min-w-0 flex-1 rounded-lg bg-white px-4 py-3 shadow-xs ring-1 ring-slate-200">
            <Body activity={activity} />
            <p className="mt-1.5 text-xs text-slate-500">
              <time dateTime={activity.createdAt} title={formatDateTime(activity.createdAt)}>
                {formatRelative(activity.createdAt)}
              </time>
              {activity.actor && activity.type !== "CALL" && <> · {activity.actor.name}</>}
              {pendingIds.has(activity.id) && " · saving…"}
            </p>
          </div>
        </li>
      ))}
    </ol>
  );
}
