// The live board and stepping into calls, for the browser.
import { mutationOptions, queryOptions } from "@tanstack/react-query";
import type { LiveBoard } from "../board/service";
import type { CallDto } from "../calls/dto";
import type { CALL_ACTIONS } from "../calls/schemas";
import { apiFetch, retryWhileNotReady, send } from "./api";
import { boardKeys } from "./keys";

export { boardKeys };

export type { LiveBoard };

export const liveBoardOptions = () => queryOptions({ queryKey: boardKeys.all, queryFn: () => apiFetch<LiveBoard>("/api/v1/live/board") });

export type CallAction = (typeof CALL_ACTIONS)[number];
export const callAction = (callId: string, action: CallAction, toUserId?: string) =>
  send<CallDto>("POST", `/api/v1/calls/${callId}/options`, { action, ...(toUserId ? { toUserId } : {}) });

/** A supervisor's step into a call (monitor, whisper, barge, transfer); the board is read again. */
export const callActionMutation = (callId: string) =>
  mutationOptions({
    mutationFn: ({ action, toUserId }: { action: CallAction; toUserId?: string }) => callAction(callId, action, toUserId),
    ...retryWhileNotReady,
    onSuccess: (_call, _input, _r, { client }) => client.invalidateQueries({ queryKey: boardKeys.all }),
  });
