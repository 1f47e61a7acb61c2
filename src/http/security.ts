// Headers (helmet with a strict Content-Security-Policy: no inline scripts or
// styles), sessions in our database, passport, and CSRF tokens on every form.
import { Router, type Express, type Request, type RequestHandler } from "express";
import cookieParser from "cookie-parser";
import { doubleCsrf } from "csrf-csrf";
import session from "express-session";
import helmet from "helmet";
import type { Config } from "../config.js";
import type { Db } from "../db/client.js";
import { createPassport } from "../auth/passport-setup.js";
import { PrismaSessionStore } from "../auth/session-store.js";
import { isOneClickUnsubscribe } from "../invitations/one-click-unsubscribe.js";

export function useSecurity(app: Express, options: { config: Config; db: Db; sessionSecret: string }): void {
  const { config, db, sessionSecret } = options;
  const production = config.env === "production";
  const secureCookies = config.publicUrl.startsWith("https://");

  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", "data:"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          upgradeInsecureRequests: secureCookies ? [] : null,
        },
      },
      strictTransportSecurity: production && secureCookies,
    }),
  );
  app.use(cookieParser());

  const passport = createPassport(db);
  // An agency's survey pages never sign anyone in, so a visit without a session
  // cookie skips the session machinery: it would only build an empty session
  // that is never stored. Staff with a session keep it (and its idle timer) there too.
  app.use(
    unless(anonymousSurveyVisit, [
      session({
        name: SESSION_COOKIE,
        secret: sessionSecret,
        store: new PrismaSessionStore(db, config.sessionIdleMs),
        resave: false,
        saveUninitialized: false,
        // Each request restarts the idle timer; the absolute limit is checked below.
        rolling: true,
        cookie: { httpOnly: true, sameSite: "lax", secure: secureCookies, maxAge: config.sessionIdleMs },
      }),
      passport.initialize(),
      passport.session(),
      absoluteSessionTimeout(config.sessionAbsoluteMs),
    ]),
  );
  app.set("passport", passport);

  const { generateCsrfToken, doubleCsrfProtection, validateRequest } = doubleCsrf({
    getSecret: () => sessionSecret,
    // Signed-in staff get tokens bound to their session; anonymous visitors
    // (agencies, people signing in) get the plain double-submit cookie check.
    getSessionIdentifier: (req) => (req.user ? req.sessionID : "anonymous"),
    cookieName: secureCookies ? "__Host-lesm.csrf" : "lesm.csrf",
    cookieOptions: { sameSite: "lax", secure: secureCookies, httpOnly: true, path: "/" },
    getCsrfTokenFromRequest: (req) => {
      const fromBody = (req.body as Record<string, unknown> | undefined)?._csrf;
      return typeof fromBody === "string" ? fromBody : req.headers["x-csrf-token"];
    },
    // Multipart forms are parsed by their own route; it checks the token after parsing.
    // The one exemption: an RFC 8058 one-click opt-out, which mail providers send without cookies.
    skipCsrfProtection: (req) => Boolean(req.is("multipart/form-data")) || isOneClickUnsubscribe(req),
    errorConfig: { statusCode: 403, message: "invalid csrf token", code: "EBADCSRFTOKEN" },
  });
  app.use(doubleCsrfProtection);
  // Routes that parse multipart bodies themselves check the token afterwards with this.
  app.set("csrfValidate", validateRequest);
  app.use((req, res, next) => {
    // Made when a page is rendered, not for every JSON answer or redirect: it costs an HMAC and a cookie.
    let token: string | undefined;
    Object.defineProperty(res.locals, "csrfToken", {
      enumerable: true,
      configurable: true,
      get: () => (token ??= generateCsrfToken(req, res)),
    });
    res.locals.currentUser = req.user;
    next();
  });
}

const SESSION_COOKIE = "lesm.sid";

function anonymousSurveyVisit(req: Request): boolean {
  return req.path.startsWith("/s/") && !(SESSION_COOKIE in (req.cookies as Record<string, string>));
}

/** Runs `handlers` in turn, except for requests that `skip` picks out. */
function unless(skip: (req: Request) => boolean, handlers: RequestHandler[]): RequestHandler {
  const chain = Router();
  chain.use(handlers);
  return (req, res, next) => (skip(req) ? next() : chain(req, res, next));
}

function absoluteSessionTimeout(limitMs: number): RequestHandler {
  return (req, _res, next) => {
    if (!req.user) return next();
    const signedInAt = (req.session as { signedInAt?: number }).signedInAt;
    if (signedInAt && Date.now() - signedInAt <= limitMs) return next();
    req.session.destroy(() => {
      req.user = undefined;
      next();
    });
  };
}
