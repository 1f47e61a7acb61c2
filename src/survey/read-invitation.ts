// The invitation behind a survey link, with its survey, agency, response and
// the response's answers, in one plain-driver query: every survey page starts
// here. (The answers come as one JSON array: a second query cost a page more
// than building and parsing the array.)
import { read, type ReadConnection } from "../db/read-connection.js";
import type { Provider } from "../db/schema-files.js";
import type { AnswerRow } from "../questionnaire/index.js";

const ANSWER_FIELDS = "id, question_code, item_code, value_code, value_number, value_text";
const ANSWERS_JSON: Record<Provider, string> = {
  sqlite: `(SELECT json_group_array(json_array(${ANSWER_FIELDS})) FROM answers WHERE response_id = r.id)`,
  postgresql: `(SELECT COALESCE(json_agg(json_build_array(${ANSWER_FIELDS})), '[]'::json)::text FROM answers WHERE response_id = r.id)`,
};

const sqlFor = (dialect: Provider) => `
SELECT i.id, i.survey_id, i.agency_id, i.status, i.first_opened_at, i.opted_out_at,
       s.slug AS survey_slug, s.title AS survey_title, s.year AS survey_year, s.sponsor AS survey_sponsor,
       s.status AS survey_status, s.closes_at AS survey_closes_at, s.questionnaire_version_id AS survey_version_id,
       a.name AS agency_name, a.state AS agency_state,
       r.id AS response_id, r.status AS response_status, r.questionnaire_version_id AS response_version_id,
       r.last_section AS response_last_section, r.submitted_at AS response_submitted_at, r.revision AS response_revision,
       ${ANSWERS_JSON[dialect]} AS answer_rows
  FROM invitations i
  JOIN surveys s ON s.id = i.survey_id
  JOIN agencies a ON a.id = i.agency_id
  LEFT JOIN responses r ON r.invitation_id = i.id
 WHERE i.token_hash = ?`;
const SQL: Record<Provider, string> = { sqlite: sqlFor("sqlite"), postgresql: sqlFor("postgresql") };

export type InvitationRecord = {
  id: number;
  surveyId: number;
  status: string;
  firstOpenedAt: Date | null;
  optedOutAt: Date | null;
  survey: {
    id: number;
    slug: string;
    title: string;
    year: number;
    sponsor: string;
    status: string;
    closesAt: Date | null;
    questionnaireVersionId: number;
  };
  agency: { id: number; name: string; state: string };
  response: {
    id: number;
    status: string;
    questionnaireVersionId: number;
    lastSection: string;
    submittedAt: Date | null;
    /** Raised by every write of the response's answers (save-page.ts). */
    revision: number;
  } | null;
  /** The response's answers as stored (none before it starts). */
  answerRows: StoredAnswerRow[];
};

/** An answer row with its id, as it stands in the answers table. */
export type StoredAnswerRow = AnswerRow & { id: number };

export async function readInvitation(connection: ReadConnection, tokenHash: string): Promise<InvitationRecord | null> {
  const [row] = await connection.rows(SQL[connection.dialect], [tokenHash]);
  if (!row) return null;
  // In the order of the SELECT above.
  const [
    id,
    surveyId,
    agencyId,
    status,
    firstOpenedAt,
    optedOutAt,
    surveySlug,
    surveyTitle,
    surveyYear,
    surveySponsor,
    surveyStatus,
    surveyClosesAt,
    surveyVersionId,
    agencyName,
    agencyState,
    responseId,
    responseStatus,
    responseVersionId,
    responseLastSection,
    responseSubmittedAt,
    responseRevision,
    answerRows,
  ] = row;
  const started = responseId !== null && responseId !== undefined;
  return {
    id: read.int(id),
    surveyId: read.int(surveyId),
    status: read.text(status),
    firstOpenedAt: read.date(firstOpenedAt),
    optedOutAt: read.date(optedOutAt),
    survey: {
      id: read.int(surveyId),
      slug: read.text(surveySlug),
      title: read.text(surveyTitle),
      year: read.int(surveyYear),
      sponsor: read.text(surveySponsor),
      status: read.text(surveyStatus),
      closesAt: read.date(surveyClosesAt),
      questionnaireVersionId: read.int(surveyVersionId),
    },
    agency: { id: read.int(agencyId), name: read.text(agencyName), state: read.text(agencyState) },
    response: started
      ? {
          id: read.int(responseId),
          status: read.text(responseStatus),
          questionnaireVersionId: read.int(responseVersionId),
          lastSection: read.text(responseLastSection),
          submittedAt: read.date(responseSubmittedAt),
          revision: read.int(responseRevision),
        }
      : null,
    answerRows: started ? answerRowsOf(answerRows) : [],
  };
}

function answerRowsOf(json: unknown): StoredAnswerRow[] {
  const cells = JSON.parse(read.text(json) || "[]") as [
    number,
    string,
    string,
    string | null,
    number | null,
    string | null,
  ][];
  return cells.map(([id, questionCode, itemCode, valueCode, valueNumber, valueText]) => ({
    id: Number(id),
    questionCode,
    itemCode,
    valueCode,
    valueNumber: valueNumber === null ? null : Number(valueNumber),
    valueText,
  }));
}

/** An answer row, with its id, as either driver returns it. */
export function storedAnswerRowOf(r: Record<string, unknown>): StoredAnswerRow {
  return {
    id: read.int(r.id),
    questionCode: read.text(r.question_code),
    itemCode: read.text(r.item_code),
    valueCode: read.textOrNull(r.value_code),
    valueNumber: r.value_number === null || r.value_number === undefined ? null : Number(r.value_number),
    valueText: read.textOrNull(r.value_text),
  };
}
