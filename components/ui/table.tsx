// The list tables of the settings and team pages: a card, a header row, the body, a message row
// for loading or no results, and "Load more" for an infinite query.
import type { ReactNode } from "react";
import { Alert } from "./alert";
import { Button } from "./button";
import { cx } from "./cx";
import { Spinner } from "./spinner";

export const TABLE_HEAD_CLASS = "bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-500 uppercase";

export type Column = string | { label: ReactNode; key: string; className?: string };

export function TableHead({
  columns,
  cellClassName = "px-4 py-2.5",
  sticky,
}: {
  columns: Column[];
  cellClassName?: string;
  sticky?: boolean;
}) {
  return (
    <thead className={cx(TABLE_HEAD_CLASS, sticky && "sticky top-0")}>
      <tr>
        {columns.map((c) =>
          typeof c === "string" ? (
            <th key={c} scope="col" className={cellClassName}>
              {c}
            </th>
          ) : (
            <th key={c.key} scope="col" className={cx(cellClassName, c.className)}>
              {c.label}
            </th>
          ),
        )}
      </tr>
    </thead>
  );
}

/** A card holding a table whose rows are `children`; `footer` goes below the table. */
export function DataTable({
  columns,
  testId,
  bodyClassName,
  children,
  footer,
}: {
  columns: Column[];
  testId?: string;
  bodyClassName?: string;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <div className="scroll-shadow-x relative overflow-x-auto rounded-xl shadow-xs ring-1 ring-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid={testId}>
        <TableHead columns={columns} />
        <tbody className={cx("divide-y divide-slate-100", bodyClassName)}>{children}</tbody>
      </table>
      {footer}
    </div>
  );
}

/** One full-width row: a spinner while `loading`, else `children` (the "nothing here" text). */
export function MessageRow({ colSpan, loading, children }: { colSpan: number; loading?: boolean; children?: ReactNode }) {
  return (
    <tr>
      <td colSpan={colSpan} className="px-4 py-10 text-center text-slate-500">
        {loading ? <Spinner className="mx-auto size-5" /> : children}
      </td>
    </tr>
  );
}

interface PagedQuery {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

/** The footer of a table fed by an infinite query: "Load more" while there is a next page. */
export function LoadMore({ query }: { query: PagedQuery }) {
  if (!query.hasNextPage) return null;
  return (
    <div className="border-t border-slate-100 p-2 text-center">
      <Button size="sm" variant="secondary" loading={query.isFetchingNextPage} onClick={() => query.fetchNextPage()}>
        Load more
      </Button>
    </div>
  );
}

interface InfiniteListQuery<T> extends PagedQuery {
  isPending: boolean;
  isError: boolean;
  error: Error | null;
  data: { pages: { items: T[] }[] } | undefined;
}

/** A DataTable fed by an infinite query: its error, its rows, a spinner or the empty text, Load more. */
export function PagedTable<T>({
  query,
  what,
  empty,
  columns,
  testId,
  children,
}: {
  query: InfiniteListQuery<T>;
  /** As in "Could not load deliveries: …". */
  what: string;
  empty: ReactNode;
  columns: Column[];
  testId?: string;
  children: (row: T) => ReactNode;
}) {
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      {query.isError && (
        <Alert>
          Could not load {what}: {query.error?.message}
        </Alert>
      )}
      <DataTable testId={testId} columns={columns} bodyClassName="align-top" footer={<LoadMore query={query} />}>
        {rows.map(children)}
        {(query.isPending || rows.length === 0) && (
          <MessageRow colSpan={columns.length} loading={query.isPending}>
            {empty}
          </MessageRow>
        )}
      </DataTable>
    </>
  );
}
