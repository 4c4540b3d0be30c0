import { describe, expect, it } from "vitest";
import { neutraliseFormula, parseCsv, toCsvLine } from "./csv";

describe("CSV export: spreadsheet formulas are neutralised", () => {
  it.each([
    "=1+1",
    '=HYPERLINK("http://x")',
    "+SUM(A1)",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1)",
    "\t=1",
    "\r=1",
    "-1+1|x",
    "+91 98765 x",
  ])("prefixes %j with '", (cell) => {
    expect(neutraliseFormula(cell)).toBe(`'${cell}`);
  });

  it.each([
    "+919876543210",
    "-42",
    "+3.5",
    "1e5",
    "-2+3",
    "+91 (987) 654-3210",
    "plain text",
    "a=b",
    "",
  ])("leaves %j alone (a plain number, a phone number, or no formula start)", (cell) => {
    expect(neutraliseFormula(cell)).toBe(cell);
  });

  it("still quotes what needs quoting, and round-trips through the parser", () => {
    const line = toCsvLine(["=cmd|x", 'say "hi", ok', "+919876543210", null]);
    expect(line).toBe(`'=cmd|x,"say ""hi"", ok",+919876543210,`);
    expect(parseCsv(line)).toEqual([["'=cmd|x", 'say "hi", ok', "+919876543210", ""]]);
  });
});
