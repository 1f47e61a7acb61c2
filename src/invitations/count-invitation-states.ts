// The whole sample frame counted by agency state, type, size band, invitation
// status and do-not-contact mark, in one GROUP BY: a few hundred rows however
// many agencies there are. Agencies without an invitation to the survey count
// as not invited. The monitoring page adds these cells up in every direction.
import type { DbOrTx } from "../db/client.js";
import { sizeBandCaseSql } from "../results/filters.js";
import { sql } from "../results/sql.js";

export type StateCell = {
  state: string;
  agencyType: string;
  sizeBand: string;
  status: string;
  doNotContact: boolean;
  count: number;
};

export async function countInvitationStates(options: { db: DbOrTx; surveyId: number }): Promise<StateCell[]> {
  const { db, surveyId } = options;
  const rows = await db.$queryRaw<Record<string, unknown>[]>(sql`
    SELECT g.state AS state, g.agency_type AS agency_type, ${sizeBandCaseSql()} AS size_band,
           COALESCE(i.status, 'not_invited') AS status,
           CASE WHEN g.do_not_contact THEN 1 ELSE 0 END AS dnc,
           COUNT(*) AS n
      FROM agencies g
      LEFT JOIN invitations i ON i.agency_id = g.id AND i.survey_id = ${surveyId}
     GROUP BY 1, 2, 3, 4, 5`);
  return rows.map((r) => ({
    state: String(r.state),
    agencyType: String(r.agency_type),
    sizeBand: String(r.size_band),
    status: String(r.status),
    doNotContact: Number(r.dnc) === 1,
    count: Number(r.n),
  }));
}
