"use client";
// Admin: our own numbers (DIDs, office lines, every agent's Smartflo number). A delivery whose
// customer number is one of them matches no lead, creates none, and waits in the log as "own number".
import { useMutation, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { inputBaseClass } from "@/components/ui/field";
import { Panel } from "@/components/ui/panel";
import { QueryState } from "@/components/ui/query-state";
import { onSubmit } from "@/components/ui/submit";
import { ApiError, reacting } from "@/lib/queries/api";
import { addOwnNumber, ownNumbersMutation, ownNumbersOptions, removeOwnNumber, syncOwnNumbers } from "@/lib/queries/dialer";

export function OwnNumbers() {
  const ids = useId();
  const list = useQuery(ownNumbersOptions());
  const [number, setNumber] = useState("");
  const [label, setLabel] = useState("");
  const add = useMutation(
    reacting(
      ownNumbersMutation(() => addOwnNumber({ number, ...(label.trim() ? { label: label.trim() } : {}) })),
      {
        onSuccess: () => {
          setNumber("");
          setLabel("");
        },
      },
    ),
  );
  const remove = useMutation(ownNumbersMutation(removeOwnNumber));
  const sync = useMutation(ownNumbersMutation(syncOwnNumbers));
  const addError =
    add.error instanceof ApiError ? (add.error.fields.number ? `Number ${add.error.fields.number}` : add.error.message) : null;
  return (
    <Panel
      title="Our own numbers"
      description="The account's DIDs, office lines and agents' phones. Calls from or to them are never taken for a customer."
    >
      <QueryState query={list} what="our numbers" className="mt-3">
        {(d) => (
          <div className="mt-3 space-y-3">
            <ul className="divide-y divide-slate-100 text-sm" data-testid="own-numbers">
              {d.items.length === 0 && <li className="py-2 text-slate-500">None listed yet.</li>}
              {d.items.map((n) => (
                <li key={n.id} className="flex items-center gap-3 py-2">
                  <span className="font-medium text-slate-900 tabular-nums">{n.display}</span>
                  <span className="text-slate-500">{n.label ?? ""}</span>
                  <span className="text-xs text-slate-400">{n.source === "smartflo" ? "from Smartflo" : "added by an admin"}</span>
                  <Button
                    size="sm"
                    variant="ghost"
                    className="ml-auto"
                    onClick={() => remove.mutate(n.id)}
                    disabled={remove.isPending}
                    aria-label={`Remove ${n.display}`}
                  >
                    Remove
                  </Button>
                </li>
              ))}
            </ul>
            {d.agents.length > 0 && (
              <p className="text-xs text-slate-500">
                Also ours, from the users page: {d.agents.map((a) => `${a.name} (${a.number})`).join(", ")}.
              </p>
            )}
          </div>
        )}
      </QueryState>
      <form className="mt-3 flex flex-wrap items-center gap-2" onSubmit={onSubmit(() => number.trim() && add.mutate())}>
        <label className="sr-only" htmlFor={`${ids}-n`}>
          Number
        </label>
        <input
          id={`${ids}-n`}
          type="tel"
          value={number}
          onChange={(e) => setNumber(e.target.value)}
          placeholder="+91 80 4000 0000"
          className={`${inputBaseClass} w-48`}
          aria-invalid={addError ? true : undefined}
        />
        <label className="sr-only" htmlFor={`${ids}-l`}>
          Label
        </label>
        <input
          id={`${ids}-l`}
          value={label}
          onChange={(e) => setLabel(e.target.value)}
          placeholder="Label (optional)"
          maxLength={100}
          className={`${inputBaseClass} w-48`}
        />
        <Button type="submit" loading={add.isPending} disabled={!number.trim()}>
          Add number
        </Button>
        <Button variant="secondary" onClick={() => sync.mutate()} loading={sync.isPending}>
          Add agents' numbers from Smartflo
        </Button>
      </form>
      {addError && <Alert className="mt-2">{addError}</Alert>}
      {sync.isError && <Alert className="mt-2">{sync.error.message}</Alert>}
      {sync.isSuccess && (
        <Alert tone="success" className="mt-2">
          {sync.data.added ? `${sync.data.added} numbers added from Smartflo.` : "Every number Smartflo lists is here already."}
        </Alert>
      )}
    </Panel>
  );
}
