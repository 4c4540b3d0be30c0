"use client";
// Admin: a lead source's hosted form. Its address (/f/<slug>), what it asks, the consent notice,
// what a visitor sees after sending; once saved, the link and the snippet to embed it.
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CodeBlock } from "@/components/ui/copy-button";
import { Field, inputClass } from "@/components/ui/field";
import { FormAlert, useFormErrors } from "@/components/ui/form-errors";
import { FORM_FIELD_LABELS, FORM_FIELDS, type FormFieldKey, type WebFormField } from "@/lib/intake/form-schemas";
import { reacting } from "@/lib/queries/api";
import { deleteWebFormMutation, type LeadSourceItem, saveWebFormMutation } from "@/lib/queries/intake";

/** An iframe that carries the host page's UTM parameters, referrer and address into the form. */
export function embedSnippet(url: string, title: string): string {
  const id = `crm-form-${url.split("/").pop()}`;
  return [
    `<div id="${id}"></div>`,
    "<script>",
    "(function () {",
    "  var here = new URLSearchParams(location.search), q = new URLSearchParams();",
    '  ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"].forEach(function (k) {',
    "    if (here.get(k)) q.set(k, here.get(k));",
    "  });",
    '  q.set("page", location.href);',
    '  if (document.referrer) q.set("ref", document.referrer);',
    '  var f = document.createElement("iframe");',
    `  f.src = "${url}?" + q; f.title = ${JSON.stringify(title)};`,
    '  f.style.cssText = "width:100%;min-height:680px;border:0";',
    `  document.getElementById("${id}").appendChild(f);`,
    "})();",
    "</script>",
    `<noscript><iframe src="${url}" title=${JSON.stringify(title)} style="width:100%;min-height:680px;border:0"></iframe></noscript>`,
  ].join("\n");
}

export function LeadSourceForm({ source }: { source: LeadSourceItem }) {
  const form = source.form;
  const errors = useFormErrors();
  const [fields, setFields] = useState<WebFormField[]>(
    form?.fields ?? [
      { key: "email", required: false },
      { key: "message", required: false },
    ],
  );
  const save = useMutation(reacting(saveWebFormMutation(source.id), { onError: errors.fromError, onSuccess: errors.clear }));
  const remove = useMutation(deleteWebFormMutation(source.id));
  const origin = typeof window === "undefined" ? "" : window.location.origin;
  const toggle = (key: FormFieldKey, on: boolean) =>
    setFields(
      on
        ? [...fields, { key, required: false }].sort((a, b) => FORM_FIELDS.indexOf(a.key) - FORM_FIELDS.indexOf(b.key))
        : fields.filter((f) => f.key !== key),
    );
  return (
    <div className="space-y-4 rounded-md bg-slate-50 p-3 sm:p-4" data-testid="web-form-editor">
      {form && (
        <div className="space-y-2">
          <p className="text-sm text-slate-700">
            {form.active ? "Live at " : "Switched off: "}
            <a className="break-all text-brand-700 hover:underline" href={form.url} target="_blank" rel="noreferrer">
              {form.url}
            </a>
          </p>
          <CodeBlock code={embedSnippet(form.url, form.title)} label="Embed code" />
        </div>
      )}
      <form
        className="space-y-3"
        noValidate
        aria-label={`Web form of ${source.name}`}
        onSubmit={(e) => {
          e.preventDefault();
          const d = new FormData(e.currentTarget);
          const text = (k: string) => String(d.get(k) ?? "").trim() || null;
          save.mutate({
            slug: String(d.get("slug") ?? ""),
            title: String(d.get("title") ?? ""),
            intro: text("intro"),
            fields,
            consentText: text("consentText"),
            consentRequired: d.get("consentRequired") === "on",
            thankYou: text("thankYou"),
            redirectUrl: text("redirectUrl"),
            active: d.get("active") === "on",
          });
        }}
      >
        <FormAlert
          error={save.error}
          fields={errors.fields}
          shown={["slug", "title", "intro", "consentText", "thankYou", "redirectUrl", "fields", "fields.*"]}
        />
        {save.isSuccess && <Alert tone="success">Form saved.</Alert>}
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label="Address" error={errors.fields.slug} hint={`${origin}/f/…, e.g. pune-2bhk`}>
            {(p) => <input {...p} name="slug" defaultValue={form?.slug ?? ""} className={inputClass} maxLength={60} />}
          </Field>
          <Field label="Title" error={errors.fields.title} hint="The form's heading">
            {(p) => (
              <input {...p} name="title" defaultValue={form?.title ?? `Enquire: ${source.name}`} className={inputClass} maxLength={120} />
            )}
          </Field>
        </div>
        <Field label="Introduction (optional)" error={errors.fields.intro}>
          {(p) => <textarea {...p} name="intro" defaultValue={form?.intro ?? ""} className={inputClass} rows={2} maxLength={1000} />}
        </Field>
        <fieldset>
          <legend className="text-sm font-medium text-slate-700">Asks for (name and mobile number always)</legend>
          <div className="mt-1 space-y-1">
            {FORM_FIELDS.map((key) => {
              const chosen = fields.find((f) => f.key === key);
              return (
                <div key={key} className="flex flex-wrap items-center gap-x-5 gap-y-1 text-sm text-slate-700">
                  <label className="flex items-center gap-2">
                    <input type="checkbox" checked={!!chosen} onChange={(e) => toggle(key, e.target.checked)} className="size-4 rounded" />
                    {FORM_FIELD_LABELS[key]}
                  </label>
                  {chosen && (
                    <label className="flex items-center gap-2 text-slate-600">
                      <input
                        type="checkbox"
                        checked={chosen.required}
                        onChange={(e) => setFields(fields.map((f) => (f.key === key ? { ...f, required: e.target.checked } : f)))}
                        className="size-4 rounded"
                      />
                      must be filled in
                    </label>
                  )}
                </div>
              );
            })}
          </div>
        </fieldset>
        <Field
          label="Consent notice (optional)"
          error={errors.fields.consentText}
          hint="Shown beside a checkbox; stored with the lead when ticked"
        >
          {(p) => (
            <textarea
              {...p}
              name="consentText"
              defaultValue={
                form?.consentText ?? "I agree to be called and messaged about my enquiry, also if my number is on the DND list."
              }
              className={inputClass}
              rows={2}
              maxLength={1000}
            />
          )}
        </Field>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" name="consentRequired" defaultChecked={form?.consentRequired ?? true} className="size-4 rounded" />
          The box must be ticked to send the form
        </label>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label="Thank-you text (optional)" error={errors.fields.thankYou}>
            {(p) => (
              <textarea {...p} name="thankYou" defaultValue={form?.thankYou ?? ""} className={inputClass} rows={2} maxLength={1000} />
            )}
          </Field>
          <Field label="Or go to this page after sending (optional)" error={errors.fields.redirectUrl} hint="https://… on your site">
            {(p) => (
              <input {...p} name="redirectUrl" type="url" defaultValue={form?.redirectUrl ?? ""} className={inputClass} maxLength={2000} />
            )}
          </Field>
        </div>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" name="active" defaultChecked={form?.active ?? true} className="size-4 rounded" />
          Accepting enquiries
        </label>
        <div className="flex flex-wrap gap-2">
          <Button type="submit" loading={save.isPending}>
            {form ? "Save form" : "Make the form"}
          </Button>
          {form && (
            <Button type="button" variant="ghost" loading={remove.isPending} onClick={() => remove.mutate()}>
              Remove the form
            </Button>
          )}
        </div>
        {remove.error && <Alert>{remove.error.message}</Alert>}
      </form>
    </div>
  );
}
