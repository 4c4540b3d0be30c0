"use client";
// "Call" on a list (a follow-up, a missed call to return): dials at once, under the same rules as
// the lead page (the server checks do-not-call, calling hours, consent, one call at a time), then
// opens the lead with the call live. A refusal is said next to the button; outside the calling hours
// the button says so before it is tapped (it still asks: an admin may have allowed one call to a lead).
import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId } from "react";
import { ApiError, reacting } from "@/lib/queries/api";
import { startCallMutation } from "@/lib/queries/calls";
import { callingHoursOptions } from "@/lib/queries/compliance";
import { Button } from "../ui/button";
import { PhoneIcon } from "../ui/phone-icon";

export function DialButton({ leadId, leadName, label = "Call" }: { leadId: string; leadName: string; label?: string }) {
  const router = useRouter();
  const dial = useMutation(reacting(startCallMutation(leadId), { onSuccess: () => router.push(`/leads/${leadId}`) }));
  const active = dial.error instanceof ApiError ? (dial.error.body.activeCall as { leadId?: string | null } | undefined) : undefined;
  const refusal = active ? "You already have a call in progress." : dial.error?.message;
  const hours = useQuery(callingHoursOptions()).data;
  const closed = hours?.open === false;
  const noteId = useId();
  return (
    <span className="inline-flex min-w-0 flex-col items-end gap-1">
      <Button
        size="sm"
        variant={closed ? "secondary" : "success"}
        onClick={() => dial.mutate({})}
        loading={dial.isPending}
        aria-label={`${label} ${leadName}`}
        aria-describedby={closed && !refusal ? noteId : undefined}
        data-testid="dial-button"
        data-closed={closed || undefined}
      >
        {!dial.isPending && <PhoneIcon className="size-4" />}
        {dial.isPending ? "Calling…" : label}
      </Button>
      {closed && !refusal && (
        <span id={noteId} className="max-w-56 text-right text-xs text-amber-800" data-testid="dial-closed">
          Outside calling hours{hours.opensAt ? ` · opens ${hours.opensAt}` : ""}
        </span>
      )}
      {refusal && (
        <span role="alert" className="max-w-56 text-right text-xs text-rose-700" data-testid="dial-error">
          {refusal}
          {active?.leadId && (
            <>
              {" "}
              <Link href={`/leads/${active.leadId}`} className="font-medium underline underline-offset-2">
                Go to that call
              </Link>
            </>
          )}
        </span>
      )}
    </span>
  );
}
