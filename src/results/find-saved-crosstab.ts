// A saved cross-tab by its slug, with its survey and definition.
import type { DbOrTx } from "../db/client.js";
import { AppError } from "../http/app-error.js";
import { parseCrossTabDefinition, type CrossTabDefinition } from "./crosstab-definition.js";

export type SavedCrossTabView = {
  slug: string;
  name: string;
  createdAt: Date;
  createdBy: string;
  surveySlug: string;
  definition: CrossTabDefinition;
};

export async function findSavedCrossTab(options: { db: DbOrTx; slug: string }): Promise<SavedCrossTabView> {
  const saved = await options.db.savedCrossTab.findUnique({
    where: { slug: options.slug },
    include: { survey: { select: { slug: true } }, createdBy: { select: { name: true, email: true } } },
  });
  if (!saved)
    throw new AppError(
      "not_found",
      "Saved cross-tab not found",
      "There is no saved cross-tab at this address. Check the link.",
    );
  return {
    slug: saved.slug,
    name: saved.name,
    createdAt: saved.createdAt,
    createdBy: saved.createdBy ? saved.createdBy.name || saved.createdBy.email : "",
    surveySlug: saved.survey.slug,
    definition: parseCrossTabDefinition(JSON.parse(saved.definition) as Record<string, unknown>),
  };
}
