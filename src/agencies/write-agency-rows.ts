// Writes an import's rows in a few multi-row statements instead of one Prisma
// call per row: through Prisma's client engine each row costs about half a
// millisecond in JavaScript, so 18,000 agencies took 10 s (and held SQLite's
// write lock that long); these statements take about 1 s. The SQL is portable
// (multi-row INSERT, UPDATE ... FROM (VALUES ...), CAST(... AS INTEGER) so that
// PostgreSQL does not read the numbers as text) and the import tests run it on
// both databases. Prisma.sql binds every value; column names come from the map below.
import { Prisma } from "../generated/sqlite/client.js";
import type { DbOrTx } from "../db/client.js";
import type { RowOutcome } from "./classify-import-rows.js";
import type { ImportFieldKey } from "./import-fields.js";

const BATCH = 500;

const COLUMNS: Record<ImportFieldKey, string> = {
  name: "name",
  ori: "ori",
  state: "state",
  agencyType: "agency_type",
  swornOfficers: "sworn_officers",
  populationServed: "population_served",
  contactName: "contact_name",
  contactTitle: "contact_title",
  contactEmail: "contact_email",
};
const INTEGER_FIELDS = new Set<ImportFieldKey>(["swornOfficers", "populationServed"]);

function value(field: ImportFieldKey, v: string | number | null | undefined): Prisma.Sql {
  return INTEGER_FIELDS.has(field) ? Prisma.sql`CAST(${v ?? null} AS INTEGER)` : Prisma.sql`${v ?? null}`;
}

export async function insertAgencies(db: DbOrTx, creates: readonly RowOutcome[], now: Date): Promise<void> {
  for (let i = 0; i < creates.length; i += BATCH) {
    const rows = creates.slice(i, i + BATCH).map(
      ({ values: v }) =>
        Prisma.sql`(${v.name}, ${v.ori ?? null}, ${v.state}, ${v.agencyType}, ${value("swornOfficers", v.swornOfficers)},
          ${value("populationServed", v.populationServed)}, ${v.contactName ?? ""}, ${v.contactTitle ?? ""},
          ${v.contactEmail ?? null}, ${now}, ${now})`,
    );
    await db.$executeRaw`INSERT INTO agencies (name, ori, state, agency_type, sworn_officers, population_served,
      contact_name, contact_title, contact_email, created_at, updated_at) VALUES ${Prisma.join(rows)}`;
  }
}

/** Updates only the fields each row changes, one statement per set of fields and batch. */
export async function updateAgencies(db: DbOrTx, updates: readonly RowOutcome[], now: Date): Promise<void> {
  const groups = new Map<string, RowOutcome[]>();
  for (const o of updates) {
    const key = o.changes.map((c) => c.field).join(",");
    groups.set(key, [...(groups.get(key) ?? []), o]);
  }
  for (const [key, group] of groups) {
    const fields = key.split(",") as ImportFieldKey[];
    const sets = Prisma.raw(fields.map((f, i) => `${COLUMNS[f]} = v.column${i + 2}`).join(", "));
    for (let i = 0; i < group.length; i += BATCH) {
      const batch = group.slice(i, i + BATCH);
      const rows = batch.map(
        (o) => Prisma.sql`(CAST(${o.agencyId} AS INTEGER), ${Prisma.join(fields.map((f) => value(f, o.values[f])))})`,
      );
      await db.$executeRaw`UPDATE agencies SET ${sets}, updated_at = ${now}
        FROM (VALUES ${Prisma.join(rows)}) AS v WHERE agencies.id = v.column1`;
    }
  }
}

/**
 * One "agency.updated" audit event per agency an import changed, so the agency's
 * history names the file; the same rows recordAudit writes, in batches. Created
 * agencies get none: the import's own event covers them.
 */
export async function recordUpdateEvents(
  db: DbOrTx,
  updates: readonly RowOutcome[],
  context: { userId: number; ip: string; importId: string; fileName: string; now: Date },
): Promise<void> {
  const { userId, ip, importId, fileName, now } = context;
  for (let i = 0; i < updates.length; i += BATCH) {
    const rows = updates.slice(i, i + BATCH).map((o) => {
      const changes = Object.fromEntries(o.changes.map((c) => [c.field, [c.from, c.to]]));
      const detail = JSON.stringify({ changes, importId, fileName });
      return Prisma.sql`(CAST(${userId} AS INTEGER), ${""}, ${"agency.updated"}, ${"agency"}, ${String(o.agencyId)},
        ${detail}, ${ip}, ${now}, ${now})`;
    });
    await db.$executeRaw`INSERT INTO audit_events (actor_user_id, actor_label, action, target_type, target_id,
      detail, ip, created_at, updated_at) VALUES ${Prisma.join(rows)}`;
  }
}
