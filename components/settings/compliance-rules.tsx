"use client";
// Calling hours per weekday (India time), holidays, the consent rule, the recording notice and
// retention: edited here, saved as one partial PUT.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { inputBaseClass } from "@/components/ui/field";
import { Panel } from "@/components/ui/panel";
import { QueryState } from "@/components/ui/query-state";
import { onSubmit } from "@/components/ui/submit";
import { WEEKDAYS } from "@/lib/compliance/hours";
import { reacting } from "@/lib/queries/api";
import { type ComplianceSettings, complianceSettingsOptions, saveComplianceSettingsMutation } from "@/lib/queries/compliance-admin";

const DAY = { mon: "Monday", tue: "Tuesday", wed: "Wednesday", thu: "Thursday", fri: "Friday", sat: "Saturday", sun: "Sunday" } as const;

function RulesForm({ initial }: { initial: ComplianceSettings }) {
  const id = useId();
  const [s, setS] = useState(initial);
  const [holiday, setHoliday] = useState("");
  const save = useMutation(reacting(saveComplianceSettingsMutation(), { onSuccess: setS }));
  const setDay = (d: (typeof WEEKDAYS)[number], w: ComplianceSettings["callingHours"]["mon"]) =>
    setS({ ...s, callingHours: { ...s.callingHours, [d]: w } });

  return (
    <form className="space-y-6" onSubmit={onSubmit(() => save.mutate(s))} data-testid="compliance-rules">
      <fieldset>
        <legend className="text-sm font-semibold text-slate-900">Calling hours (India time)</legend>
        <p className="text-sm text-slate-600">
          Outbound calls only inside these windows (TRAI: 09:00–21:00). Inbound calls are never blocked.
        </p>
        <table className="mt-2 text-sm">
          <tbody>
            {WEEKDAYS.map((d) => {
              const w = s.callingHours[d];
              return (
                <tr key={d} data-day={d}>
                  <td className="py-1 pr-3 align-top sm:align-middle">
                    <label className="flex items-center gap-2">
                      <input
                        type="checkbox"
                        checked={!!w}
                        onChange={(e) => setDay(d, e.target.checked ? { from: "09:00", to: "21:00" } : null)}
                      />
                      {DAY[d]}
                    </label>
                  </td>
                  <td className="py-1">
                    {w ? (
                      <span className="flex flex-wrap items-center gap-2">
                        <input
                          type="time"
                          aria-label={`${DAY[d]} from`}
                          className={`${inputBaseClass} w-36`}
                          value={w.from}
                          onChange={(e) => setDay(d, { ...w, from: e.target.value })}
                        />
                        –
                        <input
                          type="time"
                          aria-label={`${DAY[d]} until`}
                          className={`${inputBaseClass} w-36`}
                          value={w.to === "24:00" ? "23:59" : w.to}
                          onChange={(e) => setDay(d, { ...w, to: e.target.value })}
                        />
                      </span>
                    ) : (
                      <span className="text-slate-500">no outbound calls</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </fieldset>
      <fieldset>
        <legend className="text-sm font-semibold text-slate-900">Holidays (no outbound calls)</legend>
        <ul className="mt-2 flex flex-wrap gap-2" aria-label="Holidays">
          {s.holidays.map((h) => (
            <li key={h} className="flex items-center gap-1 rounded-full bg-slate-100 px-2.5 py-1 text-sm">
              {h}
              <button
                type="button"
                className="text-slate-500 hover:text-rose-700"
                aria-label={`Remove ${h}`}
                onClick={() => setS({ ...s, holidays: s.holidays.filter((x) => x !== h) })}
              >
                ×
              </button>
            </li>
          ))}
          {s.holidays.length === 0 && <li className="text-sm text-slate-500">None</li>}
        </ul>
        <div className="mt-2 flex gap-2">
          <label htmlFor={`${id}-holiday`} className="sr-only">
            Holiday date
          </label>
          <input id={`${id}-holiday`} type="date" className={inputBaseClass} value={holiday} onChange={(e) => setHoliday(e.target.value)} />
          <Button
            variant="secondary"
            disabled={!holiday}
            onClick={() => {
              setS({ ...s, holidays: [...new Set([...s.holidays, holiday])].sort() });
              setHoliday("");
            }}
          >
            Add holiday
          </Button>
        </div>
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="text-sm font-semibold text-slate-900">Consent</legend>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            checked={s.consentRequiredForPromotional}
            onChange={(e) => setS({ ...s, consentRequiredForPromotional: e.target.checked })}
            data-testid="consent-rule"
          />
          Promotional calls need the person's recorded consent (service calls do not)
        </label>
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="text-sm font-semibold text-slate-900">Recordings</legend>
        <label htmlFor={`${id}-notice`} className="block text-sm text-slate-700">
          Recording notice (what callers hear; shown in the Telephony setup guide)
        </label>
        <textarea
          id={`${id}-notice`}
          rows={2}
          className={`${inputBaseClass} w-full max-w-2xl`}
          value={s.recordingNotice}
          onChange={(e) => setS({ ...s, recordingNotice: e.target.value })}
        />
        <label className="flex items-center gap-2 text-sm text-slate-700">
          Keep recordings for
          <input
            type="number"
            min={1}
            max={3650}
            className={`${inputBaseClass} w-24`}
            value={s.recordingRetentionDays ?? ""}
            placeholder="ever"
            onChange={(e) => setS({ ...s, recordingRetentionDays: e.target.value ? Number(e.target.value) : null })}
            data-testid="retention-days"
          />
          days (empty: as long as Smartflo keeps them). Older recordings are deleted every hour.
        </label>
      </fieldset>
      <div className="flex items-center gap-3">
        <Button type="submit" loading={save.isPending}>
          Save calling rules
        </Button>
        {save.isSuccess && !save.isPending && (
          <span role="status" className="text-sm text-emerald-700">
            Saved
          </span>
        )}
      </div>
      {save.isError && <Alert>{save.error.message}</Alert>}
    </form>
  );
}

export function CallingRules() {
  const settings = useQuery(complianceSettingsOptions());
  return (
    <Panel
      title="Calling hours, consent and recordings"
      description="What every outbound call is checked against before Smartflo is asked to ring."
    >
      <div className="mt-4">
        <QueryState query={settings} what="the calling rules" compact>
          {(d) => <RulesForm initial={d} />}
        </QueryState>
      </div>
    </Panel>
  );
}
