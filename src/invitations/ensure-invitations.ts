// Gives every listed agency an invitation to the survey, if it has none yet:
// each with its own nonce and the hash of the token derived from it
// (invitation-link.ts). Idempotent: an agency already invited keeps its
// invitation and link (ON CONFLICT DO NOTHING, also when two coordinators queue
// waves at once). Returns the invitation id of every listed agency.
// Written once as steps (prisma-statement.ts): through Prisma here, and inside
// the wave's write-connection transaction (queue-wave.ts).
import { hashToken } from "../auth/tokens.js";
import type { DbOrTx } from "../db/client.js";
import { runOnPrisma, type SqlSteps } from "../db/prisma-statement.js";
import { Prisma } from "../generated/sqlite/client.js";
import { linkToken, newLinkNonces } from "./invitation-link.js";

// 6 parameters a row, and the reads' IN lists: within SQLite's 32,766 and PostgreSQL's 65,535.
const ROWS_PER_STATEMENT = 2000;

export type EnsureInvitationsOptions = {
  surveyId: number;
  agencyIds: number[];
  linkSecret: string;
  now?: Date;
};

export function* ensureInvitationSteps(options: EnsureInvitationsOptions): SqlSteps<Map<number, number>> {
  const { surveyId, linkSecret, now = new Date() } = options;
  const agencyIds = [...new Set(options.agencyIds)];
  const nonces = newLinkNonces(agencyIds.length);
  const invitationOf = new Map<number, number>();
  const remember = (rows: Record<string, unknown>[]) => {
    for (const row of rows) invitationOf.set(Number(row.agency_id), Number(row.id));
  };
  // Insert first: an agency that has an invitation is skipped, and only those are looked up after.
  for (let i = 0; i < agencyIds.length; i += ROWS_PER_STATEMENT) {
    const values = agencyIds.slice(i, i + ROWS_PER_STATEMENT).map((agencyId, j) => {
      const nonce = nonces[i + j]!;
      return Prisma.sql`(${surveyId}, ${agencyId}, ${hashToken(linkToken(linkSecret, nonce))}, ${nonce}, ${now}, ${now})`;
    });
    remember(
      yield Prisma.sql`
        INSERT INTO invitations (survey_id, agency_id, token_hash, link_nonce, created_at, updated_at)
        VALUES ${Prisma.join(values)}
        ON CONFLICT (survey_id, agency_id) DO NOTHING
        RETURNING id, agency_id`,
    );
  }
  const existing = agencyIds.filter((id) => !invitationOf.has(id));
  for (let i = 0; i < existing.length; i += ROWS_PER_STATEMENT) {
    remember(
      yield Prisma.sql`SELECT id, agency_id FROM invitations
        WHERE survey_id = ${surveyId} AND agency_id IN (${Prisma.join(existing.slice(i, i + ROWS_PER_STATEMENT))})`,
    );
  }
  return invitationOf;
}

export async function ensureInvitations(
  options: EnsureInvitationsOptions & { db: DbOrTx },
): Promise<Map<number, number>> {
  return runOnPrisma(options.db, ensureInvitationSteps(options));
}
