// Where to go after signing in: only a path on this site, never an open redirect.
export function safeNextPath(value: unknown, fallback = "/staff"): string {
  if (typeof value !== "string" || value.length > 2000) return fallback;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  return value;
}
