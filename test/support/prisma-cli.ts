// Runs Prisma's own CLI (WASM schema engine, no binaries) the way developers do.
import { spawnSync } from "node:child_process";
import path from "node:path";
import type { Provider } from "../../src/db/schema-files.js";

const root = path.resolve(import.meta.dirname, "..", "..");

export function prismaCli(
  provider: Provider,
  args: string[],
  env: Record<string, string> = {},
): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/prisma-cli.ts", provider, ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, ...env },
    timeout: 120_000,
  });
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}
