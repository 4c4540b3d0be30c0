// The first-response clock counts only calling time: inside the window, across the evening close,
// overnight, over a closed Sunday and a holiday; and the reminder's share of it.
import { describe, expect, it } from "vitest";
import { ALL_DAY_CALLING_HOURS, type CallingHours, DEFAULT_CALLING_HOURS } from "../compliance/hours";
import { dueAfter } from "./clock";

const ist = (s: string) => new Date(`${s}+05:30`);

describe("first-response clock", () => {
  it("inside calling hours: the target after arrival", () => {
    expect(dueAfter(ist("2026-12-01T10:00:00"), 5, DEFAULT_CALLING_HOURS, [])).toEqual(ist("2026-12-01T10:05:00"));
  });

  it("a lead at 22:00 IST starts at 09:00 the next calling day", () => {
    expect(dueAfter(ist("2026-12-01T22:00:00"), 5, DEFAULT_CALLING_HOURS, [])).toEqual(ist("2026-12-02T09:05:00"));
    // Before opening the same day.
    expect(dueAfter(ist("2026-12-02T06:30:00"), 5, DEFAULT_CALLING_HOURS, [])).toEqual(ist("2026-12-02T09:05:00"));
  });

  it("what is left at closing carries over to the next opening", () => {
    expect(dueAfter(ist("2026-12-01T20:58:00"), 5, DEFAULT_CALLING_HOURS, [])).toEqual(ist("2026-12-02T09:03:00"));
    expect(dueAfter(ist("2026-12-01T20:59:59.500"), 5, DEFAULT_CALLING_HOURS, [])).toEqual(ist("2026-12-02T09:04:59.500"));
  });

  it("skips a closed weekday and a holiday", () => {
    const noSunday: CallingHours = { ...DEFAULT_CALLING_HOURS, sun: null };
    // Saturday 6 Dec 2026, 20:59 → Sunday closed → Monday 8 Dec is a holiday → Tuesday 9 Dec.
    expect(dueAfter(ist("2026-12-05T20:59:00"), 5, noSunday, ["2026-12-07"])).toEqual(ist("2026-12-08T09:04:00"));
  });

  it("the reminder at a share of the target, in calling time too", () => {
    expect(dueAfter(ist("2026-12-01T20:59:00"), 5 * 0.6, DEFAULT_CALLING_HOURS, [])).toEqual(ist("2026-12-02T09:02:00"));
  });

  it("all day: plain minutes; no calling day in sight: no due time", () => {
    expect(dueAfter(ist("2026-12-01T23:58:00"), 5, ALL_DAY_CALLING_HOURS, [])).toEqual(ist("2026-12-02T00:03:00"));
    const closed = Object.fromEntries(Object.keys(DEFAULT_CALLING_HOURS).map((d) => [d, null])) as CallingHours;
    expect(dueAfter(ist("2026-12-01T10:00:00"), 5, closed, [])).toBeNull();
  });
});
