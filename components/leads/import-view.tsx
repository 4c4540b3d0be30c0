"use client";
// CSV import: read the file in the browser, validate every row on the server (dry run), show the
// per-row report, then create the good rows in chunks with a progress bar.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { inputBaseClass } from "@/components/ui/field";
import { Spinner } from "@/components/ui/spinner";
import { apiFetch } from "@/lib/api-client";
import { type ImportRow, readImportFile } from "@/lib/leads/csv";
import { leadKeys, userKeys } from "@/lib/query-keys";

const CHUNK = 500;
const SHOWN_PROBLEMS = 500;

interface RowReport {
  line: number;
  status: "ok" | "invalid" | "duplicate";
  errors?: Record<string, string>;
  existingLeadId?: string;
  duplicateOfLine?: number;
}
interface ImportResult {
  dryRun: boolean;
  rows: number;
  ok: number;
  invalid: number;
  duplicate: number;
  created: number;
  reports: RowReport[];
}

type Phase =
  | { step: "choose" }
  | { step: "checking"; file: string; rows: ImportRow[] }
  | { step: "report"; file: string; rows: ImportRow[]; report: ImportResult }
  | { step: "importing"; file: string; rows: ImportRow[]; report: ImportResult; done: number; total: number; created: number }
  | { step: "done"; file: string; rows: ImportRow[]; created: number; skipped: number; report: ImportResult };

