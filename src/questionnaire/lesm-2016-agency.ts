// Section 1 of the 2016 reconstruction: the agency, the respondent, and the
// screener that sends agencies without social media to their own short block
// (and from there straight to barriers and needs).
import type { SectionInput } from "./definition-schema.js";
import { AGENCY_TYPES, STATES, YES_NO, choices } from "./lesm-2016-options.js";

const NON_USER = { question: "USES_SOCIAL_MEDIA", equals: "NO" } as const;

export const agencySection: SectionInput = {
  code: "AGENCY",
  title: "Your agency",
  intro: "A few facts about your agency, so that answers can be compared between agencies of similar kinds.",
  questions: [
    {
      code: "STATE",
      type: "single",
      text: "In which state is your agency located?",
      required: true,
      options: STATES,
    },
    {
      code: "AGENCY_TYPE",
      type: "single",
      text: "Which of the following best describes your agency?",
      required: true,
      options: AGENCY_TYPES,
      otherOption: "OTHER",
    },
    {
      code: "SWORN_OFFICERS",
      type: "integer",
      text: "How many full-time sworn officers does your agency have?",
      help: "Count the officers currently employed. Enter 0 if your agency has none.",
      required: true,
      min: 0,
      max: 60_000,
      unit: "sworn officers",
    },
    {
      code: "POPULATION_SERVED",
      type: "integer",
      text: "About how many residents live in the area your agency serves?",
      help: "An estimate is fine. Leave this blank if your agency does not serve a resident population, such as a transit or campus agency.",
      required: false,
      min: 0,
      max: 40_000_000,
      unit: "residents",
    },
    {
      code: "RESPONDENT_ROLE",
      type: "single",
      text: "What is your role in the agency?",
      help: "This tells us who answered for the agency; it is not used to identify you.",
      required: true,
      options: choices(
        ["CHIEF_EXECUTIVE", "Chief executive (chief, sheriff, commissioner or director)"],
        ["COMMAND_STAFF", "Command staff"],
        ["PIO", "Public information officer"],
        ["SOCIAL_MEDIA_MANAGER", "Social media coordinator or manager"],
        ["SWORN", "Another sworn role"],
        ["CIVILIAN", "Another civilian role"],
        ["OTHER", "Other role"],
      ),
      otherOption: "OTHER",
    },
    {
      code: "USES_SOCIAL_MEDIA",
      type: "single",
      text: "Does your agency use social media in an official capacity?",
      help: "Count any account run in the agency's name, such as a Facebook page or a Twitter account, even if it is used rarely.",
      required: true,
      options: YES_NO,
    },
    {
      code: "NONUSER_REASONS",
      type: "multiple",
      text: "Why does your agency not use social media? Check all that apply.",
      required: true,
      showIf: NON_USER,
      options: choices(
        ["STAFF_TIME", "Not enough staff time"],
        ["NO_SKILLS", "No one with the skills to run it"],
        ["COST", "Cost"],
        ["SECURITY", "Security concerns"],
        ["LEGAL", "Legal, privacy or liability concerns"],
        ["NOT_APPROPRIATE", "Not appropriate for our community"],
        ["LEADERSHIP", "Agency leadership does not support it"],
        ["NO_NEED", "We see no need for it"],
        ["OTHER", "Another reason"],
      ),
      otherOption: "OTHER",
    },
    {
      code: "NONUSER_PLANS",
      type: "single",
      text: "Is your agency considering using social media?",
      required: true,
      showIf: NON_USER,
      options: choices(
        ["WITHIN_YEAR", "Yes, within the next 12 months"],
        ["LATER", "Yes, but not within the next 12 months"],
        ["UNDECIDED", "Undecided"],
        ["NO", "No"],
      ),
    },
  ],
};
