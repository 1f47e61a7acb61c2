// Questionnaire versions are immutable rows; each is parsed once per process.
import type { DbOrTx } from "../db/client.js";
import { retryOnUniqueViolation } from "../db/unique-race.js";
import { loadDefinition, versionHashOf, type Questionnaire } from "../questionnaire/index.js";

const cache = new Map<number, Questionnaire>();

export async function questionnaireOfVersion(db: DbOrTx, versionId: number): Promise<Questionnaire> {
  const cached = cache.get(versionId);
  if (cached) return cached;
  const row = await db.questionnaireVersion.findUniqueOrThrow({ where: { id: versionId } });
  const questionnaire = loadDefinition(JSON.parse(row.definition));
  cache.set(versionId, questionnaire);
  return questionnaire;
}

/** Stores a definition as a version (once per distinct content) and returns its row. */
export async function saveQuestionnaireVersion(db: DbOrTx, questionnaire: Questionnaire) {
  const versionHash = versionHashOf(questionnaire);
  return retryOnUniqueViolation(() =>
    db.questionnaireVersion.upsert({
      where: { code_versionHash: { code: questionnaire.code, versionHash } },
      create: {
        code: questionnaire.code,
        title: questionnaire.title,
        versionHash,
        definition: JSON.stringify(questionnaire),
      },
      update: {},
    }),
  );
}
