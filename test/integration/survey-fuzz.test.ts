// Thousands of random and malformed requests to every survey page: none may
// be answered with a 5xx, and every stored response must still fit the definition.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  formValuesFor,
  fromAnswerRows,
  lesm2016,
  parsePage,
  possibleGridRows,
  fieldName,
  otherFieldName,
  rowFieldName,
} from "../../src/questionnaire/index.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { createInvitedAgency, startSurvey, validForm } from "../support/survey.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.cleanup();
});

// A small deterministic generator, so a failure can be replayed.
function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

const FIELD_NAMES = lesm2016.sections.flatMap((s) =>
  s.questions.flatMap((q) => [
    fieldName(q.code),
    otherFieldName(q.code),
    ...possibleGridRows(q, lesm2016).map((r) => rowFieldName(q.code, r.code)),
  ]),
);
const OPTION_CODES = lesm2016.sections.flatMap((s) =>
  s.questions.flatMap((q) => ("options" in q ? q.options.map((o) => o.code) : [])),
);
const NASTY = [
  "",
  " ",
  "-1",
  "1e9",
  "NaN",
  "0x10",
  "99999999999999999999",
  "12.5",
  "abc",
  "<script>alert(1)</script>",
  "=SUM(A1)",
  "\u0000",
  "\u202e",
  "é".repeat(3000),
  "x".repeat(120_000),
  "__proto__",
  "constructor",
];

function randomValue(next: () => number): string | string[] {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const one = () =>
    next() < 0.5 ? pick(OPTION_CODES) : next() < 0.5 ? pick(NASTY) : String(Math.floor(next() * 3000));
  return next() < 0.25 ? Array.from({ length: 1 + Math.floor(next() * 4) }, one) : one();
}

describe("fuzzing the survey pages", () => {
  it("never answers with a 5xx and never stores an answer the definition refuses", async () => {
    const next = rng(20161);
    const agencies = await Promise.all(Array.from({ length: 4 }, () => createInvitedAgency(t.db.prisma)));
    const statuses = new Map<number, number>();
    const sections = lesm2016.sections.map((s) => s.code);
    let requests = 0;
    for (const { token } of agencies) {
      const { agent, csrf } = await startSurvey(t.app, token);
      for (let i = 0; i < 300; i++) {
        const body: Record<string, string | string[]> = {
          _csrf: next() < 0.95 ? csrf : "bad",
          _action: ["next", "back", "save", "autosave", "submit", "??"][Math.floor(next() * 6)]!,
        };
        const sectionCode = sections[Math.floor(next() * sections.length)]!;
        // A quarter of the bodies start from a valid page, so plenty of saves happen to be checked.
        if (next() < 0.25)
          Object.assign(
            body,
            validForm(
              lesm2016.sections.find((s) => s.code === sectionCode)!,
              {},
            ).form,
          );
        const fields = Math.floor(next() * 12);
        for (let f = 0; f < fields; f++)
          body[next() < 0.85 ? FIELD_NAMES[Math.floor(next() * FIELD_NAMES.length)]! : `junk_${f}`] = randomValue(next);
        // Mostly the page's real fingerprint (read from the page), sometimes a stale or missing one.
        if (next() < 0.7) {
          const page = await agent.get(`/s/${token}/p/${sectionCode}`);
          requests++;
          const found = /name="_baseline" value="([^"]+)"/.exec(page.text);
          if (found) body._baseline = found[1]!;
        } else if (next() < 0.5) body._baseline = "stale";
        const target =
          next() < 0.9 ? `/s/${token}/p/${sectionCode}` : next() < 0.5 ? `/s/${token}/submit` : `/s/${token}/p/NOPE`;
        const kind = next();
        const req = agent.post(target);
        const res =
          kind < 0.7
            ? await req.type("form").send(body)
            : kind < 0.85
              ? await req
                  .set("Content-Type", "application/json")
                  .send(next() < 0.8 ? JSON.stringify(body) : '{"q_STATE": {"nested": [1, {"x": null}]}, "broken": ')
              : kind < 0.95
                ? await req
                    .set("Content-Type", "multipart/form-data; boundary=XYZ")
                    .send(
                      `--XYZ\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-garbage`,
                    )
                : await req.set("Content-Type", "text/plain").send("q_STATE=OH");
        requests++;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status >= 500)
          throw new Error(`5xx for ${target} with ${JSON.stringify(body).slice(0, 500)}: ${res.text.slice(0, 300)}`);
      }
    }
    expect(requests).toBeGreaterThanOrEqual(1800);
    expect([...statuses.keys()].every((s) => s < 500)).toBe(true);
    expect(statuses.get(303) ?? 0).toBeGreaterThan(30);

    // Every stored answer row belongs to the definition and every stored response re-validates.
    const rows = await t.db.prisma.answer.findMany();
    expect(rows.length).toBeGreaterThan(0);
    const known = new Set(lesm2016.sections.flatMap((s) => s.questions.map((q) => q.code)));
    expect(rows.filter((r) => !known.has(r.questionCode))).toEqual([]);
    for (const response of await t.db.prisma.response.findMany({ include: { answers: true } })) {
      const answers = fromAnswerRows(lesm2016, response.answers);
      // Every row must survive the round trip: nothing stored that the definition cannot read back.
      const readable = Object.keys(answers);
      expect(response.answers.filter((r) => !readable.includes(r.questionCode)).length).toBe(0);
      for (const section of lesm2016.sections) {
        const reparsed = parsePage(lesm2016, section.code, formValuesFor(lesm2016, section.code, answers), answers);
        expect(reparsed.errors.filter((e) => e.kind === "invalid")).toEqual([]);
      }
    }
  }, 120_000);
});
