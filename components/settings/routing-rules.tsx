"use client";
// The routing rules as the floor reads them, in the order they are tried: each card says when it
// applies, whom it gives leads to and what happens when nobody calls in time, with how many leads it
// gave out this week. Move up and down, change in place, switch off and on, delete (after a confirm),
// add. Managers change their own team's rules; the others are shown read-only.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { countOf } from "@/components/ui/format";
import { QueryState } from "@/components/ui/query-state";
import { reacting } from "@/lib/queries/api";
import { type CustomFieldItem, customFieldsOptions } from "@/lib/queries/custom-fields";
import { deleteRuleMutation, type RoutingRuleItem, routingRulesOptions, updateRuleMutation } from "@/lib/queries/routing";
import { type AssignableUser, assignableUsersOptions } from "@/lib/queries/users";
import { breachText, giveToText, whenText } from "@/lib/routing/describe";
import { RuleForm, type Viewer } from "./routing-rule-form";

interface FormData {
  users: AssignableUser[];
  fields: CustomFieldItem[];
  sources: string[];
  viewer: Viewer;
}

function Line({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="sm:flex sm:gap-2">
      <dt className="shrink-0 font-medium text-slate-500 sm:w-48">{term}</dt>
      <dd className="break-words text-slate-800">{children}</dd>
    </div>
  );
}

function RuleCard({
  rule,
  index,
  movable,
  labels,
  form,
}: {
  rule: RoutingRuleItem;
  index: number;
  /** How many rules can be moved among (every rule but the fallback). */
  movable: number;
  labels: Record<string, string>;
  form: FormData | null;
}) {
  const [editing, setEditing] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const up = useRef<HTMLButtonElement>(null);
  const down = useRef<HTMLButtonElement>(null);
  const edit = useRef<HTMLButtonElement>(null);
  const direction = useRef<"up" | "down" | null>(null);
  const update = useMutation(
    reacting(updateRuleMutation(rule.id), {
      // Once the list shows the new order, the keyboard stays on the button pressed (its partner at either end).
      onSettled: () => {
        const dir = direction.current;
        if (!dir) return;
        requestAnimationFrame(() => {
          const [first, second] = dir === "up" ? [up.current, down.current] : [down.current, up.current];
          (first && !first.disabled ? first : second)?.focus();
        });
      },
    }),
  );
  const moving = update.isPending && update.variables?.position !== undefined ? direction.current : null;
  const remove = useMutation(deleteRuleMutation(rule.id));
  const move = (dir: "up" | "down") => {
    direction.current = dir;
    update.mutate({ position: index + (dir === "up" ? -1 : 1) });
  };
  const toggle = () => {
    direction.current = null;
    update.mutate({ enabled: !rule.enabled });
  };
  const stopEditing = () => {
    setEditing(false);
    requestAnimationFrame(() => edit.current?.focus());
  };
  const error = (!editing && update.error) || remove.error;
  const owner = rule.teamManager ? `${rule.teamManager.name}'s team rule` : null;
  return (
    <li className="space-y-3 py-4" data-testid="routing-rule" data-rule-name={rule.name}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h3 className="min-w-0 font-medium break-words text-slate-900">
          <span className="mr-1.5 text-slate-500 tabular-nums">{index + 1}.</span>
          {rule.name}
        </h3>
        {rule.isFallback && <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">Fallback · always last</span>}
        {!rule.enabled && <span className="rounded-full bg-amber-50 px-2 py-0.5 text-xs text-amber-900 ring-1 ring-amber-200">Off</span>}
        {owner && <span className="rounded-full bg-brand-50 px-2 py-0.5 text-xs text-brand-700">{owner}</span>}
      </div>
      {editing && form ? (
        <RuleForm rule={rule} {...form} onDone={stopEditing} />
      ) : (
        <dl className="space-y-1 text-sm">
          <Line term="When">{whenText(rule.conditions, { isFallback: rule.isFallback, labels })}</Line>
          <Line term="Give to">{giveToText(rule)}</Line>
          <Line term="If nobody calls in time">{breachText(rule.onBreach, rule.target)}</Line>
          <Line term="Last 7 days">{countOf(rule.leadsLast7Days, "lead")}</Line>
        </dl>
      )}
      {rule.editable && !editing && (
        <div className="flex flex-wrap gap-2">
          {!rule.isFallback && (
            <>
              <Button
                ref={up}
                size="sm"
                variant="secondary"
                disabled={index === 0}
                loading={moving === "up"}
                onClick={() => move("up")}
                aria-label={`Move “${rule.name}” up`}
              >
                ↑ Up
              </Button>
              <Button
                ref={down}
                size="sm"
                variant="secondary"
                disabled={index >= movable - 1}
                loading={moving === "down"}
                onClick={() => move("down")}
                aria-label={`Move “${rule.name}” down`}
              >
                ↓ Down
              </Button>
            </>
          )}
          <Button ref={edit} size="sm" variant="secondary" onClick={() => setEditing(true)} disabled={!form}>
            Change
          </Button>
          {!rule.isFallback && (
            <>
              <Button
                size="sm"
                variant="ghost"
                loading={update.isPending && !moving}
                onClick={toggle}
                aria-label={`${rule.enabled ? "Turn off" : "Turn on"} “${rule.name}”`}
              >
                {rule.enabled ? "Turn off" : "Turn on"}
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setConfirm(true)} aria-label={`Delete “${rule.name}”`}>
                Delete
              </Button>
            </>
          )}
        </div>
      )}
      {error && <Alert>{error.message}</Alert>}
      <Dialog open={confirm} onClose={() => setConfirm(false)} title={`Delete “${rule.name}”?`}>
        <p className="text-sm text-slate-700">
          New leads it would have taken go to the next rule that fits. Leads it already gave out keep their owners.
        </p>
        {remove.error && <Alert className="mt-3">{remove.error.message}</Alert>}
        <div className="mt-4 flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setConfirm(false)}>
            Cancel
          </Button>
          <Button variant="danger" loading={remove.isPending} onClick={() => remove.mutate()}>
            Delete rule
          </Button>
        </div>
      </Dialog>
    </li>
  );
}

