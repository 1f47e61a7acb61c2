// createApp(deps) builds the whole Express app from its dependencies, so tests
// build it in-process and server.ts only adds listening and shutdown.
import path from "node:path";
import express, { type Express } from "express";
import type { Config } from "./config.js";
import type { Database } from "./db/client.js";
import { errorHandler, notFound } from "./http/errors.js";
import { requestLogging } from "./http/request-logging.js";
import { useViews, viewsDir } from "./http/view-engine.js";
import type { Logger } from "./logger.js";
import type { MailCatcher } from "./mail/mail-catcher.js";
import { useSecurity } from "./http/security.js";
import { accessRouter } from "./routes/access.js";
import { agenciesRouter } from "./routes/agencies.js";
import { adminRouter } from "./routes/admin.js";
import { authRouter } from "./routes/auth.js";
import { caughtMailRouter } from "./routes/caught-mail.js";
import { codebookRouter } from "./routes/codebook.js";
import { emailTemplatesRouter } from "./routes/email-templates.js";
import { exportRouter } from "./routes/export.js";
import { healthRouter } from "./routes/health.js";
import { homeRouter } from "./routes/home.js";
import { invitationsRouter } from "./routes/invitations.js";
import { monitoringRouter } from "./routes/monitoring.js";
import { optOutRouter } from "./routes/opt-out.js";
import { passwordRouter } from "./routes/password.js";
import { respondRouter } from "./routes/respond.js";
import { resultsRouter } from "./routes/results.js";
import { setupRouter } from "./routes/setup.js";
import { staffRouter } from "./routes/staff.js";
import { wavesRouter } from "./routes/waves.js";

export type Clock = { now(): Date };

export type AppDeps = {
  config: Config;
  db: Database;
  logger: Logger;
  /** Signs session and CSRF cookies (config.sessionSecret, or one kept in the database). */
  sessionSecret: string;
  /** Makes invitations' personal links (config.invitationLinkSecret, or one kept in the database). */
  linkSecret: string;
  /** The development mail catcher, when this process runs one (no SMTP_HOST). */
  mailCatcher?: MailCatcher | null;
  clock?: Clock;
};

export function createApp(deps: AppDeps): Express {
  const { config, logger } = deps;
  const app = express();
  app.disable("x-powered-by");
  // Pages carry no-store (security.ts): an ETag, a hash of every page sent, would never be used.
  app.set("etag", false);
  app.set("trust proxy", config.trustProxy);
  useViews(app, { cache: config.env !== "development" });

  app.use(requestLogging(logger));
  app.use(
    "/static",
    express.static(path.resolve(viewsDir, "..", "public"), { maxAge: config.env === "production" ? "1d" : 0 }),
  );
  app.use(express.urlencoded({ extended: false, limit: "100kb", parameterLimit: 2000 }));
  app.use(express.json({ limit: "100kb" }));

  useSecurity(app, { config, db: deps.db.prisma, sessionSecret: deps.sessionSecret });
  // First: agencies' pages are the busiest, and no other router matches /s/.
  app.use(respondRouter(deps));
  app.use(healthRouter(deps));
  app.use(optOutRouter(deps));
  app.use(homeRouter());
  app.use(setupRouter(deps));
  app.use(authRouter(deps));
  app.use(passwordRouter(deps));
  app.use(caughtMailRouter(deps));
  app.use(staffRouter());
  app.use(codebookRouter(deps));
  app.use(exportRouter(deps));
  app.use(accessRouter(deps));
  app.use(adminRouter(deps));
  app.use(agenciesRouter(deps));
  app.use(emailTemplatesRouter(deps));
  app.use(wavesRouter(deps));
  app.use(invitationsRouter(deps));
  app.use(monitoringRouter(deps));
  app.use(resultsRouter(deps));

  app.use(notFound);
  app.use(errorHandler);
  return app;
}
