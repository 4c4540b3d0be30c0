"use client";
import { QueryClient, QueryClientProvider, useIsMutating } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { ApiError } from "@/lib/queries/api";

export function Providers({ children }: { children: React.ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: {
            staleTime: 10_000,
            // 4xx answers will not change by asking again.
            retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
          },
        },
      }),
  );
  return (
    <QueryClientProvider client={client}>
      <WarnBeforeLeavingWhileSaving />
      {children}
    </QueryClientProvider>
  );
}

/** Mutations that save what someone typed (a note, an outcome, a lead's edit, a follow-up) carry this meta. */
export const SAVES_TYPED_WORK = { savesTypedWork: true } as const;

/**
 * While such a save is on its way, leaving or reloading the page asks first (the browser's own
 * "Leave site?"): a reload then could cancel the request, and what was typed would be lost unseen.
 */
function WarnBeforeLeavingWhileSaving() {
  const saving = useIsMutating({ predicate: (m) => m.options.meta?.savesTypedWork === true }) > 0;
  useEffect(() => {
    if (!saving) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older Chrome and some WebViews ask only when returnValue is set.
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [saving]);
  return null;
}
