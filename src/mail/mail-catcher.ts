// The development mail catcher: with no SMTP_HOST, an SMTP server inside the
// app on 127.0.0.1 takes every message and keeps the latest ones in memory, so
// staff can read what would have gone out without any mail reaching an agency.
import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";
import type { Logger } from "../logger.js";
import type { SmtpSettings } from "./create-transport.js";
import { parseMail, type ReceivedMail } from "./parse-mail.js";

export type MailCatcher = {
  /** Where to point the transport. */
  smtp: SmtpSettings;
  /** Newest first. */
  list(): ReceivedMail[];
  get(id: string): ReceivedMail | undefined;
  clear(): void;
  close(): Promise<void>;
};

export type MailCatcherOptions = {
  /** 0 picks a free port. */
  port: number;
  /** How many messages to keep; older ones are dropped. */
  capacity?: number;
  logger?: Logger;
};

const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

export async function startMailCatcher(options: MailCatcherOptions): Promise<MailCatcher> {
  const { port, capacity = 500, logger } = options;
  const kept: ReceivedMail[] = [];
  let counter = 0;

  const onData = (stream: SMTPServerDataStream, session: SMTPServerSession, done: (err?: Error | null) => void) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => {
      if (stream.sizeExceeded) {
        done(Object.assign(new Error("Message exceeds the catcher's size limit"), { responseCode: 552 }));
        return;
      }
      const envelope = {
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
        to: session.envelope.rcptTo.map((r) => r.address),
      };
      // Parsed before the reply, so a sender that got its 250 finds the message listed.
      parseMail(Buffer.concat(chunks), { id: String(++counter), receivedAt: new Date(), envelope })
        .then((mail) => {
          kept.push(mail);
          if (kept.length > capacity) kept.splice(0, kept.length - capacity);
          logger?.info({ id: mail.id, to: mail.to, subject: mail.subject }, "mail catcher: message caught");
        })
        .catch((err: unknown) => logger?.warn({ err }, "mail catcher: could not parse a message"))
        .finally(() => done());
    });
  };

  const server = new SMTPServer({
    banner: "LESM Survey development mail catcher: nothing is delivered",
    disabledCommands: ["STARTTLS"],
    authOptional: true,
    // Accept any credentials, so an app configured with SMTP_USER works against it too.
    onAuth: (auth, _session, done) => done(null, { user: auth.username ?? "catcher" }),
    allowInsecureAuth: true,
    disableReverseLookup: true,
    size: MAX_MESSAGE_BYTES,
    logger: false,
    // Pooled clients keep idle connections open; do not wait long for them on close.
    closeTimeout: 2000,
    onData,
  });
  server.on("error", (err) => logger?.warn({ err }, "mail catcher: server error"));

  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.server.removeListener("error", reject);
      resolve();
    });
  });
  const bound = (server.server.address() as AddressInfo).port;

  return {
    smtp: { host: "127.0.0.1", port: bound, secure: false },
    list: () => [...kept].reverse(),
    get: (id) => kept.find((m) => m.id === id),
    clear: () => {
      kept.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
