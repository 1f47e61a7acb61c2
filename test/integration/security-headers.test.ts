// What every page sends for its safety (security headers, no caching of
// personal pages) and how the CSRF check treats a token it has already seen.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/app.js";
import { createUser, TEST_PASSWORD } from "../support/factories.js";
import { csrfFrom, signIn } from "../support/session.js";
import { createInvitedAgency, startSurvey } from "../support/survey.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.cleanup();
});

const cookiesOf = (res: request.Response) =>
  ((res.headers["set-cookie"] as unknown as string[] | undefined) ?? []).map((c) => c.split(";")[0]!);
const cookieNames = (res: request.Response) => cookiesOf(res).map((c) => c.split("=")[0]);

describe("security headers", () => {
  it("sends helmet's headers and no-store on an agency's page, and no ETag", async () => {
    const { token } = await createInvitedAgency(t.db.prisma);
    const { agent } = await startSurvey(t.app, token);
    const res = await agent.get(`/s/${token}/p/AGENCY`).expect(200);
    expect(res.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(res.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["referrer-policy"]).toBe("no-referrer");
    expect(res.headers["x-frame-options"]).toBe("SAMEORIGIN");
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(res.headers.etag).toBeUndefined();
    expect(res.headers["x-powered-by"]).toBeUndefined();
    // The page is its text with the cached questions' bytes spliced in: all of
    // it counted, no mark left behind, and a question's “…” quotes intact.
    expect(Number(res.headers["content-length"])).toBe(Buffer.byteLength(res.text));
    expect(res.text).not.toContain("\u0000");
    expect(res.text).toMatch(/“[^”<]+”/);
  });

  it("sends no-store on a staff page too, while static files stay cacheable", async () => {
    const user = await createUser(t.db.prisma, { role: "coordinator" });
    const agent = await signIn(t.app, user.email);
    const staff = await agent.get("/staff").expect(200);
    expect(staff.headers["cache-control"]).toBe("no-store");
    const css = await request(t.app).get("/static/site.css").expect(200);
    expect(css.headers["cache-control"]).not.toBe("no-store");
  });
});

describe("CSRF tokens for agencies", () => {
  it("keeps one token for a visit and does not set its cookie again on every page", async () => {
    const { token } = await createInvitedAgency(t.db.prisma);
    const { agent, csrf } = await startSurvey(t.app, token);
    const first = await agent.get(`/s/${token}/p/AGENCY`).expect(200);
    const second = await agent.get(`/s/${token}/p/AGENCY`).expect(200);
    expect(csrfFrom(first.text)).toBe(csrf);
    expect(csrfFrom(second.text)).toBe(csrf);
    expect(cookieNames(second)).not.toContain("lesm.csrf");
  });

  it("refuses a known cookie posted with another token, and a cookie it never made", async () => {
    const { token } = await createInvitedAgency(t.db.prisma);
    const { agent, csrf } = await startSurvey(t.app, token);
    // The token has passed before, so it is remembered; a different body token still fails.
    const page = await agent.get(`/s/${token}/p/AGENCY`).expect(200);
    const _baseline = /name="_baseline" value="([^"]*)"/.exec(page.text)![1];
    const other = `${"0".repeat(64)}.${"1".repeat(64)}`;
    await agent.post(`/s/${token}/p/AGENCY`).type("form").send({ _csrf: other, _action: "save" }).expect(403);
    await agent.post(`/s/${token}/p/AGENCY`).type("form").send({ _action: "save" }).expect(403);
    // A forged cookie and the same forged token in the form: its HMAC does not hold.
    await request(t.app)
      .post(`/s/${token}/p/AGENCY`)
      .set("Cookie", `lesm.csrf=${other}`)
      .type("form")
      .send({ _csrf: other, _action: "save" })
      .expect(403);
    // The real pair still works.
    const saved = await agent
      .post(`/s/${token}/p/AGENCY`)
      .type("form")
      .send({ _csrf: csrf, _baseline, _action: "save" });
    expect(saved.status).toBe(303);
  });

  it("does not let an agency's token stand in for a signed-in staff member's", async () => {
    const { token } = await createInvitedAgency(t.db.prisma);
    const { csrf: agencyToken } = await startSurvey(t.app, token);
    const user = await createUser(t.db.prisma, { role: "coordinator" });
    const login = await request(t.app).get("/login").expect(200);
    const signedIn = await request(t.app)
      .post("/login")
      .set("Cookie", cookiesOf(login))
      .type("form")
      .send({ _csrf: csrfFrom(login.text), email: user.email, password: TEST_PASSWORD })
      .expect(303);
    const session = cookiesOf(signedIn).find((c) => c.startsWith("lesm.sid="))!;
    // The agency's pair, remembered as valid for anonymous visitors, is not bound to this session.
    await request(t.app)
      .post("/logout")
      .set("Cookie", [session, `lesm.csrf=${agencyToken}`])
      .type("form")
      .send({ _csrf: agencyToken })
      .expect(403);
    await request(t.app).get("/staff").set("Cookie", session).expect(200);
  });
});
