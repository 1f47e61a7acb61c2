// The one place that reads process.env. Every variable is documented in the
// README and .env.example; a bad value stops start-up with a message naming it.
import os from "node:os";
import { z } from "zod";

const boolean = z
  .enum(["true", "false", "1", "0", "yes", "no"], { message: "expected true or false" })
  .transform((v) => v === "true" || v === "1" || v === "yes");

const integer = (min: number, max: number) =>
  z.coerce
    .number({ message: `expected a whole number from ${min} to ${max}` })
    .int({ message: `expected a whole number from ${min} to ${max}` })
    .min(min, { message: `expected a whole number from ${min} to ${max}` })
    .max(max, { message: `expected a whole number from ${min} to ${max}` });

const databaseUrl = z.string().refine((v) => v.startsWith("file:") || /^postgres(ql)?:\/\//.test(v), {
  message: "expected file:<path> (SQLite) or postgresql://user@host:port/database",
});

const schema = z.object({
  NODE_ENV: z
    .enum(["development", "production", "test"], { message: "expected development, production or test" })
    .default("development"),
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: integer(0, 65535).default(3000),
  PUBLIC_URL: z.url({ message: "expected an absolute http(s) URL, e.g. https://survey.example.org" }).optional(),
  DATABASE_URL: databaseUrl.default("file:./data/survey.db"),
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
      message: "expected one of fatal, error, warn, info, debug, trace, silent",
    })
    .optional(),
  TRUST_PROXY: z
    .string()
    .default("false")
    .transform((v): boolean | number | string =>
      v === "true" ? true : v === "false" ? false : /^\d+$/.test(v) ? Number(v) : v,
    ),
  SHUTDOWN_TIMEOUT_MS: integer(100, 600_000).default(10_000),
  SEED_DEMO: boolean.optional(),
  SESSION_SECRET: z.string().min(32, { message: "expected at least 32 random characters" }).optional(),
  INVITATION_LINK_SECRET: z.string().min(32, { message: "expected at least 32 random characters" }).optional(),
  SESSION_IDLE_MINUTES: integer(1, 24 * 60).default(30),
  SESSION_ABSOLUTE_HOURS: integer(1, 24 * 30).default(12),
  ...mailSchema(),
});

export type Config = {
  env: "development" | "production" | "test";
  host: string;
  port: number;
  publicUrl: string;
  databaseUrl: string;
  logLevel: string;
  trustProxy: boolean | number | string;
  shutdownTimeoutMs: number;
  seedDemo: boolean;
  /** Signs session and CSRF cookies. Required in production; elsewhere kept in the database when unset. */
  sessionSecret: string | undefined;
  /**
   * Turns an invitation's stored nonce into its personal link (see invitation-link.ts).
   * Required in production; elsewhere kept in the database when unset. Changing it
   * breaks every link already sent.
   */
  invitationLinkSecret: string | undefined;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  mail: MailConfig;
};

export class ConfigError extends Error {}

/** Parses the environment; throws ConfigError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = schema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== "")),
  );
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? "environment");
      const got = env[name];
      return `  ${name}: ${issue.message}${got === undefined ? "" : ` (got ${JSON.stringify(got)})`}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const v = result.data;
  const missing = (["SESSION_SECRET", "INVITATION_LINK_SECRET"] as const).filter(
    (name) => v.NODE_ENV === "production" && !v[name],
  );
  if (missing.length) {
    throw new ConfigError(
      `Invalid configuration:\n${missing.map((name) => `  ${name}: required in production (at least 32 random characters)`).join("\n")}`,
    );
  }
  return {
    env: v.NODE_ENV,
    host: v.HOST,
    port: v.PORT,
    publicUrl: (v.PUBLIC_URL ?? `http://localhost:${v.PORT}`).replace(/\/+$/, ""),
    databaseUrl: v.DATABASE_URL,
    logLevel: v.LOG_LEVEL ?? (v.NODE_ENV === "test" ? "error" : "info"),
    trustProxy: v.TRUST_PROXY,
    shutdownTimeoutMs: v.SHUTDOWN_TIMEOUT_MS,
    seedDemo: v.SEED_DEMO ?? v.NODE_ENV !== "production",
    sessionSecret: v.SESSION_SECRET,
    invitationLinkSecret: v.INVITATION_LINK_SECRET,
    sessionIdleMs: v.SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: v.SESSION_ABSOLUTE_HOURS * 3_600_000,
    mail: mailConfigOf(v),
  };
}

// ---- mail: the SMTP relay, the outbox worker, the development mail catcher ----

function mailSchema() {
  const rate = "expected messages per second, a number from 0 (no limit) to 10000";
  return {
    SMTP_HOST: z.string().min(1).optional(),
    SMTP_PORT: integer(1, 65535).optional(),
    SMTP_SECURE: boolean.optional(),
    SMTP_USER: z.string().min(1).optional(),
    SMTP_PASSWORD: z.string().min(1).optional(),
    MAIL_FROM: z
      .string()
      .regex(/^[^<>@\s]+@[^<>@\s]+$|<[^<>@\s]+@[^<>@\s]+>$/, {
        message: 'expected an address, optionally with a name: "LESM Survey" <survey@example.org>',
      })
      .default('"LESM Survey" <survey@localhost>'),
    MAIL_RATE_PER_SECOND: z.coerce
      .number({ message: rate })
      .min(0, { message: rate })
      .max(10_000, { message: rate })
      .default(10),
    MAIL_MAX_CONNECTIONS: integer(1, 100).default(5),
    MAIL_CATCHER_PORT: integer(0, 65535).default(1025),
    WORKER_IN_PROCESS: boolean.optional(),
    WORKER_ID: z
      .string()
      .regex(/^[A-Za-z0-9._:-]{1,100}$/, { message: "expected 1 to 100 letters, digits or . _ : -" })
      .optional(),
  };
}

export type MailConfig = {
  /** null: no relay configured, so mail goes to the development mail catcher. */
  smtp: { host: string; port: number; secure: boolean; user?: string; password?: string } | null;
  from: string;
  ratePerSecond: number;
  maxConnections: number;
  catcherPort: number;
  workerInProcess: boolean;
  workerId: string;
};

type MailVars = z.output<z.ZodObject<ReturnType<typeof mailSchema>>>;

function mailConfigOf(v: MailVars & { NODE_ENV: string }): MailConfig {
  // Catching production mail in memory would lose every invitation without a word.
  if (!v.SMTP_HOST && v.NODE_ENV === "production") {
    throw new ConfigError(
      "Invalid configuration:\n  SMTP_HOST: required in production (the SMTP relay to send through)",
    );
  }
  const secure = v.SMTP_SECURE ?? false;
  return {
    smtp: v.SMTP_HOST
      ? {
          host: v.SMTP_HOST,
          port: v.SMTP_PORT ?? (secure ? 465 : 587),
          secure,
          ...(v.SMTP_USER ? { user: v.SMTP_USER, password: v.SMTP_PASSWORD ?? "" } : {}),
        }
      : null,
    from: v.MAIL_FROM,
    ratePerSecond: v.MAIL_RATE_PER_SECOND,
    maxConnections: v.MAIL_MAX_CONNECTIONS,
    catcherPort: v.MAIL_CATCHER_PORT,
    workerInProcess: v.WORKER_IN_PROCESS ?? true,
    // Stable across restarts, so a restarted worker recognises its own unfinished claims.
    workerId:
      v.WORKER_ID ??
      os
        .hostname()
        .replace(/[^A-Za-z0-9._:-]/g, "-")
        .slice(0, 100),
  };
}
