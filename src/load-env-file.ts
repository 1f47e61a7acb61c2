// Reads ./.env when there is one (Node's own parser), before the config is read.
import { existsSync } from "node:fs";

export function loadEnvFile(file = ".env"): void {
  if (existsSync(file)) process.loadEnvFile(file);
}
