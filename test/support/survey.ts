// Drives an agency through the survey over HTTP, filling each page with valid
// answers (first options, sensible numbers) unless told otherwise.
import type { Express } from "express";
import request from "supertest";
import { expect } from "vitest";
import type { Db } from "../../src/db/client.js";
import { ensureInvitations } from "../../src/invitations/ensure-invitations.js";
import { linkToken } from "../../src/invitations/invitation-link.js";
import {
  fieldName,
  gridRowsFor,
  isQuestionShown,
  lesm2016,
  otherFieldName,
  rowFieldName,
  type AnswerValue,
  type Questionnaire,
  type Section,
} from "../../src/questionnaire/index.js";
import { seedInstrument } from "../../src/seed/seed-instrument.js";
import { TEST_LINK_SECRET } from "./app.js";
import { csrfFrom, type Agent } from "./session.js";

let counter = 0;

/**
 * An agency invited to the (seeded) 2016 survey; returns its survey link token,
 * made as the app makes it (with the test apps' link secret), so messages to it can be sent.
 */
export async function createInvitedAgency(db: Db, options: { name?: string; surveyStatus?: string } = {}) {
  counter += 1;
  const { survey } = await seedInstrument(db);
  if (options.surveyStatus)
    await db.survey.update({ where: { id: survey.id }, data: { status: options.surveyStatus } });
  const agency = await db.agency.create({
    data: {
      name: options.name ?? `Test Police Department ${counter}`,
      state: "OH",
      agencyType: "MUNICIPAL",
      contactEmail: `chief${counter}-${process.pid}@agency.example`,
    },
  });
  const ids = await ensureInvitations({
    db,
    surveyId: survey.id,
    agencyIds: [agency.id],
    linkSecret: TEST_LINK_SECRET,
  });
  const invitation = await db.invitation.update({ where: { id: ids.get(agency.id)! }, data: { status: "invited" } });
  const token = linkToken(TEST_LINK_SECRET, invitation.linkNonce!);
  return { token, agency, invitation, survey };
}

export type Overrides = Record<string, string | string[]>;

const DEFAULT_NUMBERS: Record<string, string> = {
  YEAR_STARTED: "2011",
  SWORN_OFFICERS: "42",
  POPULATION_SERVED: "55000",
  STAFF_HOURS: "12.5",
};

/** A valid form for one section, given the answers of earlier sections. */
export function validForm(
  section: Section,
  earlier: Record<string, AnswerValue>,
  overrides: Overrides = {},
  questionnaire: Questionnaire = lesm2016,
) {
  const form: Record<string, string | string[]> = {};
  const context: Record<string, AnswerValue> = { ...earlier };
  for (const q of section.questions) {
    if (!isQuestionShown(section, q, context) || q.type === "file") continue;
    const given = overrides[q.code];
    const name = fieldName(q.code);
    switch (q.type) {
      case "single": {
        const code = typeof given === "string" ? given : q.options.find((o) => o.code !== q.otherOption)!.code;
        form[name] = code;
        context[q.code] = { type: "single", code };
        if (code === q.otherOption) form[otherFieldName(q.code)] = "Something else";
        break;
      }
      case "multiple": {
        const codes = Array.isArray(given)
          ? given
          : typeof given === "string"
            ? [given]
            : q.options
                .filter((o) => !q.exclusive?.includes(o.code) && o.code !== q.otherOption)
                .slice(0, 2)
                .map((o) => o.code);
        form[name] = codes;
        context[q.code] = { type: "multiple", codes };
        if (q.otherOption && codes.includes(q.otherOption)) form[otherFieldName(q.code)] = "Something else";
        break;
      }
      case "grid": {
        const rows: Record<string, string> = {};
        for (const row of gridRowsFor(q, context, questionnaire)) {
          rows[row.code] = q.columns[0]!.code;
          form[rowFieldName(q.code, row.code)] = q.columns[0]!.code;
        }
        context[q.code] = { type: "grid", rows };
        break;
      }
      case "integer":
      case "decimal": {
        const value = typeof given === "string" ? given : (DEFAULT_NUMBERS[q.code] ?? String(q.min));
        form[name] = value;
        context[q.code] = { type: "number", value: Number(value) };
        break;
      }
      case "text":
      case "longtext":
        if (typeof given === "string") form[name] = given;
        break;
    }
  }
  return { form, answers: context };
}

/** Posts one page; returns the response. The CSRF token and baseline come from the page itself. */
export async function postPage(
  agent: Agent,
  token: string,
  sectionCode: string,
  form: Record<string, string | string[]>,
  action = "next",
) {
  const page = await agent.get(`/s/${token}/p/${sectionCode}`);
  expect(page.status, page.text.slice(0, 500)).toBe(200);
  const baseline = /name="_baseline" value="([^"]+)"/.exec(page.text)![1]!;
  return agent
    .post(`/s/${token}/p/${sectionCode}`)
    .type("form")
    .send({ _csrf: csrfFrom(page.text), _baseline: baseline, _action: action, ...form });
}

/** Opens the link and starts the survey as an agency's browser would: that browser, its form token and the start's answer. */
export async function startSurvey(app: Express, token: string) {
  const agent = request.agent(app);
  const welcome = await agent.get(`/s/${token}`).expect(200);
  const csrf = csrfFrom(welcome.text);
  const started = await agent.post(`/s/${token}/start`).type("form").send({ _csrf: csrf });
  return { agent, csrf, started };
}

/** Starts the survey and answers every page it is sent to, until the review page. */
export async function answerEverything(
  app: Express,
  token: string,
  overrides: Overrides = {},
): Promise<{ agent: Agent; visited: string[] }> {
  const { agent, started } = await startSurvey(app, token);
  let res = started;
  const visited: string[] = [];
  let answers: Record<string, AnswerValue> = {};
  for (let guard = 0; guard < 20; guard++) {
    expect(res.status, res.text.slice(0, 2000)).toBe(303);
    const location = String(res.headers.location);
    if (location.endsWith("/review")) return { agent, visited };
    const sectionCode = location.split("/p/")[1]!;
    visited.push(sectionCode);
    const section = lesm2016.sections.find((s) => s.code === sectionCode)!;
    const filled = validForm(section, answers, overrides);
    answers = filled.answers;
    res = await postPage(agent, token, sectionCode, filled.form);
  }
  throw new Error("the survey never reached the review page");
}

export async function submit(agent: Agent, token: string) {
  const review = await agent.get(`/s/${token}/review`).expect(200);
  return agent
    .post(`/s/${token}/submit`)
    .type("form")
    .send({ _csrf: csrfFrom(review.text) });
}
