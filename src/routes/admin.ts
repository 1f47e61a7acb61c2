// Admin pages: staff accounts and the audit log.
import { Router, type Request, type Response } from "express";
import type { AppDeps } from "../app.js";
import { allow, STAFF_ROLES } from "../auth/roles.js";
import { auditFilterSchema, listAuditEvents } from "../audit/list-audit-events.js";
import { recordAudit } from "../audit/record-audit.js";
import { AppError } from "../http/app-error.js";
import { CSV_BOM, csvLine } from "../http/csv.js";
import { errorListOf, typedValues, type FieldErrors } from "../http/field-errors.js";
import { changeUser, parseUserChange } from "../users/change-user.js";
import { INVITE_FIELDS, inviteUser } from "../users/invite-user.js";
import { listUsers } from "../users/list-users.js";
import { resendInvitation } from "../users/resend-invitation.js";

const notices: Record<string, string> = {
  changed: "The account was changed.",
  invited: "The invitation was sent. The link to choose a password works once, within 7 days.",
  resent: "A new invitation was sent; the earlier link no longer works.",
};

export function adminRouter({ db, config }: AppDeps): Router {
  const router = Router();
  const admin = allow("admin");

  async function renderUsers(
    req: Request,
    res: Response,
    invite: { values: Record<string, string>; errors: FieldErrors },
  ) {
    const users = await listUsers({ db: db.prisma });
    const failed = Object.keys(invite.errors).length > 0;
    const notice = Object.keys(notices).find((key) => key in req.query);
    res.status(failed ? 400 : 200).render("pages/admin-users", {
      pageTitle: failed ? "Error: Staff accounts" : "Staff accounts",
      users: users.map((u) => ({
        ...u,
        isSelf: u.id === req.user!.id,
        roles: STAFF_ROLES.map((r) => ({ value: r, selected: r === u.role })),
      })),
      inviteRoles: STAFF_ROLES.map((r) => ({ value: r, selected: r === (invite.values.role || "researcher") })),
      values: invite.values,
      errors: invite.errors,
      errorList: errorListOf(invite.errors),
      notice: notice && notices[notice],
    });
  }

  router.get("/admin/users", admin, async (req, res) => {
    await renderUsers(req, res, { values: { grantCurrentSurvey: "yes" }, errors: {} });
  });

  // Before /admin/users/:id, which would take "invite" for an id.
  router.post("/admin/users/invite", admin, async (req, res) => {
    const result = await inviteUser({
      db: db.prisma,
      form: req.body,
      actor: req.user!,
      baseUrl: config.publicUrl,
      ip: req.ip ?? "",
    });
    if (result.ok) return res.redirect(303, "/admin/users?invited");
    await renderUsers(req, res, { values: typedValues(req.body, INVITE_FIELDS), errors: result.errors });
  });

  router.post("/admin/users/:id/resend-invitation", admin, async (req, res) => {
    const userId = Number(req.params.id);
    if (!Number.isSafeInteger(userId)) throw new AppError("bad_request", "No such staff account");
    await resendInvitation({ db: db.prisma, userId, actor: req.user!, baseUrl: config.publicUrl, ip: req.ip ?? "" });
    res.redirect(303, "/admin/users?resent");
  });

  router.post("/admin/users/:id", admin, async (req, res) => {
    const userId = Number(req.params.id);
    const change = parseUserChange((req.body ?? {}) as Record<string, unknown>);
    if (!Number.isSafeInteger(userId) || !change)
      throw new AppError(
        "bad_request",
        "That change is not possible",
        "Choose a role, or activate or deactivate the account.",
      );
    await changeUser({ db: db.prisma, actor: req.user!, userId, change, ip: req.ip ?? "" });
    res.redirect(303, "/admin/users?changed");
  });

  router.get("/admin/audit", admin, async (req, res) => {
    const filter = auditFilterSchema.parse(req.query);
    const result = await listAuditEvents({ db: db.prisma, filter });
    const query = new URLSearchParams(
      Object.entries(filter)
        .filter(([k, v]) => v !== undefined && k !== "page")
        .map(([k, v]): [string, string] => [k, String(v)]),
    );
    res.render("pages/admin-audit", {
      pageTitle: "Audit log",
      filter,
      ...result,
      csvUrl: `/admin/audit.csv?${query}`,
      prevUrl: result.page > 1 ? `/admin/audit?${query}&page=${result.page - 1}` : undefined,
      nextUrl: result.page < result.pages ? `/admin/audit?${query}&page=${result.page + 1}` : undefined,
    });
  });

  router.get("/admin/audit.csv", admin, async (req, res) => {
    const filter = auditFilterSchema.parse(req.query);
    const { events } = await listAuditEvents({ db: db.prisma, filter, all: true });
    await recordAudit({
      db: db.prisma,
      action: "audit.exported",
      actorUserId: req.user!.id,
      actorLabel: req.user!.email,
      detail: { rows: events.length, filter },
      ip: req.ip ?? "",
    });
    res
      .set("Content-Type", "text/csv; charset=utf-8")
      .set("Content-Disposition", 'attachment; filename="audit-log.csv"')
      .set("X-Row-Count", String(events.length));
    res.write(
      CSV_BOM + csvLine(["id", "when", "action", "actor", "actor_user_id", "target_type", "target_id", "detail", "ip"]),
    );
    for (const e of events)
      res.write(
        csvLine([e.id, e.createdAt, e.action, e.actorLabel, e.actorUserId, e.targetType, e.targetId, e.detail, e.ip]),
      );
    res.end();
  });
  return router;
}
