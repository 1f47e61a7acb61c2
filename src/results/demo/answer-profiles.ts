// How synthetic agencies answer the 2016 instrument: shares from the IACP's
// surveys where known (94% on Facebook, 78% with a written policy, 59% asked a
// platform for evidence...), made to depend on size where it plausibly does,
// so that cross-tabs by size band show real associations. `big` runs from 0
// (a handful of officers) to 1 (thousands).
import { clamp, type Random } from "./random.js";

type Weights = Readonly<Record<string, number>>;

export type Profile =
  | { kind: "single"; weights: (big: number) => Weights }
  | { kind: "multiple"; chances: (big: number) => Weights }
  | { kind: "grid"; weights: (big: number, row: string) => Weights }
  | { kind: "number"; value: (big: number, random: Random) => number };

const single = (weights: (big: number) => Weights): Profile => ({ kind: "single", weights });
const multiple = (chances: (big: number) => Weights): Profile => ({ kind: "multiple", chances });

/** The greatest barriers named by the report: new trends, measuring impact, training. */
const BARRIER_WEIGHT: Weights = {
  NEW_TRENDS: 1.4,
  MEASURING_IMPACT: 1.5,
  TRAINING_PERSONNEL: 1.3,
  STAFF_TIME: 1.2,
  RESOURCES: 1.1,
  SECURITY: 0.7,
  LEGAL: 0.6,
  PUBLIC_CRITICISM: 0.6,
  LEADERSHIP_SUPPORT: 0.3,
};
const RESOURCE_BARRIERS = ["STAFF_TIME", "RESOURCES", "TRAINING_PERSONNEL"];

