// Hands one outbox row to the transport and turns the result into an outcome.
import { fillLinks, hasLinkMarkers, urlsFor, type LinkSettings } from "../invitation-link.js";
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

// A fault of the message itself: nodemailer's own code for it, so it fails at once (classify-send-error).
const badMessage = (text: string): SendOutcome => ({
  ok: false,
  error: Object.assign(new Error(text), { code: "EMESSAGE" }),
  dataStarted: false,
});

type Parts = { subject: string; text: string; html: string; headers: Record<string, string> };

/**
 * The stored message holds markers where the personal links go: they are made
 * here, in memory, and never written anywhere (see invitation-link.ts).
 */
function withLinks(parts: Parts, nonce: string | null, links: LinkSettings | undefined): Parts | string {
  const marked =
    [parts.subject, parts.text, parts.html].some(hasLinkMarkers) || Object.values(parts.headers).some(hasLinkMarkers);
  if (!marked) return parts;
  if (!links) return "this worker has no link settings, so it cannot make the personal link";
  if (!nonce) return "the invitation's link cannot be rebuilt (it was made before links were derived)";
  const urls = urlsFor(links, nonce);
  return {
    subject: fillLinks(parts.subject, urls),
    text: fillLinks(parts.text, urls),
    html: fillLinks(parts.html, urls),
    headers: Object.fromEntries(Object.entries(parts.headers).map(([k, v]) => [k, fillLinks(v, urls)])),
  };
}

export async function deliverMessage(options: {
  transport: MailTransport;
  message: ClaimedMessage;
  from: string;
  /** Where the personal links point and the secret that makes them. */
  links?: LinkSettings;
}): Promise<SendOutcome> {
  const { transport, message, from } = options;
  const headers = parseHeaders(message.headers);
  if (!headers) return badMessage("headers is not a JSON object of strings");
  const parts = withLinks(
    { subject: message.subject, text: message.text, html: message.html, headers },
    message.linkNonce,
    options.links,
  );
  if (typeof parts === "string") return badMessage(parts);
  return sendMail(transport, {
    from,
    to: message.toAddress,
    subject: parts.subject,
    text: parts.text,
    ...(parts.html ? { html: parts.html } : {}),
    headers: parts.headers,
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
