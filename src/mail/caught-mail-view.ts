// View models for the staff page that shows what the development mail catcher
// caught. The route renders these; it never touches the catcher's internals.
//
// The caught HTML is untrusted markup from the app's own templates plus agency
// data: show it in a sandboxed iframe (srcdoc, sandbox="" with no allow-*), never
// inline in a staff page.
import type { MailCatcher } from "./mail-catcher.js";
import type { ReceivedMail } from "./parse-mail.js";

export type CaughtMailRow = {
  id: string;
  receivedAt: string;
  from: string;
  to: string;
  subject: string;
  preview: string;
};

export type CaughtMailDetail = CaughtMailRow & {
  envelopeTo: string;
  messageId: string;
  headers: { name: string; value: string }[];
  text: string;
  html: string;
  hasHtml: boolean;
};

function rowOf(mail: ReceivedMail): CaughtMailRow {
  return {
    id: mail.id,
    receivedAt: mail.receivedAt.toISOString(),
    from: mail.from,
    to: mail.to.join(", "),
    subject: mail.subject || "(no subject)",
    preview: mail.text.replace(/\s+/g, " ").trim().slice(0, 140),
  };
}

/** The list page: newest first, at most `limit` rows. */
export function caughtMailList(catcher: Pick<MailCatcher, "list">, limit = 100) {
  const all = catcher.list();
  return { total: all.length, messages: all.slice(0, limit).map(rowOf) };
}

/** One message, or null when it is unknown or has been dropped from the catcher. */
export function caughtMailDetail(catcher: Pick<MailCatcher, "get">, id: string): CaughtMailDetail | null {
  const mail = catcher.get(id);
  if (!mail) return null;
  return {
    ...rowOf(mail),
    envelopeTo: mail.envelope.to.join(", "),
    messageId: mail.messageId,
    headers: Object.entries(mail.headers).map(([name, value]) => ({ name, value })),
    text: mail.text,
    html: mail.html,
    hasHtml: mail.html.length > 0,
  };
}