export function ImportView() {
  const ids = useId();
  const queryClient = useQueryClient();
  const [phase, setPhase] = useState<Phase>({ step: "choose" });
  const [error, setError] = useState<string | null>(null);
  const [ownerId, setOwnerId] = useState("");
  const [onlyProblems, setOnlyProblems] = useState(true);
  const users = useQuery({
    queryKey: userKeys.assignable(),
    queryFn: () => apiFetch<{ items: { id: string; name: string; role: string; assignable: boolean }[] }>("/api/v1/users"),
  });

  async function onFile(file: File | undefined) {
    setError(null);
    if (!file) return;
    if (file.size > 8 * 1024 * 1024) return setError("The file is larger than 8 MB; split it into smaller files.");
    const { rows, error: headerError } = readImportFile(await file.text());
    if (headerError) return setError(headerError);
    if (rows.length === 0) return setError("The file has a header but no rows.");
    if (rows.length > 20_000) return setError(`The file has ${rows.length.toLocaleString()} rows; import at most 20,000 at a time.`);
    setPhase({ step: "checking", file: file.name, rows });
    try {
      const report = await apiFetch<ImportResult>("/api/v1/leads/import", { method: "POST", json: { rows, dryRun: true } });
      setPhase({ step: "report", file: file.name, rows, report });
    } catch (e) {
      setError(`Could not check the file: ${(e as Error).message}`);
      setPhase({ step: "choose" });
    }
  }

  async function runImport() {
    if (phase.step !== "report") return;
    const okLines = new Set(phase.report.reports.filter((r) => r.status === "ok").map((r) => r.line));
    const good = phase.rows.filter((r) => okLines.has(r.line));
    let created = 0;
    const base = { file: phase.file, rows: phase.rows, report: phase.report };
    setPhase({ step: "importing", ...base, done: 0, total: good.length, created: 0 });
    for (let i = 0; i < good.length; i += CHUNK) {
      const chunk = good.slice(i, i + CHUNK);
      let attempt = 0;
      for (;;) {
        try {
          // Re-sending a chunk is safe: rows whose phone now exists come back as duplicates.
          const result = await apiFetch<ImportResult>("/api/v1/leads/import", {
            method: "POST",
            json: { rows: chunk, dryRun: false, ownerId: ownerId || null },
          });
          created += result.created;
          break;
        } catch (e) {
          if (++attempt >= 3) {
            setError(
              `Stopped after ${created.toLocaleString()} leads: ${(e as Error).message}. Choose the file again to import the rest (leads already created are skipped as duplicates).`,
            );
            setPhase({
              step: "done",
              file: phase.file,
              rows: phase.rows,
              created,
              skipped: phase.report.rows - created,
              report: phase.report,
            });
            void queryClient.invalidateQueries({ queryKey: leadKeys.all });
            return;
          }
          await new Promise((r) => setTimeout(r, 1000 * attempt));
        }
      }
      setPhase({ step: "importing", ...base, done: Math.min(good.length, i + CHUNK), total: good.length, created });
    }
    setPhase({ step: "done", file: phase.file, rows: phase.rows, created, skipped: phase.report.rows - created, report: phase.report });
    void queryClient.invalidateQueries({ queryKey: leadKeys.all });
  }

  const report = phase.step === "report" || phase.step === "importing" || phase.step === "done" ? phase.report : null;
  const rowsByLine = new Map((phase.step === "choose" ? [] : phase.rows).map((r) => [r.line, r]));
  const listed = report ? report.reports.filter((r) => !onlyProblems || r.status !== "ok") : [];

  return (
    <div className="space-y-5">
      <div>
        <p className="text-sm">
          <Link href="/leads" className="text-brand-700 hover:underline">
            ← Leads
          </Link>
        </p>
        <h1 className="text-2xl font-semibold text-slate-900">Import leads from CSV</h1>
        <p className="text-sm text-slate-500">
          The first line names the columns: <code>name</code> and <code>phone</code> are required, <code>email</code> and{" "}
          <code>source</code> are optional. Rows are checked first; nothing is created until you confirm. Phones already in the CRM, or
          repeated in the file, are skipped.
        </p>
      </div>

      {error && <Alert>{error}</Alert>}

      <section className="space-y-3 rounded-xl bg-white p-5 shadow-xs ring-1 ring-slate-200">
        <div className="flex flex-wrap items-end gap-4">
          <div className="space-y-1">
            <label htmlFor={`${ids}-file`} className="block text-sm font-medium text-slate-700">
              CSV file
            </label>
            <input
              id={`${ids}-file`}
              type="file"
              accept=".csv,text/csv"
              disabled={phase.step === "checking" || phase.step === "importing"}
              onChange={(e) => void onFile(e.target.files?.[0])}
              className="block text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-brand-50 file:px-3 file:py-2 file:text-sm file:font-medium file:text-brand-700 hover:file:bg-brand-100"
              data-testid="import-file"
            />
          </div>
          <div className="space-y-1">
            <label htmlFor={`${ids}-owner`} className="block text-sm font-medium text-slate-700">
              Owner of the new leads
            </label>
            <select
              id={`${ids}-owner`}
              value={ownerId}
              onChange={(e) => setOwnerId(e.target.value)}
              className={inputBaseClass}
              disabled={phase.step === "importing"}
            >
              <option value="">Unassigned (or round-robin, when on)</option>
              {users.data?.items
                .filter((u) => u.assignable)
                .map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
            </select>
          </div>
        </div>
        {phase.step === "checking" && (
          <p className="flex items-center gap-2 text-sm text-slate-600" role="status">
            <Spinner className="size-4" /> Checking {phase.rows.length.toLocaleString()} rows of {phase.file}…
          </p>
        )}
      </section>

      {report && (
        <section
          className="space-y-4 rounded-xl bg-white p-5 shadow-xs ring-1 ring-slate-200"
          aria-label="Import report"
          data-testid="import-report"
        >
          <div className="flex flex-wrap items-center justify-between gap-3">
            <h2 className="text-lg font-semibold text-slate-900">{phase.step === "done" ? "Import finished" : "Check"}</h2>
            <dl className="flex flex-wrap gap-2 text-sm">
              <div className="rounded-md bg-slate-100 px-2.5 py-1">
                <dt className="inline text-slate-600">Rows </dt>
                <dd className="inline font-semibold tabular-nums" data-testid="count-rows">
                  {report.rows.toLocaleString()}
                </dd>
              </div>
              <div className="rounded-md bg-emerald-50 px-2.5 py-1 text-emerald-800">
                <dt className="inline">Ready </dt>
                <dd className="inline font-semibold tabular-nums" data-testid="count-ok">
                  {report.ok.toLocaleString()}
                </dd>
              </div>
              <div className="rounded-md bg-rose-50 px-2.5 py-1 text-rose-800">
                <dt className="inline">Invalid </dt>
                <dd className="inline font-semibold tabular-nums" data-testid="count-invalid">
                  {report.invalid.toLocaleString()}
                </dd>
              </div>
              <div className="rounded-md bg-amber-50 px-2.5 py-1 text-amber-900">
                <dt className="inline">Duplicates </dt>
                <dd className="inline font-semibold tabular-nums" data-testid="count-duplicate">
                  {report.duplicate.toLocaleString()}
                </dd>
              </div>
            </dl>
          </div>

          {phase.step === "report" && (
            <div className="flex flex-wrap items-center gap-3">
              <Button onClick={() => void runImport()} disabled={report.ok === 0} data-testid="run-import">
                Import {report.ok.toLocaleString()} lead{report.ok === 1 ? "" : "s"}
              </Button>
              {report.invalid + report.duplicate > 0 && (
                <span className="text-sm text-slate-600">
                  {(report.invalid + report.duplicate).toLocaleString()} rows will be skipped (listed below).
                </span>
              )}
            </div>
          )}
          {phase.step === "importing" && (
            <div className="space-y-1" role="status" aria-live="polite">
              <div className="flex justify-between text-sm text-slate-700">
                <span>Importing…</span>
                <span className="tabular-nums">
                  {phase.done.toLocaleString()} / {phase.total.toLocaleString()}
                </span>
              </div>
              <div
                className="h-2 overflow-hidden rounded-full bg-slate-100"
                role="progressbar"
                aria-label="Import progress"
                aria-valuemin={0}
                aria-valuemax={phase.total}
                aria-valuenow={phase.done}
              >
                <div
                  className="h-full bg-brand-600 transition-all"
                  style={{ width: `${phase.total ? (phase.done / phase.total) * 100 : 0}%` }}
                />
              </div>
            </div>
          )}
          {phase.step === "done" && (
            <Alert tone="success">
              <span data-testid="import-created">{phase.created.toLocaleString()}</span> lead{phase.created === 1 ? "" : "s"} created from{" "}
              {phase.file}; {phase.skipped.toLocaleString()} skipped.{" "}
              <Link href="/leads" className="font-medium underline">
                See the leads
              </Link>
            </Alert>
          )}

          <div className="flex items-center justify-between">
            <h3 className="text-sm font-semibold text-slate-900">Rows</h3>
            <label className="flex items-center gap-2 text-sm text-slate-600">
              <input type="checkbox" checked={onlyProblems} onChange={(e) => setOnlyProblems(e.target.checked)} /> Only rows with problems
            </label>
          </div>
          {listed.length === 0 ? (
            <p className="text-sm text-slate-500">{onlyProblems ? "No problems: every row is ready." : "No rows."}</p>
          ) : (
            <div className="max-h-[28rem] overflow-auto rounded-md ring-1 ring-slate-200">
              <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="import-rows">
                <thead className="sticky top-0 bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-500 uppercase">
                  <tr>
                    <th scope="col" className="px-3 py-2">
                      Line
                    </th>
                    <th scope="col" className="px-3 py-2">
                      Name
                    </th>
                    <th scope="col" className="px-3 py-2">
                      Phone
                    </th>
                    <th scope="col" className="px-3 py-2">
                      Result
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {listed.slice(0, SHOWN_PROBLEMS).map((r) => {
                    const row = rowsByLine.get(r.line);
                    return (
                      <tr key={r.line} data-status={r.status}>
                        <td className="px-3 py-1.5 text-slate-500 tabular-nums">{r.line}</td>
                        <td className="px-3 py-1.5 text-slate-900">{row?.name || <span className="text-slate-400">—</span>}</td>
                        <td className="px-3 py-1.5 text-slate-700 tabular-nums">
                          {row?.phone || <span className="text-slate-400">—</span>}
                        </td>
                        <td className="px-3 py-1.5">
                          {r.status === "ok" ? (
                            <span className="text-emerald-700">Ready</span>
                          ) : (
                            <span className={r.status === "invalid" ? "text-rose-700" : "text-amber-800"}>
                              {r.status === "invalid" ? "Invalid: " : "Duplicate: "}
                              {Object.entries(r.errors ?? {})
                                .map(([f, m]) => `${f} ${m}`)
                                .join("; ")}
                              {r.existingLeadId && (
                                <>
                                  {" "}
                                  (
                                  <Link href={`/leads/${r.existingLeadId}`} className="underline">
                                    open
                                  </Link>
                                  )
                                </>
                              )}
                            </span>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              {listed.length > SHOWN_PROBLEMS && (
                <p className="bg-slate-50 px-3 py-2 text-sm text-slate-600">
                  …and {(listed.length - SHOWN_PROBLEMS).toLocaleString()} more rows.
                </p>
              )}
            </div>
          )}
        </section>
      )}
    </div>
  );
}
