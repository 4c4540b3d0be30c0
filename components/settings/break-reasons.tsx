"use client";
// Admin: the reasons agents pick when they take a break, with the Smartflo dialer break code each
// one is sent as (or pulled from the account's break list).
import { useMutation, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { inputBaseClass } from "@/components/ui/field";
import { Panel } from "@/components/ui/panel";
import { QueryState } from "@/components/ui/query-state";
import { onSubmit } from "@/components/ui/submit";
import { type Column, TableHead } from "@/components/ui/table";
import { reacting } from "@/lib/queries/api";
import { type BreakReason, breakReasonsOptions, importSmartfloBreaksMutation, saveBreakReasonMutation } from "@/lib/queries/breaks";

const REASON_COLUMNS: Column[] = [
  "Reason",
  "Smartflo code",
  { key: "actions", label: <span className="sr-only">Actions</span>, className: "text-right" },
];

function ReasonRow({ r }: { r: BreakReason }) {
  const [code, setCode] = useState(r.smartfloCode ?? "");
  const save = useMutation(saveBreakReasonMutation(r.id));
  return (
    <tr className={r.active ? "" : "opacity-60"} data-testid="break-reason" data-reason={r.name}>
      <td className="px-4 py-2 font-medium text-slate-900">{r.name}</td>
      <td className="px-4 py-2">
        <label className="sr-only" htmlFor={`code-${r.id}`}>
          Smartflo break code for {r.name}
        </label>
        <input
          id={`code-${r.id}`}
          className={`${inputBaseClass} w-28`}
          value={code}
          placeholder="none"
          onChange={(e) => setCode(e.target.value)}
          onBlur={() => code !== (r.smartfloCode ?? "") && save.mutate({ smartfloCode: code.trim() || null })}
        />
      </td>
      <td className="px-4 py-2 text-right">
        <Button size="sm" variant="secondary" loading={save.isPending} onClick={() => save.mutate({ active: !r.active })}>
          {r.active ? "Retire" : "Restore"}
        </Button>
        {save.isError && (
          <p role="alert" className="mt-1 text-xs text-rose-700">
            {save.error.message}
          </p>
        )}
      </td>
    </tr>
  );
}

export function BreakReasons() {
  const id = useId();
  const reasons = useQuery(breakReasonsOptions(true));
  const [name, setName] = useState("");
  const add = useMutation(reacting(saveBreakReasonMutation(), { onSuccess: () => setName("") }));
  const pull = useMutation(importSmartfloBreaksMutation());
  return (
    <Panel
      title="Break reasons"
      description="What agents pick when they take a break. With a Smartflo break code, the break is also started at Smartflo."
    >
      <QueryState query={reasons} what="the break reasons" compact className="mt-3">
        {(d) => (
          <table className="mt-3 min-w-full divide-y divide-slate-200 text-sm">
            <TableHead columns={REASON_COLUMNS} />
            <tbody className="divide-y divide-slate-100">
              {d.items.map((r) => (
                <ReasonRow key={r.id} r={r} />
              ))}
            </tbody>
          </table>
        )}
      </QueryState>
      <form className="mt-4 flex flex-wrap items-center gap-2" onSubmit={onSubmit(() => add.mutate({ name }))}>
        <label htmlFor={id} className="sr-only">
          New break reason
        </label>
        <input
          id={id}
          className={inputBaseClass}
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="New reason"
          maxLength={60}
        />
        <Button type="submit" variant="secondary" loading={add.isPending} disabled={!name.trim()}>
          Add reason
        </Button>
        <Button variant="ghost" loading={pull.isPending} onClick={() => pull.mutate()}>
          Pull codes from Smartflo
        </Button>
      </form>
      {pull.isSuccess && (
        <p role="status" className="mt-2 text-sm text-slate-600">
          From Smartflo: {pull.data.updated} reason(s) given a code, {pull.data.created} added.
        </p>
      )}
      {(add.error ?? pull.error) && <Alert className="mt-2">{(add.error ?? pull.error)!.message}</Alert>}
    </Panel>
  );
}
