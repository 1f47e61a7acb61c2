// What defines a cross-tab: its two variables, the percentages shown and the
// filters. The same shape comes from the page's query string, from the save
// form, and from a saved cross-tab's JSON.
import { z } from "zod";
import { AppError } from "../http/app-error.js";
import { FILTER_PARAMS, filterParams, parseResultFilters, type ResultFilters } from "./filters.js";
import { PERCENT_MODES, type PercentMode } from "./present-crosstab.js";

export type CrossTabDefinition = { row: string; col: string; pct: PercentMode; filters: ResultFilters };

const variableId = (which: string) =>
  z
    .string({ message: `Choose a ${which} variable` })
    .trim()
    .min(1, { message: `Choose a ${which} variable` })
    .max(120, { message: `The ${which} variable is not one of the choices` });

const schema = z.object({
  row: variableId("row"),
  col: variableId("column"),
  pct: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === "" ? "col" : v))
    .refine((v): v is PercentMode => (PERCENT_MODES as readonly string[]).includes(v), {
      message: "Percentages: expected col, row, total, all or none",
    }),
});

/** Throws bad_request naming what is wrong. */
export function parseCrossTabDefinition(input: Record<string, unknown>): CrossTabDefinition {
  const parsed = schema.safeParse({ row: input.row, col: input.col, pct: input.pct });
  if (!parsed.success) {
    throw new AppError(
      "bad_request",
      "This cross-tab cannot be made",
      `${parsed.error.issues.map((i) => i.message).join("; ")}. Choose the variables from the lists on the cross-tab page.`,
    );
  }
  return { ...parsed.data, pct: parsed.data.pct as PercentMode, filters: parseResultFilters(input) };
}

/** Whether the query asks for a table at all (a bare /results/crosstab shows the form). */
export function asksForCrossTab(input: Record<string, unknown>): boolean {
  return input.row !== undefined || input.col !== undefined;
}

/** The definition as flat query-string pairs, for links and for saving as JSON. */
export function definitionParams(definition: CrossTabDefinition): Record<string, string> {
  return { row: definition.row, col: definition.col, pct: definition.pct, ...filterParams(definition.filters) };
}

export const DEFINITION_PARAMS = ["row", "col", "pct", ...FILTER_PARAMS] as const;
