// Reads a received message back into plain fields, for the development mail
// catcher and for tests that check what actually went over SMTP.
import { simpleParser, type AddressObject } from "mailparser";

export type ReceivedMail = {
  id: string;
  receivedAt: Date;
  /** The SMTP envelope, which is who the server was asked to deliver to. */
  envelope: { from: string; to: string[] };
  from: string;
  to: string[];
  subject: string;
  date: Date | null;
  messageId: string;
  text: string;
  html: string;
  /** Header names in lower case; a repeated header's values are joined by newlines. */
  headers: Record<string, string>;
  size: number;
};

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.flatMap((a) => a.value.map((v) => v.address ?? "")).filter(Boolean);
}

export async function parseMail(
  raw: Buffer,
  meta: { id: string; receivedAt: Date; envelope: { from: string; to: string[] } },
): Promise<ReceivedMail> {
  const parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
  const headers: Record<string, string> = {};
  for (const { key, line } of parsed.headerLines) {
    // Unfold continuation lines, then drop the "Name:" prefix.
    const unfolded = line.replace(/\r?\n[ \t]+/g, " ");
    const value = unfolded.slice(unfolded.indexOf(":") + 1).trim();
    headers[key] = key in headers ? `${headers[key]}\n${value}` : value;
  }
  return {
    ...meta,
    from: addresses(parsed.from)[0] ?? "",
    to: addresses(parsed.to),
    subject: parsed.subject ?? "",
    date: parsed.date ?? null,
    messageId: parsed.messageId ?? "",
    text: parsed.text ?? "",
    html: typeof parsed.html === "string" ? parsed.html : "",
    headers,
    size: raw.length,
  };
}
