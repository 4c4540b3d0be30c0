"use client";
// The dialer's countdown: the lead on screen is dialled by itself when it reaches zero, unless the
// agent pauses it (then Call, or c, dials).
import { useEffect, useRef, useState } from "react";

export function Countdown({ seconds, onDone }: { seconds: number; onDone: () => void }) {
  const [left, setLeft] = useState(seconds);
  const [paused, setPaused] = useState(false);
  const done = useRef(onDone);
  done.current = onDone;
  useEffect(() => {
    if (paused) return;
    if (left <= 0) {
      done.current();
      return;
    }
    const t = setTimeout(() => setLeft((l) => l - 1), 1000);
    return () => clearTimeout(t);
  }, [left, paused]);
  if (left <= 0 && !paused) return null;
  return (
    <p className="flex items-center gap-2 text-sm text-slate-600" role="timer" aria-live="off" data-testid="dial-countdown">
      {paused ? "Auto-dial paused" : <span className="tabular-nums">Dialling in {left} s</span>}
      <button
        type="button"
        onClick={() => setPaused((p) => !p)}
        className="rounded px-1.5 py-0.5 text-brand-700 underline hover:bg-brand-50"
      >
        {paused ? "Resume" : "Pause"}
      </button>
    </p>
  );
}
