// Section 3 of the 2016 reconstruction, the longest in the report: who runs
// the accounts, with how much time, under what policy, approval and training,
// and whether the agency measures what it achieves.
import type { SectionInput } from "./definition-schema.js";
import { choices } from "./lesm-2016-options.js";
import { USER } from "./lesm-2016-use.js";

const MIB = 1024 * 1024;

export const managementSection: SectionInput = {
  code: "MANAGEMENT",
  title: "Social media management",
  showIf: USER,
  questions: [
    {
      code: "MANAGED_BY",
      type: "multiple",
      text: "Who runs your agency's social media accounts? Check all that apply.",
      required: true,
      options: choices(
        ["PIO", "Public information officer"],
        ["COMMAND_STAFF", "Command staff"],
        ["SWORN_OFFICER", "Sworn officers, alongside other duties"],
        ["CIVILIAN_STAFF", "Civilian staff"],
        ["DEDICATED_UNIT", "A unit dedicated to social media or communications"],
        ["CONTRACTOR", "An outside contractor or consultant"],
        ["OTHER", "Someone else"],
      ),
      otherOption: "OTHER",
    },
    {
      code: "STAFF_HOURS",
      type: "decimal",
      text: "In a typical week, about how many staff hours does your agency spend on social media in total?",
      help: "Add up the time of everyone involved: writing posts, answering comments, monitoring. For example 12.5.",
      required: true,
      min: 0,
      max: 400,
      unit: "hours per week",
    },
    {
      code: "WRITTEN_POLICY",
      type: "single",
      text: "Does your agency have a written policy on social media?",
      required: true,
      options: choices(["YES", "Yes"], ["DRAFTING", "One is being drafted"], ["NO", "No"]),
    },
    {
      code: "POLICY_UPLOAD",
      type: "file",
      text: "If you can, please share a copy of your agency's social media policy.",
      help: "Optional. A PDF, Word or plain-text file of up to 5 MB. Researchers use the policies to compare how agencies govern social media.",
      required: false,
      showIf: { question: "WRITTEN_POLICY", equals: "YES" },
      accept: [
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/msword",
        "text/plain",
      ],
      maxBytes: 5 * MIB,
    },
    {
      code: "POST_APPROVAL",
      type: "single",
      text: "Who usually approves a post before it is published?",
      required: true,
      options: choices(
        ["NO_APPROVAL", "No approval needed: whoever runs the account posts directly"],
        ["PIO", "The public information officer"],
        ["SUPERVISOR", "A supervisor"],
        ["COMMAND", "Command staff or the chief executive"],
        ["DEPENDS", "It depends on what the post is about"],
      ),
    },
    {
      code: "MEASURES_IMPACT",
      type: "single",
      text: "Does your agency measure the impact of its social media activity?",
      required: true,
      options: choices(["YES", "Yes"], ["NO", "No"]),
    },
    {
      code: "IMPACT_METHODS",
      type: "multiple",
      text: "How does your agency measure impact? Check all that apply.",
      required: true,
      showIf: { question: "MEASURES_IMPACT", equals: "YES" },
      options: choices(
        ["PLATFORM_ANALYTICS", "Analytics from the platforms, such as reach or engagement"],
        ["FOLLOWERS", "Numbers of followers, likes or shares"],
        ["WEBSITE_TRAFFIC", "Visits to the agency's website"],
        ["TIPS_RECEIVED", "Tips or case information received"],
        ["COMMUNITY_FEEDBACK", "Community surveys or feedback"],
        ["MEDIA_COVERAGE", "Coverage in the news media"],
        ["OTHER", "Another way"],
      ),
      otherOption: "OTHER",
    },
    {
      code: "TRAINING",
      type: "single",
      text: "What training do personnel who post for the agency usually receive?",
      required: true,
      options: choices(
        ["EXTERNAL", "Formal training from an outside provider"],
        ["INTERNAL", "Formal training within the agency"],
        ["ON_THE_JOB", "Informal, on-the-job training"],
        ["NONE", "No training"],
      ),
    },
  ],
};
