// The request log: one line per request at "info", and at quieter levels only
// what is logged through req.log, carrying the request and its id either way.
import { Writable } from "node:stream";
import express from "express";
import { pino } from "pino";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { requestLogging } from "../../../src/http/request-logging.js";

function appLoggingAt(level: string) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(line) as never);
      done();
    },
  });
  const app = express();
  app.use(requestLogging(pino({ level }, sink)));
  app.get("/ok", (_req, res) => res.send("ok"));
  app.get("/fails", (req, res) => {
    req.log.error({ detail: "it broke" }, "unhandled error");
    res.status(500).send("sorry");
  });
  return { app, lines };
}

describe("request logging", () => {
  it("logs every request at info, with its id", async () => {
    const { app, lines } = appLoggingAt("info");
    const res = await request(app).get("/ok").set("X-Request-Id", "edge-7").expect(200);
    expect(res.headers["x-request-id"]).toBe("edge-7");
    expect(lines).toEqual([
      expect.objectContaining({ msg: "request completed", req: expect.objectContaining({ id: "edge-7", url: "/ok" }) }),
    ]);
  });

  it("at error level writes nothing for a good request, and an error with the request and its id", async () => {
    const { app, lines } = appLoggingAt("error");
    const ok = await request(app).get("/ok").expect(200);
    expect(ok.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines).toEqual([]);
    const failed = await request(app).get("/fails").expect(500);
    expect(lines).toEqual([
      expect.objectContaining({
        msg: "unhandled error",
        detail: "it broke",
        req: expect.objectContaining({ id: failed.headers["x-request-id"], method: "GET", url: "/fails" }),
      }),
    ]);
  });
});
