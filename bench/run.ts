// npm run bench            -> every bench/*.bench.ts, one after the other
// npm run bench -- NAME    -> bench/NAME.bench.ts only
// Each benchmark runs its subject beside its baseline in the same run and ends
// with one line: `NAME: ratio R (subject X UNIT, baseline Y UNIT)`; R > 1 means
// the subject does better. Benchmarks are measurements, never pass/fail tests.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";

const dir = import.meta.dirname;
const all = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .map((f) => f.replace(/\.bench\.ts$/, ""))
  .sort();
const [name, ...rest] = process.argv.slice(2);
const chosen = name && !name.startsWith("-") ? [name] : all;
const extra = name && !name.startsWith("-") ? rest : process.argv.slice(2);
const summary: string[] = [];
let failed = false;

for (const bench of chosen) {
  if (!all.includes(bench)) {
    console.error(`no benchmark named ${bench}; there are: ${all.join(", ")}`);
    process.exit(2);
  }
  console.log(`\n== ${bench}`);
  const result = spawnSync(process.execPath, ["--import", "tsx", path.join(dir, `${bench}.bench.ts`), ...extra], {
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
  });
  process.stdout.write(result.stdout);
  const line = result.stdout.trim().split("\n").at(-1) ?? "";
  if (result.status !== 0 || !line.startsWith(`${bench}: ratio `)) {
    failed = true;
    summary.push(`${bench}: did not finish (exit ${result.status})`);
  } else summary.push(line);
}
console.log(`\n== summary\n${summary.join("\n")}`);
process.exit(failed ? 1 : 0);
