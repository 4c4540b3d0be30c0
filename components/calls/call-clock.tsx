"use client";
// Call timers count by the telephony's clock. Smartflo's runs with ours; the built-in simulator can
// compress time (SIM_TIME_SCALE 0.2: a simulated minute passes in 12 s) and stamps its webhooks in
// its own time, so a timer on the wall clock would read wrong (0:00 for a while, then jump). From
// the call's start the telephony clock runs 1/scale as fast as ours.
import { createContext, useContext } from "react";

const Scale = createContext(1);

export function CallClockProvider({ scale, children }: { scale: number; children: React.ReactNode }) {
  return <Scale.Provider value={scale}>{children}</Scale.Provider>;
}

/** Seconds from `fromIso` (a telephony stamp, e.g. when the call was answered) to `now`, for a call that started at `startIso`. */
export function useCallElapsed(): (fromIso: string | null | undefined, startIso: string | null | undefined, now: number) => number {
  const scale = useContext(Scale);
  return (fromIso, startIso, now) => {
    if (!fromIso) return 0;
    const from = Date.parse(fromIso);
    const start = startIso ? Math.min(Date.parse(startIso), from) : from;
    const telephonyNow = scale === 1 ? now : start + (now - start) / scale;
    return Math.max(0, Math.round((telephonyNow - from) / 1000));
  };
}
