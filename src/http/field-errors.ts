// A form's zod issues as one message per field (the first), the shape the
// text-field partials and the error summary take.
import type { z } from "zod";

export type FieldErrors = Record<string, string>;

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= issue.message;
  }
  return errors;
}

/** The list at the top of the page, each entry linking to its field; fields without a message are left out. */
export function errorListOf(errors: Partial<Record<string, string>>): { field: string; message: string }[] {
  return Object.entries(errors).flatMap(([field, message]) => (message ? [{ field, message }] : []));
}

/** What the visitor typed, as strings (anything else is dropped), to show the form again. */
export function typedValues(body: unknown, names: readonly string[]): Record<string, string> {
  const source = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  return Object.fromEntries(names.map((name) => [name, typeof source[name] === "string" ? source[name] : ""]));
}
