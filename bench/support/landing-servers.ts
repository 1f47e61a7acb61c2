// Child process for bench/landing-page: `subject` is our whole app on a fresh
// SQLite database; `baseline` is bare Express + express-handlebars rendering
// the subject's HTML from a template with no helpers, partials or middleware.
import { mkdtempSync, writeFileSync, mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import express from "express";
import { create } from "express-handlebars";
import { createApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { openDatabase } from "../../src/db/client.js";
import { migrate } from "../../src/db/migrate.js";
import { createLogger } from "../../src/logger.js";

const which = process.argv[2];
const dir = mkdtempSync(path.join(os.tmpdir(), "lesm-bench-"));

if (which === "subject") {
  const url = `file:${path.join(dir, "bench.db")}`;
  await migrate(url);
  const config = loadConfig({
    NODE_ENV: "production",
    DATABASE_URL: url,
    LOG_LEVEL: "silent",
    SESSION_SECRET: "bench-secret-bench-secret-bench-secret",
  });
  const app = createApp({
    config,
    db: await openDatabase(url),
    logger: createLogger("silent"),
    sessionSecret: "bench-secret-bench-secret-bench-secret",
  });
  const server = app.listen(0, "127.0.0.1", () => console.log(`PORT ${(server.address() as { port: number }).port}`));
} else {
  mkdirSync(path.join(dir, "views"));
  writeFileSync(path.join(dir, "views", "page.hbs"), (process.env.BASELINE_HTML ?? "").replace(/{{/g, "\\{{"));
  const app = express();
  app.engine(".hbs", create({ extname: ".hbs", defaultLayout: false }).engine);
  app.set("view engine", ".hbs");
  app.set("views", path.join(dir, "views"));
  app.enable("view cache");
  app.get("/", (_req, res) => res.render("page"));
  const server = app.listen(0, "127.0.0.1", () => console.log(`PORT ${(server.address() as { port: number }).port}`));
}
