// npm run user:create, run as a real child process against a fresh database.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.js";
import { verifyCredentials } from "../../src/auth/verify-credentials.js";
import { createEmptyDatabase, type TestDatabase } from "../support/database.js";

const root = path.resolve(import.meta.dirname, "..", "..");
let database: TestDatabase;
beforeAll(async () => {
  database = await createEmptyDatabase();
});
afterAll(async () => {
  await database.drop();
});

const run = (...args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", "src/cli/user-create.ts", ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, NODE_ENV: "test", DATABASE_URL: database.url },
  });

describe("npm run user:create", () => {
  it("creates an admin with a generated password that signs in", async () => {
    const res = run("--email", "Ops@IACP.example", "--role", "admin", "--name", "Ops");
    expect(res.status, res.stderr).toBe(0);
    const password = /Password \(shown once\): (\S+)/.exec(res.stdout)![1]!;
    const db = await openDatabase(database.url);
    try {
      expect(await verifyCredentials({ db: db.prisma, email: "ops@iacp.example", password })).toMatchObject({
        role: "admin",
      });
    } finally {
      await db.close();
    }
  });

  it("grants a researcher the current survey", async () => {
    const db = await openDatabase(database.url);
    try {
      const survey = await db.prisma.survey.create({
        data: {
          slug: "cli-survey",
          title: "CLI survey",
          year: 2016,
          status: "open",
          questionnaireVersion: { create: { code: "cli", title: "CLI", versionHash: "cli", definition: "{}" } },
        },
      });
      const res = run("--email", "analyst@urban.example", "--role", "researcher");
      expect(res.status, res.stderr).toBe(0);
      const user = await db.prisma.user.findUniqueOrThrow({ where: { email: "analyst@urban.example" } });
      expect(await db.prisma.surveyGrant.findMany({ where: { userId: user.id }, select: { surveyId: true } })).toEqual([
        { surveyId: survey.id },
      ]);
    } finally {
      await db.close();
    }
  });

  it("refuses a bad role, a weak password and a duplicate, with a message", () => {
    expect(run("--email", "x@iacp.example", "--role", "king").status).toBe(2);
    const weak = run("--email", "y@iacp.example", "--role", "researcher", "--password", "password1234");
    expect(weak.status).toBe(1);
    expect(weak.stderr).toContain("too common");
    const duplicate = run("--email", "ops@iacp.example", "--role", "researcher");
    expect(duplicate.status).toBe(1);
    expect(duplicate.stderr).toContain("already exists");
  });
});
