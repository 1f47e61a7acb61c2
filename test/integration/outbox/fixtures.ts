// Builds a survey with agencies, invitations and a wave, and the outbox
// messages a wave would queue for them.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import type { Database, Db } from "../../../src/db/client.js";
import type { OutboxMessageInput } from "../../../src/invitations/outbox/enqueue-messages.js";
import { createLogger } from "../../../src/logger.js";
import { createTestDatabase, type MigratedDatabase } from "../../support/database.js";
import { startTestSmtpServer, type TestSmtpServer } from "../../support/smtp.js";

export const silentLogger = createLogger("silent");

export type OutboxTestbed = { db: Database; server: TestSmtpServer };

/** For one test file: a migrated database and a test SMTP server, made before its tests and closed after them. */
export function useOutboxTestbed(): OutboxTestbed {
  const bed = {} as OutboxTestbed;
  let database: MigratedDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    bed.db = database.db;
    bed.server = await startTestSmtpServer();
  });
  afterAll(async () => {
    await bed.server?.close();
    await database?.cleanup();
  });
  return bed;
}

export type FixtureInvitation = { id: number; agencyId: number; email: string };

/** A new survey and `count` agencies with contact emails, none invited yet. */
export async function createSurveyWithAgencies(
  db: Db,
  count: number,
): Promise<{ surveyId: number; tag: string; agencies: { id: number; contactEmail: string | null }[] }> {
  const tag = randomBytes(4).toString("hex");
  const survey = await db.survey.create({
    data: {
      slug: `lesm-${tag}`,
      title: "Law Enforcement Use of Social Media Survey",
      year: 2016,
      questionnaireVersion: {
        create: { code: `lesm-2016-${tag}`, title: "LESM 2016", versionHash: tag, definition: "{}" },
      },
    },
  });
  const emails = Array.from({ length: count }, (_, i) => `chief${i}.${tag}@agency${i}.example.test`);
  for (let i = 0; i < count; i += 500) {
    await db.agency.createMany({
      data: emails.slice(i, i + 500).map((email, j) => ({
        name: `Police Department ${i + j}`,
        state: "VA",
        agencyType: "municipal",
        contactEmail: email,
      })),
    });
  }
  const agencies = await db.agency.findMany({
    where: { contactEmail: { contains: `.${tag}@` } },
    select: { id: true, contactEmail: true },
    orderBy: { id: "asc" },
  });
  return { surveyId: survey.id, tag, agencies };
}

export async function createSurveyWithInvitations(
  db: Db,
  count: number,
  options: { kind?: "invitation" | "reminder" } = {},
): Promise<{ surveyId: number; waveId: number; invitations: FixtureInvitation[] }> {
  const { surveyId, agencies } = await createSurveyWithAgencies(db, count);
  const survey = { id: surveyId };
  const wave = await db.wave.create({
    data: {
      surveyId: survey.id,
      kind: options.kind ?? "invitation",
      name: "First wave",
      scheduledAt: new Date(),
    },
  });
  for (let i = 0; i < agencies.length; i += 500) {
    await db.invitation.createMany({
      data: agencies.slice(i, i + 500).map((a) => ({
        surveyId: survey.id,
        agencyId: a.id,
        tokenHash: randomBytes(32).toString("hex"),
      })),
    });
  }
  const invitations = await db.invitation.findMany({
    where: { surveyId: survey.id },
    select: { id: true, agencyId: true, agency: { select: { contactEmail: true } } },
    orderBy: { id: "asc" },
  });
  return {
    surveyId: survey.id,
    waveId: wave.id,
    invitations: invitations.map((i) => ({ id: i.id, agencyId: i.agencyId, email: i.agency.contactEmail ?? "" })),
  };
}

export function messageFor(
  invitation: FixtureInvitation,
  waveId: number | null,
  overrides: Partial<OutboxMessageInput> = {},
): OutboxMessageInput {
  return {
    kind: "invitation",
    to: invitation.email,
    subject: "The 2016 Law Enforcement Use of Social Media Survey",
    text: `Dear chief,\n\nPlease take part: https://survey.test/s/${invitation.id}\n`,
    html: `<p>Dear chief,</p><p>Please <a href="https://survey.test/s/${invitation.id}">take part</a>.</p>`,
    headers: {
      "List-Unsubscribe": `<https://survey.test/opt-out/${invitation.id}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
    invitationId: invitation.id,
    waveId,
    ...overrides,
  };
}

/** Polls until the check passes; for waiting on a worker running elsewhere. */
export async function eventually<T>(check: () => Promise<T | null | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await check();
    if (result) return result;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 50));
  }
}
