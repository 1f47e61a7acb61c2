import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedInstrument } from "../../src/seed/seed-instrument.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { createUser } from "../support/factories.js";
import { signIn } from "../support/session.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedInstrument(t.db.prisma);
});
afterAll(async () => {
  await t.cleanup();
});

describe("the codebook", () => {
  it("is a page and JSON for staff, derived from the survey's questionnaire version", async () => {
    const agent = await signIn(t.app, (await createUser(t.db.prisma, { role: "researcher" })).email);
    const json = await agent.get("/codebook.json").expect(200);
    const version = await t.db.prisma.questionnaireVersion.findFirstOrThrow();
    expect(json.body.questionnaire.versionHash).toBe(version.versionHash);
    const platforms = json.body.variables.find((v: { variable: string }) => v.variable === "PLATFORMS_FACEBOOK");
    expect(platforms).toMatchObject({ questionCode: "PLATFORMS", itemCode: "FACEBOOK", type: "binary" });
    expect(platforms.codes.map((c: { value: number }) => c.value)).toEqual(expect.arrayContaining([1, 0, -8, -9]));
    expect(platforms.skipCondition).toMatch(/USES_SOCIAL_MEDIA/);
    const page = await agent.get("/codebook").expect(200);
    expect(page.text).toContain("<code>PLATFORMS_FACEBOOK</code>");
    expect(page.text).toContain("reconstruction");
  });

  it("is not for agencies or the public", async () => {
    expect((await request(t.app).get("/codebook.json")).status).toBe(303);
  });
});
