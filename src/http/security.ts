// Headers (helmet with a strict Content-Security-Policy: no inline scripts or
// styles), sessions in our database, passport, and CSRF tokens on every form.
import { Router, type Express, type Request, type RequestHandler, type Response } from "express";
import { parse as parseCookies } from "cookie";
import { doubleCsrf } from "csrf-csrf";
import session from "express-session";
import helmet from "helmet";
import { LRUCache } from "lru-cache";
import type { Config } from "../config.js";
import type { Db } from "../db/client.js";
import { createPassport } from "../auth/passport-setup.js";
import { PrismaSessionStore } from "../auth/session-store.js";
import { isOneClickUnsubscribe } from "../invitations/one-click-unsubscribe.js";

export function useSecurity(app: Express, options: { config: Config; db: Db; sessionSecret: string }): void {
  const { config, db, sessionSecret } = options;
  const production = config.env === "production";
  const secureCookies = config.publicUrl.startsWith("https://");

  // helmet's headers are the same on every response, so they are worked out
  // once, by helmet itself, and then set as a list: helmet's chain of a dozen
  // middlewares cost more per request than the headers themselves.
  const headers = securityHeadersOf(
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
  // Every page past this point is made for one visitor (an agency's answers,
  // agencies' contacts, results), so no browser or proxy keeps a copy: a shared
  // computer's Back button or cache never shows an agency's answers to the
  // next person. (Static files, served before this, keep their own caching.)
  headers.push(["Cache-Control", "no-store"]);
  app.use((req, res, next) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    // The cookies as csrf-csrf and the session check read them (cookie-parser's
    // signed and JSON cookies are not used here).
    const cookies = req.headers.cookie;
    req.cookies = cookies ? parseCookies(cookies) : {};
    next();
  });

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

  const csrfCookie = secureCookies ? "__Host-lesm.csrf" : "lesm.csrf";
  const csrf = doubleCsrf({
    getSecret: () => sessionSecret,
    // Signed-in staff get tokens bound to their session; anonymous visitors
    // (agencies, people signing in) get the plain double-submit cookie check.
    getSessionIdentifier: (req) => (req.user ? req.sessionID : ANONYMOUS),
    cookieName: csrfCookie,
    cookieOptions: { sameSite: "lax", secure: secureCookies, httpOnly: true, path: "/" },
    getCsrfTokenFromRequest: csrfTokenOf,
    errorConfig: { statusCode: 403, message: "invalid csrf token", code: "EBADCSRFTOKEN" },
  });
  // csrf-csrf checks the cookie's HMAC on every page it renders and every form
  // posted, and sets the cookie again on every page. An agency keeps one token
  // cookie for its whole visit, so tokens that passed for anonymous visitors are
  // remembered: the same cookie then passes again, and is not set again, without
  // another HMAC. (A token's validity depends only on the secret and the
  // identity, and both are fixed here.) Staff tokens, bound to their session,
  // are checked by csrf-csrf every time.
  // A few MB at most (a token is 129 characters); a token dropped is only checked with an HMAC again.
  const anonymousTokens = new LRUCache<string, true>({ max: 20_000 });
  const cookieToken = (req: Request): unknown => (req.cookies as Record<string, unknown>)[csrfCookie];
  /** The visitor's token cookie, when it is an anonymous visitor's and has passed before. */
  const knownAnonymousToken = (req: Request): string | undefined => {
    const token = cookieToken(req);
    return !req.user && typeof token === "string" && anonymousTokens.has(token) ? token : undefined;
  };
  const validateRequest = (req: Request): boolean => {
    const known = knownAnonymousToken(req);
    if (known) return csrfTokenOf(req) === known;
    const valid = csrf.validateRequest(req);
    if (valid && !req.user) anonymousTokens.set(cookieToken(req) as string, true);
    return valid;
  };
  const tokenFor = (req: Request, res: Response): string => {
    const known = knownAnonymousToken(req);
    if (known) return known;
    const made = csrf.generateCsrfToken(req, res);
    if (!req.user) anonymousTokens.set(made, true);
    return made;
  };
  // Routes that parse multipart bodies themselves check the token afterwards with this.
  app.set("csrfValidate", validateRequest);
  app.use((req, res, next) => {
    // Multipart forms are parsed by their own route; it checks the token after parsing.
    // The one exemption: an RFC 8058 one-click opt-out, which mail providers send without cookies.
    const checked = !SAFE_METHODS.has(req.method) && !req.is("multipart/form-data") && !isOneClickUnsubscribe(req);
    if (checked && !validateRequest(req)) return next(csrf.invalidCsrfTokenError);
    res.locals.csrfToken = new PageToken(tokenFor, req, res);
    res.locals.currentUser = req.user;
    next();
  });
}

const ANONYMOUS = "anonymous";

/**
 * A page's CSRF token, made when a template first shows it ({{csrfToken}}
 * turns it into text), not for every JSON answer or redirect. (A class rather
 * than a getter made per request: that closure and property cost more than
 * the token once it is remembered.)
 */
class PageToken {
  #token: string | undefined;
  constructor(
    private readonly make: (req: Request, res: Response) => string,
    private readonly req: Request,
    private readonly res: Response,
  ) {}
  toString(): string {
    return (this.#token ??= this.make(this.req, this.res));
  }
}

/** A form's token is in its body; a script's is in its X-CSRF-Token header. */
function csrfTokenOf(req: Request): string | undefined {
  const fromBody = (req.body as Record<string, unknown> | undefined)?._csrf;
  const fromHeader = req.headers["x-csrf-token"];
  return typeof fromBody === "string" ? fromBody : typeof fromHeader === "string" ? fromHeader : undefined;
}
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The headers a header-setting middleware (helmet) sets, found by running it once. */
function securityHeadersOf(middleware: RequestHandler): [string, string][] {
  const headers: [string, string][] = [];
  const recorder = {
    setHeader: (name: string, value: string) => headers.push([name, String(value)]),
    removeHeader: () => undefined,
  };
  middleware({} as Request, recorder as unknown as Response, () => undefined);
  return headers;
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
