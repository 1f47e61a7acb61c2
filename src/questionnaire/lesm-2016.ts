// The 2016 Law Enforcement Use of Social Media Survey, as we reconstruct it.
// The original instrument is not public; when it (or a later wave) becomes
// available, it replaces this file as data, and the version hash changes.
import type { QuestionnaireInput } from "./definition-schema.js";
import { loadDefinition } from "./load-definition.js";
import { agencySection } from "./lesm-2016-agency.js";
import { barriersSection, needsSection, toneSection } from "./lesm-2016-closing.js";
import { managementSection } from "./lesm-2016-management.js";
import { useSection } from "./lesm-2016-use.js";

export const lesm2016Definition: QuestionnaireInput = {
  code: "lesm-2016",
  title: "2016 Law Enforcement Use of Social Media Survey",
  versionLabel: "Reconstruction 1",
  reconstructionNote:
    "This questionnaire is a reconstruction, not the original 2016 instrument, which has not been published. " +
    "It follows the structure of the report by the Urban Institute and the IACP (Kim, Oglesby-Neal and Mohr, 2017) " +
    "and what is known of the survey and of the IACP's earlier surveys; the wording, options and codes are our own.",
  estimatedMinutes: 15,
  sponsor: "Urban Institute and the International Association of Chiefs of Police (IACP)",
  sections: [agencySection, useSection, managementSection, toneSection, barriersSection, needsSection],
};

/** The reconstruction, validated at import time so a broken edit fails every test at once. */
export const lesm2016 = loadDefinition(lesm2016Definition);
