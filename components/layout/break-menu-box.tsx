// The break menu's box (break-menu.tsx), also shown with "Loading…" while that file loads.
export function BreakMenuBox({ children }: { children: React.ReactNode }) {
  return (
    <div
      role="menu"
      aria-label="Break reason"
      className="absolute right-0 z-30 mt-1 w-48 rounded-lg bg-white p-1 shadow-lg ring-1 ring-slate-200"
    >
      {children}
    </div>
  );
}

export const BreakMenuLoading = () => <p className="px-3 py-2 text-sm text-slate-500">Loading…</p>;
