"use client";
// A popover's closing rule: Escape, or a press outside the box, closes it while it is open.
import { type RefObject, useEffect } from "react";

export function useDismiss(open: boolean, box: RefObject<HTMLElement | null>, close: () => void): void {
  useEffect(() => {
    if (!open) return;
    const onEvent = (e: KeyboardEvent | MouseEvent) => {
      if (e instanceof KeyboardEvent ? e.key === "Escape" : !box.current?.contains(e.target as Node)) close();
    };
    document.addEventListener("keydown", onEvent);
    document.addEventListener("mousedown", onEvent);
    return () => {
      document.removeEventListener("keydown", onEvent);
      document.removeEventListener("mousedown", onEvent);
    };
  }, [open, box, close]);
}
