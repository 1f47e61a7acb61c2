// Every route declares who may use it, and every kind of visitor gets the
// answer that declaration promises: anonymous, a staff member of each role.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STAFF_ROLES, type Audience, type Role } from "../../src/auth/roles.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { createUser } from "../support/factories.js";
import { listRoutes, type RouteEntry } from "../support/route-table.js";
import { csrfFrom, signIn, type Agent } from "../support/session.js";

type Visitor = "anonymous" | Role;
const VISITORS: Visitor[] = ["anonymous", ...STAFF_ROLES];

let t: TestApp;
let routes: RouteEntry[];
const agents = new Map<Visitor, { agent: Agent; csrf: string }>();

beforeAll(async () => {
  t = await createTestApp();
  routes = listRoutes(t.app);
  const anonymous = request.agent(t.app);
  agents.set("anonymous", { agent: anonymous, csrf: csrfFrom((await anonymous.get("/login")).text) });
  for (const role of STAFF_ROLES) {
    const user = await createUser(t.db.prisma, { role });
    const agent = await signIn(t.app, user.email);
    agents.set(role, { agent, csrf: csrfFrom((await agent.get("/staff")).text) });
  }
});
afterAll(async () => {
  await t.cleanup();
});

function concrete(path: string): string {
  return path.replace(/:token/g, "A".repeat(43)).replace(/:(\w+)/g, "999999");
}

function allowed(audience: readonly Audience[], visitor: Visitor): boolean {
  if (audience.includes("public") || audience.includes("agency")) return true;
  if (visitor === "anonymous") return false;
  return visitor === "admin" || audience.includes(visitor);
}

describe("authorization", () => {
  it("finds the app's routes, and every one declares its audience", () => {
    expect(routes.length).toBeGreaterThan(5);
    const undeclared = routes.filter((r) => !r.audience).map((r) => `${r.method} ${r.path}`);
    expect(undeclared).toEqual([]);
  });

  it("gives every visitor the status each route's declaration promises", async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => r.path !== "/logout")) {
      for (const visitor of VISITORS) {
        const { agent, csrf } = agents.get(visitor)!;
        const path = concrete(route.path);
        const res =
          route.method === "GET" ? await agent.get(path) : await agent.post(path).type("form").send({ _csrf: csrf });
        const toLogin = res.status === 303 && String(res.headers.location).startsWith("/login?next=");
        const ok = allowed(route.audience!, visitor);
        // The guard's own answers: a redirect to sign in, "Sign in to continue" (401), "no access" (403).
        const signInPage = res.status === 401 && res.text.includes("<h1>Sign in to continue</h1>");
        const noAccessPage = res.status === 403 && res.text.includes("<h1>You do not have access to this page</h1>");
        const expected = ok
          ? "the route's own answer"
          : visitor === "anonymous"
            ? route.method === "GET"
              ? "303 to sign-in"
              : "401 sign-in page"
            : "403 no-access page";
        const fine = ok
          ? !toLogin && !signInPage && !noAccessPage && res.status !== 403 && res.status < 500
          : visitor === "anonymous"
            ? route.method === "GET"
              ? toLogin
              : signInPage
            : noAccessPage;
        if (!fine)
          failures.push(`${route.method} ${route.path} as ${visitor}: expected ${expected}, got ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("refuses every POST route without a valid CSRF token, changing nothing", async () => {
    const { agent } = agents.get("admin")!;
    const counts = async () => ({
      users: await t.db.prisma.user.count(),
      sessions: await t.db.prisma.session.count(),
      audit: await t.db.prisma.auditEvent.count(),
      settings: await t.db.prisma.setting.count(),
    });
    const before = await counts();
    const failures: string[] = [];
    for (const route of routes.filter((r) => r.method === "POST")) {
      for (const token of [undefined, "forged.token"]) {
        const res = await agent
          .post(concrete(route.path))
          .type("form")
          .send(token ? { _csrf: token } : {});
        if (res.status !== 403 || !res.text.includes("This form has expired"))
          failures.push(`${route.path} (${token ?? "no token"}): ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await counts()).toEqual(before);
    await agent.get("/staff").expect(200);
  });

  it("lets exactly one request through without a token: RFC 8058 one-click to an opt-out address", async () => {
    const anonymous = request(t.app);
    const passed: string[] = [];
    for (const route of routes.filter((r) => r.method === "POST")) {
      const res = await anonymous.post(concrete(route.path)).type("form").send("List-Unsubscribe=One-Click");
      if (res.status !== 403) passed.push(`${route.path}: ${res.status}`);
    }
    // An unknown link, so past the CSRF check the opt-out route answers its 404,
    // or 429 once the walks above have spent the address's shared budget of
    // unknown survey links (the limiter runs after the CSRF check).
    expect(passed).toHaveLength(1);
    expect(passed[0]).toMatch(/^\/s\/:token\/opt-out: (404|429)$/);
  });
});
