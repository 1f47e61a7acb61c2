// Sections 4 to 6 of the 2016 reconstruction: tone (users only), then
// barriers and needs, which every agency answers.
import type { SectionInput } from "./definition-schema.js";
import { BARRIERS, BARRIER_LEVELS, choices } from "./lesm-2016-options.js";
import { USER } from "./lesm-2016-use.js";

export const toneSection: SectionInput = {
  code: "TONE",
  title: "Tone on social media",
  showIf: USER,
  questions: [
    {
      code: "TONE",
      type: "single",
      text: "Which best describes the tone your agency aims for on social media?",
      required: true,
      options: choices(
        ["FORMAL", "1: Formal and official"],
        ["MOSTLY_FORMAL", "2"],
        ["BALANCED", "3: A mix of formal and informal"],
        ["MOSTLY_INFORMAL", "4"],
        ["INFORMAL", "5: Informal and conversational"],
      ),
    },
    {
      code: "TONE_VARIES",
      type: "single",
      text: "Does that tone change with the purpose of a post or with the platform?",
      required: true,
      options: choices(
        ["BY_PURPOSE", "Yes, with the purpose"],
        ["BY_PLATFORM", "Yes, with the platform"],
        ["BOTH", "Yes, with both"],
        ["NO", "No, it stays the same"],
      ),
    },
    {
      code: "HUMOR",
      type: "single",
      text: "How often does your agency use humor in its posts?",
      required: true,
      options: choices(["OFTEN", "Often"], ["SOMETIMES", "Sometimes"], ["RARELY", "Rarely"], ["NEVER", "Never"]),
    },
    {
      code: "RESPONDS_TO_COMMENTS",
      type: "single",
      text: "How does your agency usually deal with comments and messages from the public?",
      required: true,
      options: choices(
        ["MOST", "We respond to most of them"],
        ["SELECTED", "We respond to some, such as questions or complaints"],
        ["RARELY", "We rarely respond"],
        ["NEVER", "We read them but do not respond"],
        ["DISABLED", "Comments are turned off where possible"],
      ),
    },
  ],
};

export const barriersSection: SectionInput = {
  code: "BARRIERS",
  title: "Barriers",
  intro:
    "If your agency does not use social media, answer for what would stand in its way if it started to use social media.",
  questions: [
    {
      code: "BARRIERS",
      type: "grid",
      text: "How much of a barrier to your agency's successful use of social media is each of the following?",
      required: true,
      rows: BARRIERS,
      columns: BARRIER_LEVELS,
    },
    {
      code: "BARRIER_OTHER",
      type: "text",
      text: "Is there another important barrier? Please describe it briefly.",
      required: false,
      maxLength: 300,
    },
  ],
};

export const needsSection: SectionInput = {
  code: "NEEDS",
  title: "Needs",
  questions: [
    {
      code: "NEEDS",
      type: "multiple",
      text: "Which of the following would best help your agency manage its online presence? Check all that apply.",
      required: true,
      options: choices(
        ["RESEARCH", "Research on what works"],
        ["TRAINING", "Training for personnel"],
        ["RESOURCES", "Funding, staff or other resources"],
        ["MODEL_POLICIES", "Model policies and guidelines"],
        ["PEER_NETWORKS", "Networks to share practices with other agencies"],
        ["TECHNOLOGY_TOOLS", "Technology tools, such as for scheduling, monitoring or measuring impact"],
        ["OTHER", "Something else"],
        ["NONE", "None of these"],
      ),
      exclusive: ["NONE"],
      otherOption: "OTHER",
    },
    {
      code: "COMMENTS",
      type: "longtext",
      text: "Is there anything else you would like to tell us about your agency and social media, or about what would help it?",
      required: false,
      maxLength: 4000,
    },
  ],
};
