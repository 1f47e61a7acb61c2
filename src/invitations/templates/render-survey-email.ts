// Renders a survey email (invitation, reminder, thank-you) for one agency from
// the survey's templates. The links are passed in: the markers that the worker
// replaces at send time (invitation-link.ts), or sample links for a preview.
// HTML escapes every value; the text part and the subject are plain text and
// are not escaped ("Cañon County Sheriff's Office & Jail" stays as it is).
import Handlebars from "handlebars";
import { stripMarkers } from "../invitation-link.js";
import type { TemplateParts } from "./default-email-templates.js";

const emails = Handlebars.create();
const compiled = new Map<string, HandlebarsTemplateDelegate>();
const MAX_CACHED = 200;

function compile(source: string, noEscape: boolean): HandlebarsTemplateDelegate {
  const key = `${noEscape ? "t" : "h"}:${source}`;
  let template = compiled.get(key);
  if (!template) {
    // Templates are checked when saved (template-placeholders.ts); strict still
    // turns a missing value into an error instead of an empty string.
    template = emails.compile(source, { strict: true, noEscape, knownHelpersOnly: true });
    if (compiled.size >= MAX_CACHED) compiled.clear();
    compiled.set(key, template);
  }
  return template;
}

export type EmailValues = {
  agencyName: string;
  contactName: string;
  /** Formatted already ("June 30, 2026"), or empty. */
  deadline: string;
  coordinatorSignature: string;
};

export type EmailLinks = { link: string; optOutLink: string };

export type RenderedSurveyEmail = { subject: string; html: string; text: string };

const escapeHtml = (value: string) => Handlebars.escapeExpression(value);

export function renderSurveyEmail(
  template: TemplateParts,
  values: EmailValues,
  links: EmailLinks,
): RenderedSurveyEmail {
  // Text from the sample frame or a form never carries a marker into a message.
  const clean = {
    agencyName: stripMarkers(values.agencyName),
    contactName: stripMarkers(values.contactName),
    deadline: stripMarkers(values.deadline),
    coordinatorSignature: stripMarkers(values.coordinatorSignature),
  };
  const text = { ...clean, ...links };
  // A signature has lines: kept as line breaks in HTML, every line escaped.
  const signature = new Handlebars.SafeString(clean.coordinatorSignature.split(/\r?\n/).map(escapeHtml).join("<br>\n"));
  const html = { ...clean, ...links, coordinatorSignature: signature };
  // A subject is one header line.
  const subject = compile(template.subject, true)(text).replace(/\s+/g, " ").trim().slice(0, 998);
  const body = template.html.trim() ? compile(template.html, false)(html) : "";
  return {
    subject,
    text: compile(template.text, true)(text),
    html: body
      ? `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>\n<body>\n${body}</body></html>\n`
      : "",
  };
}

/** "June 30, 2026": the deadline as the emails show it (the date as chosen, whatever the server's time zone). */
export function formatDeadline(date: Date | null): string {
  if (!date) return "";
  return date.toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
}
