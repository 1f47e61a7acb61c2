// The kinds of survey email a coordinator edits, with the words the pages use for them.
export const TEMPLATE_KINDS = ["invitation", "reminder", "thank_you"] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export const templateKindLabels: Record<TemplateKind, string> = {
  invitation: "Invitation",
  reminder: "Reminder",
  thank_you: "Thank-you",
};

export function isTemplateKind(value: unknown): value is TemplateKind {
  return typeof value === "string" && (TEMPLATE_KINDS as readonly string[]).includes(value);
}

/** Invitations and reminders must carry the agency's link and the way to opt out. */
export const REQUIRED_PLACEHOLDERS: Record<TemplateKind, string[]> = {
  invitation: ["link", "optOutLink"],
  reminder: ["link", "optOutLink"],
  thank_you: [],
};