export const PROFILES: Readonly<Record<string, Profile>> = {
  RESPONDENT_ROLE: single((b) => ({
    CHIEF_EXECUTIVE: 0.45 - 0.3 * b,
    COMMAND_STAFF: 0.15,
    PIO: 0.05 + 0.35 * b,
    SOCIAL_MEDIA_MANAGER: 0.04 + 0.12 * b,
    SWORN: 0.15,
    CIVILIAN: 0.1,
    OTHER: 0.02,
  })),
  // about 8% of agencies do not use social media, nearly all of them small
  USES_SOCIAL_MEDIA: single((b) => ({ YES: 1 - (0.11 * (1 - b) ** 2 + 0.005), NO: 0.11 * (1 - b) ** 2 + 0.005 })),
  NONUSER_REASONS: multiple(() => ({
    STAFF_TIME: 0.6,
    NO_SKILLS: 0.3,
    COST: 0.2,
    SECURITY: 0.25,
    LEGAL: 0.2,
    NOT_APPROPRIATE: 0.15,
    LEADERSHIP: 0.1,
    NO_NEED: 0.2,
    OTHER: 0.05,
  })),
  NONUSER_PLANS: single(() => ({ WITHIN_YEAR: 0.3, LATER: 0.25, UNDECIDED: 0.3, NO: 0.15 })),
  YEAR_STARTED: { kind: "number", value: (b, r) => Math.round(clamp(2011.5 - 4 * b + 2 * r.normal(), 1995, 2016)) },
  PLATFORMS: multiple((b) => ({
    FACEBOOK: 0.95,
    TWITTER: 0.45 + 0.5 * b,
    YOUTUBE: 0.2 + 0.5 * b,
    INSTAGRAM: 0.15 + 0.45 * b,
    NEXTDOOR: 0.15 + 0.3 * b,
    NIXLE: 0.2 + 0.2 * b,
    LINKEDIN: 0.05 + 0.35 * b,
    SNAPCHAT: 0.02 + 0.12 * b,
    OTHER: 0.05,
  })),
  PURPOSES: multiple((b) => ({
    SAFETY_NOTICES: 0.91,
    COMMUNITY_OUTREACH: 0.85,
    PUBLIC_RELATIONS: 0.75,
    NON_CRIME_NOTICES: 0.7,
    SOLICIT_TIPS: 0.6 + 0.25 * b,
    MONITOR_SENTIMENT: 0.35 + 0.3 * b,
    INVESTIGATIONS: 0.6 + 0.3 * b,
    RECRUITMENT: 0.4 + 0.35 * b,
    OTHER: 0.04,
  })),
  POSTING_FREQUENCY: {
    kind: "grid",
    weights: (b, row) => {
      const active = clamp(b + (row === "FACEBOOK" ? 0.35 : row === "TWITTER" ? 0.2 : 0), 0, 1.3);
      return {
        SEVERAL_A_DAY: 0.05 + 0.5 * active,
        DAILY: 0.15 + 0.3 * active,
        WEEKLY: 0.4,
        MONTHLY: 0.3 - 0.2 * active,
        LESS_OFTEN: 0.25 - 0.2 * active,
      };
    },
  },
  EVIDENCE_REQUEST: single((b) => ({ YES: 0.35 + 0.5 * b, NO: 0.55 - 0.45 * b, DONT_KNOW: 0.08 })),
  MANAGED_BY: multiple((b) => ({
    PIO: 0.2 + 0.6 * b,
    COMMAND_STAFF: 0.5 - 0.2 * b,
    SWORN_OFFICER: 0.45,
    CIVILIAN_STAFF: 0.2 + 0.2 * b,
    DEDICATED_UNIT: 0.02 + 0.4 * b,
    CONTRACTOR: 0.03,
    OTHER: 0.04,
  })),
  STAFF_HOURS: {
    kind: "number",
    value: (b, r) => Math.round(2 * clamp((2 + 60 * b * b) * Math.exp(0.7 * r.normal()), 0, 400)) / 2,
  },
  WRITTEN_POLICY: single((b) => ({ YES: 0.66 + 0.3 * b, DRAFTING: 0.14 - 0.1 * b, NO: 0.2 - 0.2 * b })),
  POST_APPROVAL: single((b) => ({
    NO_APPROVAL: 0.3 - 0.15 * b,
    PIO: 0.15 + 0.25 * b,
    SUPERVISOR: 0.2,
    COMMAND: 0.25,
    DEPENDS: 0.1,
  })),
  MEASURES_IMPACT: single((b) => ({ YES: 0.3 + 0.45 * b, NO: 0.7 - 0.45 * b })),
  IMPACT_METHODS: multiple(() => ({
    PLATFORM_ANALYTICS: 0.7,
    FOLLOWERS: 0.75,
    WEBSITE_TRAFFIC: 0.3,
    TIPS_RECEIVED: 0.35,
    COMMUNITY_FEEDBACK: 0.25,
    MEDIA_COVERAGE: 0.3,
    OTHER: 0.03,
  })),
  TRAINING: single((b) => ({
    EXTERNAL: 0.1 + 0.3 * b,
    INTERNAL: 0.15 + 0.25 * b,
    ON_THE_JOB: 0.5,
    NONE: 0.25 - 0.2 * b,
  })),
  TONE: single((b) => ({
    FORMAL: 0.15 - 0.1 * b,
    MOSTLY_FORMAL: 0.25,
    BALANCED: 0.4,
    MOSTLY_INFORMAL: 0.15 + 0.1 * b,
    INFORMAL: 0.05 + 0.1 * b,
  })),
  TONE_VARIES: single(() => ({ BY_PURPOSE: 0.3, BY_PLATFORM: 0.12, BOTH: 0.2, NO: 0.38 })),
  HUMOR: single((b) => ({ OFTEN: 0.08 + 0.2 * b, SOMETIMES: 0.4, RARELY: 0.32, NEVER: 0.2 - 0.12 * b })),
  RESPONDS_TO_COMMENTS: single((b) => ({
    MOST: 0.2 + 0.3 * b,
    SELECTED: 0.4,
    RARELY: 0.2,
    NEVER: 0.12 - 0.05 * b,
    DISABLED: 0.08 - 0.05 * b,
  })),
  BARRIERS: {
    kind: "grid",
    weights: (b, row) => {
      // small agencies feel the resource barriers most
      const level = (BARRIER_WEIGHT[row] ?? 1) * (RESOURCE_BARRIERS.includes(row) ? 1.4 - 0.8 * b : 1);
      return { NOT_A_BARRIER: 1.2 / level, MINOR: 1, MODERATE: 0.6 * level, MAJOR: 0.35 * level * level };
    },
  },
  NEEDS: multiple((b) => ({
    RESEARCH: 0.4,
    TRAINING: 0.65,
    RESOURCES: 0.6 - 0.2 * b,
    MODEL_POLICIES: 0.45 - 0.15 * b,
    PEER_NETWORKS: 0.35,
    TECHNOLOGY_TOOLS: 0.4 + 0.1 * b,
    OTHER: 0.03,
    NONE: 0.03,
  })),
};

export const OTHER_TEXTS = [
  "Local news website",
  "Community app",
  "Neighborhood meetings",
  "Union concerns",
  "Town council rules",
  "Citizen academy",
];
export const COMMENTS = [
  "Social media has changed how we talk to residents.",
  "We would like model policies for handling comments.",
  "Our agency is small; one officer does all of this on top of patrol.",
  "Training on live video would help.",
];
