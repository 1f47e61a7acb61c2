// Outbox send throughput: 18,000 rendered invitations through the outbox and its
// worker (claim, send-time checks, the personal links made and filled in at send
// time, pooled SMTP, outcome recording in SQLite)
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
import { ensureInvitations } from "../src/invitations/ensure-invitations.js";
import {
  OPT_OUT_LINK_MARKER,
  SURVEY_LINK_MARKER,
  fillLinks,
  unsubscribeHeaders,
  urlsFor,
  type LinkSettings,
} from "../src/invitations/invitation-link.js";
import { DEFAULT_TEMPLATES } from "../src/invitations/templates/default-email-templates.js";
import { renderSurveyEmail } from "../src/invitations/templates/render-survey-email.js";
import { createSurveyWithAgencies } from "../test/integration/outbox/fixtures.js";

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

// ---- the messages: what a wave queues (the default invitation, links as markers) ----
const LINKS: LinkSettings = {
  baseUrl: "https://survey.lesm.test",
  secret: "bench-link-secret-that-is-long-enough-0123",
};
type BenchInvitation = { id: number; email: string; name: string; nonce: string };

function queued(invitation: BenchInvitation, waveId: number): OutboxMessageInput {
  const values = {
    agencyName: invitation.name,
    contactName: "Chief Example",
    deadline: "June 30, 2016",
    coordinatorSignature: "Survey coordinator\nIACP",
  };
  const email = renderSurveyEmail(DEFAULT_TEMPLATES.invitation, values, {
    link: SURVEY_LINK_MARKER,
    optOutLink: OPT_OUT_LINK_MARKER,
  });
  return {
    kind: "invitation",
    to: invitation.email,
    ...email,
    headers: unsubscribeHeaders,
    invitationId: invitation.id,
    waveId,
  };
}

/** The same message with its links in place: what the baseline sends. */
function rendered(message: OutboxMessageInput, invitation: BenchInvitation): OutboxMessageInput {
  const urls = urlsFor(LINKS, invitation.nonce);
  const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, fillLinks(v, urls)]));
  return {
    ...message,
    subject: fillLinks(message.subject, urls),
    text: fillLinks(message.text, urls),
    html: fillLinks(message.html ?? "", urls),
    headers,
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
    links: LINKS,
  });
  try {
    const prisma = database.db.prisma;
    const { surveyId, agencies } = await createSurveyWithAgencies(prisma, count + warmup);
    const ids = await ensureInvitations({
      db: prisma,
      surveyId,
      agencyIds: agencies.map((a) => a.id),
      linkSecret: LINKS.secret,
    });
    const wave = await prisma.wave.create({
      data: { surveyId, kind: "invitation", name: "Bench", scheduledAt: new Date() },
    });
    const nonces = new Map(
      (await prisma.invitation.findMany({ where: { surveyId }, select: { id: true, linkNonce: true } })).map((i) => [
        i.id,
        i.linkNonce!,
      ]),
    );
    const invitations: BenchInvitation[] = agencies.map((a, i) => {
      const id = ids.get(a.id)!;
      return { id, email: a.contactEmail!, name: `Police Department ${i}`, nonce: nonces.get(id)! };
    });
    const messages = invitations.map((i) => queued(i, wave.id));
    const plain = messages.map((m, i) => rendered(m, invitations[i]!));
    await baseline(baselineTransport, plain.slice(count));
    await subject(worker, database.db, messages.slice(count));

    // The machines are shared: alternate the two in rounds (S B B S S B ...), so
    // a busy spell elsewhere weighs on both alike.
    const rounds = Math.max(1, Math.min(6, Math.floor(count / 500)));
    const timeMs = { subject: 0, baseline: 0 };
    for (let r = 0; r < rounds; r++) {
      const from = Math.floor((r * count) / rounds);
      const to = Math.floor(((r + 1) * count) / rounds);
      const chunk = messages.slice(from, to);
      const order = r % 2 === 0 ? (["subject", "baseline"] as const) : (["baseline", "subject"] as const);
      for (const which of order) {
        timeMs[which] +=
          which === "subject"
            ? await subject(worker, database.db, chunk)
            : await baseline(baselineTransport, plain.slice(from, to));
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
