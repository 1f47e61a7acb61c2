// The variables a cross-tab can use: every single-choice question, every grid
// row, every multiple-choice option (as selected / not selected) and the
// agency's attributes from the sample frame. Question variables are named as
// in the codebook and the exports (PLATFORMS_FACEBOOK), agency attributes in
// lower case, so the two can never collide.
import { SIZE_BANDS } from "../agencies/size-bands.js";
import { possibleGridRows, type Questionnaire } from "../questionnaire/index.js";
import { AGENCY_TYPES, STATES } from "../questionnaire/lesm-2016-options.js";
import { OTHER_REGION, REGIONS } from "./regions.js";

export type Category = { code: string; label: string };

export type AgencyAttribute = "agency_type" | "size_band" | "state" | "region";

type Common = {
  id: string;
  label: string;
  categories: Category[];
  /** show only categories with responses */ hideEmpty: boolean;
};

export type CrossVariable =
  | (Common & { kind: "single"; questionCode: string })
  | (Common & { kind: "grid_row"; questionCode: string; rowCode: string })
  | (Common & { kind: "option"; questionCode: string; optionCode: string })
  | (Common & { kind: "agency"; attribute: AgencyAttribute });

export type VariableGroup = { label: string; variables: CrossVariable[] };

export const SELECTED: Category[] = [
  { code: "YES", label: "Selected" },
  { code: "NO", label: "Not selected" },
];

const pick = (list: readonly { code: string; label: string }[]): Category[] =>
  list.map(({ code, label }) => ({ code, label }));

export const AGENCY_VARIABLES: CrossVariable[] = [
  {
    kind: "agency",
    attribute: "agency_type",
    id: "agency_type",
    label: "Agency type (sample frame)",
    categories: pick(AGENCY_TYPES),
    hideEmpty: false,
  },
  {
    kind: "agency",
    attribute: "size_band",
    id: "size_band",
    label: "Size: sworn officers (sample frame)",
    categories: pick(SIZE_BANDS),
    hideEmpty: false,
  },
  {
    kind: "agency",
    attribute: "state",
    id: "state",
    label: "State (sample frame)",
    categories: pick(STATES),
    hideEmpty: true,
  },
  {
    kind: "agency",
    attribute: "region",
    id: "region",
    label: "Census region (sample frame)",
    categories: pick([...REGIONS, OTHER_REGION]),
    hideEmpty: true,
  },
];

const cache = new WeakMap<Questionnaire, VariableGroup[]>();

/** The variables grouped by section (agency attributes first), in questionnaire order. */
export function crossTabVariables(questionnaire: Questionnaire): VariableGroup[] {
  const cached = cache.get(questionnaire);
  if (cached) return cached;
  const groups: VariableGroup[] = [{ label: "Agency (sample frame)", variables: AGENCY_VARIABLES }];
  for (const section of questionnaire.sections) {
    const variables: CrossVariable[] = [];
    for (const q of section.questions) {
      const short = shorten(q.text);
      if (q.type === "single") {
        const many = q.options.length > 20;
        variables.push({
          kind: "single",
          id: q.code,
          questionCode: q.code,
          label: `${q.code}: ${short}`,
          categories: pick(q.options),
          hideEmpty: many,
        });
      } else if (q.type === "multiple") {
        for (const option of q.options) {
          variables.push({
            kind: "option",
            id: `${q.code}_${option.code}`,
            questionCode: q.code,
            optionCode: option.code,
            label: `${q.code}_${option.code}: ${option.label} (${short})`,
            categories: SELECTED,
            hideEmpty: false,
          });
        }
      } else if (q.type === "grid") {
        for (const row of possibleGridRows(q, questionnaire)) {
          variables.push({
            kind: "grid_row",
            id: `${q.code}_${row.code}`,
            questionCode: q.code,
            rowCode: row.code,
            label: `${q.code}_${row.code}: ${row.label} (${short})`,
            categories: pick(q.columns),
            hideEmpty: false,
          });
        }
      }
    }
    if (variables.length) groups.push({ label: section.title, variables });
  }
  cache.set(questionnaire, groups);
  return groups;
}

export function findCrossVariable(questionnaire: Questionnaire, id: string): CrossVariable | undefined {
  for (const group of crossTabVariables(questionnaire)) {
    const found = group.variables.find((v) => v.id === id);
    if (found) return found;
  }
  return undefined;
}

/** Question texts are long; the pickers show the start. */
function shorten(text: string, max = 70): string {
  return text.length <= max ? text : `${text.slice(0, max).replace(/\s+\S*$/, "")}…`;
}
