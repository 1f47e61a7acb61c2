// Request ids and request logs (pino-http). Every response carries its
// request id as X-Request-Id; a sane id from a proxy is kept.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { RequestHandler } from "express";
import { pinoHttp } from "pino-http";
import type { Logger } from "../logger.js";

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

function requestIdOf(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers["x-request-id"];
  const id = typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader("X-Request-Id", id);
  return id;
}

export function requestLogging(logger: Logger): RequestHandler {
  const logged = pinoHttp({
    logger,
    genReqId: requestIdOf,
    autoLogging: { ignore: (req) => req.url === "/healthz" },
  });
  if (logger.isLevelEnabled("info")) return logged;
  // Below "info" no line is written per request, so the request's own logger
  // (which serializes the request when made) is made only when something is
  // logged through it: an error. Its lines are the same as pino-http's.
  // `req.log` is a getter on the app's request prototype (each Express app has
  // its own), defined once: defining it on every request changed the shape of
  // each request object, which cost more than the rest of this middleware.
  const loggers = new WeakMap<object, Logger>();
  const lazyLog: PropertyDescriptor = {
    configurable: true,
    get(this: IncomingMessage) {
      let log = loggers.get(this);
      if (!log) {
        log = logged.logger.child({ req: this });
        loggers.set(this, log);
      }
      return log;
    },
    set(this: IncomingMessage, value: Logger) {
      loggers.set(this, value);
    },
  };
  const prototypes = new WeakSet<object>();
  return (req, res, next) => {
    req.id = requestIdOf(req, res);
    const prototype = Object.getPrototypeOf(req) as object;
    if (!prototypes.has(prototype)) {
      Object.defineProperty(prototype, "log", lazyLog);
      prototypes.add(prototype);
    }
    next();
  };
}
