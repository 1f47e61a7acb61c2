// Sending for coordinators: the send page (what, to whom, when), the
// confirmation that counts who gets it before anything is queued, the queuing,
// and the list of waves with cancelling those still waiting.
import { Router, type Request } from "express";
import type { AppDeps } from "../app.js";
import { findCurrentSurvey } from "../agencies/find-current-survey.js";
import { filterOptions } from "../agencies/present-agency-list.js";
import { readAgencyFilters } from "../agencies/agency-filters.js";
import { allow } from "../auth/roles.js";
import type { DbOrTx } from "../db/client.js";
import { AppError } from "../http/app-error.js";
import { errorListOf } from "../http/field-errors.js";
import { cancelWave } from "../invitations/waves/cancel-wave.js";
import {
  classifyRecipients,
  EXCLUSION_REASONS,
  type Classification,
} from "../invitations/waves/classify-recipients.js";
import { listWaves } from "../invitations/waves/list-waves.js";
import { queueWave } from "../invitations/waves/queue-wave.js";
import {
  readWaveForm,
  waveFormValues,
  type WaveFormErrors,
  type WaveFormValues,
  type WaveRequest,
} from "../invitations/waves/wave-form.js";

const body = (req: Request) => (req.body ?? {}) as Record<string, unknown>;

const kindOptions = [
  { value: "invitation", label: "Invitations", hint: "the first email, with the agency's personal link" },
  { value: "reminder", label: "Reminders", hint: "to agencies invited that have not submitted" },
];
const selectionOptions = (picked: number) => [
  {
    value: "all",
    label: "Everyone",
    hint: "invitations: every agency not yet invited; reminders: every non-responder",
  },
  { value: "filter", label: "The agencies this filter finds", hint: "the filters below, as on the agencies list" },
  {
    value: "picked",
    label: `The ${picked} ${picked === 1 ? "agency" : "agencies"} picked on the agencies list`,
    hint: "tick agencies on the agencies list, then “Send to the ticked agencies”",
  },
];
const groupOptions = [
  { value: "both", label: "Every non-responder" },
  { value: "never_started", label: "Those that never started" },
  { value: "started", label: "Those that started but did not submit" },
];
const whenOptions = [
  { value: "now", label: "Now" },
  { value: "later", label: "At a set time" },
];

async function currentSurvey(db: DbOrTx) {
  const survey = await findCurrentSurvey({ db });
  if (!survey) throw new AppError("not_found", "No survey yet", "Set up a survey before sending invitations.");
  return survey;
}

function sendPage(survey: { title: string }, values: WaveFormValues, errors: WaveFormErrors = {}) {
  const agencies = Array.isArray(values.agency) ? values.agency : [];
  const { page: _page, ...filters } = readAgencyFilters(values);
  return {
    pageTitle: `${Object.keys(errors).length ? "Error: " : ""}Send invitations or reminders`,
    survey,
    values: {
      ...values,
      kind: values.kind || "invitation",
      selection: values.selection || (agencies.length ? "picked" : "all"),
      group: values.group || "both",
      when: values.when || "now",
    },
    kindOptions,
    selectionOptions: selectionOptions(agencies.length),
    groupOptions,
    whenOptions,
    filterOptions: filterOptions(filters),
    errors,
    errorList: errorListOf(errors),
  };
}

/** Why nothing can be sent, in words, when a selection leaves nobody. */
function emptyMessage(request: WaveRequest, c: Classification): string {
  const noun = request.kind === "invitation" ? "an invitation" : "a reminder";
  if (c.selected === 0) return `No agency is in this selection, so no ${noun.split(" ")[1]} was queued`;
  const reasons = excludedList(c).map((e) => `${e.count} ${e.reason}`);
  return `None of the ${c.selected} selected agencies can get ${noun} (${reasons.join("; ")}), so nothing was queued`;
}

function excludedList(c: Classification) {
  return Object.entries(c.excluded)
    .filter(([, count]) => count > 0)
    .map(([key, count]) => ({ reason: EXCLUSION_REASONS[key as keyof typeof EXCLUSION_REASONS], count }));
}

