// The codebook for staff: a page, and JSON for scripts.
import { Router } from "express";
import type { AppDeps } from "../app.js";
import { allow } from "../auth/roles.js";
import { loadCodebook } from "../survey/load-codebook.js";

export function codebookRouter({ db }: AppDeps): Router {
  const router = Router();
  const staff = allow("admin", "coordinator", "researcher");
  const slugOf = (value: unknown) =>
    typeof value === "string" && /^[a-z0-9-]{1,100}$/.test(value) ? value : undefined;

  router.get("/codebook", staff, async (req, res) => {
    const codebook = await loadCodebook({ db: db.prisma, surveySlug: slugOf(req.query.survey) });
    res.render("pages/codebook", {
      pageTitle: `Codebook – ${codebook.survey.title}`,
      ...codebook,
      jsonUrl: `/codebook.json?survey=${codebook.survey.slug}`,
    });
  });

  router.get("/codebook.json", staff, async (req, res) => {
    res.json(await loadCodebook({ db: db.prisma, surveySlug: slugOf(req.query.survey) }));
  });
  return router;
}
