// Creates the first admin account from a valid setup link, once.
import { z } from "zod";
import type { Db } from "../db/client.js";
import { AppError } from "../http/app-error.js";
import { FIRST_ADMIN_SETUP_KEY } from "./first-admin-setup.js";
import { hashPassword } from "./password-hash.js";
import { passwordProblem } from "./password-policy.js";
import { looksLikeToken, tokenMatches } from "./tokens.js";

const storedSetup = z.object({ tokenHash: z.string(), expiresAt: z.iso.datetime() });

export type FieldErrors = Partial<Record<"name" | "email" | "password" | "confirm", string>>;

export const firstAdminForm = z.object({
  name: z.string().trim().min(1, "Enter your name").max(200, "Use at most 200 characters"),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(254, "Use at most 254 characters")
    .pipe(z.email("Enter an email address like name@agency.gov")),
  password: z.string().max(1000, "Use at most 128 characters"),
  confirm: z.string().max(1000),
});

/** Throws a 404 unless `token` is the current, unexpired setup link and no staff account exists yet. */
export async function checkSetupLink(options: { db: Db; token: string; now?: Date }): Promise<void> {
  const { db, token, now = new Date() } = options;
  const invalid = new AppError(
    "not_found",
    "This setup link is not valid",
    "It may have been used already or have expired. Restart the server to print a new one while no staff account exists.",
  );
  if (!looksLikeToken(token)) throw invalid;
  const setting = await db.setting.findUnique({ where: { key: FIRST_ADMIN_SETUP_KEY } });
  const parsed = storedSetup.safeParse(setting ? JSON.parse(setting.value) : null);
  if (!parsed.success || !tokenMatches(token, parsed.data.tokenHash) || new Date(parsed.data.expiresAt) <= now)
    throw invalid;
  if ((await db.user.count()) > 0) throw invalid;
}

export type CreateFirstAdminResult = { ok: true; userId: number } | { ok: false; errors: FieldErrors };

export async function createFirstAdmin(options: {
  db: Db;
  token: string;
  form: unknown;
  now?: Date;
}): Promise<CreateFirstAdminResult> {
  const { db, token, form, now } = options;
  await checkSetupLink({ db, token, now });
  const parsed = firstAdminForm.safeParse(form);
  const errors: FieldErrors = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as keyof FieldErrors;
      errors[field] ??= issue.message;
    }
    return { ok: false, errors };
  }
  const { name, email, password, confirm } = parsed.data;
  const problem = passwordProblem(password, { email });
  if (problem) errors.password = problem;
  else if (password !== confirm) errors.confirm = "The two passwords do not match";
  if (Object.keys(errors).length) return { ok: false, errors };

  const passwordHash = await hashPassword(password);
  // One transaction: the account appears and the link dies together. Re-checking
  // the user count inside it means two racing submissions cannot make two admins.
  const user = await db.$transaction(async (tx) => {
    if ((await tx.user.count()) > 0)
      throw new AppError("conflict", "An admin account already exists", "Sign in with it instead.");
    await tx.setting.delete({ where: { key: FIRST_ADMIN_SETUP_KEY } });
    const created = await tx.user.create({ data: { name, email, passwordHash, role: "admin", canSeeContacts: true } });
    await tx.auditEvent.create({
      data: {
        actorUserId: created.id,
        actorLabel: email,
        action: "user.first_admin_created",
        targetType: "user",
        targetId: String(created.id),
      },
    });
    return created;
  });
  return { ok: true, userId: user.id };
}
