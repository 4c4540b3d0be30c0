"use client";
// The integrations page's forms: a connector's secrets (set or cleared, never shown back), a new
// Google Ads key (shown once), and which lead field each Meta form question fills.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CodeBlock } from "@/components/ui/copy-button";
import { Field, inputClass } from "@/components/ui/field";
import { FormAlert, useFormErrors } from "@/components/ui/form-errors";
import { onSubmit } from "@/components/ui/submit";
import type { CustomFieldDef } from "@/lib/custom-fields/values";
import { reacting } from "@/lib/queries/api";
import { customFieldsOptions } from "@/lib/queries/custom-fields";
import {
  formMappingMutation,
  type IntegrationItem,
  type NewGoogleKey,
  rotateGoogleKeyMutation,
  updateIntegrationMutation,
} from "@/lib/queries/integrations";

const SECRET_LABELS: Record<string, string> = {
  appSecret: "App secret",
  verifyToken: "Verify token",
  pageAccessToken: "Page access token",
  webhookKey: "Key",
  crmKey: "CRM key",
};

export function SecretsForm({ item }: { item: IntegrationItem }) {
  const errors = useFormErrors();
  const [saved, setSaved] = useState(false);
  const save = useMutation(reacting(updateIntegrationMutation(item.slug), { onSuccess: () => setSaved(true), onError: errors.fromError }));
  const editable = item.secrets.filter((s) => s.from !== "env");
  return (
    <details className="rounded-md bg-slate-50 p-3">
      <summary className="cursor-pointer text-sm font-medium text-slate-800">Settings</summary>
      <ul className="mt-2 space-y-1 text-sm">
        {item.secrets.map((s) => (
          <li key={s.key}>
            {SECRET_LABELS[s.key] ?? s.key}:{" "}
            {s.set ? s.from === "env" ? `set in the environment (${s.env})` : "set here" : <span className="text-amber-800">not set</span>}
          </li>
        ))}
      </ul>
      {editable.length > 0 && (
        <form
          className="mt-3 space-y-3"
          aria-label={`${item.name} settings`}
          noValidate
          onSubmit={onSubmit((el) => {
            setSaved(false);
            const form = new FormData(el);
            const secrets = Object.fromEntries(
              editable.map((s) => [s.key, String(form.get(s.key) ?? "").trim()] as const).filter(([, v]) => v !== ""),
            );
            save.mutate({ secrets });
          })}
        >
          <FormAlert error={save.error} fields={errors.fields} shown={editable.map((s) => `secrets.${s.key}`)} />
          <div className="grid gap-3 sm:grid-cols-2">
            {editable.map((s) => (
              <Field
                key={s.key}
                label={SECRET_LABELS[s.key] ?? s.key}
                error={errors.fields[`secrets.${s.key}`]}
                hint={s.set ? "Set: type a new value to replace it" : `Or set ${s.env}`}
              >
                {(p) => <input {...p} name={s.key} type="password" autoComplete="off" className={inputClass} maxLength={500} />}
              </Field>
            ))}
          </div>
          <div className="flex flex-wrap items-center gap-2">
            <Button type="submit" variant="secondary" loading={save.isPending}>
              Save settings
            </Button>
            {saved && (
              <span className="text-sm text-emerald-700" role="status">
                Saved. Values are kept sealed and never shown again.
              </span>
            )}
          </div>
        </form>
      )}
    </details>
  );
}

export function GoogleKey() {
  const [made, setMade] = useState<NewGoogleKey | null>(null);
  const rotate = useMutation(reacting(rotateGoogleKeyMutation(), { onSuccess: setMade }));
  return (
    <div className="space-y-2">
      {made ? (
        <>
          <Alert tone="success">Paste this key beside the webhook URL in Google Ads now: it is shown only this once.</Alert>
          {made.fromEnv && (
            <Alert tone="warning">
              GOOGLE_ADS_WEBHOOK_KEY is set in the environment and wins over this key: remove it to use this one.
            </Alert>
          )}
          <CodeBlock code={made.key} label="Google Ads key" />
          <Button variant="secondary" onClick={() => setMade(null)}>
            Done, I have copied it
          </Button>
        </>
      ) : (
        <Button variant="secondary" onClick={() => rotate.mutate()} loading={rotate.isPending}>
          Make a new key
        </Button>
      )}
      {rotate.error && <Alert>{rotate.error.message}</Alert>}
    </div>
  );
}

const TARGETS = [
  { value: "name", label: "Name" },
  { value: "phone", label: "Phone" },
  { value: "email", label: "Email" },
  { value: "city", label: "City" },
  { value: "message", label: "What they asked (a note)" },
  { value: "subSource", label: "Campaign or form" },
];

function FormMapping({ form }: { form: IntegrationItem["forms"][number] }) {
  const custom = ((useQuery(customFieldsOptions()).data?.items ?? []) as CustomFieldDef[]).filter((d) => !d.archivedAt);
  const targets = [...TARGETS, ...custom.map((d) => ({ value: `fields.${d.key}`, label: d.label }))];
  // Stored as lead field → question; edited per question.
  const byQuestion = Object.fromEntries(Object.entries(form.mapping).map(([field, q]) => [q, field]));
  const [choice, setChoice] = useState<Record<string, string>>(byQuestion);
  const [saved, setSaved] = useState(false);
  const save = useMutation(reacting(formMappingMutation(form.id), { onSuccess: () => setSaved(true) }));
  return (
    <form
      className="space-y-2 rounded-md border border-slate-200 p-3"
      aria-label={`Answers of ${form.name}`}
      onSubmit={onSubmit(() => {
        setSaved(false);
        save.mutate(
          Object.fromEntries(
            Object.entries(choice)
              .filter(([, f]) => f)
              .map(([q, f]) => [f, q]),
          ),
        );
      })}
    >
      <p className="text-sm font-medium text-slate-800">{form.name}</p>
      {form.questions.length === 0 && <p className="text-sm text-slate-500">Meta did not list this form's questions.</p>}
      {form.questions.map((q) => (
        <label key={q.key} className="grid gap-1 text-sm sm:grid-cols-[1fr_16rem] sm:items-center">
          <span className="text-slate-700">
            {q.label} <code className="text-xs text-slate-500">{q.key}</code>
          </span>
          <select className={inputClass} value={choice[q.key] ?? ""} onChange={(e) => setChoice({ ...choice, [q.key]: e.target.value })}>
            <option value="">The usual reading</option>
            {targets.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
      ))}
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" variant="secondary" loading={save.isPending}>
          Save
        </Button>
        {saved && (
          <span role="status" className="text-sm text-emerald-700">
            Saved: the next leads of this form are read this way.
          </span>
        )}
        {save.error && <span className="text-sm text-rose-700">{save.error.message}</span>}
      </div>
    </form>
  );
}

export function MetaForms({ item }: { item: IntegrationItem }) {
  return (
    <details className="rounded-md bg-slate-50 p-3">
      <summary className="cursor-pointer text-sm font-medium text-slate-800">Lead forms and their answers ({item.forms.length})</summary>
      <p className="mt-2 text-sm text-slate-600">
        Standard questions (full name, phone number, email, city) are read by themselves. Choose where a custom question's answer goes; a
        question named like one of your lead fields fills it.
      </p>
      <div className="mt-2 space-y-3">
        {item.forms.length === 0 ? (
          <p className="text-sm text-slate-500">Forms appear here with their first lead, or after “Fetch missed leads now”.</p>
        ) : (
          item.forms.map((f) => <FormMapping key={f.id} form={f} />)
        )}
      </div>
    </details>
  );
}
