import { describe, expect, it } from "vitest";
import { breachText, daysText, decisionText, either, giveToText, whenText } from "./describe";

describe("a routing rule in words", () => {
  it("says when it applies", () => {
    const labels = { city: "City", gst: "GST number" };
    expect(
      whenText(
        { sources: ["Meta Lead Ads"], fields: { city: ["Pune"] }, hours: { from: "09:00", to: "18:00", days: [1, 2, 3, 4, 5] } },
        { labels },
      ),
    ).toBe("source is Meta Lead Ads and city is Pune, 09:00–18:00 Mon–Fri");
    expect(whenText({ sources: ["IndiaMART", "Website", "Inbound call"], subSourceContains: "Diwali" })).toBe(
      "source is IndiaMART, Website or Inbound call and sub-source contains “Diwali”",
    );
    expect(whenText({ fields: { gst: ["Yes"], zone: ["North", "East"] } }, { labels })).toBe("GST number is Yes and zone is North or East");
    expect(whenText({ hours: { from: "22:00", to: "06:00", days: [5] } })).toBe("any lead 22:00–06:00 (overnight) Fri");
    expect(whenText({ hours: { from: "10:00", to: "12:00", days: [1, 2, 3, 4, 5, 6, 7] } })).toBe("any lead 10:00–12:00");
    expect(whenText({})).toBe("any lead");
    expect(whenText({}, { isFallback: true })).toBe("any lead no rule above takes");
  });

  it("says days and lists as people do", () => {
    expect(daysText([1, 2, 3, 4, 5])).toBe("Mon–Fri");
    expect(daysText([6, 7])).toBe("Sat, Sun");
    expect(daysText([5, 1, 3])).toBe("Mon, Wed, Fri");
    expect(daysText([1, 2, 3, 5, 6])).toBe("Mon–Wed, Fri, Sat");
    expect(either(["A"])).toBe("A");
    expect(either(["A", "B"])).toBe("A or B");
  });

  it("says whom it gives leads to and what happens when nobody calls", () => {
    const priya = { name: "Priya" };
    expect(giveToText({ target: "LEAST_LOADED", targetUserId: "p", targetUser: priya })).toBe("Priya's team, fewest open new leads");
    expect(giveToText({ target: "ROUND_ROBIN", targetUserId: null, targetUser: null })).toBe("every agent, in turn");
    expect(giveToText({ target: "USER", targetUserId: "a", targetUser: { name: "Asha" } })).toBe("Asha");
    expect(giveToText({ target: "MANAGER_QUEUE", targetUserId: "p", targetUser: priya })).toBe("Priya's queue, to hand on");
    expect(giveToText({ target: "USER", targetUserId: null, targetUser: null })).toMatch(/no longer here/);
    expect(breachText("REASSIGN", "ROUND_ROBIN")).toMatch(/^move to the next agent/);
    expect(breachText("REASSIGN", "USER")).toMatch(/^tell the manager/);
    expect(breachText("ALERT_MANAGER", "LEAST_LOADED")).toBe("tell the manager; the lead stays with its agent");
  });

  it("says what a test found", () => {
    const d = {
      userId: "a",
      userName: "Asha",
      ruleId: "r",
      ruleName: "IndiaMART",
      reason: "conditions met; fewest open new leads; Ravi on a break",
    };
    expect(decisionText(d)).toBe("Would go to Asha (rule “IndiaMART”: conditions met; fewest open new leads; Ravi on a break)");
    expect(decisionText({ userId: "a", userName: "Asha", ruleId: null, reason: "round-robin" })).toBe("Would go to Asha (round-robin)");
    expect(decisionText({ userId: null, ruleId: null, reason: "no rule applied" })).toBe("Nobody would get it: no rule applied");
  });
});
