// One pooled SMTP transport for the whole process: a few long-lived connections
// to the relay instead of a handshake per message. Close it on shutdown.
import net from "node:net";
import type tls from "node:tls";
import nodemailer, { type Transporter } from "nodemailer";
import type SMTPPool from "nodemailer/lib/smtp-pool/index.js";

export type SmtpSettings = {
  host: string;
  port: number;
  /** Implicit TLS (port 465). When false, STARTTLS is still used if the server offers it. */
  secure: boolean;
  user?: string;
  password?: string;
  /** Refuse to send in clear text when the server offers no STARTTLS. */
  requireTls?: boolean;
  /** Skip certificate checks: only for a development relay with a self-signed certificate. */
  allowInvalidCertificates?: boolean;
};

export type MailTransport = Transporter<SMTPPool.SentMessageInfo, SMTPPool.Options>;

export type TransportOptions = {
  smtp: SmtpSettings;
  maxConnections: number;
  /** How long a silent server may keep a message in hand; must stay well under the outbox lease. */
  socketTimeoutMs?: number;
  connectionTimeoutMs?: number;
};

export function createTransport(options: TransportOptions): MailTransport {
  const { smtp, maxConnections, socketTimeoutMs = 60_000, connectionTimeoutMs = 30_000 } = options;
  const tlsOptions: tls.ConnectionOptions & { noDelay: boolean } = {
    rejectUnauthorized: !smtp.allowInvalidCertificates,
    noDelay: true,
  };
  const settings: SMTPPool.Options & { maxRequeues: number } = {
    pool: true,
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    requireTLS: smtp.requireTls ?? false,
    maxConnections,
    // nodemailer re-sends a message by itself when a connection drops mid-send;
    // the outbox must decide that (the server may already have the message).
    maxRequeues: 0,
    connectionTimeout: connectionTimeoutMs,
    greetingTimeout: connectionTimeoutMs,
    socketTimeout: socketTimeoutMs,
    tls: tlsOptions,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? "" } } : {}),
    ...(smtp.secure
      ? {}
      : { getSocket: (_: unknown, done: SocketCallback) => connectNoDelay(smtp, connectionTimeoutMs, done) }),
  };
  return nodemailer.createTransport(settings);
}

type SocketCallback = (err: Error | null, socketOptions: { connection: net.Socket }) => void;

// nodemailer leaves Nagle's algorithm on, so the short "." that ends each message
// waits for the server's delayed ACK (40 ms on Linux): five connections then top
// out near 100 messages a second. A socket with TCP_NODELAY removes that stall.
// (Implicit TLS gets the same through tls.noDelay above.)
function connectNoDelay(smtp: SmtpSettings, timeoutMs: number, done: SocketCallback): void {
  const socket = net.connect({ host: smtp.host, port: smtp.port, noDelay: true });
  socket.setTimeout(timeoutMs, () =>
    socket.destroy(Object.assign(new Error("Connection timeout"), { code: "ETIMEDOUT" })),
  );
  const settle = (err: Error | null) => {
    socket.setTimeout(0);
    socket.removeListener("error", settle);
    socket.removeListener("connect", connected);
    // An error handed to this callback leaks the pool's connection slot (five
    // refused connects and the pool hangs for good), so a failed socket is handed
    // over too and its error replayed once nodemailer listens, which frees the slot.
    if (err) setImmediate(() => socket.listenerCount("error") > 0 && socket.emit("error", err));
    done(null, { connection: socket });
  };
  const connected = () => {
    socket.setKeepAlive(true);
    settle(null);
  };
  socket.once("error", settle);
  socket.once("connect", connected);
}
