// Outbox send throughput: 18,000 rendered invitations through the outbox and its
// worker (claim, send-time checks, pooled SMTP, outcome recording in SQLite)
// against the bare minimum doing the same SMTP work: a nodemailer pooled loop
// sending the same messages with the same pool, the same concurrency and no
// throttle (the subject runs unthrottled too). Both send to a minimal SMTP sink
// in a child process on 127.0.0.1, so the sink does not share the event loop.
//
//   npx tsx bench/outbox-send.bench.ts [--messages N]
//
// Prints one line: outbox-send: ratio R (subject X msg/s, baseline Y msg/s),
// R = subject / baseline (above 1 = subject better).
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { SMTPServer } from "smtp-server";
import { enqueueMessages, type OutboxMessageInput } from "../src/invitations/outbox/enqueue-messages.js";
import type { Database } from "../src/db/client.js";
import { startOutboxWorker, type OutboxWorker } from "../src/invitations/outbox/run-worker.js";
import { createLogger } from "../src/logger.js";
import { createTransport, type MailTransport, type SmtpSettings } from "../src/mail/create-transport.js";
import { createTestDatabase } from "../test/support/database.js";
import { createSurveyWithInvitations, type FixtureInvitation } from "../test/integration/outbox/fixtures.js";

const POOL = 5;
const IN_FLIGHT = 2 * POOL;
const FROM = '"LESM Survey" <survey@lesm.test>';

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

// ---- the sink: accepts everything and reads each message to its end, nothing more ----
async function runSink(): Promise<void> {
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS", "AUTH"],
    authOptional: true,
    disableReverseLookup: true,
    logger: false,
    closeTimeout: 100,
    onData(stream, _session, done) {
      stream.on("end", () => done());
      stream.resume();
    },
  });
  server.listen(0, "127.0.0.1", () => {
    process.stdout.write(`${(server.server.address() as AddressInfo).port}\n`);
  });
  process.on("SIGTERM", () => server.close(() => process.exit(0)));
}

async function startSink(): Promise<{ smtp: SmtpSettings; child: ChildProcess }> {
  const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--sink"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const [chunk] = (await once(child.stdout!, "data")) as [Buffer];
  return { smtp: { host: "127.0.0.1", port: Number(chunk.toString().trim()), secure: false }, child };
}

// ---- the messages: what the invitation templates render, one per agency ----
function render(invitation: FixtureInvitation, waveId: number): OutboxMessageInput {
  const link = `https://survey.lesm.test/s/${invitation.id.toString(36)}${"x".repeat(32)}`;
  const paragraph =
    "The Urban Institute and the International Association of Chiefs of Police invite your agency to take part " +
    "in the 2016 Law Enforcement Use of Social Media Survey. It asks how your agency uses social media, how it " +
    "manages it, the tone it takes, the barriers it meets and what it needs. ";
  return {
    kind: "invitation",
    to: invitation.email,
    subject: "Your agency is invited: 2016 Law Enforcement Use of Social Media Survey",
    text: `Dear Chief,\n\n${paragraph.repeat(4)}\n\nYour personal link: ${link}\n\nTo stop these emails: ${link}/opt-out\n`,
    html:
      `<!doctype html><html><body><p>Dear Chief,</p>${`<p>${paragraph}</p>`.repeat(4)}` +
      `<p><a href="${link}">Start the survey</a></p><p><a href="${link}/opt-out">Stop these emails</a></p></body></html>`,
    headers: { "List-Unsubscribe": `<${link}/opt-out>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
    invitationId: invitation.id,
    waveId,
  };
}

// ---- the baseline: a plain pooled loop, IN_FLIGHT messages outstanding ----
async function baseline(transport: MailTransport, messages: OutboxMessageInput[]): Promise<number> {
  let next = 0;
  const started = performance.now();
  const lane = async () => {
    while (next < messages.length) {
      const m = messages[next++]!;
      await transport.sendMail({
        from: FROM,
        to: m.to,
        subject: m.subject,
        text: m.text,
        html: m.html,
        headers: m.headers,
        messageId: `<baseline.${next}.${Date.now()}@lesm.test>`,
      });
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
  return performance.now() - started;
}

// ---- the subject: queue the messages (untimed), then time the worker until all are sent and recorded ----
async function subject(worker: OutboxWorker, db: Database, messages: OutboxMessageInput[]): Promise<number> {
  await enqueueMessages({ db: db.prisma, messages });
  // Queuing wrote megabytes to the WAL; fold them into the database now, so the
  // checkpoint is not charged to the sending that follows.
  await db.prisma.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
  const started = performance.now();
  await worker.drain();
  return performance.now() - started;
}

async function main(): Promise<void> {
  const count = Number(argValue("--messages") ?? 18_000);
  if (!Number.isInteger(count) || count < 1) throw new Error("--messages expects a whole number");
  const warmup = Math.min(500, count);
  const sink = await startSink();
  const database = await createTestDatabase("sqlite");
  const subjectTransport = createTransport({ smtp: sink.smtp, maxConnections: POOL });
  const baselineTransport = createTransport({ smtp: sink.smtp, maxConnections: POOL });
  const worker = startOutboxWorker({
    db: database.db,
    transport: subjectTransport,
    logger: createLogger("warn"),
    workerId: "bench",
    from: FROM,
    ratePerSecond: 0,
    maxInFlight: IN_FLIGHT,
  });
  try {
    const { waveId, invitations } = await createSurveyWithInvitations(database.db.prisma, count + warmup);
    const messages = invitations.map((i) => render(i, waveId));
    await baseline(baselineTransport, messages.slice(count));
    await subject(worker, database.db, messages.slice(count));

    // The machines are shared: alternate the two in rounds (S B B S S B ...), so
    // a busy spell elsewhere weighs on both alike.
    const rounds = Math.max(1, Math.min(6, Math.floor(count / 500)));
    const timeMs = { subject: 0, baseline: 0 };
    for (let r = 0; r < rounds; r++) {
      const chunk = messages.slice(Math.floor((r * count) / rounds), Math.floor(((r + 1) * count) / rounds));
      const order = r % 2 === 0 ? (["subject", "baseline"] as const) : (["baseline", "subject"] as const);
      for (const which of order) {
        timeMs[which] +=
          which === "subject" ? await subject(worker, database.db, chunk) : await baseline(baselineTransport, chunk);
      }
    }
    const sent = await database.db.prisma.emailMessage.count({ where: { status: "sent" } });
    if (sent !== count + warmup) throw new Error(`the outbox sent ${sent} of ${count + warmup} messages`);

    const subjectRate = count / (timeMs.subject / 1000);
    const baselineRate = count / (timeMs.baseline / 1000);
    console.log(
      `outbox-send: ratio ${(subjectRate / baselineRate).toFixed(2)} (subject ${subjectRate.toFixed(0)} msg/s, baseline ${baselineRate.toFixed(0)} msg/s)`,
    );
  } finally {
    await worker.stop();
    subjectTransport.close();
    baselineTransport.close();
    sink.child.kill("SIGTERM");
    await database.cleanup();
  }
}

if (process.argv.includes("--sink")) {
  void runSink();
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
