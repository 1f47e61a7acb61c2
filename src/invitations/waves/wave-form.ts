// What a coordinator asks for on the send page, read and checked: the kind of
// message, the selection (everyone, a filter of the agencies list, agencies
// picked on it), for reminders which non-responders, and when.
import { readAgencyFilters } from "../../agencies/agency-filters.js";
import type { AgencyFilters } from "../../agencies/list-agencies.js";
import { AppError } from "../../http/app-error.js";

export const REMINDER_GROUPS = ["never_started", "started", "both"] as const;
export type ReminderGroup = (typeof REMINDER_GROUPS)[number];

export type WaveSelection =
  { type: "all" } | { type: "filter"; filters: Omit<AgencyFilters, "page"> } | { type: "picked"; agencyIds: number[] };

export type WaveRequest = {
  kind: "invitation" | "reminder";
  selection: WaveSelection;
  /** Reminders only. */
  group: ReminderGroup;
  /** null: now. */
  sendAt: Date | null;
  name: string;
};

export type WaveFormValues = Record<string, string | string[]>;
export type WaveFormErrors = Partial<Record<"kind" | "selection" | "group" | "sendAt" | "name", string>>;

const MAX_PICKED = 20_000;
const one = (value: unknown) => (typeof value === "string" ? value : "");

function pickedIds(value: unknown): number[] {
  const list = Array.isArray(value) ? value : value === undefined || value === "" ? [] : [value];
  if (list.length > MAX_PICKED) throw new AppError("bad_request", "Too many agencies", `Pick at most ${MAX_PICKED}.`);
  return [
    ...new Set(
      list.map((v) => {
        const id = Number(v);
        if (typeof v !== "string" || !/^\d{1,9}$/.test(v) || id < 1) {
          throw new AppError(
            "bad_request",
            "The selection is not valid",
            "Pick the agencies again on the agencies list.",
          );
        }
        return id;
      }),
    ),
  ];
}

/** "2026-06-30T14:00" (a datetime-local field), read as UTC. */
function parseSendAt(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const date = new Date(`${value}:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 16) !== value ? null : date;
}

export function readWaveForm(
  body: Record<string, unknown>,
  now: Date,
): { ok: true; request: WaveRequest } | { ok: false; errors: WaveFormErrors } {
  const errors: WaveFormErrors = {};
  const kind = one(body.kind);
  if (kind !== "invitation" && kind !== "reminder") errors.kind = "Choose invitations or reminders";
  const type = one(body.selection);
  let selection: WaveSelection | null = null;
  if (type === "all") selection = { type: "all" };
  else if (type === "filter") {
    const { page: _page, ...filters } = readAgencyFilters(body);
    selection = { type: "filter", filters };
  } else if (type === "picked") {
    const agencyIds = pickedIds(body.agency);
    if (agencyIds.length === 0) errors.selection = "No agency is picked: tick agencies on the agencies list first";
    else selection = { type: "picked", agencyIds };
  } else errors.selection = "Choose who gets it";
  const group = one(body.group) || "both";
  if (!(REMINDER_GROUPS as readonly string[]).includes(group)) errors.group = "Choose which non-responders";
  let sendAt: Date | null = null;
  if (one(body.when) === "later") {
    sendAt = parseSendAt(one(body.sendAt));
    if (!sendAt) errors.sendAt = "Enter the date and time to send, like 2026-06-30 14:00 (UTC)";
    else if (sendAt <= now) errors.sendAt = "Choose a time in the future, or send now";
  }
  const name = one(body.name).replace(/\s+/g, " ").trim();
  if (name.length > 100) errors.name = "Use at most 100 characters for the name";
  if (Object.keys(errors).length || !selection) return { ok: false, errors };
  const label = kind === "invitation" ? "Invitations" : "Reminders";
  return {
    ok: true,
    request: {
      kind: kind as WaveRequest["kind"],
      selection,
      group: group as ReminderGroup,
      sendAt,
      name: name || `${label}, ${(sendAt ?? now).toISOString().slice(0, 16).replace("T", " ")} UTC`,
    },
  };
}

/** The form's values as hidden fields, to carry them from the confirmation to the queuing. */
export function waveFormValues(body: Record<string, unknown>): WaveFormValues {
  const values: WaveFormValues = {};
  for (const key of [
    "kind",
    "selection",
    "group",
    "when",
    "sendAt",
    "name",
    "q",
    "state",
    "type",
    "size",
    "status",
    "dnc",
  ]) {
    values[key] = one(body[key]);
  }
  const agency = body.agency;
  values.agency = (Array.isArray(agency) ? agency : agency === undefined ? [] : [agency]).map(one).filter(Boolean);
  return values;
}
