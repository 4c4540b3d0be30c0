// The first-response clock in words: the countdown, overdue, and what it says once the lead was called.
import { describe, expect, it } from "vitest";
import { clockState, formatClock, isRecent, isWaiting, spanWords, timeLeft } from "./first-response";

const T0 = Date.parse("2026-12-04T06:00:00.000Z");
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();
const fr = (dueAt: string | null, firstCallAt: string | null = null) => ({ dueAt, firstCallAt, firstConnectAt: null, breached: false });

describe("formatClock", () => {
  it.each([
    [0, "0:00"],
    [5, "0:05"],
    [252, "4:12"],
    [599, "9:59"],
    [3599, "59:59"],
    [3600, "1h 00m"],
    [7505, "2h 05m"],
    [39_600, "11h 00m"],
    [86_400 + 3 * 3600 + 59, "1d 3h"],
    [-20, "0:00"],
    [12.9, "0:12"],
  ])("%d s reads %s", (seconds, text) => expect(formatClock(seconds)).toBe(text));
});

describe("timeLeft", () => {
  it("counts down to the due moment, rounding up so it reads 0:01 until then", () => {
    expect(timeLeft(at(252), T0)).toEqual({ seconds: 252, overdue: false, clock: "4:12", words: "4:12 left" });
    expect(timeLeft(at(252), T0 + 500)).toMatchObject({ seconds: 252, clock: "4:12" });
    expect(timeLeft(at(1), T0 + 999)).toMatchObject({ seconds: 1, overdue: false });
  });

  it("says how long overdue once the moment has passed", () => {
    expect(timeLeft(at(0), T0)).toMatchObject({ seconds: 0, overdue: true, words: "0:00 overdue" });
    expect(timeLeft(at(-130), T0)).toEqual({ seconds: 130, overdue: true, clock: "2:10", words: "2:10 overdue" });
    expect(timeLeft(at(-7505), T0).words).toBe("2h 05m overdue");
  });
});

describe("spanWords", () => {
  it.each([
    [40, "40 s"],
    [120, "2 min"],
    [150, "3 min"],
    [3900, "1 h 05 min"],
    [86_400, "1 day"],
    [3 * 86_400, "3 days"],
  ])("%d s reads %s", (seconds, text) => expect(spanWords(seconds)).toBe(text));
});

describe("clockState (the lead page's line)", () => {
  const lead = (dueAt: string | null, firstCallAt: string | null = null) => ({ createdAt: at(0), firstResponse: fr(dueAt, firstCallAt) });

  it("says nothing for a lead without a clock", () => {
    expect(clockState(lead(null), T0)).toEqual({ kind: "none" });
  });

  it("runs until the first call, then says how long it is overdue", () => {
    expect(clockState(lead(at(300)), T0 + 108_000)).toMatchObject({ kind: "due", text: "First call due in 3:12" });
    expect(clockState(lead(at(300)), T0 + 430_000)).toMatchObject({ kind: "due", text: "First call overdue by 2:10" });
  });

  it("once called: how soon after arriving, or how late", () => {
    expect(clockState(lead(at(300), at(120)), T0)).toEqual({ kind: "called", late: false, text: "Called 2 min after arriving" });
    expect(clockState(lead(at(300), at(20)), T0)).toMatchObject({ late: false, text: "Called within a minute of arriving" });
    expect(clockState(lead(at(300), at(300 + 720)), T0)).toEqual({ kind: "called", late: true, text: "First call was 12 min late" });
  });
});

describe("isWaiting and isRecent", () => {
  it("a lead waits while its clock runs and nobody has called it", () => {
    expect(isWaiting(fr(at(300)))).toBe(true);
    expect(isWaiting(fr(at(300), at(10)))).toBe(false);
    expect(isWaiting(fr(null))).toBe(false);
    expect(isWaiting(undefined)).toBe(false);
  });

  it("a stamp is recent within the window, and a little ahead of this clock counts as now", () => {
    expect(isRecent(at(0), T0 + 60_000)).toBe(true);
    expect(isRecent(at(0), T0 + 6 * 60_000)).toBe(false);
    expect(isRecent(at(30), T0)).toBe(true);
    expect(isRecent("not a date", T0)).toBe(false);
  });
});
