// Staff sign-in and sign-out.
import { Router, type Request } from "express";
import type { AppDeps } from "../app.js";
import { recordFailedSignIn, recordSignIn } from "../auth/record-sign-in.js";
import { allow, type SignedInUser } from "../auth/roles.js";
import { safeNextPath } from "../auth/safe-next-path.js";
import type { PassportInstance } from "../auth/passport-setup.js";
import { recordAudit } from "../audit/record-audit.js";
import { signInLimits } from "../http/rate-limits.js";

const notices: Record<string, string> = {
  setup: "Your admin account is ready. Sign in with it.",
  signedout: "You have signed out.",
  reset: "Your password has been changed. Sign in with the new one.",
  welcome: "Your password is set. Sign in with it.",
};

function field(req: Request, name: string): string {
  const value = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === "string" ? value : "";
}

export function authRouter({ db }: AppDeps): Router {
  const router = Router();

  router.get("/login", allow("public"), (req, res) => {
    if (req.user) return res.redirect(303, safeNextPath(req.query.next));
    const notice = Object.keys(notices).find((key) => key in req.query);
    res.render("pages/login", {
      pageTitle: "Sign in",
      next: safeNextPath(req.query.next, ""),
      notice: notice && notices[notice],
      values: {},
    });
  });

  router.post("/login", allow("public"), ...signInLimits(db.prisma), (req, res, next) => {
    const passport = req.app.get("passport") as PassportInstance;
    const email = field(req, "email").trim();
    const nextPath = safeNextPath(field(req, "next"));
    passport.authenticate("local", (err: unknown, user: SignedInUser | false) => {
      if (err) return next(err);
      if (!user) {
        recordFailedSignIn({ db: db.prisma, email, ip: req.ip ?? "" }).then(() => {
          res.status(401).render("pages/login", {
            pageTitle: "Error: Sign in",
            next: field(req, "next"),
            values: { email },
            errors: { email: "The email address or password is not right" },
            errorList: [{ field: "email", message: "The email address or password is not right" }],
          });
        }, next);
        return;
      }
      // passport 0.7 regenerates the session id here, so a planted id is useless.
      req.logIn(user, (loginErr) => {
        if (loginErr) return next(loginErr);
        (req.session as { signedInAt?: number }).signedInAt = Date.now();
        // Saved before the redirect is sent: express-session would otherwise store
        // the sign-in time while the response goes out, and a browser following
        // the redirect at once could reach the next page first, where a session
        // without a sign-in time counts as expired (seen on PostgreSQL in CI:
        // signed in, then sent back to sign in).
        recordSignIn({ db: db.prisma, userId: user.id, email: user.email, ip: req.ip ?? "" }).then(
          () => req.session.save((saveErr) => (saveErr ? next(saveErr) : res.redirect(303, nextPath))),
          next,
        );
      });
    })(req, res, next);
  });

  router.post("/logout", allow("admin", "coordinator", "researcher"), (req, res, next) => {
    const user = req.user!;
    req.logout((err) => {
      if (err) return next(err);
      req.session.destroy(() => {
        res.clearCookie("lesm.sid");
        recordAudit({
          db: db.prisma,
          action: "auth.signed_out",
          actorUserId: user.id,
          actorLabel: user.email,
          ip: req.ip ?? "",
        }).then(() => res.redirect(303, "/login?signedout"), next);
      });
    });
  });
  return router;
}
