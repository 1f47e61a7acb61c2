// RFC 8058 one-click unsubscribe: a mail provider POSTs exactly
// "List-Unsubscribe=One-Click" to the List-Unsubscribe address, with no cookies
// and so no CSRF token. That request, and only that one, to an opt-out address,
// is let through without a token. Nothing can be forged with it: the body has
// no other field, and the only thing it can do is what the link's holder is
// entitled to ask anyway, to stop mail to their agency.

export const OPT_OUT_PATH = /^\/s\/[^/]+\/opt-out\/?$/;

/** True for a parsed form body that is exactly List-Unsubscribe=One-Click. */
export function isOneClickBody(body: unknown): boolean {
  if (typeof body !== "object" || body === null) return false;
  const entries = Object.entries(body as Record<string, unknown>);
  return entries.length === 1 && entries[0]![0] === "List-Unsubscribe" && entries[0]![1] === "One-Click";
}

/** The one request the global CSRF check lets through: a one-click POST to an opt-out address. */
export function isOneClickUnsubscribe(req: {
  method: string;
  path: string;
  body?: unknown;
  is(type: string): string | false | null;
}): boolean {
  return (
    req.method === "POST" &&
    OPT_OUT_PATH.test(req.path) &&
    Boolean(req.is("application/x-www-form-urlencoded")) &&
    isOneClickBody(req.body)
  );
}
