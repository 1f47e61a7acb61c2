// The one error type services throw; the error middleware maps its code to a
// status and a page, so services never decide HTTP details.
export type AppErrorCode =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "gone"
  | "payload_too_large"
  | "too_many_requests"
  | "unavailable";

export const statusOf: Record<AppErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  too_many_requests: 429,
  unavailable: 503,
};

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    /** Shown to the user under the heading; `message` is the heading. */
    readonly detail = "",
    /** For "unauthorized": where a browser should go to sign in. */
    readonly location?: string,
    /** A finer reason middleware can act on (e.g. "unknown_link" for the survey-link rate limit). */
    readonly reason?: string,
  ) {
    super(message);
    this.name = "AppError";
  }
}
