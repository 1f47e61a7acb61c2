// Runs the outbox worker in-process against a test SMTP server.
import type { Database } from "../../../src/db/client.js";
import { startOutboxWorker, type OutboxWorkerOptions } from "../../../src/invitations/outbox/run-worker.js";
import { createTransport } from "../../../src/mail/create-transport.js";
import type { TestSmtpServer } from "../../support/smtp.js";
import { silentLogger } from "./fixtures.js";

export const FROM = '"LESM Survey" <survey@lesm.test>';

export function runWorker(
  db: Database,
  server: TestSmtpServer,
  options: Partial<OutboxWorkerOptions> & {
    maxConnections?: number;
    socketTimeoutMs?: number;
    connectionTimeoutMs?: number;
  } = {},
) {
  const { maxConnections = 3, socketTimeoutMs, connectionTimeoutMs = 2000, ...rest } = options;
  const transport = createTransport({ smtp: server.smtp, maxConnections, socketTimeoutMs, connectionTimeoutMs });
  const worker = startOutboxWorker({
    db,
    transport,
    logger: silentLogger,
    workerId: "test-worker",
    from: FROM,
    ratePerSecond: 0,
    pollMs: 50,
    retry: { baseMs: 200, maxMs: 2000, maxAttempts: 5 },
    ...rest,
  });
  return {
    worker,
    transport,
    async stop() {
      await worker.stop();
      transport.close();
    },
  };
}
