// Saving a survey page at 50 concurrent agencies on SQLite (each connection is
// a different agency re-saving its first page), against a bare Express handler
// that parses the same form and does one plain better-sqlite3 insert.
//   npx tsx bench/page-save.bench.ts [--seconds 5] [--agencies 50]
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { load, ROUNDS, serveInChild, WARM_UP_SECONDS } from "./support/http-load.js";
import { prepareAgencies } from "./support/survey-client.js";
import { reportRatio } from "./support/report.js";

const { values } = parseArgs({
  options: { seconds: { type: "string", default: "5" }, agencies: { type: "string", default: "50" } },
});
const seconds = Number(values.seconds);
const agencies = Number(values.agencies);
const servers = new URL("./support/survey-servers.ts", import.meta.url).pathname;

const subject = await serveInChild(servers, ["subject", String(agencies)]);
const ready = await prepareAgencies(subject, agencies);
const baseline = await serveInChild(servers, ["save-baseline"]);
const formHeaders = { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" };

async function saveLoad(seconds: number) {
  // One agency per connection: autocannon gives each connection its own request cycle.
  let next = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${subject.port}`,
    connections: agencies,
    duration: seconds,
    requests: [
      {
        setupRequest: (req) => {
          const agency = ready[next++ % ready.length]!;
          return {
            ...req,
            method: "POST",
            path: `/s/${agency.token}/p/AGENCY`,
            headers: { ...formHeaders, Cookie: agency.cookie },
            body: agency.form,
          };
        },
      },
    ],
  });
  if (result.non2xx || result.errors)
    throw new Error(`subject answered ${result.non2xx} non-2xx and ${result.errors} errors`);
  return { requestsPerSecond: result.requests.average, p99Ms: result.latency.p99 };
}

try {
  const body = ready[0]!.form;
  await saveLoad(WARM_UP_SECONDS);
  await load({
    url: `http://127.0.0.1:${baseline.port}/`,
    seconds: WARM_UP_SECONDS,
    connections: agencies,
    method: "POST",
    body,
    headers: formHeaders,
  });
  const s: { requestsPerSecond: number; p99Ms: number }[] = [];
  const b: { requestsPerSecond: number; p99Ms: number }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    b.push(
      await load({
        url: `http://127.0.0.1:${baseline.port}/`,
        seconds,
        connections: agencies,
        method: "POST",
        body,
        headers: formHeaders,
      }),
    );
    s.push(await saveLoad(seconds));
  }
  const best = s.reduce((a, x) => (x.requestsPerSecond > a.requestsPerSecond ? x : a));
  const rounds = (list: typeof s) =>
    list.map((x) => `${Math.round(x.requestsPerSecond)} req/s p99 ${x.p99Ms} ms`).join("; ");
  console.log(`subject rounds ${rounds(s)}; baseline rounds ${rounds(b)}`);
  // With every agency waiting on its answer, mean latency is agencies / throughput
  // (Little's law): the baseline's p99 shows what this machine allows just now.
  console.log(
    `subject p99 ${best.p99Ms} ms at ${agencies} concurrent agencies (target under 50 ms; baseline p99 ${Math.min(...b.map((x) => x.p99Ms))} ms)`,
  );
  reportRatio("page-save", best.requestsPerSecond, Math.max(...b.map((x) => x.requestsPerSecond)), "req/s");
} finally {
  subject.stop();
  baseline.stop();
}
