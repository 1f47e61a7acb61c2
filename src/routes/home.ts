// The public landing page.
import { Router } from "express";

export function homeRouter(): Router {
  const router = Router();
  router.get("/", (_req, res) => {
    res.render("pages/home", { pageTitle: "Law Enforcement Use of Social Media Survey" });
  });
  return router;
}
