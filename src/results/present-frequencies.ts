// The view model of the results page's frequency tables: one entry per
// question, grouped by section, with percentages of those asked, the missing
// categories apart, and a chart beside each table.
import type { Base, Frequencies, FrequencyRow, QuestionFrequency } from "./compute-frequencies.js";
import { formatCount, formatPercent, formatStatistic, percentOf } from "./format.js";
import { barChart, stackedChart } from "./render-chart.js";

type Cell = { count: string; percent: string };
type RowView = Cell & { label: string; code: string; unknown: boolean };

export type QuestionView = {
  id: string;
  code: string;
  text: string;
  skip: string;
  kind: QuestionFrequency["kind"];
  isChoice: boolean;
  isGrid: boolean;
  isNumber: boolean;
  isText: boolean;
  multipleNote: boolean;
  base: BaseView;
  rows?: RowView[];
  gridColumns?: string[];
  gridRows?: { label: string; cells: Cell[]; base: BaseView }[];
  number?: { mean: string; min: string; max: string };
  chart?: { src: string; alt: string };
};

type BaseView = {
  askedPercent: string;
  asked: string;
  notAsked: string;
  answered: string;
  noAnswer: string;
  noAnswerPercent: string;
  askedAll: boolean;
};

export type SectionView = { title: string; questions: QuestionView[] };

export async function presentFrequencies(frequencies: Frequencies): Promise<SectionView[]> {
  const sections: SectionView[] = [];
  for (const q of frequencies.questions) {
    let section = sections.at(-1);
    if (section?.title !== q.section.title) {
      section = { title: q.section.title, questions: [] };
      sections.push(section);
    }
    section.questions.push(await presentQuestion(q));
  }
  return sections;
}

function baseView(base: Base): BaseView {
  return {
    askedPercent: base.asked > 0 ? "100.0%" : "–",
    asked: formatCount(base.asked),
    notAsked: formatCount(base.notAsked),
    answered: formatCount(base.answered),
    noAnswer: formatCount(base.noAnswer),
    noAnswerPercent: formatPercent(percentOf(base.noAnswer, base.asked)),
    askedAll: base.notAsked === 0,
  };
}

function rowView(row: FrequencyRow): RowView {
  return {
    label: row.label,
    code: row.code,
    unknown: row.unknown,
    count: formatCount(row.count),
    percent: formatPercent(row.percent),
  };
}

async function presentQuestion(q: QuestionFrequency): Promise<QuestionView> {
  const common = {
    id: `q-${q.question.code.toLowerCase()}`,
    code: q.question.code,
    text: q.question.text,
    skip: q.skip,
    kind: q.kind,
    isChoice: q.kind === "single" || q.kind === "multiple",
    isGrid: q.kind === "grid",
    isNumber: q.kind === "number",
    isText: q.kind === "text",
    multipleNote: q.kind === "multiple",
    base: baseView(q.base),
  };
  const hasData = q.base.asked > 0;
  switch (q.kind) {
    case "single":
    case "multiple": {
      const chart =
        hasData && q.rows.length <= 30
          ? {
              src: await barChart(
                q.rows.map((r) => ({ label: r.label, percent: r.percent ?? 0 })),
                "% of those asked",
              ),
              alt: `Bar chart of the answers to ${q.question.code}, as percentages of those asked; the figures are in the table above.`,
            }
          : undefined;
      return { ...common, rows: q.rows.map(rowView), ...(chart && { chart }) };
    }
    case "grid": {
      const columns = q.question.type === "grid" ? q.question.columns : [];
      const gridRows = q.gridRows.map((row) => ({
        label: row.label,
        base: baseView(row.base),
        cells: row.cells.map((c) => ({ count: formatCount(c.count), percent: formatPercent(c.percent) })),
      }));
      const bars = q.gridRows.flatMap((row) =>
        row.cells.map((c) => ({
          label: row.label,
          series: c.label,
          percent: percentOf(c.count, row.base.answered) ?? 0,
        })),
      );
      const chart = hasData
        ? {
            src: await stackedChart(bars, "% of those who answered the row", "Answer"),
            alt: `Stacked bar chart of ${q.question.code}, one bar per row; the figures are in the table above.`,
          }
        : undefined;
      return { ...common, gridColumns: columns.map((c) => c.label), gridRows, ...(chart && { chart }) };
    }
    case "number": {
      const f = (x: number | null) => (x === null ? "–" : formatStatistic(x, Number.isInteger(x) ? 0 : 1));
      return {
        ...common,
        number: { mean: q.mean === null ? "–" : formatStatistic(q.mean, 1), min: f(q.min), max: f(q.max) },
      };
    }
    case "text":
      return common;
  }
}
