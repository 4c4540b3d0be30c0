"use client";
// A component whose code loads when it is first rendered (a form when opened, a card when a call
// comes in) instead of with the page: React.lazy behind its own Suspense boundary, so nothing else
// waits for it. `fallback` shows while it loads (none by default: the piece appears when ready).
// Server-rendered like any other component; a page that opens with it on screen keeps the server's
// HTML until the code has arrived, then hydrates it. (next/dynamic did the same with ~1.3 KB gzip of
// its own runtime on every page.)
import { type ComponentType, lazy, Suspense } from "react";

export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>, fallback: React.ReactNode = null): ComponentType<P> {
  const Lazy = lazy(async () => ({ default: await load() })) as unknown as ComponentType<P>;
  function Loaded(props: P) {
    return (
      <Suspense fallback={fallback}>
        <Lazy {...props} />
      </Suspense>
    );
  }
  return Loaded;
}
