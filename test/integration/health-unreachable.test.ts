import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/app.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.cleanup();
});

describe("when the database is gone", () => {
  it("reports 503 on /healthz and a 500 page with a reference, not a stack, elsewhere", async () => {
    // Closing alone is not enough (Prisma reconnects): remove the database itself.
    await t.cleanup();
    const health = await request(t.app).get("/healthz").expect(503);
    expect(health.body).toEqual({ status: "unavailable", database: "unreachable" });

    const res = await request(t.app)
      .get(`/setup/${"A".repeat(43)}`)
      .expect(500);
    expect(res.text).toContain("<h1>Something went wrong</h1>");
    expect(res.text).toContain(`<code>${res.headers["x-request-id"]}</code>`);
    expect(res.text).not.toMatch(/\bat .*\.(ts|js):\d+/);
  });
});
