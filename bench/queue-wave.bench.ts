// Queuing a wave to the whole sample frame: 18,000 agencies, through the wave
// services the send page uses: the confirmation's classification, then the
// queuing (the wave, the invitations with their link nonces, one rendered
// message and one timeline event per recipient, the audit row), first for an
// invitation wave to all, then, once every invitation counts as sent, for a
// reminder wave to all.
// The baseline is the bare minimum doing the same work on SQLite: one SELECT
// of the candidates, the same emails rendered and the same link nonces made,
// and the same rows written with plain multi-row INSERTs, one better-sqlite3
// transaction per wave. The ratio is baseline / subject (above 1 would mean the
// subject is faster), over the two queuings; the confirmations are printed too.
//   npx tsx bench/queue-wave.bench.ts [--agencies 18000] [--rounds 2] [--postgres postgresql://...]
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import type BetterSqlite3 from "better-sqlite3";
import { hashToken } from "../src/auth/tokens.js";
import { openDatabase, type Database } from "../src/db/client.js";
import { migrate } from "../src/db/migrate.js";
import { timestamp } from "../src/db/timestamp.js";
import {
  OPT_OUT_LINK_MARKER,
  SURVEY_LINK_MARKER,
  linkToken,
  newLinkNonces,
  unsubscribeHeaders,
} from "../src/invitations/invitation-link.js";
import { DEFAULT_TEMPLATES } from "../src/invitations/templates/default-email-templates.js";
import { renderSurveyEmail } from "../src/invitations/templates/render-survey-email.js";
import { classifyRecipients } from "../src/invitations/waves/classify-recipients.js";
import { queueWave } from "../src/invitations/waves/queue-wave.js";
import type { WaveRequest } from "../src/invitations/waves/wave-form.js";
import { STATES } from "../src/questionnaire/lesm-2016-options.js";
import { freshDatabase, plainSqlite } from "./support/fresh-database.js";
import { reportRatio } from "./support/report.js";

const { values } = parseArgs({
  options: {
    agencies: { type: "string", default: "18000" },
    rounds: { type: "string", default: "2" },
    postgres: { type: "string" },
  },
});
const count = Number(values.agencies);
const rounds = Number(values.rounds);
const dir = mkdtempSync(path.join(os.tmpdir(), "lesm-bench-"));
const seconds = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e9;
const LINK_SECRET = "bench-link-secret-that-is-long-enough-0123";
const SIGNATURE = "Survey coordinator\nIACP";

// A frame shaped like the real one: every 50th agency has no email, every 97th is do-not-contact.
type FrameAgency = { name: string; state: string; contactName: string; email: string | null; dnc: boolean };
const frame: FrameAgency[] = Array.from({ length: count }, (_, i) => {
  const place = `Riverton ${i}`;
  return {
    name: i % 3 === 0 ? `${place} County Sheriff's Office` : `${place} Police Department`,
    state: STATES[i % STATES.length]!.code,
    contactName: `Chief ${place}, Jr.`,
    email: i % 50 === 49 ? null : `chief${i}@agency${i}.example`,
    dnc: i % 97 === 96,
  };
});
/** After the invitations went out: the states a reminder wave sees (some started, some submitted). */
const STATE_AFTER_SEND = `CASE WHEN id % 7 = 0 THEN 'submitted' WHEN id % 5 = 0 THEN 'started' ELSE 'invited' END`;

const request = (kind: WaveRequest["kind"]): WaveRequest => ({
  kind,
  selection: { type: "all" },
  group: "both",
  sendAt: null,
  name: `${kind} wave`,
});

const freshUrl = (name: string) => freshDatabase({ dir, name, postgres: values.postgres });

async function seed(db: Database): Promise<{ surveyId: number; userId: number }> {
  const prisma = db.prisma;
  const user = await prisma.user.create({ data: { email: "bench@example.org", role: "coordinator" } });
  const survey = await prisma.survey.create({
    data: {
      slug: "lesm-2016",
      title: "Law Enforcement Use of Social Media Survey",
      year: 2016,
      coordinatorSignature: SIGNATURE,
      questionnaireVersion: { create: { code: "lesm-2016", title: "LESM 2016", versionHash: "x", definition: "{}" } },
    },
  });
  for (let i = 0; i < frame.length; i += 1000) {
    await prisma.agency.createMany({
      data: frame.slice(i, i + 1000).map((a) => ({
        name: a.name,
        state: a.state,
        agencyType: "municipal",
        contactName: a.contactName,
        contactEmail: a.email,
        doNotContact: a.dnc,
      })),
    });
  }
  return { surveyId: survey.id, userId: user.id };
}

