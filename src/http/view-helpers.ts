// Handlebars helpers. Each returns plain values, so Handlebars escapes the
// output; none builds HTML.

/** {{eq a b}}: strict equality, for {{#if (eq status "open")}}. */
function eq(a: unknown, b: unknown): boolean {
  return a === b;
}

// Formatters are made once: building one costs far more than using it.
const dateFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
  timeZoneName: "short",
});
const numberFormat = new Intl.NumberFormat("en-US");

/** {{formatDate date}}: "3 December 2026, 10:28 UTC"; empty for no date. */
function formatDate(value: unknown): string {
  const date = value instanceof Date ? value : typeof value === "string" ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) return "";
  return dateFormat.format(date);
}

/** {{formatNumber n}}: thousands separators, "12,345". */
function formatNumber(value: unknown): string {
  return typeof value === "number" && Number.isFinite(value) ? numberFormat.format(value) : "";
}

/** {{#if (or a b)}}: true when any argument is truthy. */
function or(...args: unknown[]): boolean {
  return args.slice(0, -1).some(Boolean);
}

/**
 * {{#with (describedBy "email" hint error condition)}}aria-describedby="{{this}}"{{/with}}:
 * the ids of a field's hint, error and condition note, those that exist (empty when none).
 */
function describedBy(name: unknown, hint: unknown, error: unknown, ...rest: unknown[]): string {
  const condition = rest.length > 1 ? rest[0] : undefined;
  const ids = [hint && "hint", error && "error", condition && "condition"].filter(Boolean);
  return ids.map((suffix) => `${String(name)}-${String(suffix)}`).join(" ");
}

export const helpers = { eq, or, describedBy, formatDate, formatNumber };
