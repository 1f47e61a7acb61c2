// The demo generator's fast SQLite path writes what its Prisma path writes:
// the same seed gives the same agencies, invitations, responses and answers
// (all but the random token hashes and the write times). SQLite only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqlitePathOf } from "../../src/db/client.js";
import { sqliteDemoInserter } from "../../src/results/demo/insert-demo-batch-sqlite.js";
import { seedDemoResponses, type SeedSummary } from "../../src/results/seed-demo-responses.js";
import { createTestDatabase, type MigratedDatabase } from "../support/database.js";

let viaPrisma: MigratedDatabase;
let viaDriver: MigratedDatabase;
let summaries: SeedSummary[];

const options = { responses: 120, seed: 11, batchSize: 50, submittedShare: 0.8 };

beforeAll(async () => {
  viaPrisma = await createTestDatabase("sqlite");
  viaDriver = await createTestDatabase("sqlite");
  const fast = sqliteDemoInserter(sqlitePathOf(viaDriver.url));
  try {
    summaries = [
      await seedDemoResponses({ db: viaPrisma.db.prisma, ...options }),
      await seedDemoResponses({ db: viaDriver.db.prisma, ...options, insertBatch: fast.insert }),
    ];
  } finally {
    fast.close();
  }
});
afterAll(async () => {
  await viaPrisma.cleanup();
  await viaDriver.cleanup();
});

async function contents(t: MigratedDatabase) {
  const all = (sql: string) => t.db.read.all<Record<string, unknown>>(sql);
  return {
    agencies: await all(
      "SELECT id, name, state, agency_type, sworn_officers, population_served, do_not_contact, do_not_contact_reason FROM agencies ORDER BY id",
    ),
    invitations: await all(
      "SELECT id, survey_id, agency_id, status, invited_at, started_at, submitted_at FROM invitations ORDER BY id",
    ),
    responses: await all(
      "SELECT id, invitation_id, survey_id, questionnaire_version_id, status, started_at, last_saved_at, submitted_at FROM responses ORDER BY id",
    ),
    answers: await all(
      "SELECT response_id, question_code, item_code, value_code, value_number, value_text FROM answers ORDER BY response_id, question_code, item_code",
    ),
  };
}

describe("the demo generator's SQLite inserter", () => {
  it("writes the same rows as the Prisma path", async () => {
    const [prisma, driver] = summaries as [SeedSummary, SeedSummary];
    expect({ ...driver, milliseconds: 0 }).toEqual({ ...prisma, milliseconds: 0 });
    expect(driver.answers).toBeGreaterThan(1000);
    const expected = await contents(viaPrisma);
    expect(expected.responses).toHaveLength(120);
    expect(await contents(viaDriver)).toEqual(expected);
  });
});
