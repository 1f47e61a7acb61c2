// Child process for the survey benchmarks.
//   subject        our app on a fresh SQLite database with N invited agencies;
//                  prints `PORT <n>` and `TOKENS <json>`
//   page-baseline  bare Express + express-handlebars serving BASELINE_HTML
//   save-baseline  bare Express parsing the same form + one plain better-sqlite3 insert
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import os from "node:os";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import express from "express";
import { create } from "express-handlebars";
import { createApp } from "../../src/app.js";
import { createAppServer } from "../../src/http/app-server.js";
import { hashToken, newToken } from "../../src/auth/tokens.js";
import { loadConfig } from "../../src/config.js";
import { openDatabase } from "../../src/db/client.js";
import { migrate } from "../../src/db/migrate.js";
import { createLogger } from "../../src/logger.js";
import { seedInstrument } from "../../src/seed/seed-instrument.js";

const which = process.argv[2];
const agencies = Number(process.argv[3] ?? 50);
const dir = mkdtempSync(path.join(os.tmpdir(), "lesm-bench-"));
const listen = (server: Server) => {
  server.listen(0, "127.0.0.1", () => console.log(`PORT ${(server.address() as { port: number }).port}`));
};

if (which === "subject") {
  const url = `file:${path.join(dir, "bench.db")}`;
  await migrate(url);
  const secret = "bench-secret-bench-secret-bench-secret";
  const config = loadConfig({ NODE_ENV: "test", DATABASE_URL: url, LOG_LEVEL: "silent", SESSION_SECRET: secret });
  const db = await openDatabase(url);
  const { survey } = await seedInstrument(db.prisma);
  const tokens: string[] = [];
  for (let i = 0; i < agencies; i++) {
    const agency = await db.prisma.agency.create({
      data: { name: `Bench Police Department ${i}`, state: "OH", agencyType: "MUNICIPAL" },
    });
    const token = newToken();
    await db.prisma.invitation.create({
      data: { surveyId: survey.id, agencyId: agency.id, tokenHash: hashToken(token), status: "invited" },
    });
    tokens.push(token);
  }
  console.log(`TOKENS ${JSON.stringify(tokens)}`);
  // Served as server.ts serves it.
  listen(
    createAppServer(
      createApp({ config, db, logger: createLogger("silent"), sessionSecret: secret, linkSecret: secret }),
    ),
  );
} else if (which === "page-baseline") {
  mkdirSync(path.join(dir, "views"));
  writeFileSync(path.join(dir, "views", "page.hbs"), (process.env.BASELINE_HTML ?? "").replace(/{{/g, "\\{{"));
  const app = express();
  app.engine(".hbs", create({ extname: ".hbs", defaultLayout: false }).engine);
  app.set("view engine", ".hbs");
  app.set("views", path.join(dir, "views"));
  app.enable("view cache");
  app.get("/", (_req, res) => res.render("page"));
  // Express as it comes: the server app.listen() would make.
  listen(createServer(app));
} else if (which === "save-baseline") {
  const sqlite = new BetterSqlite3(path.join(dir, "baseline.db"));
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.exec("CREATE TABLE answers (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
  const insert = sqlite.prepare("INSERT INTO answers (body) VALUES (?)");
  const app = express();
  app.use(express.urlencoded({ extended: false, limit: "100kb" }));
  app.post("/", (req, res) => {
    insert.run(JSON.stringify(req.body));
    res.json({ saved: true });
  });
  listen(createServer(app));
}
