// The real server process: migrates an empty database at start, prints the
// first admin's setup link, and shuts down gracefully on SIGTERM.
import http from "node:http";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmptyDatabase, type TestDatabase } from "../support/database.js";
import { startServer, type ServerProcess } from "../support/server-process.js";

let database: TestDatabase;
let server: ServerProcess;

beforeAll(async () => {
  database = await createEmptyDatabase();
  server = await startServer({ DATABASE_URL: database.url, PUBLIC_URL: "http://127.0.0.1:9", MAIL_CATCHER_PORT: "0" });
});
afterAll(async () => {
  server.child.kill("SIGKILL");
  await database.drop();
});

type Reply = { status: number; body: string; cookies: string[] };

function get(path: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port: server.port, path }, (res) => {
        let body = "";
        res.on("data", (c: Buffer) => (body += c.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body, cookies: res.headers["set-cookie"] ?? [] }));
      })
      .on("error", reject);
  });
}

function setupPath(): string {
  const match = /http:\/\/127\.0\.0\.1:9(\/setup\/[A-Za-z0-9_-]{43})/.exec(server.output());
  expect(match, server.output()).not.toBeNull();
  return match![1]!;
}

describe("the server process", () => {
  it("migrates the empty database and answers /healthz", async () => {
    expect(server.output()).toMatch(/"msg":"migrations applied"/);
    expect((await get("/healthz")).status).toBe(200);
  });

  it("prints a one-time setup link for the first admin that opens the setup page", async () => {
    const page = await get(setupPath());
    expect(page.status).toBe(200);
    expect(page.body).toContain("<h1>Create the first admin account</h1>");
  });

  it("lets an in-flight request finish on SIGTERM, refuses new ones, and exits 0", async () => {
    // A real form post (with its CSRF cookie and token) whose body arrives slowly.
    const form = await get(setupPath());
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
    const cookie = form.cookies.map((c) => c.split(";")[0]).join("; ");
    const body = `_csrf=${encodeURIComponent(csrf)}&name=Slow+Client&email=slow%40example.org&password=short&confirm=short`;
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        {
          host: "127.0.0.1",
          port: server.port,
          method: "POST",
          path: setupPath(),
          headers: {
            "Content-Type": "application/x-www-form-urlencoded",
            "Content-Length": Buffer.byteLength(body),
            Cookie: cookie,
          },
        },
        (res) => {
          let text = "";
          res.on("data", (c: Buffer) => (text += c.toString()));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on("error", reject);
      // Half the body now, the rest after the server was told to stop.
      req.write(body.slice(0, 10));
      setTimeout(() => {
        server.child.kill("SIGTERM");
        setTimeout(() => req.end(body.slice(10)), 700);
      }, 300);
    });

    const refused = new Promise<boolean>((resolve) => {
      setTimeout(() => {
        const socket = net.connect(server.port, "127.0.0.1");
        socket.once("connect", () => (socket.destroy(), resolve(false)));
        socket.once("error", () => resolve(true));
      }, 600);
    });

    const res = await response;
    expect(res.status, res.body).toBe(400);
    expect(res.body).toContain("Use at least 12 characters");
    expect(res.body).toContain('value="Slow Client"');
    expect(res.body).toContain("</html>");
    expect(await refused).toBe(true);
    expect(await server.exited).toBe(0);
    expect(server.output()).toMatch(/"msg":"stopped"/);
  });
});
