// 404 for unknown routes and one error handler: known errors get their own
// status and page; anything else is a 500 page carrying the request id, with the
// stack in the log and never in the response.
import type { ErrorRequestHandler, RequestHandler } from "express";
import { AppError, statusOf } from "./app-error.js";

export const notFound: RequestHandler = (_req, _res, next) => {
  next(
    new AppError(
      "not_found",
      "Page not found",
      "There is no page at this address. Check the link, or start again from the home page.",
    ),
  );
};

/** Errors raised by body parsers and other middleware carry an HTTP status of their own. */
function clientStatusOf(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const status =
    (error as { status?: unknown; statusCode?: unknown }).status ?? (error as { statusCode?: unknown }).statusCode;
  return typeof status === "number" && status >= 400 && status < 500 ? status : undefined;
}

const clientMessages: Record<number, [string, string]> = {
  400: ["Bad request", "The request could not be understood. Go back, check what you entered and try again."],
  403: [
    "This form has expired",
    "For your security the form could not be accepted. Go back, reload the page and try again.",
  ],
  413: ["Too large", "What you sent is larger than this site accepts."],
  415: ["Unsupported content", "This kind of content is not accepted here."],
};

export const errorHandler: ErrorRequestHandler = (error, req, res, _next) => {
  let status: number;
  let title: string;
  let detail: string;
  if (error instanceof AppError && error.location && req.method === "GET" && !res.headersSent) {
    // A browser that is not signed in goes to the sign-in page and comes back.
    res.redirect(303, error.location);
    return;
  }
  if (error instanceof AppError) {
    res.locals.errorReason = error.reason;
    status = statusOf[error.code];
    title = error.message;
    detail = error.detail;
  } else if (clientStatusOf(error)) {
    status = clientStatusOf(error)!;
    [title, detail] = clientMessages[status] ?? ["Request refused", "The request could not be accepted."];
    // The message only: a parser error can carry the raw body, which may hold a password.
    req.log.warn({ status, reason: (error as Error).message }, "client error");
  } else {
    status = 500;
    title = "Something went wrong";
    detail =
      "The error has been logged. Please try again in a moment; if it keeps happening, quote the reference below.";
    req.log.error({ err: error }, "unhandled error");
  }
  if (res.headersSent) {
    // Too late for a page: end the connection so the client sees a broken response, not a short one.
    res.destroy();
    return;
  }
  res.status(status);
  if (req.accepts(["html", "json"]) === "json") {
    res.json({ error: { status, title, detail, requestId: req.id } });
    return;
  }
  res.render("pages/error", {
    title,
    status,
    detail,
    requestId: req.id,
    pageTitle: `${title} (${status})`,
    signIn: status === 401,
  });
};
