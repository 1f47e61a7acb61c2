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

describe("HTTP basics", () => {
  it("serves the landing page with its language and title", async () => {
    const res = await request(t.app).get("/").expect(200);
    expect(res.text).toContain('<html lang="en">');
    expect(res.text).toContain("<title>Law Enforcement Use of Social Media Survey</title>");
    expect(res.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("keeps a sane request id given by a proxy", async () => {
    const res = await request(t.app).get("/").set("X-Request-Id", "edge-42").expect(200);
    expect(res.headers["x-request-id"]).toBe("edge-42");
  });

  it("reports the database reachable", async () => {
    const res = await request(t.app).get("/healthz").expect(200);
    expect(res.body).toEqual({ status: "ok", database: "reachable" });
  });

  it("answers an unknown route with a 404 page", async () => {
    const res = await request(t.app).get("/no/such/page").expect(404);
    expect(res.text).toContain("<h1>Page not found</h1>");
  });

  it("answers a malformed JSON body with a 400 page", async () => {
    const res = await request(t.app).post("/").set("Content-Type", "application/json").send("{not json").expect(400);
    expect(res.text).toContain("<h1>Bad request</h1>");
    expect(res.text).not.toMatch(/SyntaxError|at JSON\.parse/);
  });

  it("answers an oversized form body with a 413 page", async () => {
    const res = await request(t.app)
      .post("/")
      .type("form")
      .send(`field=${"x".repeat(200_000)}`)
      .expect(413);
    expect(res.text).toContain("<h1>Too large</h1>");
  });
});
