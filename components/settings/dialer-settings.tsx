"use client";
// Admin: the preview dialer's countdown (0–30 s before the lead on screen is dialled by itself, or manual).
import { useMutation, useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { Alert } from "@/components/ui/alert";
import { inputBaseClass } from "@/components/ui/field";
import { Panel } from "@/components/ui/panel";
import { QueryState } from "@/components/ui/query-state";
import { Spinner } from "@/components/ui/spinner";
import { dialerSettingsOptions, saveDialerSettingsMutation } from "@/lib/queries/dialer";

const CHOICES = [null, 0, 3, 5, 10, 15, 20, 30];

export function DialerSettings() {
  const id = useId();
  const settings = useQuery(dialerSettingsOptions());
  const save = useMutation(saveDialerSettingsMutation());
  return (
    <Panel title="Dialer" description="On the Calling page, how the next lead is dialled once it is on screen.">
      <QueryState query={settings} what="the dialer setting" compact className="mt-3">
        {(d) => (
          <div className="mt-3 flex items-center gap-2">
            <label htmlFor={id} className="text-sm font-medium text-slate-800">
              Dial the next lead
            </label>
            <select
              id={id}
              className={inputBaseClass}
              value={d.countdownSeconds === null ? "manual" : String(d.countdownSeconds)}
              onChange={(e) => save.mutate({ countdownSeconds: e.target.value === "manual" ? null : Number(e.target.value) })}
              data-testid="dialer-countdown"
            >
              {CHOICES.map((c) => (
                <option key={String(c)} value={c === null ? "manual" : String(c)}>
                  {c === null ? "when the agent presses Call" : c === 0 ? "at once" : `after ${c} seconds`}
                </option>
              ))}
            </select>
            {save.isPending && <Spinner className="size-4 text-slate-400" label="Saving" />}
          </div>
        )}
      </QueryState>
      {save.isError && <Alert className="mt-2">{save.error.message}</Alert>}
    </Panel>
  );
}
