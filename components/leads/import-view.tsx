"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import { Field, inputBaseClass } from "@/components/ui/field";
import { formatCount } from "@/components/ui/format";
// CSV import: read the file in the browser, validate every row on the server (dry run), show the
// per-row report, then create the good rows in chunks with a progress bar.
import { Options } from "@/components/ui/options";
import { Spinner } from "@/components/ui/spinner";
import { type ImportRow, readImportFile } from "@/lib/leads/csv";
import { IMPORT_CHUNK, MAX_IMPORT_FILE_BYTES, MAX_IMPORT_ROWS } from "@/lib/leads/schemas";
import { customFieldsOptions } from "@/lib/queries/custom-fields";
import { type ImportResult, importLeadRows, leadsChanged } from "@/lib/queries/leads";
import { assignableUsersOptions } from "@/lib/queries/users";
import { ImportCounts, ImportRows } from "./import-report";

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
  const users = useQuery(assignableUsersOptions());
  // Columns named like a custom field (its key or label) fill it.
  const customFields = useQuery(customFieldsOptions());

  async function onFile(file: File | undefined) {
    setError(null);
    if (!file) return;
    if (file.size > MAX_IMPORT_FILE_BYTES)
      return setError(`The file is larger than ${MAX_IMPORT_FILE_BYTES / 2 ** 20} MB; split it into smaller files.`);
    const { rows, error: headerError } = readImportFile(
      await file.text(),
      (customFields.data?.items ?? []).filter((d) => !d.archivedAt),
    );
    if (headerError) return setError(headerError);
    if (rows.length === 0) return setError("The file has a header but no rows.");
    if (rows.length > MAX_IMPORT_ROWS) {
      return setError(`The file has ${formatCount(rows.length)} rows; import at most ${formatCount(MAX_IMPORT_ROWS)} at a time.`);
    }
    setPhase({ step: "checking", file: file.name, rows });
    try {
      const report = await importLeadRows({ rows, dryRun: true });
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
    for (let i = 0; i < good.length; i += IMPORT_CHUNK) {
      const chunk = good.slice(i, i + IMPORT_CHUNK);
      let attempt = 0;
      for (;;) {
        try {
          // Re-sending a chunk is safe: rows whose phone now exists come back as duplicates.
          const result = await importLeadRows({ rows: chunk, dryRun: false, ownerId: ownerId || null });
          created += result.created;
          break;
        } catch (e) {
          if (++attempt >= 3) {
            setError(
              `Stopped after ${formatCount(created)} leads: ${(e as Error).message}. ` +
                "Choose the file again to import the rest (leads already created are skipped as duplicates).",
            );
            setPhase({
              step: "done",
              file: phase.file,
              rows: phase.rows,
              created,
              skipped: phase.report.rows - created,
              report: phase.report,
            });
            void leadsChanged(queryClient);
            return;
          }
          await new Promise((r) => setTimeout(r, 1000 * attempt));
        }
      }
      setPhase({ step: "importing", ...base, done: Math.min(good.length, i + IMPORT_CHUNK), total: good.length, created });
    }
    setPhase({ step: "done", file: phase.file, rows: phase.rows, created, skipped: phase.report.rows - created, report: phase.report });
    void leadsChanged(queryClient);
  }

  const report = phase.step === "report" || phase.step === "importing" || phase.step === "done" ? phase.report : null;

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
              className={cx(
                "block text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-brand-50 file:px-3 file:py-2",
                "file:text-sm file:font-medium file:text-brand-700 hover:file:bg-brand-100",
              )}
              data-testid="import-file"
            />
          </div>
          <Field label="Owner of the new leads">
            {(p) => (
              <select
                {...p}
                value={ownerId}
                onChange={(e) => setOwnerId(e.target.value)}
                className={inputBaseClass}
                disabled={phase.step === "importing"}
              >
                <option value="">Unassigned (or round-robin, when on)</option>
                <Options items={users.data?.items.filter((u) => u.assignable)} value={(u) => u.id} label={(u) => u.name} />
              </select>
            )}
          </Field>
        </div>
        {phase.step === "checking" && (
          <p className="flex items-center gap-2 text-sm text-slate-600" role="status">
            <Spinner className="size-4" /> Checking {formatCount(phase.rows.length)} rows of {phase.file}…
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
            <ImportCounts report={report} />
          </div>

          {phase.step === "report" && (
            <div className="flex flex-wrap items-center gap-3">
              <Button onClick={() => void runImport()} disabled={report.ok === 0} data-testid="run-import">
                Import {formatCount(report.ok)} lead{report.ok === 1 ? "" : "s"}
              </Button>
              {report.invalid + report.duplicate > 0 && (
                <span className="text-sm text-slate-600">
                  {formatCount(report.invalid + report.duplicate)} rows will be skipped (listed below).
                </span>
              )}
            </div>
          )}
          {phase.step === "importing" && (
            <div className="space-y-1" role="status" aria-live="polite">
              <div className="flex justify-between text-sm text-slate-700">
                <span>Importing…</span>
                <span className="tabular-nums">
                  {formatCount(phase.done)} / {formatCount(phase.total)}
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
              <span data-testid="import-created">{formatCount(phase.created)}</span>
              {` lead${phase.created === 1 ? "" : "s"} created from `}
              {phase.file}; {formatCount(phase.skipped)} skipped.{" "}
              <Link href="/leads" className="font-medium underline">
                See the leads
              </Link>
            </Alert>
          )}

          {phase.step !== "choose" && phase.step !== "checking" && <ImportRows report={report} rows={phase.rows} />}
        </section>
      )}
    </div>
  );
}
