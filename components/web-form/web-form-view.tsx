"use client";
// A hosted form as a visitor sees it. `useActionState` with a Server Function: without JavaScript
// the browser posts the form and the server renders this again with the answer, so it works the
// same before hydration, in an iframe, or with scripts off.
import { useActionState } from "react";
import type { FormState } from "@/app/f/[slug]/actions";
import { FORM_FIELD_LABELS, type FormFieldKey, type WebFormField } from "@/lib/intake/form-schemas";

type PublicForm = {
  slug: string;
  title: string;
  intro: string | null;
  fields: WebFormField[];
  consentText: string | null;
  consentRequired: boolean;
};

const INPUT =
  "mt-1 block w-full rounded-md border-0 px-3 py-2 text-base text-slate-900 ring-1 ring-slate-300 ring-inset " +
  "focus:ring-2 focus:ring-brand-600 focus:ring-inset aria-invalid:ring-rose-500";

function Input({
  name,
  label,
  required,
  error,
  value,
  type = "text",
  multiline = false,
}: {
  name: string;
  label: string;
  required: boolean;
  error?: string;
  value?: string;
  type?: string;
  multiline?: boolean;
}) {
  const common = {
    id: `f-${name}`,
    name,
    required,
    defaultValue: value,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? `f-${name}-error` : undefined,
    className: INPUT,
  };
  return (
    <div>
      <label htmlFor={`f-${name}`} className="block text-sm font-medium text-slate-800">
        {label}
        {!required && <span className="font-normal text-slate-500"> (optional)</span>}
      </label>
      {multiline ? <textarea {...common} rows={4} maxLength={2000} /> : <input {...common} type={type} maxLength={200} />}
      {error && (
        <p id={`f-${name}-error`} className="mt-1 text-sm text-rose-700">
          {error}
        </p>
      )}
    </div>
  );
}

const BUTTON =
  "w-full rounded-md bg-brand-600 px-4 py-2.5 font-medium text-white hover:bg-brand-700 disabled:opacity-60 " +
  "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600";

const TYPES: Record<FormFieldKey, string> = { email: "email", city: "text", message: "text" };

export function WebFormView({
  form,
  hidden,
  action,
}: {
  form: PublicForm;
  hidden: Record<string, string>;
  action: (state: FormState, data: FormData) => Promise<FormState>;
}) {
  const [state, submit, pending] = useActionState(action, null);
  if (state?.ok)
    return (
      <section
        className="w-full max-w-lg rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200"
        aria-live="polite"
        data-testid="form-thanks"
      >
        <h1 className="text-xl font-semibold text-slate-900">Thank you</h1>
        <p className="mt-2 whitespace-pre-line text-slate-700">{state.thankYou ?? "We have your details and will call you soon."}</p>
      </section>
    );
  const errors = state && !state.ok ? state.fields : {};
  const values = state && !state.ok ? state.values : {};
  const count = Object.keys(errors).length;
  return (
    <section className="w-full max-w-lg rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
      <h1 className="text-xl font-semibold text-slate-900">{form.title}</h1>
      {form.intro && <p className="mt-2 whitespace-pre-line text-slate-600">{form.intro}</p>}
      <form key={state?.attempt ?? 0} action={submit} className="mt-5 space-y-4" aria-label={form.title}>
        {(state?.ok === false && state.message) || count > 0 ? (
          <div role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800 ring-1 ring-rose-200 ring-inset">
            {state?.ok === false && state.message
              ? state.message
              : `Please check ${count === 1 ? "the field" : `the ${count} fields`} below.`}
          </div>
        ) : null}
        <Input name="name" label={FORM_FIELD_LABELS.name} required error={errors.name} value={values.name} />
        <Input name="phone" label={FORM_FIELD_LABELS.phone} required type="tel" error={errors.phone} value={values.phone} />
        {form.fields.map((f) => (
          <Input
            key={f.key}
            name={f.key}
            label={FORM_FIELD_LABELS[f.key]}
            required={f.required}
            type={TYPES[f.key]}
            multiline={f.key === "message"}
            error={errors[f.key]}
            value={values[f.key]}
          />
        ))}
        {form.consentText && (
          <div>
            <label className="flex items-start gap-2 text-sm text-slate-700">
              <input
                type="checkbox"
                name="consent"
                value="yes"
                required={form.consentRequired}
                defaultChecked={values.consent === "yes"}
                aria-invalid={errors.consent ? true : undefined}
                aria-describedby={errors.consent ? "f-consent-error" : undefined}
                className="mt-0.5 size-4 shrink-0 rounded border-slate-300"
              />
              <span>{form.consentText}</span>
            </label>
            {errors.consent && (
              <p id="f-consent-error" className="mt-1 text-sm text-rose-700">
                {errors.consent}
              </p>
            )}
          </div>
        )}
        {/* People never see this field; bots fill it in. */}
        <div aria-hidden="true" className="absolute -left-[10000px] h-px w-px overflow-hidden">
          <label>
            Website
            <input type="text" name="website" tabIndex={-1} autoComplete="off" defaultValue="" />
          </label>
        </div>
        {Object.entries(hidden).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        <button type="submit" disabled={pending} className={BUTTON}>
          {pending ? "Sending…" : "Send"}
        </button>
      </form>
    </section>
  );
}
