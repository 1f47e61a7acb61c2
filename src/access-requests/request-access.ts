// A researcher asks for access to the current survey's data from the public
// page. The answer is the same whatever the address already has (an account,
// a pending request), so the page reveals nothing; a second pending request
// for the same address and survey is recorded in the audit log, not stored twice.
import { isUniqueViolation } from "../db/unique-race.js";
import { z } from "zod";
import type { Db } from "../db/client.js";
import { recordAudit } from "../audit/record-audit.js";
import { findCurrentSurvey } from "../agencies/find-current-survey.js";
import { AppError } from "../http/app-error.js";
import { fieldErrorsOf, type FieldErrors } from "../http/field-errors.js";

export const ACCESS_REQUEST_FIELDS = ["name", "institution", "email", "intendedUse"] as const;
export const INTENDED_USE_MAX = 5000;

const text = (what: string, max: number) =>
  z
    .string({ error: `Enter your ${what}` })
    .trim()
    .min(1, `Enter your ${what}`)
    .max(max, `Use at most ${max.toLocaleString("en-US")} characters`);

export const accessRequestForm = z.object({
  name: text("name", 200),
  institution: text("institution", 200),
  email: z
    .string({ error: "Enter an email address like name@university.edu" })
    .trim()
    .toLowerCase()
    .max(254, "Use at most 254 characters")
    .pipe(z.email("Enter an email address like name@university.edu")),
  intendedUse: z
    .string({ error: "Say what you intend to do with the data" })
    .trim()
    .min(1, "Say what you intend to do with the data")
    .max(INTENDED_USE_MAX, `Use at most ${INTENDED_USE_MAX.toLocaleString("en-US")} characters`),
  acceptTerms: z.literal("yes", { error: "Accept the data-use terms to ask for access" }),
});

/** The survey researchers may ask for: the one the agencies pages call current. */
export async function findAccessSurvey(options: { db: Db }) {
  const survey = await findCurrentSurvey({ db: options.db });
  if (!survey)
    throw new AppError("not_found", "No survey data to ask for yet", "Come back once the survey has started.");
  return survey;
}

const pendingKeyOf = (surveyId: number, email: string) => `${surveyId}:${email}`;

export async function requestAccess(options: {
  db: Db;
  form: unknown;
  ip: string;
  now?: Date;
}): Promise<{ ok: true } | { ok: false; errors: FieldErrors }> {
  const { db, ip, now = new Date() } = options;
  const survey = await findAccessSurvey({ db });
  const parsed = accessRequestForm.safeParse(options.form ?? {});
  if (!parsed.success) return { ok: false, errors: fieldErrorsOf(parsed.error) };
  const { name, institution, email, intendedUse } = parsed.data;
  const pendingKey = pendingKeyOf(survey.id, email);
  try {
    await db.$transaction(async (tx) => {
      const pending = await tx.accessRequest.findUnique({ where: { pendingKey }, select: { id: true } });
      if (pending) {
        await recordAudit({
          db: tx,
          action: "access.request_repeated",
          actorLabel: email,
          targetType: "access_request",
          targetId: pending.id,
          ip,
        });
        return;
      }
      const created = await tx.accessRequest.create({
        data: { surveyId: survey.id, name, institution, email, intendedUse, acceptedTermsAt: now, pendingKey },
      });
      await recordAudit({
        db: tx,
        action: "access.requested",
        actorLabel: email,
        targetType: "access_request",
        targetId: created.id,
        detail: { survey: survey.id, institution },
        ip,
      });
    });
  } catch (error) {
    // Two submissions racing: the database kept the first; the second is the same request.
    if (!isUniqueViolation(error)) throw error;
  }
  return { ok: true };
}
