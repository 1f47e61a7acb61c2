// The states of an agency's invitation to a survey, as the agencies list shows
// and filters them. An agency without an invitation row counts as not invited.

export const INVITATION_STATUSES = [
  { code: "not_invited", label: "Not invited" },
  { code: "invited", label: "Invited" },
  { code: "opened", label: "Opened the link" },
  { code: "started", label: "Started" },
  { code: "submitted", label: "Submitted" },
  { code: "opted_out", label: "Opted out" },
  { code: "failed", label: "Invitation failed" },
] as const;

export type InvitationStatus = (typeof INVITATION_STATUSES)[number]["code"];

export function isInvitationStatus(value: unknown): value is InvitationStatus {
  return INVITATION_STATUSES.some((s) => s.code === value);
}

export function invitationStatusLabel(status: string | null | undefined): string {
  return INVITATION_STATUSES.find((s) => s.code === (status ?? "not_invited"))?.label ?? String(status);
}
