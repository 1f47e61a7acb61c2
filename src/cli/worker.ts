// npm run worker: the outbox worker as its own process (run it with
// WORKER_IN_PROCESS=false for the web server). On SIGTERM or SIGINT it stops
// claiming, lets the messages in hand finish and be recorded, hands the rest
// back to the queue, closes the mail pool and the database, and exits 0 (or 1
// if SHUTDOWN_TIMEOUT_MS runs out first).
import { readConfigOrExit } from "./read-config-or-exit.js";
import { resolveLinkSecret } from "../auth/session-secret.js";
import { openDatabase } from "../db/client.js";
import { migrate } from "../db/migrate.js";
import { startConfiguredWorker } from "../invitations/outbox/start-configured-worker.js";
import { createLogger } from "../logger.js";
import { startMailServices } from "../mail/mail-services.js";

async function main(): Promise<void> {
  const config = readConfigOrExit();
  const logger = createLogger(config.logLevel).child({ process: "worker" });
  const migration = await migrate(config.databaseUrl);
  for (const warning of migration.warnings) logger.warn(warning);
  const db = await openDatabase(config.databaseUrl);
  const mail = await startMailServices({ mail: config.mail, logger });
  const secret = await resolveLinkSecret({ db: db.prisma, configured: config.invitationLinkSecret });
  const links = { baseUrl: config.publicUrl, secret };
  const worker = startConfiguredWorker({ mail: config.mail, db, transport: mail.transport, logger, links });
  logger.info(
    {
      workerId: config.mail.workerId,
      provider: db.provider,
      smtp: `${mail.smtp.host}:${mail.smtp.port}`,
      ratePerSecond: config.mail.ratePerSecond,
    },
    "outbox worker started",
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping: finishing the messages in hand");
    const forced = setTimeout(() => {
      logger.error({ timeoutMs: config.shutdownTimeoutMs }, "shutdown timed out; forcing exit");
      process.exit(1);
    }, config.shutdownTimeoutMs);
    forced.unref();
    await worker.stop();
    await mail.close();
    await db.close().catch((err: unknown) => logger.error({ err }, "closing the database failed"));
    logger.info({ stats: worker.stats }, "stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
