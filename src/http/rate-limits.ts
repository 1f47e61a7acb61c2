// Rate limits that slow guessing. They count failures, not visits, and answer
// the same whether or not an account exists, so they reveal nothing. The
// counters live in the database (rate-limit-store.ts), so the budget is the
// whole service's, however many app instances share the database.
import type { ErrorRequestHandler, Request, RequestHandler } from "express";
import { rateLimit } from "express-rate-limit";
import type { DbOrTx } from "../db/client.js";
import { AppError } from "./app-error.js";
import { DatabaseRateLimitStore } from "./rate-limit-store.js";

function tooMany(what: string, reset: Date | undefined): AppError {
  const minutes = reset ? Math.max(1, Math.ceil((reset.getTime() - Date.now()) / 60_000)) : 15;
  return new AppError(
    "too_many_requests",
    `Too many ${what}`,
    `For your security, please wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again.`,
  );
}

type LimiterOptions = {
  db: DbOrTx;
  /** Names the limiter's keys in the shared table. */
  name: string;
  windowMs: number;
  limit: number;
  what: string;
  key: (req: Request) => string;
  countAll?: boolean;
};

function limiter(options: LimiterOptions): RequestHandler {
  return rateLimit({
    windowMs: options.windowMs,
    limit: options.limit,
    standardHeaders: "draft-7",
    legacyHeaders: false,
    skipSuccessfulRequests: !options.countAll,
    keyGenerator: options.key,
    store: new DatabaseRateLimitStore(options.db, `${options.name}:`, { windowMs: options.windowMs }),
    handler: (req, _res, next) => {
      const reset = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      next(tooMany(options.what, reset));
    },
  });
}

const emailOf = (req: Request) => {
  const email = (req.body as Record<string, unknown> | undefined)?.email;
  return typeof email === "string" ? email.trim().toLowerCase().slice(0, 254) : "";
};

/** Failed sign-ins: 5 per account name per 15 minutes, 50 per address. */
export function signInLimits(db: DbOrTx): RequestHandler[] {
  const what = "sign-in attempts";
  return [
    limiter({ db, name: "sign-in-ip", windowMs: 15 * 60_000, limit: 50, what, key: (req) => req.ip ?? "" }),
    limiter({ db, name: "sign-in-email", windowMs: 15 * 60_000, limit: 5, what, key: emailOf }),
  ];
}

/** Password reset requests: 5 per address per hour, counted whatever the outcome. */
export function passwordResetLimit(db: DbOrTx): RequestHandler {
  return limiter({
    db,
    name: "reset",
    windowMs: 60 * 60_000,
    limit: 5,
    what: "reset requests",
    key: (req) => req.ip ?? "",
    countAll: true,
  });
}

/** Access requests: 10 submissions per address per hour, counted whatever the outcome. */
export function accessRequestLimit(db: DbOrTx): RequestHandler {
  return limiter({
    db,
    name: "access",
    windowMs: 60 * 60_000,
    limit: 10,
    what: "access requests",
    key: (req) => req.ip ?? "",
    countAll: true,
  });
}

const SURVEY_LINK_WINDOW_MS = 15 * 60_000;
const SURVEY_LINK_LIMIT = 20;

/**
 * Survey links: 20 links that do not exist per address per 15 minutes (an
 * agency's own mistakes on a page never count). Agencies' pages are the hot
 * path, so a working link costs no database call: only an unknown link is
 * counted (`countUnknownLinks`, the router's error handler), in the shared
 * table. An address over the budget is then refused everything by this
 * instance (`guard`, from memory) until the window ends; another instance
 * learns it at that address's next unknown link, so the budget is the
 * service's, not each instance's.
 */
export function surveyLinkLimiter(db: DbOrTx): {
  guard: () => RequestHandler;
  countUnknownLinks: ErrorRequestHandler;
} {
  const store = new DatabaseRateLimitStore(db, "survey-link:", { windowMs: SURVEY_LINK_WINDOW_MS });
  const what = "attempts with survey links that do not work";
  const blockedUntil = new Map<string, number>();
  const guardHandler: RequestHandler = (req, _res, next) => {
    if (blockedUntil.size === 0) return next();
    const until = blockedUntil.get(req.ip ?? "");
    if (until === undefined) return next();
    if (until <= Date.now()) {
      blockedUntil.delete(req.ip ?? "");
      return next();
    }
    next(tooMany(what, new Date(until)));
  };
  const countUnknownLinks: ErrorRequestHandler = (error, req, _res, next) => {
    if (!(error instanceof AppError) || error.reason !== "unknown_link") return next(error);
    const ip = req.ip ?? "";
    store.increment(ip).then(({ totalHits, resetTime }) => {
      if (totalHits <= SURVEY_LINK_LIMIT) return next(error);
      if (resetTime) blockedUntil.set(ip, resetTime.getTime());
      next(tooMany(what, resetTime));
    }, next);
  };
  return { guard: () => guardHandler, countUnknownLinks };
}
