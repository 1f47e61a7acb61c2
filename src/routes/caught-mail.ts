// In development (no SMTP_HOST) mail goes to an in-process catcher; staff read it here.
import { Router } from "express";
import type { AppDeps } from "../app.js";
import { allow } from "../auth/roles.js";
import { AppError } from "../http/app-error.js";
import { caughtMailDetail, caughtMailList } from "../mail/caught-mail-view.js";

export function caughtMailRouter({ mailCatcher }: AppDeps): Router {
  const router = Router();
  const staff = allow("coordinator");
  const catcher = () => {
    if (!mailCatcher)
      throw new AppError(
        "not_found",
        "No mail catcher here",
        "Mail is sent through the configured SMTP relay (SMTP_HOST), so there is nothing caught to show.",
      );
    return mailCatcher;
  };

  router.get("/mail", staff, (_req, res) => {
    res.render("pages/caught-mail-list", { pageTitle: "Caught mail (development)", ...caughtMailList(catcher()) });
  });

  router.get("/mail/:id", staff, (req, res) => {
    const message = caughtMailDetail(catcher(), String(req.params.id));
    if (!message)
      throw new AppError(
        "not_found",
        "No such message",
        "It may have been dropped: the catcher keeps the most recent messages only.",
      );
    res.render("pages/caught-mail-message", { pageTitle: `${message.subject} – caught mail`, message });
  });
  return router;
}
