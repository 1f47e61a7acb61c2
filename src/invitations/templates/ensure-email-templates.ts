// Gives a survey the default wording for every kind of email it has no template
// for yet (at start-up, and before a page or a wave needs them), never
// overwriting a coordinator's edits. Returns the survey's templates by kind.
import type { DbOrTx } from "../../db/client.js";
import { retryOnUniqueViolation } from "../../db/unique-race.js";
import { DEFAULT_TEMPLATES, type TemplateParts } from "./default-email-templates.js";
import { TEMPLATE_KINDS, type TemplateKind } from "./email-template-kinds.js";

export type SurveyTemplates = Record<TemplateKind, TemplateParts & { updatedAt: Date }>;

const storedTemplates = (db: DbOrTx, surveyId: number) =>
  db.emailTemplate.findMany({
    where: { surveyId },
    select: { kind: true, subject: true, html: true, text: true, updatedAt: true },
  });

export async function ensureEmailTemplates(options: { db: DbOrTx; surveyId: number }): Promise<SurveyTemplates> {
  const { db, surveyId } = options;
  let rows = await storedTemplates(db, surveyId);
  const missing = TEMPLATE_KINDS.filter((kind) => !rows.some((r) => r.kind === kind));
  if (missing.length) {
    for (const kind of missing) {
      // upsert with no update: two processes starting together both succeed.
      await retryOnUniqueViolation(() =>
        db.emailTemplate.upsert({
          where: { surveyId_kind: { surveyId, kind } },
          create: { surveyId, kind, ...DEFAULT_TEMPLATES[kind] },
          update: {},
        }),
      );
    }
    rows = await storedTemplates(db, surveyId);
  }
  return Object.fromEntries(rows.map(({ kind, ...parts }) => [kind, parts])) as SurveyTemplates;
}

/** The survey's templates, the default wording standing in for any not stored; writes nothing. */
export async function readEmailTemplates(options: { db: DbOrTx; surveyId: number }): Promise<SurveyTemplates> {
  const rows = await storedTemplates(options.db, options.surveyId);
  const stored = new Map(rows.map(({ kind, ...parts }) => [kind, parts]));
  return Object.fromEntries(
    TEMPLATE_KINDS.map((kind) => [kind, stored.get(kind) ?? { ...DEFAULT_TEMPLATES[kind], updatedAt: new Date(0) }]),
  ) as SurveyTemplates;
}
