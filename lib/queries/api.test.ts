// `reacting`: a resource's cache effects run first and still hold the mutation pending; the
// screen's reactions follow. Run through a real MutationObserver on a QueryClient.
import { MutationObserver, mutationOptions, QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { ApiError, reacting, retryWhileNotReady } from "./api";

describe("reacting", () => {
  it("runs the resource's effects (with the QueryClient) before the screen's, on success and on failure", async () => {
    const client = new QueryClient();
    const order: string[] = [];
    const releases: (() => void)[] = [];
    const effectsDone = new Promise<void>((resolve) => {
      releases.push(resolve);
    });
    const release = () => releases[0]?.();
    const options = (fail: boolean) =>
      mutationOptions({
        mutationFn: async (n: number) => {
          if (fail) throw new Error("refused");
          return n * 2;
        },
        onSuccess: (data, _n, _r, context) => {
          order.push(`effects ${data} ${context.client === client}`);
          return effectsDone;
        },
        onError: (error) => void order.push(`effects ${error.message}`),
      });
    const ok = new MutationObserver(
      client,
      reacting(options(false), { onSuccess: (data, n) => order.push(`screen ${data} from ${n}`), onSettled: () => order.push("settled") }),
    );
    const pending = ok.mutate(21);
    await new Promise((r) => setTimeout(r, 10));
    // The effects' promise holds the mutation pending; the screen already reacted.
    expect(ok.getCurrentResult().isPending).toBe(true);
    release();
    await expect(pending).resolves.toBe(42);
    expect(order).toEqual(["effects 42 true", "screen 42 from 21", "settled"]);

    order.length = 0;
    const bad = new MutationObserver(client, reacting(options(true), { onError: (e) => order.push(`screen ${e.message}`) }));
    await expect(bad.mutate(1)).rejects.toThrow("refused");
    expect(order).toEqual(["effects refused", "screen refused"]);
  });
});

describe("retryWhileNotReady", () => {
  const run = async (errors: ApiError[]) => {
    let calls = 0;
    const observer = new MutationObserver(new QueryClient(), {
      mutationFn: async () => {
        const error = errors[calls++];
        if (error) throw error;
        return "done";
      },
      ...retryWhileNotReady,
      retryDelay: 1,
    });
    const result = await observer.mutate().then(
      (v) => v,
      (e: ApiError) => e.code,
    );
    return { result, calls };
  };
  const notReady = () => new ApiError(409, "CONFLICT", "no id yet", {}, { retryable: true });

  it("asks again while the server says it is not ready yet, then succeeds", async () => {
    expect(await run([notReady(), notReady()])).toEqual({ result: "done", calls: 3 });
  });

  it("gives up after four retries", async () => {
    expect(await run(Array.from({ length: 9 }, notReady))).toEqual({ result: "CONFLICT", calls: 5 });
  });

  it("never repeats a refusal that is not about readiness", async () => {
    expect(await run([new ApiError(409, "CONFLICT", "already ended")])).toEqual({ result: "CONFLICT", calls: 1 });
    expect(await run([new ApiError(502, "UPSTREAM", "Smartflo failed", {}, { retryable: true })])).toEqual({
      result: "UPSTREAM",
      calls: 1,
    });
  });
});
