// /setup/:token: the one-time link printed at first start creates the first admin.
import { Router } from "express";
import { allow } from "../auth/roles.js";
import type { AppDeps } from "../app.js";
import { checkSetupLink, createFirstAdmin } from "../auth/create-first-admin.js";

export function setupRouter({ db }: AppDeps): Router {
  const router = Router();
  const view = "pages/setup";
  const pageTitle = "Create the first admin account";

  router.get("/setup/:token", allow("public"), async (req, res) => {
    await checkSetupLink({ db: db.prisma, token: String(req.params.token) });
    res.render(view, { pageTitle, values: {}, errors: {} });
  });

  router.post("/setup/:token", allow("public"), async (req, res) => {
    const result = await createFirstAdmin({ db: db.prisma, token: String(req.params.token), form: req.body });
    if (result.ok) {
      res.redirect(303, "/login?setup=done");
      return;
    }
    const { name, email } = (req.body ?? {}) as Record<string, unknown>;
    res.status(400).render(view, {
      pageTitle: `Error: ${pageTitle}`,
      values: { name: typeof name === "string" ? name : "", email: typeof email === "string" ? email : "" },
      errors: result.errors,
      errorList: Object.entries(result.errors).map(([field, message]) => ({ field, message })),
    });
  });
  return router;
}
