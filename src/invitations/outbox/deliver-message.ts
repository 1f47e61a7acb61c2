// Hands one outbox row to the transport and turns the result into an outcome.
import type { ClaimedMessage } from "./claim-messages.js";
import type { MailTransport } from "../../mail/create-transport.js";
import { sendMail, type SendOutcome } from "../../mail/send-mail.js";
import { classifySendError, retryDelayMs, type RetryPolicy } from "./classify-send-error.js";
import type { MessageRef } from "./outbox-types.js";
import type { Outcome } from "./record-outcomes.js";

function parseHeaders(json: string): Record<string, string> | null {
  try {
    const value: unknown = JSON.parse(json);
    if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
    const entries = Object.entries(value);
    return entries.every(([, v]) => typeof v === "string") ? (value as Record<string, string>) : null;
  } catch {
    return null;
  }
}

/** The domain of the sender's address, for Message-IDs. */
export function domainOf(from: string): string {
  return /@([^\s>]+)>?\s*$/.exec(from)?.[1] ?? "localhost";
}

export function refOf(message: ClaimedMessage): MessageRef {
  return { id: message.id, kind: message.kind, invitationId: message.invitationId, toAddress: message.toAddress };
}

export async function deliverMessage(options: {
  transport: MailTransport;
  message: ClaimedMessage;
  from: string;
}): Promise<SendOutcome> {
  const { transport, message, from } = options;
  const headers = parseHeaders(message.headers);
  if (!headers) {
    const error = Object.assign(new Error("headers is not a JSON object of strings"), { code: "EMESSAGE" });
    return { ok: false, error, dataStarted: false };
  }
  return sendMail(transport, {
    from,
    to: message.toAddress,
    subject: message.subject,
    text: message.text,
    ...(message.html ? { html: message.html } : {}),
    headers,
    // The same Message-ID on every attempt: a mail server's log answers "did
    // message 123 go?" and receivers can drop a duplicate.
    messageId: message.messageId,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
}

/** What the delivery means for the row; `attempts` already counts this attempt. */
export function outcomeOf(
  message: MessageRef & { attempts: number },
  result: SendOutcome,
  retry: RetryPolicy,
  now: Date,
): { outcome: Outcome; serverDown: boolean } {
  if (result.ok) return { outcome: { type: "sent", message }, serverDown: false };
  const verdict = classifySendError(result.error, result.dataStarted);
  if (verdict.kind === "permanent")
    return { outcome: { type: "failed", message, error: verdict.reply }, serverDown: false };
  if (verdict.kind === "uncertain") {
    return { outcome: { type: "uncertain", message, error: verdict.reply }, serverDown: true };
  }
  if (message.attempts >= retry.maxAttempts) {
    const error = `gave up after ${message.attempts} attempts: ${verdict.reply}`;
    return { outcome: { type: "failed", message, error }, serverDown: verdict.serverDown };
  }
  const nextAttemptAt = new Date(now.getTime() + retryDelayMs(message.attempts, retry));
  return { outcome: { type: "retry", message, error: verdict.reply, nextAttemptAt }, serverDown: verdict.serverDown };
}
