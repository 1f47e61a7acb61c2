// Saves a cross-tab definition under a random, unguessable slug, so that a
// researcher can share it by link with other researchers.
import { randomBytes } from "node:crypto";
import type { DbOrTx } from "../db/client.js";
import { AppError } from "../http/app-error.js";
import type { Questionnaire } from "../questionnaire/index.js";
import { definitionParams, type CrossTabDefinition } from "./crosstab-definition.js";
import { findCrossVariable } from "./variables.js";

export async function saveCrossTab(options: {
  db: DbOrTx;
  surveyId: number;
  questionnaire: Questionnaire;
  name: string;
  definition: CrossTabDefinition;
  userId: number;
}) {
  const { db, surveyId, questionnaire, definition, userId } = options;
  const name = options.name.trim();
  if (name.length === 0 || name.length > 200) {
    throw new AppError(
      "bad_request",
      "The cross-tab needs a name",
      "Give it a name of up to 200 characters, so that others know what it shows.",
    );
  }
  for (const [which, id] of [
    ["row", definition.row],
    ["column", definition.col],
  ] as const) {
    if (!findCrossVariable(questionnaire, id)) {
      throw new AppError(
        "bad_request",
        `Unknown ${which} variable`,
        `This survey has no variable called "${id.slice(0, 80)}".`,
      );
    }
  }
  return db.savedCrossTab.create({
    data: {
      surveyId,
      slug: randomBytes(12).toString("base64url"),
      name,
      definition: JSON.stringify(definitionParams(definition)),
      createdById: userId,
    },
  });
}
