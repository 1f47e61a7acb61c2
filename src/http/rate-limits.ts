// Rate limits that slow guessing. They count failures, not visits, and answer
// the same whether or not an account exists, so they reveal nothing.
import type { Request, RequestHandler, Response } from "express";
import { rateLimit } from "express-rate-limit";
import { AppError } from "./app-error.js";

function tooMany(what: string): (req: Request) => never {
  return (req) => {
    const reset = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
    const minutes = reset ? Math.max(1, Math.ceil((reset.getTime() - Date.now()) / 60_000)) : 15;
    throw new AppError(
      "too_many_requests",
      `Too many ${what}`,
      `For your security, please wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again.`,
    );
  };
}

type LimiterOptions = {
  windowMs: number;
  limit: number;
  what: string;
  key: (req: Request) => string;
  countAll?: boolean;
  /** Which answers count as failures (default: any 4xx or 5xx). */
  failed?: (res: Response) => boolean;
};

function limiter(options: LimiterOptions): RequestHandler {
  const refuse = tooMany(options.what);
  return rateLimit({
    windowMs: options.windowMs,
    limit: options.limit,
    standardHeaders: "draft-7",
    legacyHeaders: false,
    skipSuccessfulRequests: !options.countAll,
    ...(options.failed ? { requestWasSuccessful: (_req: Request, res: Response) => !options.failed!(res) } : {}),
    keyGenerator: options.key,
    handler: (req, _res, next) => {
      try {
        refuse(req);
      } catch (error) {
        next(error);
      }
    },
  });
}

const emailOf = (req: Request) => {
  const email = (req.body as Record<string, unknown> | undefined)?.email;
  return typeof email === "string" ? email.trim().toLowerCase().slice(0, 254) : "";
};

/** Failed sign-ins: 5 per account name per 15 minutes, 50 per address. */
export function signInLimits(): RequestHandler[] {
  return [
    limiter({ windowMs: 15 * 60_000, limit: 50, what: "sign-in attempts", key: (req) => `ip:${req.ip}` }),
    limiter({ windowMs: 15 * 60_000, limit: 5, what: "sign-in attempts", key: (req) => `email:${emailOf(req)}` }),
  ];
}

/** Password reset requests: 5 per address per hour, counted whatever the outcome. */
export function passwordResetLimit(): RequestHandler {
  return limiter({
    windowMs: 60 * 60_000,
    limit: 5,
    what: "reset requests",
    key: (req) => `reset:${req.ip}`,
    countAll: true,
  });
}

/** Survey links: 20 links that do not exist per address per 15 minutes (an agency's own mistakes on a page never count). */
export function surveyTokenLimit(): RequestHandler {
  return limiter({
    windowMs: 15 * 60_000,
    limit: 20,
    what: "attempts with survey links that do not work",
    key: (req) => `token:${req.ip}`,
    failed: (res) => res.locals.errorReason === "unknown_link",
  });
}

/** Access requests: 10 submissions per address per hour, counted whatever the outcome. */
export function accessRequestLimit(): RequestHandler {
  return limiter({
    windowMs: 60 * 60_000,
    limit: 10,
    what: "access requests",
    key: (req) => `access:${req.ip}`,
    countAll: true,
  });
}
