// Concurrent load on 127.0.0.1 with autocannon, bounded in time. Servers under
// test run in child processes so the load generator does not steal their CPU.
import { spawn, type ChildProcess } from "node:child_process";
import autocannon from "autocannon";

export type Served = { port: number; child: ChildProcess; stop(): void; tokens?: string[] };

/** Runs `node --import tsx <script> <args>` which must print `PORT <n>` once listening. */
export function serveInChild(script: string, args: string[], env: Record<string, string> = {}): Promise<Served> {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, NODE_ENV: "production", LOG_LEVEL: "silent", ...env },
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (c: Buffer) => {
      out += c.toString();
      const m = /PORT (\d+)/.exec(out);
      const tokens = /TOKENS (\[.*\])/.exec(out);
      if (m)
        resolve({
          port: Number(m[1]),
          child,
          stop: () => child.kill("SIGKILL"),
          tokens: tokens ? (JSON.parse(tokens[1]!) as string[]) : undefined,
        });
    });
    child.once("exit", (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

/**
 * How the HTTP benchmarks measure: each server is first loaded for a few
 * seconds (the JIT compiles the request path; a bigger app takes longer than a
 * bare baseline to reach its steady speed), then subject and baseline take
 * turns, and each side's best round counts.
 */
export const WARM_UP_SECONDS = 3;
export const ROUNDS = 3;

export type LoadResult = { requestsPerSecond: number; p99Ms: number; errors: number; non2xx: number };

export async function load(options: {
  url: string;
  seconds: number;
  connections: number;
  method?: "GET" | "POST";
  body?: string;
  headers?: Record<string, string>;
}): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    duration: options.seconds,
    connections: options.connections,
    method: options.method ?? "GET",
    body: options.body,
    headers: options.headers,
  });
  return {
    requestsPerSecond: result.requests.average,
    p99Ms: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}
