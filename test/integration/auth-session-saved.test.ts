// Signing in answers with its redirect only once the session is stored with
// its sign-in time. A browser follows a redirect as soon as it has the headers,
// and a session found without its sign-in time counts as expired, which sent
// the person back to sign in. Here each write of a session is held back for a
// moment (a PostgreSQL trigger), and the next page is asked for the moment the
// redirect's headers arrive.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/app.js";
import { testProvider } from "../support/database.js";
import { createUser, TEST_PASSWORD } from "../support/factories.js";
import { csrfFrom } from "../support/session.js";

let t: TestApp;
let server: http.Server;
let base: string;

type Reply = { status: number; location: string; cookies: string[]; headersAt: number };

/** A request whose reply counts from its headers, without waiting for its body. */
function requestHeaders(path: string, options: { method?: string; cookie?: string; body?: string } = {}) {
  return new Promise<Reply>((resolve, reject) => {
    const req = http.request(`${base}${path}`, {
      method: options.method ?? "GET",
      headers: {
        ...(options.cookie ? { Cookie: options.cookie } : {}),
        ...(options.body ? { "Content-Type": "application/x-www-form-urlencoded" } : {}),
      },
    });
    req.on("response", (res) => {
      resolve({
        status: res.statusCode!,
        location: String(res.headers.location ?? ""),
        cookies: (res.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]!),
        headersAt: Date.now(),
      });
      res.resume();
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

describe.skipIf(testProvider !== "postgresql")("signing in on PostgreSQL", () => {
  beforeAll(async () => {
    t = await createTestApp();
    server = t.app.listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await t.db.prisma.$executeRawUnsafe(
      `CREATE FUNCTION hold_new_session() RETURNS trigger AS $$ BEGIN PERFORM pg_sleep(0.4); RETURN NEW; END $$ LANGUAGE plpgsql`,
    );
    await t.db.prisma.$executeRawUnsafe(
      `CREATE TRIGGER hold_new_session BEFORE INSERT ON sessions FOR EACH ROW EXECUTE FUNCTION hold_new_session()`,
    );
  });
  afterAll(async () => {
    await t?.db.prisma.$executeRawUnsafe("DROP TRIGGER IF EXISTS hold_new_session ON sessions");
    await t?.db.prisma.$executeRawUnsafe("DROP FUNCTION IF EXISTS hold_new_session()");
    server?.close();
    await t?.cleanup();
  });

  it("redirects only once the session is stored, so the next page finds it", async () => {
    const user = await createUser(t.db.prisma, { role: "coordinator" });
    const loginPage = await fetch(`${base}/login`);
    const csrfCookie = loginPage.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const body = new URLSearchParams({ _csrf: csrfFrom(await loginPage.text()), email: user.email });
    body.set("password", TEST_PASSWORD);
    const sent = Date.now();
    const signedIn = await requestHeaders("/login", { method: "POST", cookie: csrfCookie, body: String(body) });
    expect(signedIn.status).toBe(303);
    expect(signedIn.location).toBe("/staff");
    // Each write of the session was held back 0.4 s, and the redirect waited.
    expect(signedIn.headersAt - sent).toBeGreaterThanOrEqual(350);
    const session = signedIn.cookies.find((c) => c.startsWith("lesm.sid="));
    expect(session).toBeDefined();
    const home = await requestHeaders("/staff", { cookie: `${csrfCookie}; ${session}` });
    expect(home.status).toBe(200);
  });
});
