// Part of `npm run lint`: no line over 140 characters in anything we write (generated files —
// the Prisma client, Prisma-generated migrations, the lock file, BENCHMARKS.md — are exempt).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

export const MAX_LINE = 140;
const GENERATED = [/^package-lock\.json$/, /^BENCHMARKS\.md$/, /^lib\/generated\//, /^prisma\/migrations\/[^/]+\/migration\.sql$/];
const CHECKED = /\.(ts|tsx|js|mjs|cjs|sql|css|md|json|yml|yaml)$|^\.ci\/run$/;

const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], { encoding: "utf8" })
  .split("\n")
  .filter((f) => f && CHECKED.test(f) && !GENERATED.some((g) => g.test(f)));
const long: string[] = [];
for (const file of files) {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    continue; // deleted in the working tree
  }
  text.split("\n").forEach((line, i) => {
    if (line.length > MAX_LINE) long.push(`${file}:${i + 1}: ${line.length} characters`);
  });
}
if (long.length) {
  console.error(`Lines over ${MAX_LINE} characters:\n${long.join("\n")}`);
  process.exit(1);
}
console.log(`No line over ${MAX_LINE} characters in ${files.length} files.`);
