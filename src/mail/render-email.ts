// Staff emails (password reset, invitations to colleagues, access decisions) from Handlebars
// templates in views/emails: an instance of their own, strict (an unknown
// placeholder is an error, not an empty string), HTML and plain text.
import { readFileSync } from "node:fs";
import path from "node:path";
import Handlebars from "handlebars";
import { viewsDir } from "../http/view-engine.js";

const emails = Handlebars.create();
const cache = new Map<string, HandlebarsTemplateDelegate>();

function template(file: string): HandlebarsTemplateDelegate {
  let compiled = cache.get(file);
  if (!compiled) {
    // Plain-text parts are not HTML: escaping them would turn "&" into "&amp;".
    const noEscape = file.endsWith(".text.hbs");
    compiled = emails.compile(readFileSync(path.join(viewsDir, "emails", file), "utf8"), { strict: true, noEscape });
    cache.set(file, compiled);
  }
  return compiled;
}

export type RenderedEmail = { subject: string; html: string; text: string };

export function renderStaffEmail(
  name: "password-reset" | "staff-invite" | "access-approved" | "access-declined",
  data: Record<string, unknown>,
): RenderedEmail {
  const [subject, ...rest] = template(`${name}.text.hbs`)(data).split("\n");
  return {
    subject: subject!.replace(/^Subject: /, ""),
    text: rest.join("\n").trimStart(),
    html: template(`${name}.html.hbs`)(data),
  };
}
