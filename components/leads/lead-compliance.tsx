"use client";
// The lead's compliance, beside its details: do-not-call per number (why, since when, from where),
// the calling hours now, purpose and consent (recorded or withdrawn here), and for admins outside
// the hours, "allow one call" with a reason.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { inputBaseClass } from "@/components/ui/field";
import { formatDateTime } from "@/components/ui/format";
import { QueryState } from "@/components/ui/query-state";
import { onSubmit } from "@/components/ui/submit";
import { formatIst } from "@/lib/compliance/hours";
import { CONSENT_METHOD_LABELS, DNC_SOURCE_LABELS } from "@/lib/compliance/labels";
import { grantOverride, leadComplianceOptions, leadConsentMutation, updateConsent } from "@/lib/queries/compliance";

const at = (iso: string | null) => (iso ? `, ${formatDateTime(iso)}` : "");
const time = (iso: string) =>
  new Date(iso).toLocaleTimeString("en-IN", { timeZone: "Asia/Kolkata", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

export function LeadCompliancePanel({ leadId, isAdmin, supervisor }: { leadId: string; isAdmin: boolean; supervisor: boolean }) {
  const id = useId();
  const query = useQuery(leadComplianceOptions(leadId));
  const [method, setMethod] = useState<keyof typeof CONSENT_METHOD_LABELS>("CALL");
  const [text, setText] = useState("");
  const [reason, setReason] = useState("");
  const consent = useMutation(leadConsentMutation(leadId, (input: Record<string, unknown>) => updateConsent(leadId, input)));
  const allow = useMutation(leadConsentMutation(leadId, () => grantOverride(leadId, reason)));

  return (
    <section className="rounded-xl bg-white p-5 shadow-xs ring-1 ring-slate-200" aria-labelledby={`${id}-h`} data-testid="lead-compliance">
      <h2 id={`${id}-h`} className="mb-3 text-sm font-semibold text-slate-900">
        Calling rules
      </h2>
      <QueryState query={query} what="the calling rules" compact>
        {(c) => (
          <div className="space-y-4 text-sm">
            <ul className="space-y-1.5">
              {c.phones.map((p) => (
                <li key={p.number} className="tabular-nums">
                  <span className="text-slate-800">{p.display}</span>{" "}
                  {p.dnc ? (
                    <span className="text-rose-700" data-testid="phone-dnc">
                      · do not call since {formatDateTime(p.dnc.since)} ({p.dnc.reason}; {DNC_SOURCE_LABELS[p.dnc.source] ?? p.dnc.source})
                    </span>
                  ) : (
                    <span className="text-emerald-700">· may be called</span>
                  )}
                </li>
              ))}
            </ul>
            <p className={c.hours.open ? "text-slate-600" : "text-amber-800"} data-testid="calling-hours">
              {c.hours.open
                ? `Calling hours: open until ${c.hours.closesAt ? time(c.hours.closesAt) : "—"} IST`
                : `Outside calling hours${c.hours.nextAllowedAt ? `; next window ${formatIst(new Date(c.hours.nextAllowedAt))}` : ""}`}
              {c.override && (
                <>
                  {" "}
                  · one call allowed until {time(c.override.expiresAt)} IST ({c.override.reason})
                </>
              )}
            </p>
            {isAdmin && !c.hours.open && !c.override && (
              <form className="flex gap-2" onSubmit={onSubmit(() => allow.mutate())}>
                <label htmlFor={`${id}-why`} className="sr-only">
                  Why this call cannot wait
                </label>
                <input
                  id={`${id}-why`}
                  className={`${inputBaseClass} min-w-0 flex-1`}
                  placeholder="Why it cannot wait"
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                />
                <Button type="submit" size="sm" variant="secondary" loading={allow.isPending} disabled={reason.trim().length < 3}>
                  Allow one call
                </Button>
              </form>
            )}
            <div className="border-t border-slate-100 pt-3">
              <div className="flex items-center justify-between gap-2">
                <label htmlFor={`${id}-purpose`} className="text-xs font-medium text-slate-500">
                  Purpose
                </label>
                <select
                  id={`${id}-purpose`}
                  className={inputBaseClass}
                  value={c.purpose}
                  onChange={(e) => consent.mutate({ purpose: e.target.value })}
                >
                  <option value="PROMOTIONAL">Promotional</option>
                  {/* A service call needs no consent: only a manager or an admin marks a lead so (the server checks too). */}
                  <option value="SERVICE" disabled={!supervisor && c.purpose !== "SERVICE"}>
                    Service
                  </option>
                </select>
              </div>
              {!supervisor && c.purpose !== "SERVICE" && (
                <p className="mt-1 text-xs text-slate-500">Only a manager or an admin can mark a lead as a service call.</p>
              )}
              <p className="mt-2 text-slate-700" data-testid="consent-state">
                {c.consent.given
                  ? `Consent: ${c.consent.method ? CONSENT_METHOD_LABELS[c.consent.method] : "given"}${at(c.consent.at)}`
                  : c.consent.withdrawnAt
                    ? `Consent withdrawn ${formatDateTime(c.consent.withdrawnAt)}`
                    : "No consent recorded"}
                {c.consent.requiredForPromotional && c.purpose === "PROMOTIONAL" && !c.consent.given && (
                  <span className="block text-rose-700">Promotional calls need consent here.</span>
                )}
              </p>
              {c.consent.text && <p className="mt-1 text-xs text-slate-500">“{c.consent.text}”</p>}
              {c.consent.given ? (
                <Button
                  className="mt-2"
                  size="sm"
                  variant="ghost"
                  loading={consent.isPending}
                  onClick={() => consent.mutate({ withdrawn: true })}
                >
                  Record withdrawal
                </Button>
              ) : (
                <form
                  className="mt-2 space-y-2"
                  onSubmit={onSubmit(() => consent.mutate({ consentMethod: method, consentText: text || null }))}
                >
                  <label htmlFor={`${id}-method`} className="sr-only">
                    How they consented
                  </label>
                  <select
                    id={`${id}-method`}
                    className={`${inputBaseClass} w-full`}
                    value={method}
                    onChange={(e) => setMethod(e.target.value as keyof typeof CONSENT_METHOD_LABELS)}
                  >
                    {Object.entries(CONSENT_METHOD_LABELS).map(([k, v]) => (
                      <option key={k} value={k}>
                        {v}
                      </option>
                    ))}
                  </select>
                  <label htmlFor={`${id}-text`} className="sr-only">
                    The notice or text they agreed to
                  </label>
                  <input
                    id={`${id}-text`}
                    className={`${inputBaseClass} w-full`}
                    placeholder="Notice shown (text or version)"
                    value={text}
                    onChange={(e) => setText(e.target.value)}
                  />
                  <Button type="submit" size="sm" variant="secondary" loading={consent.isPending}>
                    Record consent
                  </Button>
                </form>
              )}
              {(consent.error ?? allow.error) && (
                <p role="alert" className="mt-1 text-xs text-rose-700">
                  {(consent.error ?? allow.error)!.message}
                </p>
              )}
            </div>
          </div>
        )}
      </QueryState>
    </section>
  );
}
