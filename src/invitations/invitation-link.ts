// The personal link of an invitation, and how it gets into a message without
// ever being stored.
//
// The token is not random itself: it is HMAC-SHA256(link secret, "invitation-link:" + nonce),
// where the nonce is 128 random bits kept on the invitation. The database holds
// the nonce and sha-256(token) (tokenHash, looked up as before), neither of which
// opens the survey without the secret, which lives only in the configuration.
// So a reminder weeks later can carry the same link, and a copy of the database
// (a backup, a read replica, a researcher's export) holds no usable link.
//
// The outbox stores each message with markers where the links go; the worker
// replaces them just before handing the message to the mail server.
// The nonce alone is the HMAC's input (no ids), so a batch of invitations can be
// written in one INSERT, before their ids are known; it is unique per invitation
// with overwhelming probability, and tokenHash is unique in the schema anyway.
import { createHmac, randomBytes } from "node:crypto";

/** Private-use characters: no template, agency name or URL contains them (stripMarkers makes sure). */
const OPEN = "\uE000";
const CLOSE = "\uE001";
export const SURVEY_LINK_MARKER = `${OPEN}survey-link${CLOSE}`;
export const OPT_OUT_LINK_MARKER = `${OPEN}opt-out-link${CLOSE}`;

/** `count` nonces from one draw of random bytes: a call per nonce cost more than the rest of making an invitation. */
export function newLinkNonces(count: number): string[] {
  const bytes = randomBytes(16 * count);
  return Array.from({ length: count }, (_, i) => bytes.toString("base64url", 16 * i, 16 * (i + 1)));
}

/** 256 bits, base64url (43 characters), like every other link token. */
export function linkToken(secret: string, nonce: string): string {
  return createHmac("sha256", secret).update(`invitation-link:${nonce}`).digest("base64url");
}

export function surveyUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/s/${token}`;
}

export function optOutUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/s/${token}/opt-out`;
}

/** Removes marker characters from text that goes into a template (an agency name, a signature). */
export function stripMarkers(value: string): string {
  return value.replace(/[\uE000\uE001]/g, "");
}

export function hasLinkMarkers(value: string): boolean {
  return value.includes(OPEN);
}

/** The headers every invitation and reminder carries (RFC 2369 and RFC 8058 one-click). */
export const unsubscribeHeaders: Record<string, string> = {
  "List-Unsubscribe": `<${OPT_OUT_LINK_MARKER}>`,
  "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
};

export type LinkSettings = { baseUrl: string; secret: string };

/** Replaces the markers in one part of a message with the invitation's real links. */
export function fillLinks(value: string, urls: { survey: string; optOut: string }): string {
  if (!hasLinkMarkers(value)) return value;
  return value.replaceAll(SURVEY_LINK_MARKER, urls.survey).replaceAll(OPT_OUT_LINK_MARKER, urls.optOut);
}

export function urlsFor(links: LinkSettings, nonce: string): { survey: string; optOut: string } {
  const token = linkToken(links.secret, nonce);
  return { survey: surveyUrl(links.baseUrl, token), optOut: optOutUrl(links.baseUrl, token) };
}
