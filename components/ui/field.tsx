import { useId } from "react";

const INPUT =
  "block rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-xs ring-1 ring-inset ring-slate-300 " +
  "placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-brand-500 focus:outline-none aria-invalid:ring-rose-400";

/** Inputs without a width, for inline filter bars. */
export const inputBaseClass = INPUT;
export const inputClass = `${INPUT} w-full`;

export function Field({
  label,
  error,
  hint,
  small,
  children,
}: {
  label: string;
  error?: string;
  hint?: string;
  /** The small grey label of filter bars and side panels. */
  small?: boolean;
  children: (props: { id: string; "aria-invalid"?: boolean; "aria-describedby"?: string }) => React.ReactNode;
}) {
  const id = useId();
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className={small ? undefined : "space-y-1"}>
      <label htmlFor={id} className={small ? "block text-xs font-medium text-slate-600" : "block text-sm font-medium text-slate-700"}>
        {label}
      </label>
      {children({ id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
      {error ? (
        <p id={`${id}-error`} className="text-sm text-rose-600">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
