"use client";
// A person's data on request (DPDP): find them by number or name, download everything held about
// them (JSON or CSV), or erase it after typing ERASE. Every step is in the audit log.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { inputBaseClass } from "@/components/ui/field";
import { Panel } from "@/components/ui/panel";
import { QueryState } from "@/components/ui/query-state";
import { useDebounced } from "@/components/ui/use-debounced";
import { ApiError } from "@/lib/queries/api";
import { erasePerson, findPersonOptions, type PersonMatch, personErased } from "@/lib/queries/compliance-admin";

type Subject = { leadId?: string; phone?: string };

/** POSTs the export and saves the answer as a file. */
async function download(subject: Subject, format: "json" | "csv") {
  const res = await fetch("/api/v1/privacy/export", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ...subject, format }),
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
    throw new ApiError(res.status, body.error?.code ?? "HTTP", body.error?.message ?? `Export failed (${res.status})`);
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? `personal-data.${format}`;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

function Erase({ subject, label, onClose }: { subject: Subject; label: string; onClose: () => void }) {
  const qc = useQueryClient();
  const id = useId();
  const [typed, setTyped] = useState("");
  const erase = useMutation({ mutationFn: () => erasePerson(subject, typed) });
  // The search refreshes once the dialog closes (the erased person no longer matches it).
  const close = () => {
    if (erase.isSuccess) personErased(qc);
    onClose();
  };
  return (
    <Dialog open onClose={close} title={`Erase ${label}`}>
      {erase.data ? (
        <div className="space-y-3 text-sm" role="status" data-testid="erase-done">
          <p>
            Erased: {erase.data.erased.calls} call(s) anonymised, {erase.data.erased.deliveries} webhook deliveries blanked,{" "}
            {erase.data.erased.auditEntriesRedacted} audit entries redacted. Their do-not-call mark, if any, stays as a hash.
          </p>
          <Button onClick={close}>Close</Button>
        </div>
      ) : (
        <form
          className="space-y-3 text-sm"
          onSubmit={(e) => {
            e.preventDefault();
            erase.mutate();
          }}
        >
          <p className="text-slate-700">
            Name, numbers, email, notes, recording links and raw webhook bodies are removed for good; the calls stay, anonymous, in the
            dashboard's counts. <strong>This cannot be undone.</strong>
          </p>
          <label htmlFor={id} className="block font-medium text-slate-800">
            Type ERASE to confirm
          </label>
          <input id={id} className={`${inputBaseClass} w-40`} value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />
          {erase.isError && <Alert>{erase.error.message}</Alert>}
          <div className="flex gap-2">
            <Button type="submit" variant="danger" disabled={typed !== "ERASE"} loading={erase.isPending} data-testid="erase-confirm">
              Erase for good
            </Button>
            <Button variant="secondary" onClick={close}>
              Cancel
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

function Actions({ subject, onErase }: { subject: Subject; onErase: () => void }) {
  const get = useMutation({ mutationFn: (format: "json" | "csv") => download(subject, format) });
  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      <Button size="sm" variant="secondary" onClick={() => get.mutate("json")} loading={get.isPending && get.variables === "json"}>
        Download JSON
      </Button>
      <Button size="sm" variant="secondary" onClick={() => get.mutate("csv")} loading={get.isPending && get.variables === "csv"}>
        Download CSV
      </Button>
      <Button size="sm" variant="danger" onClick={onErase}>
        Erase…
      </Button>
      {get.isError && (
        <span role="alert" className="text-xs text-rose-700">
          {get.error.message}
        </span>
      )}
    </div>
  );
}

export function DataRequests() {
  const id = useId();
  const [q, setQ] = useState("");
  const search = useDebounced(q.trim(), 300);
  const found = useQuery(findPersonOptions(search));
  const [erasing, setErasing] = useState<{ subject: Subject; label: string } | null>(null);
  return (
    <Panel
      title="A person's data on request"
      description="Find the person by phone number or name, then download or erase what is held about them."
    >
      <div className="mt-4 space-y-3">
        <label htmlFor={id} className="sr-only">
          Phone number or name
        </label>
        <input
          id={id}
          type="search"
          className={`${inputBaseClass} w-80`}
          placeholder="Phone number or name (3 characters or more)"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          data-testid="person-search"
        />
        {search.length >= 3 && (
          <QueryState query={found} what="matching people" compact>
            {(d) => (
              <ul className="divide-y divide-slate-100 rounded-lg ring-1 ring-slate-200" data-testid="person-results">
                {d.items.map((p: PersonMatch) => (
                  <li
                    key={p.id}
                    className="flex flex-wrap items-center justify-between gap-3 px-4 py-3"
                    data-testid="person"
                    data-lead={p.id}
                  >
                    <div className="text-sm">
                      <p className="font-medium text-slate-900">{p.name}</p>
                      <p className="text-slate-600 tabular-nums">
                        {p.phone}
                        {p.email ? ` · ${p.email}` : ""} · {p.calls} call(s)
                      </p>
                    </div>
                    <Actions subject={{ leadId: p.id }} onErase={() => setErasing({ subject: { leadId: p.id }, label: p.name })} />
                  </li>
                ))}
                {d.phone && d.unmatchedCalls > 0 && (
                  <li className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
                    <p className="text-sm text-slate-700">
                      {d.phone}: {d.unmatchedCalls} call(s) not linked to a lead
                    </p>
                    <Actions subject={{ phone: d.phone }} onErase={() => setErasing({ subject: { phone: d.phone! }, label: d.phone! })} />
                  </li>
                )}
                {d.items.length === 0 && !(d.phone && d.unmatchedCalls > 0) && (
                  <li className="px-4 py-3 text-sm text-slate-500">Nobody matches.</li>
                )}
              </ul>
            )}
          </QueryState>
        )}
      </div>
      {erasing && <Erase subject={erasing.subject} label={erasing.label} onClose={() => setErasing(null)} />}
    </Panel>
  );
}
