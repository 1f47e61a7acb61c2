// Options for the filter form and the variable pickers, with the current
// choices selected, so the forms work as plain GET forms.
import { SIZE_BANDS } from "../agencies/size-bands.js";
import type { Questionnaire } from "../questionnaire/index.js";
import { AGENCY_TYPES, STATES } from "../questionnaire/lesm-2016-options.js";
import type { ResultFilters } from "./filters.js";
import { REGIONS } from "./regions.js";
import { crossTabVariables } from "./variables.js";

type Choice = { value: string; label: string; selected: boolean };

const choicesOf = (
  list: readonly { code: string; label: string }[],
  current: string | undefined,
  anyLabel: string,
): Choice[] => [
  { value: "", label: anyLabel, selected: current === undefined },
  ...list.map((item) => ({ value: item.code, label: item.label, selected: item.code === current })),
];

export function filterForm(filters: ResultFilters) {
  return {
    status: [
      { value: "submitted", label: "Submitted responses only", selected: filters.status === "submitted" },
      { value: "all", label: "Submitted and partial (in progress) responses", selected: filters.status === "all" },
    ],
    agencyType: choicesOf(AGENCY_TYPES, filters.agencyType, "Any type"),
    sizeBand: choicesOf(SIZE_BANDS, filters.sizeBand, "Any size"),
    state: choicesOf(STATES, filters.state, "Any state"),
    region: choicesOf(REGIONS, filters.region, "Any region"),
  };
}

export function variablePicker(questionnaire: Questionnaire, selected: string | undefined) {
  return crossTabVariables(questionnaire).map((group) => ({
    label: group.label,
    options: group.variables.map((v) => ({ value: v.id, label: v.label, selected: v.id === selected })),
  }));
}
