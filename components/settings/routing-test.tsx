"use client";
// "Test a rule": a made-up lead (source, sub-source, the lead fields the rules look at, when it
// arrives) and who would get it now, by which rule and why. Nothing is assigned.
import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { fromLocalInput } from "@/components/ui/datetime";
import { Field, inputClass } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { FormAlert, useFormErrors } from "@/components/ui/form-errors";
import { Panel } from "@/components/ui/panel";
import { onSubmit } from "@/components/ui/submit";
import { reacting } from "@/lib/queries/api";
import type { CustomFieldItem } from "@/lib/queries/custom-fields";
import { testRuleMutation } from "@/lib/queries/routing";
import { decisionText } from "@/lib/routing/describe";
import { sampleLeadSchema } from "@/lib/routing/schemas";

/** The errors shown under their fields (the browser's check names them bare, the server under `lead.`). */
const SHOWN = ["at", "source", "subSource", "lead.at", "lead.source", "lead.subSource"];

export function RoutingTest({ sources, fields }: { sources: string[]; fields: CustomFieldItem[] }) {
  const id = useId();
  const [source, setSource] = useState("");
  const [subSource, setSubSource] = useState("");
  const [values, setValues] = useState<Record<string, string>>({});
  const [at, setAt] = useState("");
  const errors = useFormErrors();
  const test = useMutation(reacting(testRuleMutation(), { onSuccess: () => errors.clear(), onError: errors.fromError }));
  const f = errors.fields;
  const leadError = (key: string) => f[`lead.${key}`] ?? f[key];

  const submit = () => {
    const when = at ? fromLocalInput(at) : null;
    if (at && !when) return errors.set({ at: "is not a complete date and time" });
    const filled = Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim()));
    const sample = errors.check(sampleLeadSchema, {
      ...(source.trim() ? { source: source.trim() } : {}),
      ...(subSource.trim() ? { subSource: subSource.trim() } : {}),
      fields: filled,
      ...(when ? { at: when.toISOString() } : {}),
    });
    if (sample) test.mutate(sample);
  };

  return (
    <Panel
      title="Test a rule"
      description="Who would get a lead like this now, by which rule and why. Nothing is assigned; breaks and loads are today's."
    >
      <form className="mt-3 space-y-3" noValidate onSubmit={onSubmit(submit)} aria-label="Test a rule" data-testid="routing-test">
        <datalist id={`${id}-sources`}>
          {sources.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label="Source" error={leadError("source")} hint="As the lead would arrive, e.g. IndiaMART">
            {(p) => (
              <input {...p} list={`${id}-sources`} value={source} onChange={(e) => setSource(e.target.value)} className={inputClass} />
            )}
          </Field>
          <Field label="Sub-source (optional)" error={leadError("subSource")} hint="A form, campaign or product">
            {(p) => (
              <input {...p} value={subSource} onChange={(e) => setSubSource(e.target.value)} maxLength={300} className={inputClass} />
            )}
          </Field>
          {fields.map((d) => (
            <Field key={d.key} label={`${d.label} (optional)`} error={leadError(`fields.${d.key}`)}>
              {(p) => (
                <>
                  <input
                    {...p}
                    list={d.options.length ? `${id}-${d.key}` : undefined}
                    value={values[d.key] ?? ""}
                    onChange={(e) => setValues({ ...values, [d.key]: e.target.value })}
                    className={inputClass}
                  />
                  {d.options.length > 0 && (
                    <datalist id={`${id}-${d.key}`}>
                      {d.options.map((o) => (
                        <option key={o} value={o} />
                      ))}
                    </datalist>
                  )}
                </>
              )}
            </Field>
          ))}
          <Field label="Arrives at (India time)" error={f.at ?? leadError("at")} hint="Empty: now">
            {(p) => <input {...p} type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} className={inputClass} />}
          </Field>
        </div>
        <FormAlert error={test.error} fields={f} shown={SHOWN} />
        <FormActions submit="Test" loading={test.isPending} size="sm" className="flex justify-start" />
      </form>
      {test.data && (
        <p
          role="status"
          className="mt-3 rounded-md bg-sky-50 px-3 py-2 text-sm text-sky-900 ring-1 ring-sky-200"
          data-testid="routing-test-result"
        >
          {decisionText(test.data)}
        </p>
      )}
    </Panel>
  );
}
