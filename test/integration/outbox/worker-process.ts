// Runs `src/cli/worker.ts` as a real child process, configured through the
// environment exactly as `npm run worker` would be.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { SmtpSettings } from "../../../src/mail/create-transport.js";
import { TEST_LINK_SECRET } from "../../support/app.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

export type WorkerProcess = {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
};

export function spawnWorker(options: {
  databaseUrl: string;
  smtp: SmtpSettings;
  workerId: string;
  ratePerSecond?: number;
  env?: Record<string, string>;
}): WorkerProcess {
  const chunks: string[] = [];
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/worker.ts"], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "test",
      LOG_LEVEL: "warn",
      DATABASE_URL: options.databaseUrl,
      SMTP_HOST: options.smtp.host,
      SMTP_PORT: String(options.smtp.port),
      // Set, though empty (= unset), so a developer's .env cannot fill them in.
      SMTP_SECURE: "",
      SMTP_USER: "",
      SMTP_PASSWORD: "",
      MAIL_FROM: '"LESM Survey" <survey@lesm.test>',
      MAIL_RATE_PER_SECOND: String(options.ratePerSecond ?? 0),
      MAIL_MAX_CONNECTIONS: "5",
      WORKER_ID: options.workerId,
      INVITATION_LINK_SECRET: TEST_LINK_SECRET,
      PUBLIC_URL: "http://survey.test",
      SHUTDOWN_TIMEOUT_MS: "15000",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (c: Buffer) => chunks.push(c.toString()));
  child.stderr?.on("data", (c: Buffer) => chunks.push(c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return { child, exited, output: () => chunks.join("") };
}
