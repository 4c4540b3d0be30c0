"use client";
// Single-key shortcuts for people on the phone all day. A control takes part by carrying
// data-shortcut="c" (several keys: "1 2"); pressing the key clicks the first visible, enabled one.
// data-shortcut-focus="<selector>" moves focus there afterwards (an outcome chosen, then Enter saves).
// Keys typed into a field, or with Ctrl/Alt/Meta, are left alone; "?" lists what this page offers.
import { useEffect, useState } from "react";
import { Dialog } from "./dialog";

export interface Shortcut {
  keys: string;
  label: string;
}

function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !["radio", "checkbox", "button", "submit"].includes(target.type);
}

function visible(el: HTMLElement): boolean {
  return el.getClientRects().length > 0 && !el.closest("[inert]");
}

/** The first control bound to `key` that can be pressed now. */
export function shortcutTarget(key: string, root: ParentNode = document): HTMLElement | null {
  for (const el of root.querySelectorAll<HTMLElement>("[data-shortcut]")) {
    if (!el.dataset.shortcut!.split(" ").includes(key)) continue;
    if ((el as HTMLButtonElement).disabled || el.getAttribute("aria-disabled") === "true" || !visible(el)) continue;
    return el;
  }
  return null;
}

export function Kbd({ children }: { children: React.ReactNode }) {
  return (
    // A phone has no keyboard to press it with (as the shortcuts help button, hidden at that size).
    <kbd
      aria-hidden
      className="ml-1.5 rounded border border-current/30 px-1 font-mono text-[0.7rem] leading-4 font-normal opacity-80 max-sm:hidden"
    >
      {children}
    </kbd>
  );
}

export function KeyboardShortcuts({ list }: { list: Shortcut[] }) {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.repeat || typing(e.target)) return;
      if (e.key === "?") {
        e.preventDefault();
        setOpen((o) => !o);
        return;
      }
      // With a dialog open (other than the list) the page's keys stay quiet.
      const modal = document.querySelector("dialog[open]");
      const el = shortcutTarget(e.key.toLowerCase(), modal ?? document);
      if (!el) return;
      e.preventDefault();
      el.click();
      const focus = el.dataset.shortcutFocus;
      if (focus) requestAnimationFrame(() => document.querySelector<HTMLElement>(focus)?.focus());
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="rounded-md px-2 py-1 text-xs text-slate-500 hover:bg-slate-100 hover:text-slate-800 max-sm:hidden"
        data-testid="shortcuts-button"
      >
        Keyboard shortcuts <Kbd>?</Kbd>
      </button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Keyboard shortcuts">
        <dl className="space-y-2 text-sm" data-testid="shortcuts-list">
          {list.map((s) => (
            <div key={s.keys} className="flex items-center justify-between gap-4">
              <dt className="text-slate-700">{s.label}</dt>
              <dd>
                {s.keys.split(" ").map((k) => (
                  <kbd key={k} className="ml-1 rounded border border-slate-300 bg-slate-50 px-1.5 font-mono text-xs text-slate-800">
                    {k}
                  </kbd>
                ))}
              </dd>
            </div>
          ))}
        </dl>
        <p className="mt-4 text-xs text-slate-500">Keys do nothing while you type in a field. Press ? or Esc to close.</p>
      </Dialog>
    </>
  );
}

export const CALL_SHORTCUTS: Shortcut[] = [
  { keys: "c", label: "Call" },
  { keys: "h", label: "Hang up" },
  { keys: "1–9", label: "Choose the call's outcome (then Enter saves)" },
  { keys: "?", label: "Show these shortcuts" },
];
