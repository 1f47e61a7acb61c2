// Section 2 of the 2016 reconstruction: when the agency started, where it
// posts, what for and how often. Asked only of agencies that use social media.
import type { Condition, SectionInput } from "./definition-schema.js";
import { PLATFORMS, PURPOSES, choices } from "./lesm-2016-options.js";

export const USER: Condition = { question: "USES_SOCIAL_MEDIA", equals: "YES" };

export const useSection: SectionInput = {
  code: "USE",
  title: "Social media use",
  showIf: USER,
  questions: [
    {
      code: "YEAR_STARTED",
      type: "integer",
      text: "In what year did your agency first use social media?",
      help: "If you are not sure, give your best estimate.",
      required: true,
      min: 1990,
      max: 2016,
      unit: "year",
    },
    {
      code: "PLATFORMS",
      type: "multiple",
      text: "Which social media platforms does your agency use? Check all that apply.",
      required: true,
      options: PLATFORMS,
      otherOption: "OTHER",
    },
    {
      code: "PURPOSES",
      type: "multiple",
      text: "For which purposes does your agency use social media? Check all that apply.",
      required: true,
      minSelected: 1,
      options: PURPOSES,
      otherOption: "OTHER",
    },
    {
      code: "POSTING_FREQUENCY",
      type: "grid",
      text: "How often does your agency post on each platform it uses?",
      help: "Count everything the agency publishes: posts, tweets, videos and replies.",
      required: true,
      showIf: { question: "PLATFORMS", answered: true },
      rowsFrom: "PLATFORMS",
      columns: choices(
        ["SEVERAL_A_DAY", "Several times a day"],
        ["DAILY", "Daily"],
        ["WEEKLY", "Weekly"],
        ["MONTHLY", "Monthly"],
        ["LESS_OFTEN", "Less often"],
      ),
    },
    {
      code: "EVIDENCE_REQUEST",
      type: "single",
      text: "Has your agency ever contacted a social media company, such as Facebook or Twitter, to obtain evidence for an investigation?",
      required: true,
      options: choices(["YES", "Yes"], ["NO", "No"], ["DONT_KNOW", "Don't know"]),
    },
  ],
};
