// Rendering a survey section page, for an agency with saved answers, against a
// bare Express + express-handlebars app serving the same HTML.
//   npx tsx bench/survey-page.bench.ts [--seconds 5] [--connections 20]
import { parseArgs } from "node:util";
import { load, ROUNDS, serveInChild, WARM_UP_SECONDS } from "./support/http-load.js";
import { prepareAgencies } from "./support/survey-client.js";
import { reportRatio } from "./support/report.js";

const { values } = parseArgs({
  options: { seconds: { type: "string", default: "5" }, connections: { type: "string", default: "20" } },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const servers = new URL("./support/survey-servers.ts", import.meta.url).pathname;

const subject = await serveInChild(servers, ["subject", "5"]);
const [agency] = await prepareAgencies(subject, 1);
const pageUrl = `http://127.0.0.1:${subject.port}/s/${agency!.token}/p/AGENCY`;
const headers = { Cookie: agency!.cookie };
const html = await (await fetch(pageUrl, { headers })).text();
if (!html.includes('value="42"')) throw new Error("the page does not show the saved answers");
const baseline = await serveInChild(servers, ["page-baseline"], { BASELINE_HTML: html });

try {
  await load({ url: pageUrl, seconds: WARM_UP_SECONDS, connections, headers });
  await load({ url: `http://127.0.0.1:${baseline.port}/`, seconds: WARM_UP_SECONDS, connections });
  const s: number[] = [];
  const b: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    b.push((await load({ url: `http://127.0.0.1:${baseline.port}/`, seconds, connections })).requestsPerSecond);
    const run = await load({ url: pageUrl, seconds, connections, headers });
    if (run.non2xx || run.errors) throw new Error(`subject answered ${run.non2xx} non-2xx and ${run.errors} errors`);
    s.push(run.requestsPerSecond);
  }
  console.log(
    `page ${html.length} bytes; subject rounds ${s.map(Math.round).join(", ")} req/s; baseline rounds ${b.map(Math.round).join(", ")} req/s`,
  );
  reportRatio("survey-page", Math.max(...s), Math.max(...b), "req/s");
} finally {
  subject.stop();
  baseline.stop();
}
