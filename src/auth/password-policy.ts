// Password rules after NIST SP 800-63B: length over complexity (no composition
// rules), a generous maximum, and no password from a list of common ones.
import { dictionary } from "@zxcvbn-ts/language-common";

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

const common = new Set(dictionary.passwords.map((p) => p.toLowerCase()));

/** A user-facing reason the password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, context: { email?: string } = {}): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH)
    return `Use at least ${PASSWORD_MIN_LENGTH} characters. A few words strung together are easy to remember and hard to guess.`;
  if (length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  const lower = password.toLowerCase();
  if (common.has(lower) || /^(.)\1+$/.test(password))
    return "This password is too common. Choose one that others are unlikely to use.";
  const localPart = context.email?.split("@")[0]?.toLowerCase();
  if (localPart && localPart.length >= 3 && lower.includes(localPart))
    return "Do not use your email address in your password.";
  return null;
}