type Phases = {
  classifyInvitation: number;
  queueInvitation: number;
  classifyReminder: number;
  queueReminder: number;
  /** The longest the event loop stood still while a wave was queued (other requests wait that long). */
  longestPause: number;
};

async function subject(): Promise<Phases> {
  const target = await freshUrl(`subject-${randomBytes(4).toString("hex")}`);
  await migrate(target.url);
  const db = await openDatabase(target.url);
  try {
    const { surveyId, userId } = await seed(db);
    const common = { db, surveyId, linkSecret: LINK_SECRET, userId, ip: "127.0.0.1" };
    const phases = {} as Phases;
    for (const kind of ["invitation", "reminder"] as const) {
      if (kind === "reminder") {
        // What the worker would have recorded once the invitations were sent (not timed).
        await db.prisma.$executeRawUnsafe(`UPDATE invitations SET status = ${STATE_AFTER_SEND}`);
        await db.prisma.$executeRawUnsafe(`UPDATE email_messages SET status = 'sent'`);
      }
      let t = process.hrtime.bigint();
      const confirmation = await classifyRecipients({ db, surveyId, request: request(kind) });
      phases[kind === "invitation" ? "classifyInvitation" : "classifyReminder"] = seconds(t);
      const pauses = monitorEventLoopDelay({ resolution: 10 });
      pauses.enable();
      t = process.hrtime.bigint();
      const result = await queueWave({ ...common, request: request(kind) });
      phases[kind === "invitation" ? "queueInvitation" : "queueReminder"] = seconds(t);
      // The monitor's timer records a pause only when it fires after it, so it gets a turn first.
      await sleep(30);
      pauses.disable();
      phases.longestPause = Math.max(phases.longestPause ?? 0, pauses.max / 1e9);
      if (!result.ok || result.queued !== confirmation.recipients.length) throw new Error(`${kind} wave: not queued`);
      const messages = await db.prisma.emailMessage.count({ where: { waveId: result.waveId } });
      const events = await db.prisma.invitationEvent.count({ where: { type: "queued" } });
      if (messages !== result.queued || events < messages) throw new Error(`${kind} wave: rows missing`);
    }
    return phases;
  } finally {
    await db.close();
    await target.drop();
  }
}

// ---- the baseline: plain better-sqlite3, multi-row INSERTs in one transaction per wave ----

/** INSERTs of `rows` in statements of as many rows as SQLite's 32766 variables allow. */
function insertMany(db: BetterSqlite3.Database, head: string, rows: unknown[][], returning = ""): unknown[] {
  const width = rows[0]?.length ?? 1;
  const per = Math.floor(32766 / width);
  const out: unknown[] = [];
  const tuple = `(${Array(width).fill("?").join(", ")})`;
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    const stmt = db.prepare(`${head} VALUES ${Array(chunk.length).fill(tuple).join(", ")} ${returning}`);
    if (returning) out.push(...stmt.all(...chunk.flat()));
    else stmt.run(...chunk.flat());
  }
  return out;
}

