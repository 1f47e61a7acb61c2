// Everything an export decides before its first byte: the survey, its codebook,
// and a snapshot of which rows belong to it. The counts go into the
// X-Row-Count header before streaming, so the snapshot bounds (highest id, and
// submitted no later than now) keep rows that arrive during a long download out;
// the writers check at the end that they wrote exactly the counted rows.
import type { DbOrTx } from "../db/client.js";
import { read, type ReadConnection } from "../db/read-connection.js";
import type { Provider } from "../db/schema-files.js";
import { AppError } from "../http/app-error.js";
import { buildCodebook, type CodebookVariable, type Questionnaire } from "../questionnaire/index.js";
import { questionnaireOfVersion } from "../survey/questionnaire-versions.js";
import type { ExportFilters } from "./export-filters.js";
import { responseFilterSql } from "./response-pages.js";

export type ResponseWhere = {
  surveyId: number;
  id: { lte: number };
  status?: string;
  submittedAt?: { lte: Date };
};

export type PreparedExport = {
  filters: ExportFilters;
  survey: { id: number; slug: string; title: string; year: number };
  questionnaire: Questionnaire;
  versionHash: string;
  variables: CodebookVariable[];
  responseWhere: ResponseWhere;
  invitationWhere: { surveyId: number; id: { lte: number } };
  responseCount: number;
  invitationCount: number;
  snapshotAt: Date;
};

export async function prepareExport(options: {
  db: DbOrTx;
  /**
   * The snapshot and its counts are read here, as the rows are
   * (response-pages.ts): on SQLite this connection does not memory-map the
   * file, where Prisma's mapped in some 100 MiB of table pages for four counts.
   */
  read: ReadConnection;
  provider: Provider;
  filters: ExportFilters;
  now?: Date;
}): Promise<PreparedExport> {
  const { db, read: connection, provider, filters, now = new Date() } = options;
  const survey = filters.survey
    ? await db.survey.findUnique({ where: { slug: filters.survey }, include: { questionnaireVersion: true } })
    : await db.survey.findFirst({
        orderBy: [{ year: "desc" }, { id: "desc" }],
        include: { questionnaireVersion: true },
      });
  if (!survey) throw new AppError("not_found", "No such survey", "Choose a survey from the export page.");
  const questionnaire = await questionnaireOfVersion(db, survey.questionnaireVersionId);
  const versionHash = survey.questionnaireVersion.versionHash;

  const one = async (sql: string, params: unknown[]) =>
    read.intOrNull((await connection.all<{ v: unknown }>(sql, params))[0]?.v) ?? 0;
  const [maxResponse, maxInvitation] = await Promise.all([
    one("SELECT MAX(id) AS v FROM responses WHERE survey_id = ?", [survey.id]),
    one("SELECT MAX(id) AS v FROM invitations WHERE survey_id = ?", [survey.id]),
  ]);
  const responseWhere: ResponseWhere = {
    surveyId: survey.id,
    id: { lte: maxResponse },
    ...(filters.status === "submitted" ? { status: "submitted", submittedAt: { lte: now } } : {}),
  };
  const invitationWhere = { surveyId: survey.id, id: { lte: maxInvitation } };
  const responses = responseFilterSql(responseWhere, provider);
  const [responseCount, invitationCount] = await Promise.all([
    one(`SELECT COUNT(*) AS v FROM responses r WHERE ${responses.sql}`, responses.params),
    one("SELECT COUNT(*) AS v FROM invitations WHERE survey_id = ? AND id <= ?", [survey.id, maxInvitation]),
  ]);
  return {
    filters,
    survey: { id: survey.id, slug: survey.slug, title: survey.title, year: survey.year },
    questionnaire,
    versionHash,
    variables: buildCodebook(questionnaire, versionHash),
    responseWhere,
    invitationWhere,
    responseCount,
    invitationCount,
    snapshotAt: now,
  };
}

/** Thrown when the rows written differ from the rows counted: the download must not look complete. */
export class RowCountMismatchError extends Error {
  constructor(what: string, counted: number, written: number) {
    super(`${what}: counted ${counted} rows before streaming but wrote ${written}`);
  }
}
