// GET /healthz: 200 while the database answers, 503 when it does not.
import { Router } from "express";
import { allow } from "../auth/roles.js";
import type { AppDeps } from "../app.js";
import { isReachable } from "../db/client.js";

export function healthRouter({ db }: AppDeps): Router {
  const router = Router();
  router.get("/healthz", allow("public"), async (_req, res) => {
    const database = await isReachable(db);
    res
      .status(database ? 200 : 503)
      .set("Cache-Control", "no-store")
      .json({ status: database ? "ok" : "unavailable", database: database ? "reachable" : "unreachable" });
  });
  return router;
}