function baselineWave(db: BetterSqlite3.Database, surveyId: number, kind: WaveRequest["kind"]): void {
  const now = timestamp(new Date());
  const template = DEFAULT_TEMPLATES[kind];
  const shared = { deadline: "", coordinatorSignature: SIGNATURE };
  const markers = { link: SURVEY_LINK_MARKER, optOutLink: OPT_OUT_LINK_MARKER };
  const headers = JSON.stringify(unsubscribeHeaders);
  db.transaction(() => {
    type Candidate = { id: number; name: string; contact_name: string; email: string; invitation_id: number | null };
    const recipients = db
      .prepare(
        `SELECT a.id, a.name, a.contact_name, a.contact_email AS email, i.id AS invitation_id FROM agencies a
         LEFT JOIN invitations i ON i.agency_id = a.id AND i.survey_id = ?
         WHERE a.do_not_contact = 0 AND a.contact_email IS NOT NULL AND i.opted_out_at IS NULL AND i.submitted_at IS NULL
           AND COALESCE(i.status, 'not_invited') IN (${kind === "invitation" ? "'not_invited', 'failed'" : "'invited', 'opened', 'started'"})
           AND NOT EXISTS (SELECT 1 FROM email_messages m WHERE m.invitation_id = i.id AND m.kind = ? AND m.status IN ('queued', 'sending'))
         ORDER BY a.id`,
      )
      .all(surveyId, kind) as Candidate[];
    const wave = db
      .prepare(
        `INSERT INTO waves (survey_id, kind, name, selection, scheduled_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      )
      .get(surveyId, kind, `${kind} wave`, '{"type":"all"}', now, now, now) as { id: number };
    const missing = recipients.filter((r) => r.invitation_id === null);
    const nonces = newLinkNonces(missing.length);
    const created = insertMany(
      db,
      "INSERT INTO invitations (survey_id, agency_id, token_hash, link_nonce, created_at, updated_at)",
      missing.map((r, i) => {
        const nonce = nonces[i]!;
        return [surveyId, r.id, hashToken(linkToken(LINK_SECRET, nonce)), nonce, now, now];
      }),
      "RETURNING id, agency_id",
    ) as { id: number; agency_id: number }[];
    const invitationOf = new Map(created.map((r) => [r.agency_id, r.id]));
    const messages = recipients.map((r) => {
      const email = renderSurveyEmail(
        template,
        { agencyName: r.name, contactName: r.contact_name, ...shared },
        markers,
      );
      const invitationId = r.invitation_id ?? invitationOf.get(r.id)!;
      return [
        wave.id,
        invitationId,
        kind,
        r.email,
        email.subject,
        email.html,
        email.text,
        headers,
        "queued",
        0,
        now,
        now,
        now,
      ];
    });
    insertMany(
      db,
      `INSERT INTO email_messages (wave_id, invitation_id, kind, to_address, subject, html, text, headers, status, attempts,
        next_attempt_at, created_at, updated_at)`,
      messages,
      "ON CONFLICT (wave_id, invitation_id) DO NOTHING RETURNING id",
    );
    insertMany(
      db,
      "INSERT INTO invitation_events (invitation_id, type, detail, actor_user_id, created_at, updated_at)",
      messages.map((m) => [m[1], "queued", `${kind} to ${m[3]}, wave "${kind} wave"`, null, now, now]),
    );
    db.prepare(
      `INSERT INTO audit_events (action, target_type, target_id, detail, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
    ).run("wave.queued", "wave", String(wave.id), JSON.stringify({ queued: messages.length }), now, now);
  }).immediate();
}

async function baseline(): Promise<number> {
  const db = await plainSqlite(dir, "baseline");
  db.pragma("foreign_keys = ON");
  try {
    const now = timestamp(new Date());
    db.prepare(
      "INSERT INTO questionnaire_versions (code, title, version_hash, definition, updated_at) VALUES (?, ?, ?, ?, ?)",
    ).run("lesm-2016", "LESM 2016", "x", "{}", now);
    const surveyId = Number(
      db
        .prepare(
          "INSERT INTO surveys (slug, title, year, questionnaire_version_id, coordinator_signature, updated_at) VALUES (?, ?, ?, 1, ?, ?)",
        )
        .run("lesm-2016", "LESM 2016", 2016, SIGNATURE, now).lastInsertRowid,
    );
    insertMany(
      db,
      "INSERT INTO agencies (name, state, agency_type, contact_name, contact_email, do_not_contact, updated_at)",
      frame.map((a) => [a.name, a.state, "municipal", a.contactName, a.email, a.dnc ? 1 : 0, now]),
    );
    let total = 0;
    for (const kind of ["invitation", "reminder"] as const) {
      if (kind === "reminder") {
        db.exec(`UPDATE invitations SET status = ${STATE_AFTER_SEND}`);
        db.exec(`UPDATE email_messages SET status = 'sent'`);
      }
      const t = process.hrtime.bigint();
      baselineWave(db, surveyId, kind);
      total += seconds(t);
    }
    return total;
  } finally {
    db.close();
    rmSync(path.join(dir, "baseline.db"), { force: true });
  }
}

try {
  // Rounds alternate, so drift on a shared machine hits both alike; the best of each counts.
  const b: number[] = [];
  const s: Phases[] = [];
  for (let round = 0; round < rounds; round++) {
    b.push(await baseline());
    const phases = await subject();
    s.push(phases);
    console.log(
      `round ${round + 1}: confirm invitations ${phases.classifyInvitation.toFixed(2)} s, queue invitations ${phases.queueInvitation.toFixed(2)} s, ` +
        `confirm reminders ${phases.classifyReminder.toFixed(2)} s, queue reminders ${phases.queueReminder.toFixed(2)} s ` +
        `(longest event-loop pause ${phases.longestPause.toFixed(2)} s); baseline ${b.at(-1)!.toFixed(2)} s`,
    );
  }
  const queued = s.map((p) => p.queueInvitation + p.queueReminder);
  console.log(
    `${count} agencies on ${values.postgres ? "postgresql" : "sqlite"}; both queuings per round ${queued.map((x) => x.toFixed(2)).join(", ")} s; ` +
      `baseline (sqlite) ${b.map((x) => x.toFixed(2)).join(", ")} s`,
  );
  reportRatio("queue-wave", Math.min(...queued), Math.min(...b), "s", false);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
