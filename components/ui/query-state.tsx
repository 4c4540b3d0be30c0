// A query's three faces in one place: a labelled spinner while it loads, an alert naming what
// could not be loaded, and its data (or the "nothing here" text) once it has arrived.
import type { ReactNode } from "react";
import { Alert } from "./alert";
import { cx } from "./cx";
import { Spinner } from "./spinner";

interface QueryLike<T> {
  isPending: boolean;
  isError: boolean;
  error: Error | null;
  data: T | undefined;
}

export function QueryState<T>({
  query,
  what,
  isEmpty,
  empty,
  compact,
  className,
  children,
}: {
  query: QueryLike<T>;
  /** What is loading, as in "Loading missed calls" and "Could not load missed calls: …". */
  what: string;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  /** A small inline spinner instead of a centred block (for side panels). */
  compact?: boolean;
  /** Spacing for the spinner and the alert. */
  className?: string;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) {
    if (compact) return <Spinner className={cx("size-4 text-slate-400", className)} label={`Loading ${what}`} />;
    return (
      <div className={cx("flex justify-center py-6 text-slate-400", className)}>
        <Spinner label={`Loading ${what}`} />
      </div>
    );
  }
  // A failed background refetch keeps what is on screen; only a query with nothing to show says so.
  if (query.data === undefined) {
    return (
      <Alert className={className}>
        Could not load {what}: {query.error?.message ?? "no answer"}
      </Alert>
    );
  }
  if (isEmpty?.(query.data)) return <>{empty}</>;
  return <>{children(query.data)}</>;
}

/** The text of an empty list inside a card. */
export function EmptyText({ children }: { children: ReactNode }) {
  return <p className="px-3 py-6 text-center text-sm text-slate-500">{children}</p>;
}

/** A list endpoint's query as a `<ul>`: one `children(item)` per item, or the `empty` text. */
export function QueryList<T>({
  query,
  what,
  empty,
  className,
  testId,
  children,
}: {
  query: QueryLike<{ items: T[] }>;
  what: string;
  empty: ReactNode;
  className?: string;
  testId?: string;
  children: (item: T) => ReactNode;
}) {
  return (
    <QueryState query={query} what={what} isEmpty={(d) => d.items.length === 0} empty={<EmptyText>{empty}</EmptyText>}>
      {(d) => (
        <ul className={className} data-testid={testId}>
          {d.items.map(children)}
        </ul>
      )}
    </QueryState>
  );
}
