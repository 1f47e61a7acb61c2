// Results for researchers: frequencies of every question, cross-tabs with
// significance tests, and cross-tabs saved and shared by link. GET pages take
// their filters from the query string, so every view is a link.
import { Router } from "express";
import type { AppDeps } from "../app.js";
import { allow, type SignedInUser } from "../auth/roles.js";
import { AppError } from "../http/app-error.js";
import { computeCrossTab } from "../results/compute-crosstab.js";
import { computeFrequencies } from "../results/compute-frequencies.js";
import { countResponses } from "../results/count-responses.js";
import {
  asksForCrossTab,
  definitionParams,
  parseCrossTabDefinition,
  type CrossTabDefinition,
} from "../results/crosstab-definition.js";
import { findResultsSurvey, type SurveyChoice } from "../results/find-results-survey.js";
import { findSavedCrossTab } from "../results/find-saved-crosstab.js";
import { listSavedCrossTabs } from "../results/list-saved-crosstabs.js";
import { filterParams, parseResultFilters } from "../results/filters.js";
import { filterForm, variablePicker } from "../results/present-forms.js";
import { presentCrossTab } from "../results/present-crosstab.js";
import { presentFrequencies } from "../results/present-frequencies.js";
import { saveCrossTab } from "../results/save-crosstab.js";

type Chosen = Extract<SurveyChoice, { chosen: true }>;

/** Query and body values are strings; a repeated one (an array) is refused by the parsers. */
function input(source: unknown): Record<string, unknown> {
  return typeof source === "object" && source !== null ? (source as Record<string, unknown>) : {};
}

function surveySlugOf(source: Record<string, unknown>): string | undefined {
  const slug = source.survey;
  if (slug === undefined || slug === "") return undefined;
  if (typeof slug !== "string") throw new AppError("bad_request", "Unknown survey", "Give one survey.");
  return slug;
}

export function resultsRouter(deps: Pick<AppDeps, "db" | "config">): Router {
  const router = Router();
  const db = deps.db.prisma;

  router.get("/results", allow("researcher"), async (req, res) => {
    const query = input(req.query);
    const choice = await findResultsSurvey({ db, viewer: req.user!, slug: surveySlugOf(query) });
    if (!choice.chosen)
      return res.render("pages/results-index", { pageTitle: "Results", surveys: choice.surveys, picker: true });
    const filters = parseResultFilters(query);
    const [counts, frequencies, saved] = await Promise.all([
      countResponses({ db, surveyId: choice.survey.id }),
      computeFrequencies({ db, surveyId: choice.survey.id, questionnaire: choice.questionnaire, filters }),
      listSavedCrossTabs({ db, surveyId: choice.survey.id }),
    ]);
    res.render("pages/results-index", {
      pageTitle: `Results: ${choice.survey.title}`,
      survey: choice.survey,
      otherSurveys: choice.surveys.length > 1 ? choice.surveys : undefined,
      counts,
      filters: filterForm(filters),
      filtered: frequencies.responses,
      sections: await presentFrequencies(frequencies),
      saved,
      crosstabLink: `/results/crosstab?${new URLSearchParams({ survey: choice.survey.slug, ...filterParams(filters) })}`,
    });
  });

  router.get("/results/crosstab", allow("researcher"), async (req, res) => {
    const query = input(req.query);
    const choice = await findResultsSurvey({ db, viewer: req.user!, slug: surveySlugOf(query) });
    if (!choice.chosen)
      return res.render("pages/results-index", { pageTitle: "Results", surveys: choice.surveys, picker: true });
    if (!asksForCrossTab(query)) {
      return res.render("pages/results-crosstab", {
        ...formModel(choice, undefined, parseResultFilters(query)),
        pageTitle: "Cross-tab",
      });
    }
    const definition = parseCrossTabDefinition(query);
    res.render("pages/results-crosstab", await crossTabPage(deps.db, choice, definition));
  });

  router.post("/results/crosstabs", allow("researcher"), async (req, res) => {
    const body = input(req.body);
    const choice = await findResultsSurvey({ db, viewer: req.user!, slug: surveySlugOf(body) });
    if (!choice.chosen)
      throw new AppError("bad_request", "Choose a survey", "A cross-tab is saved for one survey; none was given.");
    const definition = parseCrossTabDefinition(body);
    const user = req.user as SignedInUser;
    const name = typeof body.name === "string" ? body.name : "";
    const saved = await saveCrossTab({
      db,
      surveyId: choice.survey.id,
      questionnaire: choice.questionnaire,
      name,
      definition,
      userId: user.id,
    });
    res.redirect(303, `/results/crosstabs/${saved.slug}`);
  });

  router.get("/results/crosstabs/:slug", allow("researcher"), async (req, res) => {
    const saved = await findSavedCrossTab({ db, slug: String(req.params.slug) });
    const choice = await findResultsSurvey({ db, viewer: req.user!, slug: saved.surveySlug });
    if (!choice.chosen) throw new AppError("not_found", "Survey not found");
    res.render("pages/results-crosstab", {
      ...(await crossTabPage(deps.db, choice, saved.definition)),
      saved: { ...saved, url: new URL(`/results/crosstabs/${saved.slug}`, deps.config.publicUrl).toString() },
      pageTitle: `Saved cross-tab: ${saved.name}`,
    });
  });

  return router;
}

function formModel(choice: Chosen, definition: CrossTabDefinition | undefined, filters = definition?.filters) {
  return {
    survey: choice.survey,
    otherSurveys: choice.surveys.length > 1 ? choice.surveys : undefined,
    rowPicker: variablePicker(choice.questionnaire, definition?.row),
    colPicker: variablePicker(choice.questionnaire, definition?.col),
    pct: definition?.pct ?? "col",
    filters: filterForm(filters ?? { status: "submitted" }),
  };
}

async function crossTabPage(db: AppDeps["db"], choice: Chosen, definition: CrossTabDefinition) {
  const tab = await computeCrossTab({
    db: db.prisma,
    provider: db.provider,
    surveyId: choice.survey.id,
    questionnaire: choice.questionnaire,
    rowId: definition.row,
    colId: definition.col,
    filters: definition.filters,
  });
  const params = definitionParams(definition);
  return {
    ...formModel(choice, definition),
    pageTitle: `Cross-tab: ${tab.row.id} by ${tab.col.id}`,
    table: await presentCrossTab(tab, definition.pct),
    hidden: Object.entries({ survey: choice.survey.slug, ...params }).map(([name, value]) => ({ name, value })),
    link: `/results/crosstab?${new URLSearchParams({ survey: choice.survey.slug, ...params })}`,
    swapLink: `/results/crosstab?${new URLSearchParams({ survey: choice.survey.slug, ...params, row: definition.col, col: definition.row })}`,
  };
}
