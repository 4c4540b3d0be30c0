"use client";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { inputBaseClass } from "@/components/ui/field";
import { formatCount } from "@/components/ui/format";
// Bulk assignment of the selected leads (managers within their team, admins to anyone).
import { Options } from "@/components/ui/options";
import { reacting } from "@/lib/queries/api";
import { type AssignResult, assignLeadsMutation } from "@/lib/queries/leads";
import type { AssignableUser } from "@/lib/queries/users";

export function AssignBar({ selected, users, onDone }: { selected: Set<string>; users: AssignableUser[]; onDone: () => void }) {
  const [assignTo, setAssignTo] = useState("");
  const [result, setResult] = useState<AssignResult | null>(null);
  const assign = useMutation(
    reacting(assignLeadsMutation(), {
      onSuccess: (done) => {
        setResult(done);
        setAssignTo("");
        onDone();
      },
    }),
  );
  if (selected.size === 0) {
    if (!result) return null;
    return (
      <Alert tone="success">
        {formatCount(result.assigned)} lead{result.assigned === 1 ? "" : "s"} reassigned
        {result.unchanged ? ` (${result.unchanged} already had that owner)` : ""}.
      </Alert>
    );
  }
  return (
    <form
      className="flex flex-wrap items-center gap-2 rounded-lg bg-brand-50 p-3 ring-1 ring-brand-200"
      aria-label="Assign selected leads"
      onSubmit={(e) => {
        e.preventDefault();
        setResult(null);
        if (assignTo) assign.mutate({ leadIds: [...selected], ownerId: assignTo === "none" ? null : assignTo });
      }}
    >
      <span className="text-sm font-medium text-brand-900" aria-live="polite">
        {formatCount(selected.size)} selected
      </span>
      <label className="sr-only" htmlFor="assign-to">
        Assign to
      </label>
      <select id="assign-to" value={assignTo} onChange={(e) => setAssignTo(e.target.value)} className={inputBaseClass} required>
        <option value="">Assign to…</option>
        <option value="none">Nobody (unassign)</option>
        <Options items={users.filter((u) => u.assignable)} value={(u) => u.id} label={(u) => u.name} />
      </select>
      <Button type="submit" size="sm" loading={assign.isPending} disabled={!assignTo}>
        Assign
      </Button>
      <Button size="sm" variant="ghost" onClick={onDone}>
        Clear
      </Button>
      {assign.isError && (
        <span role="alert" className="text-sm text-rose-700">
          {assign.error.message}
        </span>
      )}
    </form>
  );
}
