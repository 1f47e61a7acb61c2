// Runs the Prisma CLI for one provider through its config file, so the WASM
// schema engine and driver adapters are used and no engine binary is needed.
// Usage: tsx scripts/prisma-cli.ts <sqlite|postgresql> <prisma args...>
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, "..");
const [provider, ...args] = process.argv.slice(2);
if (provider !== "sqlite" && provider !== "postgresql") {
  console.error("usage: tsx scripts/prisma-cli.ts <sqlite|postgresql> <prisma args...>");
  process.exit(2);
}
const prismaBin = path.join(path.dirname(require.resolve("prisma/package.json")), "build", "index.js");
const result = spawnSync(
  process.execPath,
  [prismaBin, ...args, "--config", path.join(root, "prisma", provider, "prisma.config.ts")],
  { stdio: "inherit", cwd: root, env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" } },
);
process.exit(result.status ?? 1);
