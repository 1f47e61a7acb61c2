// The landing page under concurrent load, against a bare Express + Handlebars
// app rendering the very same HTML (same size), both in child processes.
//   npx tsx bench/landing-page.bench.ts [--seconds 5] [--connections 20]
import { parseArgs } from "node:util";
import { load, ROUNDS, serveInChild, WARM_UP_SECONDS } from "./support/http-load.js";
import { reportRatio } from "./support/report.js";

const { values } = parseArgs({
  options: { seconds: { type: "string", default: "5" }, connections: { type: "string", default: "20" } },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
// The same child servers as the survey benchmarks: our whole app, and the bare page.
const server = new URL("./support/survey-servers.ts", import.meta.url).pathname;

const subject = await serveInChild(server, ["subject", "0"]);
const html = await (await fetch(`http://127.0.0.1:${subject.port}/`)).text();
const baseline = await serveInChild(server, ["page-baseline"], { BASELINE_HTML: html });
const check = await (await fetch(`http://127.0.0.1:${baseline.port}/`)).text();
if (check !== html) throw new Error("the baseline does not produce the same HTML");

try {
  // Warm both, then alternate so drift on a shared machine hits both alike.
  await load({ url: `http://127.0.0.1:${subject.port}/`, seconds: WARM_UP_SECONDS, connections });
  await load({ url: `http://127.0.0.1:${baseline.port}/`, seconds: WARM_UP_SECONDS, connections });
  const s: number[] = [];
  const b: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    b.push((await load({ url: `http://127.0.0.1:${baseline.port}/`, seconds, connections })).requestsPerSecond);
    s.push((await load({ url: `http://127.0.0.1:${subject.port}/`, seconds, connections })).requestsPerSecond);
  }
  console.log(
    `page ${html.length} bytes; subject rounds ${s.map(Math.round).join(", ")} req/s; baseline rounds ${b.map(Math.round).join(", ")} req/s`,
  );
  reportRatio("landing-page", Math.max(...s), Math.max(...b), "req/s");
} finally {
  subject.stop();
  baseline.stop();
}
