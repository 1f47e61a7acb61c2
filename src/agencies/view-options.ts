// Option lists for the agencies pages' <select>s, with the chosen one marked.
import { AGENCY_TYPES, STATES } from "../questionnaire/lesm-2016-options.js";

export type SelectOption = { value: string; label: string; selected: boolean };

export function optionsOf(
  choices: readonly { code: string; label: string }[],
  chosen: string | null | undefined,
  first?: string,
): SelectOption[] {
  const options = choices.map(({ code, label }) => ({ value: code, label, selected: code === chosen }));
  return first === undefined ? options : [{ value: "", label: first, selected: !chosen }, ...options];
}

export const stateOptions = (chosen: string | undefined, first?: string) => optionsOf(STATES, chosen, first);
export const agencyTypeOptions = (chosen: string | undefined, first?: string) => optionsOf(AGENCY_TYPES, chosen, first);
