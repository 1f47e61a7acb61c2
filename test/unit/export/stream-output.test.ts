// Back-pressure must hold on the streams exceljs actually writes to: each
// sheet's XML goes through archiver-utils' PassThrough (readable-stream 2.x),
// which has no writableNeedDrain. Without waiting there, zlib's queue grows
// with the file.
import { createRequire } from "node:module";
import type { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { drained } from "../../../src/export/stream-output.js";

// the readable-stream copy archiver-utils itself loads
const archiverUtils = createRequire(import.meta.url).resolve("archiver-utils");
const { PassThrough } = createRequire(archiverUtils)("readable-stream") as { PassThrough: new () => Writable };

describe("drained", () => {
  it("waits for a full readable-stream 2.x PassThrough until it is read", async () => {
    const entry = new PassThrough();
    expect(entry.writableNeedDrain).toBeUndefined();
    // as exceljs writes: 64 KiB chunks, write()'s answer ignored, no reader yet
    for (let i = 0; i < 8; i++) entry.write(Buffer.alloc(64 * 1024));
    let done = false;
    const waiting = drained(entry).then(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(done).toBe(false);
    (entry as unknown as { resume(): void }).resume(); // the zip starts reading the entry
    await waiting;
    expect(done).toBe(true);
  });

  it("does not wait while such a stream keeps up", async () => {
    const entry = new PassThrough();
    entry.write(Buffer.alloc(10));
    await drained(entry);
  });
});
