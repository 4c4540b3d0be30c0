"use client";
// The do-not-call list: search, add one, import a DND list (CSV), export it, lift a mark, and push
// the list to Smartflo's account DND list (a dry run first).
import { useInfiniteQuery, useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { inputBaseClass } from "@/components/ui/field";
import { countOf, formatDateTime } from "@/components/ui/format";
import { Panel } from "@/components/ui/panel";
import { QueryState } from "@/components/ui/query-state";
import { onSubmit } from "@/components/ui/submit";
import { type Column, TableHead } from "@/components/ui/table";
import { useDebounced } from "@/components/ui/use-debounced";
import { reacting } from "@/lib/queries/api";
import { addDnc, dncListOptions, dncMutation, importDnc, pushDnc, removeDnc } from "@/lib/queries/compliance-admin";

const DNC_COLUMNS: Column[] = ["Number", "Reason", "From", "Since", { key: "actions", label: <span className="sr-only">Actions</span> }];

function Import() {
  const id = useId();
  const [reason, setReason] = useState("DND list import");
  const run = useMutation(dncMutation(async (file: File) => importDnc(await file.text(), reason)));
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={`${id}-file`} className="text-sm font-medium text-slate-800">
          Import a DND list (CSV with a phone column)
        </label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".csv,text/csv,text/plain"
          className="text-sm"
          disabled={run.isPending}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) run.mutate(file);
            e.target.value = "";
          }}
          data-testid="dnc-import"
        />
        <label htmlFor={`${id}-reason`} className="sr-only">
          Reason recorded for imported numbers
        </label>
        <input id={`${id}-reason`} className={inputBaseClass} value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      {run.isPending && <p className="text-sm text-slate-500">Importing…</p>}
      {run.data && (
        <p role="status" className="text-sm text-slate-700" data-testid="dnc-import-result">
          {run.data.rows} rows: {run.data.added} added, {run.data.alreadyListed} already listed, {run.data.duplicates} repeated,{" "}
          {run.data.invalidCount} not a phone number
          {run.data.invalid.length > 0 && ` (line ${run.data.invalid.map((i) => i.line).join(", ")})`}.
        </p>
      )}
      {run.isError && <Alert>{run.error.message}</Alert>}
    </div>
  );
}

function Push() {
  const dry = useMutation({ mutationFn: () => pushDnc(true) });
  const push = useMutation({ mutationFn: () => pushDnc(false), onSuccess: () => dry.reset() });
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="secondary" onClick={() => dry.mutate()} loading={dry.isPending}>
          Check against Smartflo (dry run)
        </Button>
        {dry.data && dry.data.toPush > 0 && (
          <Button onClick={() => push.mutate()} loading={push.isPending}>
            Push {Math.min(dry.data.toPush, 100)} number(s) to Smartflo
          </Button>
        )}
      </div>
      {dry.data && (
        <p role="status" className="text-sm text-slate-700">
          {dry.data.listed} on our list, {dry.data.alreadyAtSmartflo} already on Smartflo's DND list, {dry.data.toPush} to push.
        </p>
      )}
      {push.data && (
        <p role="status" className="text-sm text-emerald-700">
          Pushed {push.data.pushed} to Smartflo's DND list and blocked numbers{push.data.left ? `; ${push.data.left} left, push again` : ""}
          .
        </p>
      )}
      {(dry.error ?? push.error) && <Alert>{(dry.error ?? push.error)!.message}</Alert>}
    </div>
  );
}

export function DncList() {
  const id = useId();
  const [q, setQ] = useState("");
  const search = useDebounced(q, 250);
  const list = useInfiniteQuery(dncListOptions(search));
  const [phone, setPhone] = useState("");
  const [reason, setReason] = useState("");
  const add = useMutation(
    reacting(
      dncMutation(() => addDnc(phone, reason)),
      {
        onSuccess: () => {
          setPhone("");
          setReason("");
        },
      },
    ),
  );
  const remove = useMutation(dncMutation(removeDnc));
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Panel title="Do not call" description="Numbers nobody may call: click-to-call refuses them, the dialer and campaigns skip them.">
      <div className="mt-4 space-y-5">
        <form className="flex flex-wrap items-end gap-2" onSubmit={onSubmit(() => add.mutate())}>
          <label className="text-sm text-slate-700">
            <span className="block text-xs font-medium text-slate-500">Phone</span>
            <input className={inputBaseClass} value={phone} onChange={(e) => setPhone(e.target.value)} placeholder="+91 98765 43210" />
          </label>
          <label className="text-sm text-slate-700">
            <span className="block text-xs font-medium text-slate-500">Reason</span>
            <input className={`${inputBaseClass} w-72`} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="Why" />
          </label>
          <Button type="submit" loading={add.isPending} disabled={!phone.trim() || !reason.trim()}>
            Add to the list
          </Button>
          <a href="/api/v1/dnc/export" className="ml-auto text-sm font-medium text-brand-700 hover:underline" download>
            Export CSV
          </a>
        </form>
        {add.isError && <Alert>{add.error.message}</Alert>}
        <Import />
        <Push />
        <div>
          <label htmlFor={`${id}-q`} className="sr-only">
            Search the list
          </label>
          <input
            id={`${id}-q`}
            type="search"
            className={`${inputBaseClass} w-72`}
            placeholder="Search by number or reason"
            value={q}
            onChange={(e) => setQ(e.target.value)}
          />
          <QueryState query={list} what="the do-not-call list" compact className="mt-3">
            {(d) => (
              <>
                <p className="mt-2 text-xs text-slate-500">{countOf(d.pages[0]?.total ?? 0, "number")}</p>
                <table className="mt-2 min-w-full divide-y divide-slate-200 text-sm" data-testid="dnc-table">
                  <TableHead columns={DNC_COLUMNS} cellClassName="py-2 pr-4" />
                  <tbody className="divide-y divide-slate-100">
                    {items.map((r) => (
                      <tr key={r.id} data-testid="dnc-row" data-phone={r.phone ?? ""}>
                        <td className="py-2 pr-4 tabular-nums">{r.display}</td>
                        <td className="py-2 pr-4">{r.reason}</td>
                        <td className="py-2 pr-4 text-slate-600">
                          {r.sourceLabel}
                          {r.createdBy ? ` · ${r.createdBy}` : ""}
                        </td>
                        <td className="py-2 pr-4 text-slate-600">{formatDateTime(r.createdAt)}</td>
                        <td className="py-2 text-right">
                          {r.phone && (
                            <Button
                              size="sm"
                              variant="ghost"
                              onClick={() => remove.mutate(r.phone!)}
                              loading={remove.isPending && remove.variables === r.phone}
                            >
                              Lift
                            </Button>
                          )}
                        </td>
                      </tr>
                    ))}
                    {items.length === 0 && (
                      <tr>
                        <td colSpan={5} className="py-6 text-center text-slate-500">
                          {search ? "No number matches." : "No numbers yet."}
                        </td>
                      </tr>
                    )}
                  </tbody>
                </table>
                {list.hasNextPage && (
                  <Button className="mt-3" variant="secondary" onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
                    Load more
                  </Button>
                )}
              </>
            )}
          </QueryState>
          {remove.isError && <Alert className="mt-2">{remove.error.message}</Alert>}
        </div>
      </div>
    </Panel>
  );
}
