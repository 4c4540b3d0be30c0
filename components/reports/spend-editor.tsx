"use client";
// The admins' spend per source and month, for the months the report's period touches: one box per
// source and month (saved on Enter or on leaving it; empty or 0 removes it), and a line to add a
// source that has no row yet. Checked with the server's own schema before it is sent.
import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import { Field, inputBaseClass } from "@/components/ui/field";
import { formatRupees } from "@/components/ui/format";
import { Panel } from "@/components/ui/panel";
import { Spinner } from "@/components/ui/spinner";
import { reacting } from "@/lib/queries/api";
import { type LeadSourceReportData, setSourceSpendMutation } from "@/lib/queries/reports";
import { type SourceSpendInput, sourceSpendSchema } from "@/lib/reports/schemas";

const MONTH = new Intl.DateTimeFormat("en-IN", { timeZone: "UTC", month: "short", year: "numeric" });
/** "2026-03" as "Mar 2026". */
const monthLabel = (month: string) => MONTH.format(new Date(`${month}-01T00:00:00Z`));

/** What someone typed as rupees ("1,00,000", "₹ 2500.50", ""), as a number (NaN when it is not one). */
const rupeesOf = (text: string) => {
  const clean = text.replace(/[₹,\s]/g, "");
  return clean === "" ? 0 : Number(clean);
};

/** The input as the server would check it, or the first thing wrong with it. */
function check(input: { source: string; month: string; amountRupees: number }): { ok: SourceSpendInput } | { error: string } {
  const parsed = sourceSpendSchema.safeParse(input);
  if (parsed.success) return { ok: parsed.data };
  const issue = parsed.error.issues[0]!;
  const what = { source: "Source", month: "Month", amountRupees: "Amount" }[String(issue.path[0])] ?? "Spend";
  return { error: `${what} ${issue.message}` };
}

function SpendCell({
  source,
  month,
  saved,
  pending,
  onSave,
}: {
  source: string;
  month: string;
  saved: number;
  pending: boolean;
  onSave: (amountRupees: number) => void;
}) {
  const [text, setText] = useState(saved ? String(saved) : "");
  // Enter, then leaving the box, sends it once.
  const [sent, setSent] = useState<number | null>(null);
  const submit = () => {
    const value = rupeesOf(text);
    if (value === saved || value === sent) return;
    setSent(Number.isNaN(value) ? null : value);
    onSave(value);
  };
  return (
    <form
      className="flex items-center justify-end gap-1"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {pending && <Spinner className="size-3.5 text-slate-400" label="Saving" />}
      <input
        type="text"
        inputMode="decimal"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={submit}
        placeholder="0"
        aria-label={`Spend on ${source} in ${monthLabel(month)}, in rupees`}
        className={cx(inputBaseClass, "w-28 text-right tabular-nums")}
      />
    </form>
  );
}

export function SpendEditor({ report }: { report: LeadSourceReportData }) {
  const ids = useId();
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const save = useMutation(
    reacting(setSourceSpendMutation(), {
      onSuccess: (s) =>
        setMessage({
          tone: "success",
          text: s.amountRupees
            ? `Saved: ${s.source}, ${monthLabel(s.month)}: ${formatRupees(s.amountRupees)}`
            : `Removed: ${s.source}, ${monthLabel(s.month)}`,
        }),
      onError: (e, v) => setMessage({ tone: "error", text: `Could not save ${v.source}, ${monthLabel(v.month)}: ${e.message}` }),
    }),
  );
  const send = (input: { source: string; month: string; amountRupees: number }) => {
    const checked = check(input);
    if ("error" in checked) {
      setMessage({ tone: "error", text: `${input.source || "New source"}, ${monthLabel(input.month)}: ${checked.error}` });
      return false;
    }
    save.mutate(checked.ok);
    return true;
  };
  const sources = report.rows.map((r) => r.source).filter((s): s is string => s !== null);
  const amount = (source: string, month: string) => report.spend.find((s) => s.source === source && s.month === month)?.amountRupees ?? 0;
  const pendingFor = (source: string, month: string) =>
    save.isPending && save.variables?.source === source && save.variables.month === month;

  const [newSource, setNewSource] = useState("");
  const [pickedMonth, setNewMonth] = useState(report.months.at(-1)!);
  // Another period may not hold the month picked before.
  const newMonth = report.months.includes(pickedMonth) ? pickedMonth : report.months.at(-1)!;
  const [newAmount, setNewAmount] = useState("");

  return (
    <Panel
      title="Spend"
      description={
        "What each source cost per month, in rupees: it gives cost per lead and per won lead. " +
        "A month counts whole, even when the period covers only part of it. Empty or 0 removes it."
      }
    >
      {sources.length > 0 && (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
        <div className="scroll-shadow-x mt-3 overflow-x-auto" tabIndex={0} role="region" aria-label="Spend per source and month">
          <table className="min-w-full text-sm">
            <thead className="text-left text-xs font-semibold tracking-wide text-slate-500 uppercase">
              <tr>
                <th scope="col" className="py-2 pr-4">
                  Source
                </th>
                {report.months.map((m) => (
                  <th key={m} scope="col" className="px-2 py-2 text-right whitespace-nowrap">
                    {monthLabel(m)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {sources.map((source) => (
                <tr key={source}>
                  <th scope="row" className="py-1.5 pr-4 text-left font-medium text-slate-900">
                    {source}
                  </th>
                  {report.months.map((month) => (
                    <td key={month} className="px-2 py-1.5">
                      <SpendCell
                        // A new saved amount (after a save or another admin's) resets the box.
                        key={amount(source, month)}
                        source={source}
                        month={month}
                        saved={amount(source, month)}
                        pending={pendingFor(source, month)}
                        onSave={(amountRupees) => send({ source, month, amountRupees })}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <form
        className="mt-4 flex flex-wrap items-end gap-2"
        aria-label="Add spend for a source"
        onSubmit={(e) => {
          e.preventDefault();
          if (send({ source: newSource.trim(), month: newMonth, amountRupees: rupeesOf(newAmount) })) {
            setNewSource("");
            setNewAmount("");
          }
        }}
      >
        <Field label="Source" small>
          {(p) => (
            <>
              <input
                {...p}
                value={newSource}
                onChange={(e) => setNewSource(e.target.value)}
                list={`${ids}-sources`}
                placeholder="e.g. Google Ads"
                maxLength={100}
                className={cx(inputBaseClass, "w-48")}
              />
              <datalist id={`${ids}-sources`}>
                {sources.map((s) => (
                  <option key={s} value={s} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <Field label="Month" small>
          {(p) => (
            <select {...p} value={newMonth} onChange={(e) => setNewMonth(e.target.value)} className={inputBaseClass}>
              {report.months.map((m) => (
                <option key={m} value={m}>
                  {monthLabel(m)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Amount (₹)" small>
          {(p) => (
            <input
              {...p}
              inputMode="decimal"
              value={newAmount}
              onChange={(e) => setNewAmount(e.target.value)}
              placeholder="0"
              className={cx(inputBaseClass, "w-32 text-right")}
            />
          )}
        </Field>
        <Button type="submit" variant="secondary" loading={save.isPending && save.variables?.source === newSource.trim()}>
          Save spend
        </Button>
      </form>

      <div aria-live="polite" className="mt-3 empty:hidden">
        {message && <Alert tone={message.tone}>{message.text}</Alert>}
      </div>
    </Panel>
  );
}
