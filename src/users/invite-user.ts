// An admin invites a colleague: the account is created without a password
// (nobody can sign in with it yet) and a single-use link to choose one is
// emailed. A researcher invited this way may be granted the current survey's
// data at once (the form's default), so the new account is not locked out.
import { isUniqueViolation } from "../db/unique-race.js";
import { z } from "zod";
import type { Db, DbOrTx } from "../db/client.js";
import { recordAudit } from "../audit/record-audit.js";
import { INVITE_VALID_DAYS, issueInviteLink } from "../auth/issue-user-link.js";
import { STAFF_ROLES } from "../auth/roles.js";
import { grantCurrentSurvey } from "../auth/survey-access.js";
import { fieldErrorsOf, type FieldErrors } from "../http/field-errors.js";
import { enqueueMessage } from "../invitations/outbox/enqueue-message.js";
import { renderStaffEmail } from "../mail/render-email.js";

export const INVITE_FIELDS = ["name", "email", "role", "grantCurrentSurvey"] as const;

export const inviteForm = z.object({
  name: z
    .string({ error: "Enter the colleague's name" })
    .trim()
    .min(1, "Enter the colleague's name")
    .max(200, "Use at most 200 characters"),
  email: z
    .string({ error: "Enter an email address like name@agency.gov" })
    .trim()
    .toLowerCase()
    .max(254, "Use at most 254 characters")
    .pipe(z.email("Enter an email address like name@agency.gov")),
  role: z.enum(STAFF_ROLES, { error: "Choose a role" }),
  grantCurrentSurvey: z.literal("yes").optional().catch(undefined),
});

type Actor = { id: number; email: string; name: string };

/** Creates the single-use link and queues the invitation email. */
export async function sendStaffInvite(options: {
  db: DbOrTx;
  user: { id: number; email: string; name: string; role: string };
  actor: Actor;
  baseUrl: string;
  now?: Date;
}): Promise<void> {
  const { db, user, actor, baseUrl, now } = options;
  const link = await issueInviteLink({ db, userId: user.id, baseUrl, now });
  const message = renderStaffEmail("staff-invite", {
    name: user.name || user.email,
    email: user.email,
    role: user.role,
    invitedBy: actor.name || actor.email,
    link,
    validDays: INVITE_VALID_DAYS,
  });
  await enqueueMessage({ db, kind: "staff_invite", to: user.email, ...message });
}

const taken = { email: "An account for this address already exists. Change its role in the list below." };

export async function inviteUser(options: {
  db: Db;
  form: unknown;
  actor: Actor;
  baseUrl: string;
  ip: string;
  now?: Date;
}): Promise<{ ok: true; userId: number } | { ok: false; errors: FieldErrors }> {
  const { db, actor, baseUrl, ip, now } = options;
  const parsed = inviteForm.safeParse(options.form ?? {});
  if (!parsed.success) return { ok: false, errors: fieldErrorsOf(parsed.error) };
  const { name, email, role, grantCurrentSurvey: grantCurrent } = parsed.data;
  if (await db.user.findUnique({ where: { email }, select: { id: true } })) return { ok: false, errors: taken };
  try {
    const user = await db.$transaction(async (tx) => {
      const created = await tx.user.create({
        data: { email, name, role, passwordHash: null, canSeeContacts: role !== "researcher" },
      });
      await recordAudit({
        db: tx,
        action: "user.invited",
        actorUserId: actor.id,
        actorLabel: actor.email,
        targetType: "user",
        targetId: created.id,
        detail: { email, role },
        ip,
      });
      if (role === "researcher" && grantCurrent) await grantCurrentSurvey({ db: tx, userId: created.id, actor, ip });
      await sendStaffInvite({ db: tx, user: created, actor, baseUrl, now });
      return created;
    });
    return { ok: true, userId: user.id };
  } catch (error) {
    // Two admins inviting the same address at once: the second finds it taken.
    if (isUniqueViolation(error)) return { ok: false, errors: taken };
    throw error;
  }
}
