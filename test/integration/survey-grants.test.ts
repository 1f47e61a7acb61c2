// Researchers see results, cross-tabs and exports only of the surveys they were
// granted; admins see every survey. Existing researchers keep their access.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrationsDirs } from "../../src/db/schema-files.js";
import { seedInstrument } from "../../src/seed/seed-instrument.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { testProvider } from "../support/database.js";
import { createUser } from "../support/factories.js";
import { signIn } from "../support/session.js";

let t: TestApp;
let granted: { id: number; slug: string };
let other: { id: number; slug: string };

beforeAll(async () => {
  t = await createTestApp();
  const { survey, version } = await seedInstrument(t.db.prisma);
  granted = survey;
  other = await t.db.prisma.survey.create({
    data: {
      slug: "lesm-2017",
      title: "The 2017 survey",
      year: 2017,
      status: "closed",
      questionnaireVersionId: version.id,
    },
  });
});
afterAll(async () => {
  await t.cleanup();
});

const pages = (slug: string) => [
  `/results?survey=${slug}`,
  `/results/crosstab?survey=${slug}`,
  `/export/responses.csv?survey=${slug}`,
  `/export/codebook.csv?survey=${slug}`,
];

describe("survey grants", () => {
  it("refuse a researcher without a grant with a clear page, everywhere", async () => {
    const user = await createUser(t.db.prisma, { role: "researcher" });
    const agent = await signIn(t.app, user.email);
    for (const url of ["/results", "/export", "/export/responses.xlsx", ...pages(granted.slug)]) {
      const res = await agent.get(url);
      expect(res.status, url).toBe(403);
      expect(res.text, url).toContain("You do not have access to this survey&#x27;s data");
    }
  });

  it("open the granted survey only, and list only it", async () => {
    const user = await createUser(t.db.prisma, { role: "researcher" });
    await t.db.prisma.surveyGrant.create({ data: { userId: user.id, surveyId: granted.id, role: "researcher" } });
    const agent = await signIn(t.app, user.email);
    for (const url of pages(granted.slug)) expect((await agent.get(url)).status, url).toBe(200);
    for (const url of pages(other.slug)) expect((await agent.get(url)).status, url).toBe(403);
    const index = await agent.get("/results").expect(200);
    expect(index.text).not.toContain("The 2017 survey");
    const exportPage = await agent.get("/export").expect(200);
    expect(exportPage.text).not.toContain("The 2017 survey");
    // Without a survey named, the download is of the newest survey they may see.
    const csv = await agent.get("/export/codebook.csv").expect(200);
    expect(csv.headers["content-disposition"]).toContain(`${granted.slug}-codebook.csv`);
  });

  it("leave admins every survey", async () => {
    const agent = await signIn(t.app, (await createUser(t.db.prisma, { role: "admin" })).email);
    for (const url of [...pages(granted.slug), ...pages(other.slug)])
      expect((await agent.get(url)).status, url).toBe(200);
  });

  it("are given to every researcher that existed before them, by the migration", async () => {
    const before = await createUser(t.db.prisma, { role: "researcher" });
    const coordinator = await createUser(t.db.prisma, { role: "coordinator" });
    const dir = migrationsDirs[testProvider];
    const sql = readFileSync(path.join(dir, "20261203140000_grant_existing_researchers", "migration.sql"), "utf8");
    await t.db.prisma.$executeRawUnsafe(sql);
    await t.db.prisma.$executeRawUnsafe(sql); // twice: nothing is granted twice
    const grants = await t.db.prisma.surveyGrant.findMany({
      where: { userId: before.id },
      orderBy: { surveyId: "asc" },
    });
    expect(grants.map((g) => g.surveyId)).toEqual([granted.id, other.id].sort((a, b) => a - b));
    expect(grants[0]!.createdAt).toBeInstanceOf(Date);
    expect(Number.isNaN(grants[0]!.createdAt.getTime())).toBe(false);
    expect(await t.db.prisma.surveyGrant.count({ where: { userId: coordinator.id } })).toBe(0);
    const agent = await signIn(t.app, before.email);
    await agent.get(`/results?survey=${other.slug}`).expect(200);
  });
});
