// Gives every listed agency an invitation to the survey, if it has none yet:
// each with its own nonce and the hash of the token derived from it
// (invitation-link.ts). Idempotent: an agency already invited keeps its
// invitation and link (ON CONFLICT DO NOTHING, also when two coordinators queue
// waves at once). Returns the invitation id of every listed agency.
import { hashToken } from "../auth/tokens.js";
import type { DbOrTx } from "../db/client.js";
import { Prisma } from "../generated/sqlite/client.js";
import { linkToken, newLinkNonce } from "./invitation-link.js";

// The IN lists of the reads: Prisma refuses more than 999 parameters on SQLite.
const ROWS_PER_STATEMENT = 500;

export async function ensureInvitations(options: {
  db: DbOrTx;
  surveyId: number;
  agencyIds: number[];
  linkSecret: string;
  now?: Date;
}): Promise<Map<number, number>> {
  const { db, surveyId, linkSecret, now = new Date() } = options;
  const agencyIds = [...new Set(options.agencyIds)];
  const invitationOf = new Map<number, number>();
  for (let i = 0; i < agencyIds.length; i += ROWS_PER_STATEMENT) {
    const chunk = agencyIds.slice(i, i + ROWS_PER_STATEMENT);
    const existing = await db.invitation.findMany({
      where: { surveyId, agencyId: { in: chunk } },
      select: { id: true, agencyId: true },
    });
    for (const row of existing) invitationOf.set(row.agencyId, row.id);
    const missing = chunk.filter((id) => !invitationOf.has(id));
    if (missing.length === 0) continue;
    const values = missing.map((agencyId) => {
      const nonce = newLinkNonce();
      return Prisma.sql`(${surveyId}, ${agencyId}, ${hashToken(linkToken(linkSecret, nonce))}, ${nonce}, ${now}, ${now})`;
    });
    await db.$executeRaw`
      INSERT INTO invitations (survey_id, agency_id, token_hash, link_nonce, created_at, updated_at)
      VALUES ${Prisma.join(values)}
      ON CONFLICT (survey_id, agency_id) DO NOTHING`;
    const created = await db.invitation.findMany({
      where: { surveyId, agencyId: { in: missing } },
      select: { id: true, agencyId: true },
    });
    for (const row of created) invitationOf.set(row.agencyId, row.id);
  }
  return invitationOf;
}
