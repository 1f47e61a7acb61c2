// The mail side of start-up, shared by the web server and the worker process:
// the pooled transport to the configured relay, or to the development mail
// catcher when no SMTP_HOST is set.
import type { MailConfig } from "../config.js";
import type { Logger } from "../logger.js";
import { createTransport, type MailTransport, type SmtpSettings } from "./create-transport.js";
import { startMailCatcher, type MailCatcher } from "./mail-catcher.js";

export type MailServices = {
  transport: MailTransport;
  /** The in-process catcher, when this process runs it. */
  catcher: MailCatcher | null;
  smtp: SmtpSettings;
  /** Closes the pool (after the messages in hand), then the catcher. */
  close(): Promise<void>;
};

async function catcherOrExisting(
  port: number,
  logger: Logger,
): Promise<{ catcher: MailCatcher | null; smtp: SmtpSettings }> {
  try {
    const catcher = await startMailCatcher({ port, logger });
    logger.info(
      { port: catcher.smtp.port },
      "no SMTP_HOST: mail goes to the development mail catcher, nothing is delivered",
    );
    return { catcher, smtp: catcher.smtp };
  } catch (error) {
    // The web process (or a tool such as Mailpit) already catches mail on this
    // port: a separate worker process sends there rather than keeping its own.
    if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE" || port === 0) throw error;
    logger.info({ port }, "no SMTP_HOST: sending to the mail catcher already listening on 127.0.0.1");
    return { catcher: null, smtp: { host: "127.0.0.1", port, secure: false } };
  }
}

export async function startMailServices(options: { mail: MailConfig; logger: Logger }): Promise<MailServices> {
  const { mail, logger } = options;
  const { catcher, smtp } = mail.smtp
    ? { catcher: null, smtp: mail.smtp }
    : await catcherOrExisting(mail.catcherPort, logger);
  const transport = createTransport({ smtp, maxConnections: mail.maxConnections });
  return {
    transport,
    catcher,
    smtp,
    close: async () => {
      transport.close();
      await catcher?.close();
    },
  };
}
