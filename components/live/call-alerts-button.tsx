"use client";
// The nav's "Enable call alerts": the browser's permission to notify, asked from a click, for the
// inbound screen pop (incoming-call.tsx) and the new-lead pop (new-lead-pop.tsx) while the tab is hidden.
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";

/** The nav's "Call alerts" button: asks, from a click, to notify about calls (and new leads: new-lead-pop.tsx) while the tab is hidden. */
export function CallAlertsButton() {
  const [permission, setPermission] = useState<NotificationPermission | "unsupported">("unsupported");
  // What the click did, said for a few seconds (the browser's own prompt gives no feedback in the page).
  const [said, setSaid] = useState<NotificationPermission | null>(null);
  useEffect(() => setPermission(typeof Notification === "undefined" ? "unsupported" : Notification.permission), []);
  useEffect(() => {
    if (!said) return;
    const t = setTimeout(() => setSaid(null), 8000);
    return () => clearTimeout(t);
  }, [said]);
  // Said under the bar, not in it: a sentence in the bar would push Sign out off a desk screen.
  if (said)
    return (
      <span
        role="status"
        className={cx(
          "absolute top-full right-0 z-30 mt-2 w-72 rounded-lg border bg-white p-3 text-sm shadow-lg",
          said === "granted" ? "border-emerald-200 text-emerald-800" : "border-amber-200 text-amber-900",
        )}
        data-testid="call-alerts-result"
      >
        {said === "granted"
          ? "Call alerts on: incoming calls and new leads notify you while this tab is in the background."
          : said === "denied"
            ? "Call alerts are blocked: allow notifications for this site in the browser's settings."
            : "Call alerts not turned on."}
      </span>
    );
  if (permission !== "default") return null;
  return (
    <Button
      size="sm"
      variant="secondary"
      // Below 1536 px the bar has room for "Alerts" only (at 1280 the whole words pushed Sign out off screen); the name stays whole.
      aria-label="Enable call alerts"
      title="Enable call alerts: incoming calls and new leads notify you while this tab is in the background"
      onClick={() =>
        void Notification.requestPermission().then((p) => {
          setPermission(p);
          setSaid(p);
        })
      }
    >
      <span className="2xl:hidden">Alerts</span>
      <span className="hidden 2xl:inline">Enable call alerts</span>
    </Button>
  );
}
