// The view model of an invitation's page: its state now, and one timeline in
// time order that merges the invitation's events with its outbox messages.
// Everything is plain text; the template escapes it.
import { invitationStatusLabel } from "../agencies/invitation-statuses.js";
import { isSurveyClosed } from "../survey/survey-closed.js";
import type { getInvitationTimeline } from "./get-invitation-timeline.js";

type Found = Awaited<ReturnType<typeof getInvitationTimeline>>;
type Person = { name: string; email: string } | null | undefined;

const EVENT_LABELS: Record<string, string> = {
  queued: "Message queued",
  sent: "Message sent",
  failed: "Delivery failed",
  uncertain: "Delivery uncertain",
  skipped: "Message not sent",
  opened: "Opened the survey link",
  started: "Started the survey",
  submitted: "Submitted the survey",
  opted_out: "Opted out",
  reopened: "Response reopened",
};

const MESSAGE_STATUS_LABELS: Record<string, string> = {
  queued: "waiting to be sent",
  sending: "being sent",
  sent: "sent",
  failed: "failed",
  uncertain: "uncertain (the mail server may or may not have it)",
  skipped: "not sent",
  cancelled: "cancelled",
};

/** Things the agency does itself through its link; the worker's outcomes are the mail system's. */
const BY_AGENCY = new Set(["opened", "started", "submitted", "opted_out"]);
const BY_WORKER = new Set(["sent", "failed", "uncertain", "skipped"]);

const nameOf = (p: Person) => (p ? p.name || p.email : "");
const kindLabel = (kind: string) => kind.replace(/_/g, " ");

export type TimelineEntry = {
  at: Date;
  what: string;
  detail: string;
  who: string;
  /** Outbox facts, for message entries. */
  message?: {
    id: number;
    status: string;
    attempts: number;
    lastError: string;
    lastErrorLabel: string;
    sentAt: Date | null;
    wave: string;
  };
};

export function presentInvitationTimeline(found: Found, now = new Date()) {
  const { agency, survey } = found;
  const submitted = found.status === "submitted";
  // A closed survey takes no answers, so a reopened response could never be finished.
  const closed = isSurveyClosed(survey, now);
  // A "queued" event is written with its outbox message, which the timeline
  // shows in more detail (wave, who queued it, status): listing both would say it twice.
  const events: TimelineEntry[] = found.events
    .filter((event) => event.type !== "queued")
    .map((event) => ({
      at: event.createdAt,
      what: EVENT_LABELS[event.type] ?? kindLabel(event.type),
      detail: event.detail,
      who:
        nameOf(event.actor) ||
        (BY_AGENCY.has(event.type) ? "the agency" : BY_WORKER.has(event.type) ? "the mail worker" : "the system"),
    }));
  const messages: TimelineEntry[] = found.messages.map((m) => ({
    at: m.createdAt,
    what: `${kindLabel(m.kind)[0]!.toUpperCase()}${kindLabel(m.kind).slice(1)} message put in the outbox`,
    detail: `To ${m.toAddress}: “${m.subject}”`,
    who: nameOf(m.wave?.createdBy) || "the system",
    message: {
      id: m.id,
      status: MESSAGE_STATUS_LABELS[m.status] ?? m.status,
      attempts: m.attempts,
      lastError: m.lastError,
      // A skipped or cancelled message's note is why it was not sent, not a delivery error.
      lastErrorLabel: m.status === "skipped" || m.status === "cancelled" ? "Why" : "Last error",
      sentAt: m.sentAt,
      wave: m.wave?.name ?? "",
    },
  }));
  // Stable: at equal times a message comes before the events it caused.
  const timeline = [...messages, ...events].sort((a, b) => a.at.getTime() - b.at.getTime());
  return {
    pageTitle: `${agency.name}: invitation to ${survey.title}`,
    agency,
    survey,
    invitation: {
      id: found.id,
      status: found.status,
      label: invitationStatusLabel(found.status),
      invitedAt: found.invitedAt,
      firstOpenedAt: found.firstOpenedAt,
      lastOpenedAt: found.lastOpenedAt,
      startedAt: found.startedAt,
      submittedAt: found.submittedAt,
      optedOutAt: found.optedOutAt,
      reminderCount: found.reminderCount,
      lastRemindedAt: found.lastRemindedAt,
    },
    canReopen: submitted && !closed,
    tooLateToReopen: submitted && closed,
    timeline,
  };
}
