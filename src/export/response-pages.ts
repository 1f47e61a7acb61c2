// Reads an export's responses in pages ordered by id (keyset, never OFFSET), each
// with its agency and answers, so memory holds one page however large the survey.
import { timestamp } from "../db/timestamp.js";
import { read as read_, type ReadConnection } from "../db/read-connection.js";
import type { Provider } from "../db/schema-files.js";
import type { AnswerRow } from "../questionnaire/index.js";
import type { ResponseWhere } from "./prepare-export.js";

export type ExportResponse = {
  id: number;
  status: string;
  submittedAt: Date | null;
  questionnaireVersionId: number;
  agency: { name: string; ori: string | null; state: string; agencyType: string };
  answers: AnswerRow[];
};

/** Loads the responses after `afterId`, at most `take` of them; injectable so tests can make a page fail. */
export type ResponsePageLoader = (request: {
  where: ResponseWhere;
  afterId: number;
  take: number;
}) => Promise<ExportResponse[]>;

export const DEFAULT_PAGE_SIZE = 1000;

const RESPONSES_SQL = `SELECT r.id, r.status, r.submitted_at, r.questionnaire_version_id, g.name, g.ori, g.state, g.agency_type
  FROM responses r
  JOIN invitations i ON i.id = r.invitation_id
  JOIN agencies g ON g.id = i.agency_id
  WHERE`;
// a range of the unique index (response_id, question_code, item_code): one seek per page
const ANSWERS_SQL = `SELECT response_id, question_code, item_code, value_code, value_number, value_text
  FROM answers WHERE response_id >= ? AND response_id <= ? ORDER BY response_id`;

/**
 * The responses of an export as SQL over responses r, for the pages and for
 * the count taken before them (prepare-export.ts), so the two cannot disagree.
 * Prisma on SQLite stores DateTime as ISO text with "+00:00", so the snapshot
 * time is compared in that form there.
 */
export function responseFilterSql(where: ResponseWhere, provider: Provider): { sql: string; params: unknown[] } {
  let sql = "r.survey_id = ? AND r.id <= ?";
  const params: unknown[] = [where.surveyId, where.id.lte];
  if (where.status !== undefined) {
    sql += " AND r.status = ?";
    params.push(where.status);
  }
  if (where.submittedAt) {
    sql += " AND r.submitted_at <= ?";
    const bound = where.submittedAt.lte;
    params.push(provider === "sqlite" ? timestamp(bound) : bound);
  }
  return { sql, params };
}

/**
 * Pages through the plain-driver read connection: Prisma's client engine cost
 * about 1.7 ms per response (with ~40 answers) to load and map, more than the
 * rest of the export together.
 */
export function responsePageLoader(read: ReadConnection, provider: Provider): ResponsePageLoader {
  return async ({ where, afterId, take }) => {
    const filter = responseFilterSql(where, provider);
    const sql = `${RESPONSES_SQL} ${filter.sql} AND r.id > ? ORDER BY r.id LIMIT ?`;
    const rows = await read.all<Record<string, unknown>>(sql, [...filter.params, afterId, take]);
    if (rows.length === 0) return [];
    const page = rows.map((r): ExportResponse => ({
      id: read_.int(r.id),
      status: read_.text(r.status),
      submittedAt: read_.date(r.submitted_at),
      questionnaireVersionId: read_.int(r.questionnaire_version_id),
      agency: {
        name: read_.text(r.name),
        ori: read_.textOrNull(r.ori),
        state: read_.text(r.state),
        agencyType: read_.text(r.agency_type),
      },
      answers: [],
    }));
    const byId = new Map(page.map((r) => [r.id, r.answers]));
    const answers = await read.all<Record<string, unknown>>(ANSWERS_SQL, [page[0]!.id, page.at(-1)!.id]);
    for (const a of answers) {
      // the range also holds answers of responses outside the export (another status): skipped
      byId.get(read_.int(a.response_id))?.push({
        questionCode: read_.text(a.question_code),
        itemCode: read_.text(a.item_code),
        valueCode: read_.textOrNull(a.value_code),
        valueNumber: a.value_number === null || a.value_number === undefined ? null : Number(a.value_number),
        valueText: read_.textOrNull(a.value_text),
      });
    }
    return page;
  };
}

export async function* responsePages(options: {
  where: ResponseWhere;
  loadPage: ResponsePageLoader;
  pageSize?: number;
}): AsyncGenerator<ExportResponse[]> {
  const { where, pageSize = DEFAULT_PAGE_SIZE, loadPage } = options;
  let afterId = 0;
  for (;;) {
    const page = await loadPage({ where, afterId, take: pageSize });
    if (page.length === 0) return;
    yield page;
    const last = page.at(-1);
    if (!last || page.length < pageSize) return;
    afterId = last.id;
  }
}
