// A survey email as one real agency would get it, for the preview and for
// "send me a test". The links are examples: a real agency's personal link must
// not reach a staff mailbox, where opening it would look like the agency.
import type { DbOrTx } from "../../db/client.js";
import { listAgencies } from "../../agencies/list-agencies.js";
import { ensureEmailTemplates } from "./ensure-email-templates.js";
import type { TemplateKind } from "./email-template-kinds.js";
import {
  formatDeadline,
  renderSurveyEmail,
  type EmailValues,
  type RenderedSurveyEmail,
} from "./render-survey-email.js";

export const sampleLinks = (baseUrl: string) => ({
  link: `${baseUrl}/s/example-personal-link`,
  optOutLink: `${baseUrl}/s/example-personal-link/opt-out`,
});

export type PreviewAgency = { id: number; name: string; contactName: string } | null;

/**
 * The agency to preview with: the first whose name matches `search`, else the
 * first by name that has a contact email (the agencies an invitation goes to).
 */
async function pickAgency(db: DbOrTx, search: string): Promise<PreviewAgency> {
  const select = { id: true, name: true, contactName: true };
  if (search) {
    const { agencies } = await listAgencies({ db, filters: { q: search, page: 1 }, pageSize: 1 });
    const found = agencies[0];
    if (found) return db.agency.findUnique({ where: { id: found.id }, select });
  }
  return db.agency.findFirst({
    where: { contactEmail: { not: null } },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select,
  });
}

export async function emailValuesFor(
  db: DbOrTx,
  surveyId: number,
): Promise<Pick<EmailValues, "deadline" | "coordinatorSignature">> {
  const survey = await db.survey.findUniqueOrThrow({
    where: { id: surveyId },
    select: { responseDeadline: true, coordinatorSignature: true },
  });
  return { deadline: formatDeadline(survey.responseDeadline), coordinatorSignature: survey.coordinatorSignature };
}

export async function previewSurveyEmail(options: {
  db: DbOrTx;
  surveyId: number;
  kind: TemplateKind;
  baseUrl: string;
  search?: string;
}): Promise<{ agency: PreviewAgency; searched: string; email: RenderedSurveyEmail }> {
  const { db, surveyId, kind, baseUrl, search = "" } = options;
  const templates = await ensureEmailTemplates({ db, surveyId });
  const agency = await pickAgency(db, search);
  const values: EmailValues = {
    agencyName: agency?.name ?? "Example Police Department",
    contactName: agency?.contactName ?? "Chief Example",
    ...(await emailValuesFor(db, surveyId)),
  };
  return { agency, searched: search, email: renderSurveyEmail(templates[kind], values, sampleLinks(baseUrl)) };
}
