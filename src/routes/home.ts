// The public landing page.
import { Router } from "express";
import { allow } from "../auth/roles.js";

export function homeRouter(): Router {
  const router = Router();
  router.get("/", allow("public"), (_req, res) => {
    res.render("pages/home", { pageTitle: "Law Enforcement Use of Social Media Survey" });
  });
  return router;
}
