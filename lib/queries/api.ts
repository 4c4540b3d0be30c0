// Browser-side fetch for our JSON API (errors arrive as {error:{code,message,fields?}}), used by the
// typed fetchers in lib/queries/<resource>.ts; components never write a URL themselves.
import { type MutationFunctionContext, queryOptions, type UseMutationOptions } from "@tanstack/react-query";
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export async function apiFetch<T>(url: string, init?: RequestInit & { json?: unknown }): Promise<T> {
  const { json, ...rest } = init ?? {};
  // Every mutation is JSON, with or without a body: the server refuses anything else (CSRF).
  const mutating = !!rest.method && rest.method.toUpperCase() !== "GET";
  let response: Response;
  try {
    response = await fetch(url, {
      ...rest,
      headers: {
        Accept: "application/json",
        ...(json !== undefined || mutating ? { "Content-Type": "application/json" } : {}),
        ...rest.headers,
      },
      body: json !== undefined ? JSON.stringify(json) : rest.body,
    });
  } catch {
    throw new ApiError(0, "NETWORK", "Cannot reach the server. Check your connection and try again.");
  }
  const body = parseJson(await response.text());
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string; fields?: Record<string, string> } } | null)?.error;
    if (response.status === 401 && typeof window !== "undefined")
      window.location.assign(`/sign-in?next=${encodeURIComponent(window.location.pathname)}`);
    throw new ApiError(
      response.status,
      error?.code ?? "HTTP_" + response.status,
      error?.message ?? `Request failed (${response.status})`,
      error?.fields,
      (error ?? {}) as Record<string, unknown>,
    );
  }
  return body as T;
}

/** A path with a query string from the set values of `params` (empty strings, null and undefined left out). */
export function withQuery(path: string, params: Record<string, string | number | boolean | null | undefined>): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

/**
 * Retry policy for mutations the server refused only because it was not ready yet (409 with
 * `retryable`: e.g. Smartflo has not given a just-started call its id; the sweep finds it within
 * about a second). Nothing happened on the server, so asking again is safe: up to 4 times, 0.75 s apart.
 */
export const retryWhileNotReady = {
  retry: (failures: number, error: Error) =>
    failures < 4 && error instanceof ApiError && error.status === 409 && error.body.retryable === true,
  retryDelay: 750,
} as const;

/** A JSON mutation. */
export const send = <T>(method: "POST" | "PUT" | "PATCH" | "DELETE", url: string, json?: unknown) => apiFetch<T>(url, { method, json });

/** What JSON makes of a server value: dates arrive as ISO strings. */
export type Json<T> = T extends Date ? string : T extends (infer U)[] ? Json<U>[] : T extends object ? { [K in keyof T]: Json<T[K]> } : T;

/** A list endpoint's answer. */
export type Items<T> = { items: T[] };

/** The options of a query for a list endpoint (`GET url` answering `{ items }`). */
export const listQuery = <T>(queryKey: readonly unknown[], url: string) =>
  queryOptions({ queryKey, queryFn: () => apiFetch<Items<T>>(url) });

/** A response body as JSON; `fallback` when it is empty or not JSON. */
export function parseJson(text: string, fallback: unknown = null): unknown {
  if (!text) return fallback;
  try {
    return JSON.parse(text);
  } catch {
    return fallback;
  }
}

/** What a screen does after a resource's mutation has applied its cache effects (close a dialog, show a result). */
export type Reactions<TData, TVariables> = {
  onSuccess?: (data: TData, variables: TVariables) => void;
  onError?: (error: Error, variables: TVariables) => void;
  onSettled?: () => void;
};

/**
 * A resource's mutation options (lib/queries/<resource>.ts: the request and its cache effects) with
 * a screen's own reactions run after them, so a component never re-states which queries a change
 * touches: `useMutation(reacting(updateLeadMutation(id), { onSuccess: close }))`.
 */
export function reacting<TData, TVariables, TOnMutate>(
  options: UseMutationOptions<TData, Error, TVariables, TOnMutate>,
  ui: Reactions<TData, TVariables>,
): UseMutationOptions<TData, Error, TVariables, TOnMutate> {
  return {
    ...options,
    // The resource's effects first (their promise still holds the mutation pending), then the screen's.
    onSuccess: (data: TData, variables: TVariables, result: TOnMutate, context: MutationFunctionContext) => {
      const effects = options.onSuccess?.(data, variables, result, context);
      ui.onSuccess?.(data, variables);
      return effects;
    },
    onError: (error: Error, variables: TVariables, result: TOnMutate | undefined, context: MutationFunctionContext) => {
      const effects = options.onError?.(error, variables, result, context);
      ui.onError?.(error, variables);
      return effects;
    },
    onSettled: (
      data: TData | undefined,
      error: Error | null,
      variables: TVariables,
      result: TOnMutate | undefined,
      context: MutationFunctionContext,
    ) => {
      const effects = options.onSettled?.(data, error, variables, result, context);
      ui.onSettled?.();
      return effects;
    },
  };
}