export function RoutingRules({ viewer }: { viewer: Viewer }) {
  const rules = useQuery(routingRulesOptions());
  const users = useQuery(assignableUsersOptions());
  const fields = useQuery(customFieldsOptions());
  const [adding, setAdding] = useState(false);
  const addButton = useRef<HTMLButtonElement>(null);
  const active = (fields.data?.items ?? []).filter((f) => !f.archivedAt);
  const labels = Object.fromEntries((fields.data?.items ?? []).map((f) => [f.key, f.label]));
  const form: FormData | null =
    users.data && fields.data && rules.data ? { users: users.data.items, fields: active, sources: rules.data.sources, viewer } : null;
  const formProblem = users.error ?? fields.error;
  const stopAdding = () => {
    setAdding(false);
    requestAnimationFrame(() => addButton.current?.focus());
  };
  return (
    <section className="rounded-xl bg-white p-5 shadow-xs ring-1 ring-slate-200" aria-labelledby="routing-rules-heading">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 id="routing-rules-heading" className="text-base font-semibold text-slate-900">
            Lead routing rules
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            Who gets a lead that arrives by itself (lead sources, ad platforms, IndiaMART, new callers). Rules are tried from the top: the
            first that fits and has someone free takes the lead. Agents on a break, away or at capacity are skipped.
          </p>
        </div>
        {!adding && (
          <Button ref={addButton} onClick={() => setAdding(true)} disabled={!form}>
            Add rule
          </Button>
        )}
      </div>
      {viewer.role === "MANAGER" && (
        <p className="mt-2 text-sm text-slate-500">You can add and change rules for your own team; the others are shown for reference.</p>
      )}
      {formProblem && <Alert className="mt-3">Could not load the people and lead fields for the form: {formProblem.message}</Alert>}
      {adding && form && (
        <div className="mt-4">
          <RuleForm {...form} onDone={stopAdding} />
        </div>
      )}
      <QueryState query={rules} what="routing rules" className="mt-4">
        {(d) => {
          const movable = d.items.filter((r) => !r.isFallback).length;
          return (
            <>
              {movable === 0 && (
                <p className="mt-4 text-sm text-slate-500" data-testid="routing-rules-empty">
                  No rules of your own yet: every lead goes to “{d.items[0]?.name ?? "Everyone else"}”. Add a rule to send, say, IndiaMART
                  leads to one team.
                </p>
              )}
              <ol className="mt-2 divide-y divide-slate-100" data-testid="routing-rules">
                {d.items.map((r, i) => (
                  <RuleCard key={r.id} rule={r} index={i} movable={movable} labels={labels} form={form} />
                ))}
              </ol>
            </>
          );
        }}
      </QueryState>
    </section>
  );
}
