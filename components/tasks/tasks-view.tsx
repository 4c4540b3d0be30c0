"use client";
import { useState } from "react";
import { cx } from "@/components/ui/cx";
import { TaskList } from "./task-list";

type Tab = { status: "open" | "done"; scope: "mine" | "team"; label: string };

export function TasksView({ supervisor }: { supervisor: boolean }) {
  const tabs: Tab[] = [
    { status: "open", scope: "mine", label: "My open tasks" },
    ...(supervisor ? [{ status: "open", scope: "team", label: "Team's open tasks" } as Tab] : []),
    { status: "done", scope: "mine", label: "Done" },
  ];
  const [tab, setTab] = useState(0);
  const current = tabs[tab]!;
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">Tasks</h1>
        <p className="text-sm text-slate-500">
          Call-backs for missed and unanswered calls are added automatically; overdue ones come first.
        </p>
      </div>
      <div role="tablist" aria-label="Task lists" className="flex gap-1 border-b border-slate-200">
        {tabs.map((t, i) => (
          <button
            key={t.label}
            role="tab"
            type="button"
            aria-selected={i === tab}
            onClick={() => setTab(i)}
            className={cx(
              "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
              i === tab ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900",
            )}
          >
            {t.label}
          </button>
        ))}
      </div>
      <section role="tabpanel" aria-label={current.label} className="rounded-xl bg-white shadow-xs ring-1 ring-slate-200">
        <TaskList
          key={current.label}
          status={current.status}
          scope={current.scope}
          limit={200}
          showAssignee={current.scope === "team"}
          emptyText={current.status === "open" ? "Nothing to follow up. Nice." : "No completed tasks yet."}
        />
      </section>
    </div>
  );
}
