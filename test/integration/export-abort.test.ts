// An export that fails halfway must end the download with an error, never a
// shorter file that looks complete. The database cannot be made to fail on cue
// between two pages, so the router's page loader is wrapped: it loads the first
// page for real, then throws as a lost connection would.
import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SignedInUser } from "../../src/auth/roles.js";
import { responsePageLoader, type ResponsePageLoader } from "../../src/export/response-pages.js";
import { createLogger } from "../../src/logger.js";
import { exportRouter } from "../../src/routes/export.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { grantAllSurveys } from "../support/factories.js";
import { answerEverything, createInvitedAgency, submit } from "../support/survey.js";

let t: TestApp;
let server: http.Server;

const researcher: SignedInUser = {
  id: 1,
  email: "r@example.org",
  name: "R",
  role: "researcher",
  canSeeContacts: false,
};

beforeAll(async () => {
  t = await createTestApp();
  for (let i = 0; i < 3; i++) {
    const { token } = await createInvitedAgency(t.db.prisma);
    const { agent } = await answerEverything(t.app, token);
    expect((await submit(agent, token)).status).toBe(303);
  }
  await t.db.prisma.user.create({ data: { id: 1, email: researcher.email, role: "researcher" } });
  await grantAllSurveys(t.db.prisma, 1);
  let calls = 0;
  const loadResponsePage = responsePageLoader(t.db.read, t.db.provider);
  const failingSecondPage: ResponsePageLoader = async (request) => {
    calls += 1;
    if (calls % 2 === 0) throw new Error("connection to the database lost");
    return loadResponsePage(request);
  };
  const logger = createLogger("silent");
  // Only the export router, behind a stand-in for sign-in.
  const app = express();
  app.use((req, _res, next) => {
    req.user = researcher;
    req.log = logger;
    next();
  });
  app.use(
    exportRouter(
      { config: t.config, db: t.db, logger, sessionSecret: "x".repeat(40), linkSecret: "l".repeat(40) },
      { pageSize: 1, loadPage: failingSecondPage },
    ),
  );
  server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.cleanup();
});

/** Fetches a URL and says whether the body arrived whole or the connection broke. */
function fetchRaw(path: string) {
  const { port } = server.address() as AddressInfo;
  return new Promise<{ status: number; rowCount: string | undefined; bytes: number; outcome: "complete" | "aborted" }>(
    (resolve) => {
      const req = http.get({ host: "127.0.0.1", port, path }, (res) => {
        let bytes = 0;
        let settled = false;
        const done = (outcome: "complete" | "aborted") => {
          if (settled) return;
          settled = true;
          resolve({ status: res.statusCode ?? 0, rowCount: res.headers["x-row-count"] as string, bytes, outcome });
        };
        res.on("data", (chunk: Buffer) => (bytes += chunk.length));
        res.on("aborted", () => done("aborted"));
        res.on("error", () => done("aborted"));
        res.on("end", () => done(res.complete ? "complete" : "aborted"));
      });
      req.on("error", () => resolve({ status: 0, rowCount: undefined, bytes: 0, outcome: "aborted" }));
    },
  );
}

describe("an export that fails while streaming", () => {
  it("is told apart from one that completes", async () => {
    expect(await fetchRaw("/export/codebook.csv")).toMatchObject({ status: 200, outcome: "complete" });
  });

  it("aborts the workbook download after the headers went out", async () => {
    const result = await fetchRaw("/export/responses.xlsx");
    expect(result.status).toBe(200);
    expect(result.rowCount).toBe("3");
    expect(result.outcome).toBe("aborted");
  });

  it("aborts the CSV download", async () => {
    const result = await fetchRaw("/export/responses.csv");
    expect(result.status).toBe(200);
    expect(result.rowCount).toBe("3");
    expect(result.outcome).toBe("aborted");
  });
});
