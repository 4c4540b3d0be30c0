// A titled white card of a settings page: heading, one line of explanation, then its content.
import { type ReactNode, useId } from "react";

export function Panel({ title, description, children }: { title: string; description?: ReactNode; children: ReactNode }) {
  const id = useId();
  return (
    <section className="rounded-xl bg-white p-5 shadow-xs ring-1 ring-slate-200" aria-labelledby={id}>
      <h2 id={id} className="text-base font-semibold text-slate-900">
        {title}
      </h2>
      {description && <p className="mt-1 text-sm text-slate-600">{description}</p>}
      {children}
    </section>
  );
}
