"use client";
import { CONSENT_METHOD_LABELS, DNC_SOURCE_LABELS } from "@/lib/compliance/labels";
import type { ActivityDto } from "@/lib/leads/dto";
import { LEAD_STATUS_LABELS, type LeadStatusValue } from "@/lib/leads/status-labels";
import { formatDateTime, formatRelative } from "../ui/format";
import {
  ArrowsIcon,
  BanIcon,
  CheckIcon,
  ClockIcon,
  DotIcon,
  EraseIcon,
  HashIcon,
  HeadsetIcon,
  NoteIcon,
  StarIcon,
  UserIcon,
} from "../ui/icons";
import { PhoneIcon } from "../ui/phone-icon";
import { CallEntry, type OutcomeRights } from "./call-entry";

function Icon({ type, direction }: { type: ActivityDto["type"]; direction?: string }) {
  const base = "flex size-8 shrink-0 items-center justify-center rounded-full ring-4 ring-white";
  if (type === "CALL")
    return (
      <span className={`${base} bg-brand-100 text-brand-700`} aria-hidden>
        <PhoneIcon className="size-4" />
        <span className="sr-only">{direction === "INBOUND" ? "Incoming call" : "Outgoing call"}</span>
      </span>
    );
  const Glyph =
    {
      NOTE: NoteIcon,
      STATUS_CHANGE: ArrowsIcon,
      ASSIGNMENT: UserIcon,
      LEAD_CREATED: StarIcon,
      PHONE_CHANGE: HashIcon,
      CALL_ACTION: HeadsetIcon,
      DO_NOT_CALL: BanIcon,
      CONSENT: CheckIcon,
      ERASURE: EraseIcon,
      ENQUIRED_AGAIN: StarIcon,
      FIRST_RESPONSE: ClockIcon,
    }[type] ?? DotIcon;
  return (
    <span className={`${base} bg-slate-100 text-slate-600`} aria-hidden>
      <Glyph className="size-4" />
    </span>
  );
}

/** The lead fields an enquiry filled in, in a sales floor's words. */
const FILLED_LABEL: Record<string, string> = {
  email: "email",
  source: "source",
  subSource: "campaign",
  attribution: "ad and page details",
  consentAt: "consent",
  fields: "custom fields",
};

/** "Added +91 98100 15838 · Primary number now +91 …": what changed, never "changed from X to X". */
function phoneChangeText(p: Record<string, unknown>): string {
  const strings = (v: unknown) => (Array.isArray(v) ? v.map(String) : null);
  const before = strings(p.before);
  const after = strings(p.numbers);
  const parts: string[] = [];
  if (before && after) {
    const added = after.filter((n) => !before.includes(n));
    const removed = before.filter((n) => !after.includes(n));
    if (added.length) parts.push(`Added ${added.join(", ")}`);
    if (removed.length) parts.push(`Removed ${removed.join(", ")}`);
    if (p.from !== p.to) parts.push(`Primary number now ${String(p.to)}`);
    return parts.join(" · ") || "Number labels changed";
  }
  return p.from === p.to ? "Numbers changed" : `Phone number changed from ${String(p.from ?? "none")} to ${String(p.to ?? "none")}`;
}

const consentMethod = (m: unknown) => CONSENT_METHOD_LABELS[m as keyof typeof CONSENT_METHOD_LABELS]?.toLowerCase() ?? String(m);

function Body({ activity, outcome }: { activity: ActivityDto; outcome?: OutcomeRights }) {
  const p = activity.payload;
  switch (activity.type) {
    case "CALL":
      return activity.call ? (
        <CallEntry activity={activity} outcome={outcome} />
      ) : (
        <p className="text-sm text-slate-700">A call by another team (its details are for that team)</p>
      );
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
      return (
        <p className="text-sm text-slate-700">
          {p.toName ? `Assigned to ${String(p.toName)}` : p.to ? "Reassigned" : "Unassigned"}
          {typeof p.ruleName === "string" && <span className="text-slate-500"> · by rule “{p.ruleName}”</span>}
          {typeof p.reason === "string" && <span className="text-slate-500"> · {p.reason}</span>}
        </p>
      );
    case "FIRST_RESPONSE":
      return (
        <p className="text-sm text-slate-700" data-testid="first-response-entry">
          {p.step === "reminder" ? (
            <>
              <strong>Not called yet</strong>: {String(p.ownerName ?? "the owner")} was reminded; first call due{" "}
              {typeof p.dueAt === "string" ? formatDateTime(p.dueAt) : "soon"}
            </>
          ) : (
            <>
              <strong className="text-rose-700">First call overdue</strong>
              {p.action === "REASSIGN" && p.toName ? ` · moved from ${String(p.fromName ?? "nobody")} to ${String(p.toName)}` : ""}
              {p.action === "ALERT_MANAGER" || !p.toName ? ` · ${String(p.managerName ?? "the manager")} was alerted` : ""}
            </>
          )}
        </p>
      );
    case "PHONE_CHANGE":
      return (
        <p className="text-sm text-slate-700" data-testid="phone-change">
          {phoneChangeText(p)}
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
          {typeof p.via === "string" && p.via !== p.source ? ` via ${p.via}` : ""}
          {p.assignedBy === "round-robin" && p.toName ? ` · assigned to ${String(p.toName)} (round-robin)` : ""}
          {p.assignedBy === "rule" && (
            <span className="text-slate-500">
              {" "}
              · {p.toName ? `given to ${String(p.toName)}` : "left unassigned"} by rule “{String(p.ruleName)}”
              {typeof p.reason === "string" && ` (${p.reason})`}
            </span>
          )}
        </p>
      );
    case "ENQUIRED_AGAIN": {
      const filled = Array.isArray(p.filled) ? p.filled.map((f) => FILLED_LABEL[String(f)] ?? String(f)) : [];
      return (
        <p className="text-sm text-slate-700" data-testid="enquired-again">
          <strong>Enquired again</strong> via {String(p.via ?? p.source ?? "a lead source")}
          {typeof p.message === "string" && p.message && <span className="text-slate-500"> · “{p.message}”</span>}
          {filled.length > 0 && <span className="text-slate-500"> · filled in {filled.join(", ")}</span>}
          {p.reopened ? <span className="text-slate-500"> · re-opened (was Lost)</span> : null}
        </p>
      );
    }
    default:
      return <p className="text-sm text-slate-700">{activity.type}</p>;
  }
}

export function Timeline({
  activities,
  pendingIds = new Set(),
  outcome,
}: {
  activities: ActivityDto[];
  pendingIds?: Set<string>;
  /** Who is looking: the calls they may give an outcome get "Add outcome" / "Change outcome". */
  outcome?: OutcomeRights;
}) {
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
            <Body activity={activity} outcome={outcome} />
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
