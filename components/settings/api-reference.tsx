"use client";
// The API reference for admins, read from GET /api/v1/openapi.json: every operation by area, who
// may call it, and the request body's schema. Rendered here (no third-party script, so it works
// offline and under the page's CSP).
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Panel } from "@/components/ui/panel";
import { QueryState } from "@/components/ui/query-state";
import { apiFetch } from "@/lib/queries/api";

type Op = { summary: string; tags: string[]; description: string; requestBody?: { content: Record<string, { schema: unknown }> } };
type Doc = { paths: Record<string, Record<string, Op>> };

const METHOD_TONE: Record<string, string> = {
  get: "bg-sky-100 text-sky-800",
  post: "bg-emerald-100 text-emerald-800",
  put: "bg-amber-100 text-amber-900",
  patch: "bg-amber-100 text-amber-900",
  delete: "bg-rose-100 text-rose-800",
};

function Operation({ method, path, op }: { method: string; path: string; op: Op }) {
  const [open, setOpen] = useState(false);
  const schema = op.requestBody?.content["application/json"]?.schema;
  return (
    <li className="py-2" data-testid="api-operation">
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <span className={`w-16 rounded px-1.5 py-0.5 text-center text-xs font-semibold uppercase ${METHOD_TONE[method] ?? ""}`}>
          {method}
        </span>
        <code className="text-sm break-all text-slate-900">{path}</code>
        <span className="text-sm text-slate-600">{op.summary}</span>
      </div>
      {op.description && <p className="mt-1 ml-0 text-xs text-slate-500 sm:ml-19">{op.description}</p>}
      {schema ? (
        <div className="mt-1 sm:ml-19">
          <button
            type="button"
            className="text-xs font-medium text-brand-700 hover:underline"
            aria-expanded={open}
            onClick={() => setOpen(!open)}
          >
            {open ? "Hide the request body" : "Request body"}
          </button>
          {open && (
            <pre className="mt-1 max-h-72 overflow-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">
              {JSON.stringify(schema, null, 2)}
            </pre>
          )}
        </div>
      ) : null}
    </li>
  );
}

export function ApiReference() {
  const doc = useQuery({ queryKey: ["openapi"], queryFn: () => apiFetch<Doc>("/api/v1/openapi.json"), staleTime: Infinity });
  return (
    <Panel
      title="API reference"
      description={
        <>
          Every request the API takes, generated from the checks the server makes. The machine-readable document (OpenAPI 3.1) is at{" "}
          <a className="text-brand-700 underline" href="/api/v1/openapi.json">
            /api/v1/openapi.json
          </a>
          .
        </>
      }
    >
      <QueryState query={doc} what="the API reference" className="mt-4">
        {(d) => {
          const byTag = new Map<string, { method: string; path: string; op: Op }[]>();
          for (const [path, ops] of Object.entries(d.paths))
            for (const [method, op] of Object.entries(ops)) {
              const tag = op.tags[0] ?? "Other";
              byTag.set(tag, [...(byTag.get(tag) ?? []), { method, path, op }]);
            }
          return (
            <div className="mt-4 space-y-5">
              {[...byTag.entries()].map(([tag, ops]) => (
                <section key={tag} aria-label={tag}>
                  <h3 className="text-sm font-semibold text-slate-900">{tag}</h3>
                  <ul className="divide-y divide-slate-100">
                    {ops.map((o) => (
                      <Operation key={`${o.method} ${o.path}`} {...o} />
                    ))}
                  </ul>
                </section>
              ))}
            </div>
          );
        }}
      </QueryState>
    </Panel>
  );
}
