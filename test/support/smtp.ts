// A real SMTP server on 127.0.0.1 for tests: it records every message it
// accepts (parsed with mailparser) and can be told to refuse chosen recipients
// (4xx or 5xx), to stall, or to be down for a while.
import type { AddressInfo, Socket } from "node:net";
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";
import type { SmtpSettings } from "../../src/mail/create-transport.js";
import { parseMail, type ReceivedMail } from "../../src/mail/parse-mail.js";

type Callback = (err?: Error | null) => void;
type Rule = { code: number; message: string; remaining: number };

/**
 * "greeting": accept the connection but never greet (nothing can have been sent);
 * "rcpt": never answer RCPT TO (the message itself was never sent);
 * "data": take the whole message but never answer the final "." (it may have arrived).
 */
export type StallMode = "greeting" | "rcpt" | "data" | false;

export type TestSmtpServer = {
  port: number;
  smtp: SmtpSettings;
  /** Accepted messages, in order of arrival. */
  received: ReceivedMail[];
  /** Messages taken in full but never answered (stall "data"). */
  unanswered: ReceivedMail[];
  /** Every refusal the server gave, in order. */
  refusals: { to: string; code: number }[];
  /** The most connections that were open at once. */
  peakConnections: number;
  /** Accepted messages addressed to this recipient (in the envelope). */
  countFor(address: string): number;
  /** Forgets everything received so far. */
  clear(): void;
  /** Refuse RCPT TO for this address with `code`, `times` times (default: always). */
  refuse(address: string, code: number, options?: { message?: string; times?: number }): void;
  stall(mode: StallMode): void;
  /** Drops every connection and stops listening: clients get ECONNREFUSED. */
  down(): Promise<void>;
  /** Listens again on the same port. */
  up(): Promise<void>;
  waitForReceived(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
};

export async function startTestSmtpServer(): Promise<TestSmtpServer> {
  const rules = new Map<string, Rule>();
  const sockets = new Set<Socket>();
  let stallMode: StallMode = false;
  let counter = 0;
  let open = 0;
  let server: SMTPServer | null = null;

  const perRecipient = new Map<string, number>();
  const record = async (raw: Buffer, session: SMTPServerSession, into: ReceivedMail[]) => {
    const envelope = {
      from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
      to: session.envelope.rcptTo.map((r) => r.address),
    };
    into.push(await parseMail(raw, { id: String(++counter), receivedAt: new Date(), envelope }));
    if (into === api.received) {
      for (const to of envelope.to) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
    }
  };

  const onData = (stream: SMTPServerDataStream, session: SMTPServerSession, done: Callback) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => {
      const raw = Buffer.concat(chunks);
      if (stallMode === "data") {
        void record(raw, session, api.unanswered);
        return; // never answered: the client times out waiting for 250
      }
      record(raw, session, api.received).then(() => done(), done);
    });
  };

  const create = () =>
    new SMTPServer({
      disabledCommands: ["STARTTLS", "AUTH"],
      authOptional: true,
      disableReverseLookup: true,
      logger: false,
      closeTimeout: 50,
      onConnect: (_session, done) => {
        if (stallMode !== "greeting") done();
      },
      onRcptTo: (address, _session, done) => {
        if (stallMode === "rcpt") return; // never answered: the client times out waiting
        const rule = rules.get(address.address.toLowerCase());
        if (rule && rule.remaining > 0) {
          rule.remaining -= 1;
          api.refusals.push({ to: address.address, code: rule.code });
          return done(Object.assign(new Error(rule.message), { responseCode: rule.code }));
        }
        done();
      },
      onData,
    });

  const listen = async (port: number) => {
    const next = create();
    next.on("error", () => undefined);
    next.server.on("connection", (socket: Socket) => {
      sockets.add(socket);
      open += 1;
      api.peakConnections = Math.max(api.peakConnections, open);
      socket.once("close", () => {
        sockets.delete(socket);
        open -= 1;
      });
    });
    await new Promise<void>((resolve, reject) => {
      next.server.once("error", reject);
      next.listen(port, "127.0.0.1", () => resolve());
    });
    server = next;
    return (next.server.address() as AddressInfo).port;
  };

  const stop = async () => {
    const current = server;
    server = null;
    if (!current) return;
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => current.close(() => resolve()));
  };

  const port = await listen(0);
  const api: TestSmtpServer = {
    port,
    smtp: { host: "127.0.0.1", port, secure: false },
    received: [],
    unanswered: [],
    refusals: [],
    peakConnections: 0,
    countFor: (address) => perRecipient.get(address) ?? 0,
    clear() {
      api.received.length = 0;
      api.unanswered.length = 0;
      api.refusals.length = 0;
      api.peakConnections = 0;
      perRecipient.clear();
    },
    refuse(address, code, options = {}) {
      const message = options.message ?? (code >= 500 ? "No such user here" : "Mailbox busy, try again later");
      rules.set(address.toLowerCase(), { code, message, remaining: options.times ?? Infinity });
    },
    stall(mode) {
      stallMode = mode;
    },
    down: stop,
    up: async () => {
      if (!server) await listen(port);
    },
    async waitForReceived(count, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (api.received.length < count) {
        if (Date.now() > deadline) {
          throw new Error(`expected ${count} messages at the test SMTP server, got ${api.received.length}`);
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: stop,
  };
  return api;
}
