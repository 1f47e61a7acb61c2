// The outbox worker as the configuration describes it, for `npm run worker` and
// for the web server when WORKER_IN_PROCESS is true (stop it before closing the
// mail services and the database).
import type { MailConfig } from "../../config.js";
import type { Database } from "../../db/client.js";
import type { Logger } from "../../logger.js";
import type { LinkSettings } from "../invitation-link.js";
import type { MailTransport } from "../../mail/create-transport.js";
import { startOutboxWorker, type OutboxWorker } from "./run-worker.js";

export function startConfiguredWorker(options: {
  mail: MailConfig;
  db: Database;
  transport: MailTransport;
  logger: Logger;
  links: LinkSettings;
}): OutboxWorker {
  const { mail, db, transport, logger, links } = options;
  return startOutboxWorker({
    db,
    transport,
    logger: logger.child({ component: "outbox-worker", workerId: mail.workerId }),
    workerId: mail.workerId,
    from: mail.from,
    links,
    ratePerSecond: mail.ratePerSecond,
    // Twice the pool: a message waits in the pool for each connection as it frees.
    maxInFlight: mail.maxConnections * 2,
  });
}
