// Option lists of the 2016 reconstruction that are long or shared.
import type { OptionInput } from "./definition-schema.js";

/**
 * Options numbered 1..n in the order given. The numbers are the export codes,
 * so once data are collected, add new options at the end, never in between.
 */
export function choices(...pairs: readonly (readonly [code: string, label: string])[]): OptionInput[] {
  return pairs.map(([code, label], i) => ({ code, label, value: i + 1 }));
}

export const YES_NO = choices(["YES", "Yes"], ["NO", "No"]);

/** The 50 states and the District of Columbia, by name, with USPS codes as option codes. */
export const STATES = choices(
  ["AL", "Alabama"],
  ["AK", "Alaska"],
  ["AZ", "Arizona"],
  ["AR", "Arkansas"],
  ["CA", "California"],
  ["CO", "Colorado"],
  ["CT", "Connecticut"],
  ["DE", "Delaware"],
  ["DC", "District of Columbia"],
  ["FL", "Florida"],
  ["GA", "Georgia"],
  ["HI", "Hawaii"],
  ["ID", "Idaho"],
  ["IL", "Illinois"],
  ["IN", "Indiana"],
  ["IA", "Iowa"],
  ["KS", "Kansas"],
  ["KY", "Kentucky"],
  ["LA", "Louisiana"],
  ["ME", "Maine"],
  ["MD", "Maryland"],
  ["MA", "Massachusetts"],
  ["MI", "Michigan"],
  ["MN", "Minnesota"],
  ["MS", "Mississippi"],
  ["MO", "Missouri"],
  ["MT", "Montana"],
  ["NE", "Nebraska"],
  ["NV", "Nevada"],
  ["NH", "New Hampshire"],
  ["NJ", "New Jersey"],
  ["NM", "New Mexico"],
  ["NY", "New York"],
  ["NC", "North Carolina"],
  ["ND", "North Dakota"],
  ["OH", "Ohio"],
  ["OK", "Oklahoma"],
  ["OR", "Oregon"],
  ["PA", "Pennsylvania"],
  ["RI", "Rhode Island"],
  ["SC", "South Carolina"],
  ["SD", "South Dakota"],
  ["TN", "Tennessee"],
  ["TX", "Texas"],
  ["UT", "Utah"],
  ["VT", "Vermont"],
  ["VA", "Virginia"],
  ["WA", "Washington"],
  ["WV", "West Virginia"],
  ["WI", "Wisconsin"],
  ["WY", "Wyoming"],
);

/** The ten agency types of the IACP's 2015 survey, in its order. */
export const AGENCY_TYPES = choices(
  ["MUNICIPAL", "Municipal police department"],
  ["SHERIFF", "Sheriff's office or department"],
  ["COUNTY", "County law enforcement agency"],
  ["STATE", "State law enforcement agency"],
  ["FEDERAL", "Federal law enforcement agency"],
  ["TRIBAL", "Tribal law enforcement agency"],
  ["UNIVERSITY", "University or college law enforcement agency"],
  ["SCHOOL", "Primary or secondary school law enforcement agency"],
  ["TRANSPORTATION", "Transportation-related law enforcement agency (for example transit, airport or port police)"],
  ["OTHER", "Other type of agency"],
);

export const PLATFORMS = choices(
  ["FACEBOOK", "Facebook"],
  ["TWITTER", "Twitter (now X)"],
  ["YOUTUBE", "YouTube"],
  ["INSTAGRAM", "Instagram"],
  ["NEXTDOOR", "Nextdoor"],
  ["NIXLE", "Nixle"],
  ["LINKEDIN", "LinkedIn"],
  ["SNAPCHAT", "Snapchat"],
  ["OTHER", "Another platform"],
);

/** The eight uses listed by sources citing the 2017 report. */
export const PURPOSES = choices(
  ["SAFETY_NOTICES", "Public safety announcements, such as warning the public about a danger"],
  ["COMMUNITY_OUTREACH", "Community outreach and engagement"],
  ["PUBLIC_RELATIONS", "Public relations and managing the agency's reputation"],
  ["NON_CRIME_NOTICES", "Notices not about crime, such as traffic, road closures or weather"],
  ["SOLICIT_TIPS", "Asking the public for tips on crimes"],
  ["MONITOR_SENTIMENT", "Keeping track of public sentiment about the agency"],
  ["INVESTIGATIONS", "Gathering intelligence or evidence for criminal investigations"],
  ["RECRUITMENT", "Recruiting new personnel"],
  ["OTHER", "Another purpose"],
);

export const BARRIERS = choices(
  ["NEW_TRENDS", "Keeping up with new platforms and trends"],
  ["MEASURING_IMPACT", "Measuring the impact of social media"],
  ["TRAINING_PERSONNEL", "Training personnel to use social media"],
  ["STAFF_TIME", "Staff time"],
  ["RESOURCES", "Resources or budget"],
  ["SECURITY", "Security concerns, such as hacked accounts or officer safety"],
  ["LEGAL", "Legal, privacy or liability concerns"],
  ["PUBLIC_CRITICISM", "Criticism or hostile comments from the public"],
  ["LEADERSHIP_SUPPORT", "Lack of support from agency leadership"],
);

export const BARRIER_LEVELS = choices(
  ["NOT_A_BARRIER", "Not a barrier"],
  ["MINOR", "Minor barrier"],
  ["MODERATE", "Moderate barrier"],
  ["MAJOR", "Major barrier"],
);
