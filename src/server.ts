// Start-up: read the config, migrate, seed, listen; on SIGTERM or SIGINT stop
// accepting, let in-flight requests finish, close the database, exit 0 (or 1 if
// the shutdown timeout forces it).
import type { Server } from "node:http";
import { createApp } from "./app.js";
import { createAppServer } from "./http/app-server.js";
import { resolveLinkSecret, resolveSessionSecret } from "./auth/session-secret.js";
import { readConfigOrExit } from "./cli/read-config-or-exit.js";
import type { Config } from "./config.js";
import { openDatabase, type Database } from "./db/client.js";
import { migrate } from "./db/migrate.js";
import { createLogger, type Logger } from "./logger.js";
import { startConfiguredWorker } from "./invitations/outbox/start-configured-worker.js";
import { startMailServices } from "./mail/mail-services.js";
import { runStartupTasks } from "./startup.js";

function listen(server: Server, config: Config): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => resolve());
  });
}

type ShutdownOptions = { db: Database; logger: Logger; timeoutMs: number; beforeClose: () => Promise<unknown> };

function onShutdown(server: Server, { db, logger, timeoutMs, beforeClose }: ShutdownOptions): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down: no new connections, finishing in-flight requests");
    const forced = setTimeout(() => {
      logger.error({ timeoutMs }, "shutdown timed out; forcing exit");
      process.exit(1);
    }, timeoutMs);
    forced.unref();
    // Keep-alive connections that go idle after close() would hold the server open.
    const idle = setInterval(() => server.closeIdleConnections(), 100);
    server.close(async () => {
      clearInterval(idle);
      // The worker finishes the messages in hand before the pool and the database close.
      await beforeClose().catch((err: unknown) => logger.error({ err }, "stopping the mail worker failed"));
      await db.close().catch((err: unknown) => logger.error({ err }, "closing the database failed"));
      logger.info("stopped");
      process.exit(0);
    });
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

async function main(): Promise<void> {
  const config = readConfigOrExit();
  const logger = createLogger(config.logLevel);
  const migration = await migrate(config.databaseUrl);
  for (const warning of migration.warnings) logger.warn(warning);
  if (migration.applied.length) logger.info({ applied: migration.applied }, "migrations applied");
  const db = await openDatabase(config.databaseUrl);
  const sessionSecret = await resolveSessionSecret({ db: db.prisma, configured: config.sessionSecret });
  const linkSecret = await resolveLinkSecret({ db: db.prisma, configured: config.invitationLinkSecret });
  const mail = await startMailServices({ mail: config.mail, logger });
  // The outbox worker runs here by default; WORKER_IN_PROCESS=false leaves it to `npm run worker`.
  const worker = config.mail.workerInProcess
    ? startConfiguredWorker({
        mail: config.mail,
        db,
        transport: mail.transport,
        logger,
        links: { baseUrl: config.publicUrl, secret: linkSecret },
      })
    : null;
  const app = createApp({ config, db, logger, sessionSecret, linkSecret, mailCatcher: mail.catcher });
  const server = createAppServer(app);
  onShutdown(server, {
    db,
    logger,
    timeoutMs: config.shutdownTimeoutMs,
    beforeClose: async () => (await worker?.stop(), await mail.close()),
  });
  await listen(server, config);
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  logger.info({ port, provider: db.provider }, "listening");
  await runStartupTasks({ config, db, logger, port, linkSecret });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