function hiddenFields(values: WaveFormValues) {
  return Object.entries(values).flatMap(([name, value]) =>
    Array.isArray(value) ? value.map((v) => ({ name, value: v })) : value ? [{ name, value }] : [],
  );
}

function backHref(values: WaveFormValues): string {
  const params = new URLSearchParams();
  for (const { name, value } of hiddenFields(values)) params.append(name, value);
  return `/invitations/send?${params.toString()}`;
}

export function wavesRouter({ db, clock, linkSecret }: AppDeps): Router {
  const router = Router();
  const prisma = db.prisma;
  const now = () => clock?.now() ?? new Date();
  const coordinator = allow("coordinator");

  router.get("/invitations/send", coordinator, async (req, res) => {
    const survey = await currentSurvey(prisma);
    res.render("pages/invitations-send", sendPage(survey, waveFormValues(req.query as Record<string, unknown>)));
  });

  // Validates, then counts: nothing is written.
  router.post("/invitations/send/confirm", coordinator, async (req, res) => {
    const survey = await currentSurvey(prisma);
    const values = waveFormValues(body(req));
    const form = readWaveForm(body(req), now());
    if (!form.ok) return res.status(400).render("pages/invitations-send", sendPage(survey, values, form.errors));
    const c = await classifyRecipients({ db, surveyId: survey.id, request: form.request });
    if (c.recipients.length === 0) {
      const errors = { selection: emptyMessage(form.request, c) };
      return res.status(400).render("pages/invitations-send", sendPage(survey, values, errors));
    }
    res.render("pages/invitations-send-confirm", {
      pageTitle: "Confirm the send",
      survey,
      request: form.request,
      kindLabel: form.request.kind === "invitation" ? "Invitations" : "Reminders",
      count: c.recipients.length,
      selected: c.selected,
      excluded: excludedList(c),
      hidden: hiddenFields(values),
      backHref: backHref(values),
    });
  });

  router.post("/invitations/send", coordinator, async (req, res) => {
    const survey = await currentSurvey(prisma);
    const values = waveFormValues(body(req));
    const form = readWaveForm(body(req), now());
    if (!form.ok) return res.status(400).render("pages/invitations-send", sendPage(survey, values, form.errors));
    const result = await queueWave({
      db,
      surveyId: survey.id,
      request: form.request,
      linkSecret,
      userId: req.user!.id,
      ip: req.ip ?? "",
      now: now(),
    });
    if (!result.ok) {
      const errors = { selection: emptyMessage(form.request, result.classification) };
      return res.status(400).render("pages/invitations-send", sendPage(survey, values, errors));
    }
    res.redirect(303, `/invitations/waves?queued=${result.queued}`);
  });

  router.get("/invitations/waves", coordinator, async (req, res) => {
    const survey = await currentSurvey(prisma);
    const waves = (await listWaves({ db: prisma, surveyId: survey.id, now: now() })).map((w) => ({
      ...w,
      queued: w.counts.queued ?? 0,
      // `last` for the comma between entries, rather than @last: see view-engine.ts on data: false.
      statusList: Object.entries(w.counts).map(([status, count], i, all) => ({
        status,
        count,
        last: i === all.length - 1,
      })),
    }));
    const queued = Number(req.query.queued);
    const cancelled = Number(req.query.cancelled);
    const notice = Number.isSafeInteger(queued)
      ? `${queued} ${queued === 1 ? "email is" : "emails are"} queued.`
      : Number.isSafeInteger(cancelled)
        ? `Cancelled: ${cancelled} ${cancelled === 1 ? "email" : "emails"} will not be sent.`
        : "";
    res.render("pages/invitations-waves", { pageTitle: "Waves", survey, waves, notice });
  });

  router.post("/invitations/waves/:id/cancel", coordinator, async (req, res) => {
    const waveId = Number(req.params.id);
    if (!Number.isSafeInteger(waveId) || waveId < 1)
      throw new AppError("not_found", "Wave not found", "Check the link.");
    const { cancelled } = await cancelWave({ db: prisma, waveId, userId: req.user!.id, ip: req.ip ?? "", now: now() });
    res.redirect(303, `/invitations/waves?cancelled=${cancelled}`);
  });

  return router;
}
