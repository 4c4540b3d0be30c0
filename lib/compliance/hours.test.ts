// Calling-hours edges in India time, whatever the server's zone: 08:59 closed, 09:00 open, 20:59
// open, 21:00 closed; per-weekday rules; holidays; and the next allowed time in each case.
import { describe, expect, it } from "vitest";
import { type CallingHours, callingWindow, DEFAULT_CALLING_HOURS, weekdayOf } from "./hours";

const ist = (s: string) => new Date(`${s}+05:30`);

describe("calling hours", () => {
  it.each(["UTC", "America/New_York", "Asia/Kolkata"])("runs on India time: the edges of 09:00–21:00 with the server in %s", (zone) => {
    const saved = process.env.TZ;
    process.env.TZ = zone;
    expect(new Date(2026, 0, 1).getTimezoneOffset()).toBe({ UTC: 0, "America/New_York": 300, "Asia/Kolkata": -330 }[zone]);
    expect(callingWindow(DEFAULT_CALLING_HOURS, [], ist("2026-12-01T08:59:00"))).toMatchObject({
      open: false,
      nextAllowedAt: ist("2026-12-01T09:00:00"),
    });
    expect(callingWindow(DEFAULT_CALLING_HOURS, [], ist("2026-12-01T08:59:59")).open).toBe(false);
    expect(callingWindow(DEFAULT_CALLING_HOURS, [], ist("2026-12-01T09:00:00"))).toMatchObject({
      open: true,
      closesAt: ist("2026-12-01T21:00:00"),
    });
    expect(callingWindow(DEFAULT_CALLING_HOURS, [], ist("2026-12-01T20:59:59")).open).toBe(true);
    expect(callingWindow(DEFAULT_CALLING_HOURS, [], ist("2026-12-01T21:00:00"))).toMatchObject({
      open: false,
      nextAllowedAt: ist("2026-12-02T09:00:00"),
    });
    // 03:00 UTC is 08:30 IST: closed, though a UTC clock says the day started long ago.
    expect(callingWindow(DEFAULT_CALLING_HOURS, [], new Date("2026-12-01T03:00:00Z")).open).toBe(false);
    // 15:29 UTC is 20:59 IST: open; 15:30 UTC is 21:00 IST: closed.
    expect(callingWindow(DEFAULT_CALLING_HOURS, [], new Date("2026-12-01T15:29:00Z")).open).toBe(true);
    expect(callingWindow(DEFAULT_CALLING_HOURS, [], new Date("2026-12-01T15:30:00Z")).open).toBe(false);
    process.env.TZ = saved;
  });

  it("follows the weekday rules and skips holidays and closed days for the next allowed time", () => {
    expect(weekdayOf("2026-12-01")).toBe("tue");
    expect(weekdayOf("2026-12-06")).toBe("sun");
    const hours: CallingHours = { ...DEFAULT_CALLING_HOURS, sat: { from: "10:00", to: "14:00" }, sun: null };
    // Saturday 14:00 is closed; Sunday is closed; Monday 7 Dec is a holiday; Tuesday opens at 09:00.
    expect(callingWindow(hours, ["2026-12-07"], ist("2026-12-05T13:59:00")).open).toBe(true);
    expect(callingWindow(hours, ["2026-12-07"], ist("2026-12-05T14:00:00"))).toMatchObject({
      open: false,
      nextAllowedAt: ist("2026-12-08T09:00:00"),
    });
    expect(callingWindow(hours, [], ist("2026-12-06T12:00:00"))).toMatchObject({ open: false, nextAllowedAt: ist("2026-12-07T09:00:00") });
    expect(callingWindow(hours, ["2026-12-01"], ist("2026-12-01T12:00:00"))).toMatchObject({
      open: false,
      nextAllowedAt: ist("2026-12-02T09:00:00"),
    });
    const never = Object.fromEntries(Object.keys(hours).map((d) => [d, null])) as CallingHours;
    expect(callingWindow(never, [], ist("2026-12-01T12:00:00"))).toEqual({ open: false, nextAllowedAt: null, closesAt: null });
  });
});
