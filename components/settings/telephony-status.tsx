"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CodeBlock } from "@/components/ui/copy-button";
import { complianceSettingsOptions } from "@/lib/queries/compliance-admin";
import { checkTelephony, type TelephonyStatus, telephonyStatusOptions } from "@/lib/queries/settings";
import { formatRelative } from "../ui/format";

const MODE_LABEL = { simulator: "Built-in Smartflo simulator", smartflo: "Tata Smartflo", unconfigured: "Not configured" } as const;

export function useTelephonyStatus() {
  return useQuery({ ...telephonyStatusOptions(), refetchInterval: 15_000 });
}

export function ConnectionCard({ status }: { status: TelephonyStatus }) {
  const check = useMutation({ mutationFn: checkTelephony });
  const { mutate } = check;
  useEffect(() => mutate(), [mutate]);
  return (
    <section className="rounded-xl bg-white p-5 shadow-xs ring-1 ring-slate-200" aria-labelledby="conn-heading">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h2 id="conn-heading" className="text-base font-semibold text-slate-900">
            Connection
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            Mode: <strong data-testid="telephony-mode">{MODE_LABEL[status.mode]}</strong> · API{" "}
            <code className="text-xs">{status.baseUrl}</code> · auth{" "}
            {status.auth === "token" ? "static API token" : status.auth === "login" ? "email + password login" : "none"}
          </p>
        </div>
        <Button variant="secondary" size="sm" loading={check.isPending} onClick={() => check.mutate()}>
          Check again
        </Button>
      </div>
      <div className="mt-3" data-testid="connection-result">
        {check.isPending && <p className="text-sm text-slate-500">Checking the Smartflo credentials…</p>}
        {check.data && (
          <Alert tone={check.data.ok ? "success" : "error"}>
            {check.data.message} ({check.data.ms} ms)
          </Alert>
        )}
        {check.isError && <Alert>{check.error.message}</Alert>}
      </div>
      <ul className="mt-3 space-y-2 text-sm">
        {!status.webhookTokenSet && (
          <li>
            <Alert tone="warning">
              No <code>SMARTFLO_WEBHOOK_TOKEN</code> is set: anyone who knows the webhook URL can post calls into the CRM. Set it in the
              server environment (at least 32 random characters, as the app requires; e.g. <code>openssl rand -hex 24</code>) and use the
              URL below.
            </Alert>
          </li>
        )}
        {status.mode === "unconfigured" && (
          <li>
            <Alert tone="warning">
              Set <code>SMARTFLO_API_TOKEN</code> (or <code>SMARTFLO_EMAIL</code> and <code>SMARTFLO_PASSWORD</code>) in the server
              environment. Secrets are never typed into or shown by this page.
            </Alert>
          </li>
        )}
      </ul>
    </section>
  );
}

export function SetupGuide({ status }: { status: TelephonyStatus }) {
  return (
    <section className="space-y-4" aria-labelledby="guide-heading">
      <div>
        <h2 id="guide-heading" className="text-base font-semibold text-slate-900">
          Webhook setup in the Smartflo portal
        </h2>
        <p className="text-sm text-slate-600">
          In Smartflo: Webhooks → Add webhook, once per trigger below. Use exactly this method, URL, content type and body. Variables
          Smartflo does not fill arrive as literal text and are ignored.
        </p>
      </div>
      <RecordingNotice />
      {status.triggers.map((t) => (
        <article key={t.key} className="rounded-xl bg-white p-5 shadow-xs ring-1 ring-slate-200" aria-label={t.name} data-trigger={t.key}>
          <div className="flex flex-wrap items-start justify-between gap-2">
            <div>
              <h3 className="font-semibold text-slate-900">
                {t.name}{" "}
                {t.required ? (
                  <span className="ml-1 rounded bg-brand-50 px-1.5 py-0.5 text-xs font-medium text-brand-700">required</span>
                ) : (
                  <span className="ml-1 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">recommended</span>
                )}
              </h3>
              <p className="text-sm text-slate-600">{t.when}</p>
            </div>
            <p
              className={`text-sm ${t.lastReceivedAt ? "text-emerald-700" : t.required ? "text-amber-700" : "text-slate-500"}`}
              data-testid={`last-received-${t.key}`}
            >
              {t.lastReceivedAt ? `Last delivery ${formatRelative(t.lastReceivedAt)}` : "Never received"}
            </p>
          </div>
          <dl className="mt-3 grid grid-cols-1 gap-3 text-sm sm:grid-cols-[8rem_minmax(0,1fr)] [&>dd]:min-w-0">
            <dt className="font-medium text-slate-500">Method</dt>
            <dd>
              <code>{t.method}</code>
            </dd>
            <dt className="font-medium text-slate-500">Content type</dt>
            <dd>
              <code>{t.contentType}</code>
            </dd>
            <dt className="font-medium text-slate-500">URL</dt>
            <dd>
              <CodeBlock code={status.webhookUrl} label="webhook URL" />
            </dd>
            <dt className="font-medium text-slate-500">Body</dt>
            <dd>
              <CodeBlock code={t.body} label={`${t.name} body`} />
            </dd>
            <dt className="font-medium text-slate-500">Try it</dt>
            <dd>
              <details>
                <summary className="cursor-pointer text-brand-700">curl command that simulates this trigger</summary>
                <div className="mt-2">
                  <CodeBlock code={t.curl} label={`${t.name} curl`} />
                </div>
              </details>
            </dd>
          </dl>
        </article>
      ))}
    </section>
  );
}

/** DPDP: people hear that the call is recorded before it is. The text is kept on Settings → Compliance. */
function RecordingNotice() {
  const settings = useQuery(complianceSettingsOptions());
  return (
    <article
      className="rounded-xl bg-white p-5 shadow-xs ring-1 ring-slate-200"
      aria-label="Recording notice"
      data-testid="setup-recording-notice"
    >
      <h3 className="font-semibold text-slate-900">Recording notice</h3>
      <p className="text-sm text-slate-600">
        Calls are recorded, so callers must hear it first. In Smartflo, set this as the announcement played before the call connects (on
        every number that records), and keep it the same as on Settings → Compliance.
      </p>
      <div className="mt-3">
        {settings.data ? (
          <CodeBlock code={settings.data.recordingNotice} label="recording notice" />
        ) : (
          <p className="text-sm text-slate-500">Loading…</p>
        )}
      </div>
    </article>
  );
}
