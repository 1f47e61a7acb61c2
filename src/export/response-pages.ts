// Reads an export's responses in pages ordered by id (keyset, never OFFSET), each
// with its agency and answers, so memory holds one page however large the survey.
import type { DbOrTx } from "../db/client.js";
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
  db: DbOrTx;
  where: ResponseWhere;
  afterId: number;
  take: number;
}) => Promise<ExportResponse[]>;

export const DEFAULT_PAGE_SIZE = 1000;

export const loadResponsePage: ResponsePageLoader = async ({ db, where, afterId, take }) => {
  const rows = await db.response.findMany({
    where: { ...where, id: { lte: where.id.lte, gt: afterId } },
    orderBy: { id: "asc" },
    take,
    select: {
      id: true,
      status: true,
      submittedAt: true,
      questionnaireVersionId: true,
      invitation: { select: { agency: { select: { name: true, ori: true, state: true, agencyType: true } } } },
      answers: {
        select: { questionCode: true, itemCode: true, valueCode: true, valueNumber: true, valueText: true },
      },
    },
  });
  return rows.map(({ invitation, ...rest }) => ({ ...rest, agency: invitation.agency }));
};

export async function* responsePages(options: {
  db: DbOrTx;
  where: ResponseWhere;
  pageSize?: number;
  loadPage?: ResponsePageLoader;
}): AsyncGenerator<ExportResponse[]> {
  const { db, where, pageSize = DEFAULT_PAGE_SIZE, loadPage = loadResponsePage } = options;
  let afterId = 0;
  for (;;) {
    const page = await loadPage({ db, where, afterId, take: pageSize });
    if (page.length === 0) return;
    yield page;
    const last = page.at(-1);
    if (!last || page.length < pageSize) return;
    afterId = last.id;
  }
}
