// Secret tokens for links (invitations, setup, password reset): 256 bits of
// randomness, URL-safe; only their sha-256 is stored, compared in constant time.
import { hash, randomBytes, timingSafeEqual } from "node:crypto";

export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  // One call, no Hash object: every survey page hashes its link.
  return hash("sha256", token, "hex");
}

/** Constant-time comparison of a presented token against a stored hash. */
export function tokenMatches(token: string, storedHash: string): boolean {
  const a = Buffer.from(hashToken(token), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Tokens are base64url of 32 bytes: anything else is rejected before any lookup. */
export function looksLikeToken(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}
