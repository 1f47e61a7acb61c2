// Forgotten passwords, and setting a password from an emailed link.
import { Router } from "express";
import type { AppDeps } from "../app.js";
import { requestPasswordReset } from "../auth/request-password-reset.js";
import { allow } from "../auth/roles.js";
import { findLinkUser, setPasswordWithLink } from "../auth/set-password-with-link.js";
import { passwordResetLimit } from "../http/rate-limits.js";

export function passwordRouter({ db, config }: AppDeps): Router {
  const router = Router();

  router.get("/password-reset", allow("public"), (_req, res) => {
    res.render("pages/password-reset", { pageTitle: "Reset your password", values: {} });
  });

  router.post("/password-reset", allow("public"), passwordResetLimit(db.prisma), async (req, res) => {
    const email = typeof req.body?.email === "string" ? req.body.email : "";
    await requestPasswordReset({ db: db.prisma, email, baseUrl: config.publicUrl, ip: req.ip ?? "" });
    res.render("pages/password-reset", { pageTitle: "Check your email", sent: true, values: {} });
  });

  router.get("/password/set/:token", allow("public"), async (req, res) => {
    const link = await findLinkUser({ db: db.prisma, token: String(req.params.token) });
    res.render("pages/password-set", { pageTitle: "Choose a password", email: link.user.email, errors: {} });
  });

  router.post("/password/set/:token", allow("public"), async (req, res) => {
    const token = String(req.params.token);
    const result = await setPasswordWithLink({ db: db.prisma, token, body: req.body, ip: req.ip ?? "" });
    if (result.ok) return res.redirect(303, result.purpose === "invite" ? "/login?welcome" : "/login?reset");
    const link = await findLinkUser({ db: db.prisma, token });
    res.status(400).render("pages/password-set", {
      pageTitle: "Error: Choose a password",
      email: link.user.email,
      errors: result.errors,
      errorList: Object.entries(result.errors).map(([field, message]) => ({ field, message })),
    });
  });
  return router;
}
