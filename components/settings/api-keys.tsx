"use client";
// Admin: API keys for websites and automation tools (Zapier, a builder's site). A key is shown once,
// when it is made; the list shows its first characters, what it may do and when it was last used.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CodeBlock } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { Field, inputClass } from "@/components/ui/field";
import { FormAlert, useFormErrors } from "@/components/ui/form-errors";
import { formatDate, formatRelative } from "@/components/ui/format";
import { Panel } from "@/components/ui/panel";
import { QueryState } from "@/components/ui/query-state";
import { DataTable } from "@/components/ui/table";
import { API_SCOPE_LABELS, API_SCOPES, type ApiScope } from "@/lib/api-keys/scopes";
import { reacting } from "@/lib/queries/api";
import { type ApiKeyItem, apiKeysOptions, createApiKeyMutation, type NewApiKey, revokeApiKeyMutation } from "@/lib/queries/intake";

const STATE_LABEL = { active: "Active", expired: "Expired", revoked: "Revoked" } as const;

function curlExample(origin: string, key: string) {
  return [
    `curl -X POST ${origin}/api/v1/leads \\`,
    `  -H "Authorization: Bearer ${key}" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -H "Idempotency-Key: enquiry-1001" \\`,
    `  -d '{"name":"Asha Rao","phone":"+91 98100 15838","source":"Website","message":"2BHK in Pune?","consent":true}'`,
  ].join("\n");
}

function NewKeyForm({ onMade }: { onMade: (key: NewApiKey) => void }) {
  const errors = useFormErrors();
  const [scopes, setScopes] = useState<ApiScope[]>(["leads:write"]);
  const create = useMutation(reacting(createApiKeyMutation(), { onSuccess: onMade, onError: errors.fromError }));
  return (
    <form
      className="mt-4 space-y-3"
      noValidate
      aria-label="New API key"
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        const expires = String(form.get("expiresAt") ?? "");
        // The end of the chosen day, India time.
        create.mutate({ name: String(form.get("name") ?? ""), scopes, expiresAt: expires ? `${expires}T23:59:59+05:30` : null });
      }}
    >
      <FormAlert error={create.error} fields={errors.fields} shown={["name", "scopes", "expiresAt"]} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Name" error={errors.fields.name} hint="Who uses it, e.g. “Zapier” or “Website”">
          {(p) => <input {...p} name="name" className={inputClass} maxLength={80} />}
        </Field>
        <Field label="Expires (optional)" error={errors.fields.expiresAt} hint="Leave empty for a key that does not expire">
          {(p) => <input {...p} name="expiresAt" type="date" className={inputClass} />}
        </Field>
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">What it may do</legend>
        <div className="mt-1 flex flex-wrap gap-x-5 gap-y-2">
          {API_SCOPES.map((s) => (
            <label key={s} className="flex items-center gap-2 text-sm text-slate-700">
              <input
                type="checkbox"
                checked={scopes.includes(s)}
                onChange={(e) => setScopes(e.target.checked ? [...scopes, s] : scopes.filter((x) => x !== s))}
                className="size-4 rounded border-slate-300"
              />
              {API_SCOPE_LABELS[s]} <code className="text-xs text-slate-500">{s}</code>
            </label>
          ))}
        </div>
        {errors.fields.scopes && <p className="mt-1 text-sm text-rose-600">Choose at least one</p>}
      </fieldset>
      <Button type="submit" loading={create.isPending}>
        Make a key
      </Button>
    </form>
  );
}

function KeyRow({ k }: { k: ApiKeyItem }) {
  const [confirming, setConfirming] = useState(false);
  const revoke = useMutation(reacting(revokeApiKeyMutation(), { onSuccess: () => setConfirming(false) }));
  return (
    <tr className={k.state === "active" ? "" : "text-slate-400"} data-testid="api-key" data-name={k.name}>
      <td className="px-4 py-2 font-medium text-slate-900">{k.name}</td>
      <td className="px-4 py-2 font-mono text-xs">{k.prefix}…</td>
      <td className="px-4 py-2">{k.scopes.map((s) => API_SCOPE_LABELS[s]).join(", ")}</td>
      <td className="px-4 py-2 whitespace-nowrap">
        {k.lastUsedAt ? `${formatRelative(k.lastUsedAt)}${k.lastUsedIp ? ` · ${k.lastUsedIp}` : ""}` : "Never"}
      </td>
      <td className="px-4 py-2 whitespace-nowrap">{k.expiresAt ? formatDate(k.expiresAt) : "Never"}</td>
      <td className="px-4 py-2">{STATE_LABEL[k.state]}</td>
      <td className="px-4 py-2 text-right">
        {k.state !== "revoked" && (
          <Button size="sm" variant="ghost" onClick={() => setConfirming(true)} aria-label={`Revoke ${k.name}`}>
            Revoke
          </Button>
        )}
        <Dialog open={confirming} onClose={() => setConfirming(false)} title={`Revoke “${k.name}”?`}>
          <p className="text-sm text-slate-700">Requests with this key are refused from now on. This cannot be undone.</p>
          {revoke.error && <Alert className="mt-3">{revoke.error.message}</Alert>}
          <div className="mt-4 flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              Keep it
            </Button>
            <Button variant="danger" loading={revoke.isPending} onClick={() => revoke.mutate(k.id)}>
              Revoke
            </Button>
          </div>
        </Dialog>
      </td>
    </tr>
  );
}

export function ApiKeys() {
  const keys = useQuery(apiKeysOptions());
  const [made, setMade] = useState<NewApiKey | null>(null);
  const origin = typeof window === "undefined" ? "" : window.location.origin;
  return (
    <Panel
      title="API keys"
      description={
        "For websites and tools that send leads or read them. A key acts as itself " +
        "(the timeline says “via API key …”), only within what it may do."
      }
    >
      {made ? (
        <div className="mt-4 space-y-3" data-testid="new-api-key">
          <Alert tone="success">Key “{made.name}” made. Copy it now: it is shown only this once.</Alert>
          <CodeBlock code={made.key} label="API key" />
          <p className="text-sm text-slate-600">Send a lead with it:</p>
          <CodeBlock code={curlExample(origin, made.key)} label="Example request" />
          <Button variant="secondary" onClick={() => setMade(null)}>
            Done, I have copied it
          </Button>
        </div>
      ) : (
        <NewKeyForm onMade={setMade} />
      )}
      <QueryState query={keys} what="API keys" className="mt-5">
        {(d) =>
          d.items.length === 0 ? (
            <p className="mt-5 text-sm text-slate-500">No keys yet.</p>
          ) : (
            <div className="mt-5">
              <DataTable
                columns={[
                  "Name",
                  "Key",
                  "May",
                  "Last used",
                  "Expires",
                  "State",
                  { key: "a", label: <span className="sr-only">Actions</span> },
                ]}
                testId="api-keys"
              >
                {d.items.map((k) => (
                  <KeyRow key={k.id} k={k} />
                ))}
              </DataTable>
            </div>
          )
        }
      </QueryState>
    </Panel>
  );
}
