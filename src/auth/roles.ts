// Who may use a route. Every route declares its audience with `allow(...)` as
// its first handler; a test walks the router stack and fails on any route
// without one, then checks every route for every kind of visitor.
import type { RequestHandler } from "express";
import { AppError } from "../http/app-error.js";

export const STAFF_ROLES = ["admin", "coordinator", "researcher"] as const;
export type Role = (typeof STAFF_ROLES)[number];

/** "public": anyone; "agency": the holder of a personal survey link (checked by the route). */
export type Audience = Role | "public" | "agency";

export type SignedInUser = { id: number; email: string; name: string; role: Role; canSeeContacts: boolean };

export type GuardHandler = RequestHandler & { audience: readonly Audience[] };

export function allow(...audience: Audience[]): GuardHandler {
  const open = audience.includes("public") || audience.includes("agency");
  const guard: RequestHandler = (req, _res, next) => {
    if (open) return next();
    const user = req.user as SignedInUser | undefined;
    if (!user) {
      // Back to the page after signing in; only a local path, never an open redirect.
      const back = req.method === "GET" ? `?next=${encodeURIComponent(req.originalUrl)}` : "";
      return next(
        new AppError(
          "unauthorized",
          "Sign in to continue",
          "This page is for survey staff. Your session may have ended.",
          `/login${back}`,
        ),
      );
    }
    // Admins may do everything.
    if (user.role === "admin" || audience.includes(user.role)) return next();
    next(
      new AppError(
        "forbidden",
        "You do not have access to this page",
        "Your role does not include it. An admin can change your role.",
      ),
    );
  };
  return Object.assign(guard, { audience });
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (STAFF_ROLES as readonly string[]).includes(value);
}
