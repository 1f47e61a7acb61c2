// What a failed send means for the message. A reply to RCPT TO or to the data
// decides when there is one (5xx: never; 4xx: later). A refusal at any other
// step (greeting, login, MAIL FROM) is about the relay or our configuration, not
// this message, so it must not fail a whole wave: try later. Without a reply,
// what matters is whether the message had started to stream: before that the
// server cannot have it, after it the server may have accepted it.

export type SendErrorClass =
  /** Never going to be accepted: the message fails with the server's reply. */
  | { kind: "permanent"; reply: string }
  /** Not delivered, try again later. `serverDown`: every message would fail the same way now. */
  | { kind: "transient"; reply: string; serverDown: boolean }
  /** The server may or may not have it: a person decides. */
  | { kind: "uncertain"; reply: string };

type SmtpError = { code?: unknown; command?: unknown; responseCode?: unknown; response?: unknown; message?: unknown };

const PER_MESSAGE_COMMANDS = new Set(["RCPT TO", "DATA", "API"]);

// Codes that mean the relay (not this message) is the problem.
const SERVER_CODES = new Set([
  "ECONNECTION",
  "ETIMEDOUT",
  "ESOCKET",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
  "ENOTFOUND",
  "EDNS",
  "EPROTOCOL",
  "ETLS",
  "EREQUIRETLS",
  "EAUTH",
]);

// nodemailer's own verdicts on one message (a bad address, an oversized message).
const MESSAGE_CODES = new Set(["EENVELOPE", "EMESSAGE"]);

export function classifySendError(error: unknown, dataStarted: boolean): SendErrorClass {
  const e: SmtpError = typeof error === "object" && error !== null ? (error as SmtpError) : {};
  const reply = String(e.response ?? e.message ?? error).slice(0, 2000);
  const responseCode = typeof e.responseCode === "number" ? e.responseCode : null;
  const code = typeof e.code === "string" ? e.code : "";
  const perMessage = PER_MESSAGE_COMMANDS.has(String(e.command ?? ""));

  if (code === "EAUTH") return { kind: "transient", reply, serverDown: true };
  if (responseCode !== null && responseCode >= 400) {
    if (!perMessage) return { kind: "transient", reply, serverDown: true };
    if (responseCode >= 500) return { kind: "permanent", reply };
    // 421: the server is closing the channel (often a rate limit): back off as a whole.
    return { kind: "transient", reply, serverDown: responseCode === 421 };
  }
  if (MESSAGE_CODES.has(code)) return { kind: "permanent", reply };
  if (dataStarted) return { kind: "uncertain", reply };
  return { kind: "transient", reply, serverDown: SERVER_CODES.has(code) || code === "" };
}

export type RetryPolicy = { baseMs: number; maxMs: number; maxAttempts: number };

export const defaultRetryPolicy: RetryPolicy = { baseMs: 30_000, maxMs: 60 * 60_000, maxAttempts: 10 };

/** Delay before the next attempt, after `attempts` attempts so far: 30 s, 1 min, 2 min, ... capped. */
export function retryDelayMs(attempts: number, policy: RetryPolicy): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 30);
  return Math.min(policy.baseMs * 2 ** exponent, policy.maxMs);
}
