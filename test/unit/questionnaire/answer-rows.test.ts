import { describe, expect, it } from "vitest";
import {
  fromAnswerRows,
  lesm2016,
  toAnswerRows,
  type AnswerRow,
  type AnswerValue,
} from "../../../src/questionnaire/index.js";
import { nonUserAnswers, tiny, userAnswers } from "./fixtures.js";

const row = (questionCode: string, itemCode: string, cell: Partial<AnswerRow>): AnswerRow => ({
  questionCode,
  itemCode,
  valueCode: null,
  valueNumber: null,
  valueText: null,
  ...cell,
});

describe("toAnswerRows", () => {
  it("writes the long format of the Answer table", () => {
    expect(toAnswerRows("AGENCY_TYPE", { type: "single", code: "OTHER", other: "Port police" })).toEqual([
      row("AGENCY_TYPE", "", { valueCode: "OTHER" }),
      row("AGENCY_TYPE", "__other", { valueText: "Port police" }),
    ]);
    expect(toAnswerRows("PLATFORMS", { type: "multiple", codes: ["FACEBOOK", "OTHER"], other: "Periscope" })).toEqual([
      row("PLATFORMS", "FACEBOOK", { valueCode: "FACEBOOK" }),
      row("PLATFORMS", "OTHER", { valueCode: "OTHER" }),
      row("PLATFORMS", "__other", { valueText: "Periscope" }),
    ]);
    expect(toAnswerRows("BARRIERS", { type: "grid", rows: { STAFF_TIME: "MAJOR" } })).toEqual([
      row("BARRIERS", "STAFF_TIME", { valueCode: "MAJOR" }),
    ]);
    expect(toAnswerRows("STAFF_HOURS", { type: "number", value: 12.5 })).toEqual([
      row("STAFF_HOURS", "", { valueNumber: 12.5 }),
    ]);
    expect(toAnswerRows("COMMENTS", { type: "text", value: "Thanks" })).toEqual([
      row("COMMENTS", "", { valueText: "Thanks" }),
    ]);
    expect(toAnswerRows("POLICY_UPLOAD", { type: "file", fileId: 7, filename: "policy.pdf", size: 2048 })).toEqual([
      row("POLICY_UPLOAD", "", { valueNumber: 7, valueText: "policy.pdf" }),
      row("POLICY_UPLOAD", "__size", { valueNumber: 2048 }),
    ]);
  });

  it("writes one row per option even if a code is repeated", () => {
    expect(toAnswerRows("NEEDS", { type: "multiple", codes: ["NONE", "NONE"] })).toHaveLength(1);
  });
});

describe("fromAnswerRows", () => {
  it("reads back every question type", () => {
    const samples: [string, AnswerValue][] = [
      ["A", { type: "single", code: "YES" }],
      ["B", { type: "multiple", codes: ["RED", "OTHER"], other: "teal" }],
      ["C", { type: "grid", rows: { RED: "LOW", OTHER: "HIGH" } }],
      ["COUNT", { type: "number", value: 60_000 }],
      ["HOURS", { type: "number", value: 0.25 }],
      ["NAME", { type: "text", value: "Chief" }],
      ["NOTE", { type: "text", value: "line 1\nline 2" }],
      ["DOC", { type: "file", fileId: 3, filename: "a.pdf", size: 999 }],
    ];
    for (const [code, value] of samples) {
      expect(fromAnswerRows(tiny, toAnswerRows(code, value))).toEqual({ [code]: value });
    }
  });

  it("round-trips whole responses, whatever order the database returns rows in", () => {
    for (const answers of [userAnswers, nonUserAnswers]) {
      const rows = Object.entries(answers).flatMap(([code, value]) => toAnswerRows(code, value));
      expect(fromAnswerRows(lesm2016, rows)).toEqual(answers);
      expect(fromAnswerRows(lesm2016, [...rows].reverse())).toEqual(answers);
    }
  });

  it("ignores rows of unknown questions and rows that do not fit the question", () => {
    expect(
      fromAnswerRows(lesm2016, [
        row("GONE", "", { valueCode: "X" }),
        row("STATE", "", { valueNumber: 3 }),
        row("SWORN_OFFICERS", "", { valueText: "many" }),
        row("PLATFORMS", "__other", { valueText: "alone" }),
        row("COMMENTS", "", { valueText: "kept" }),
      ]),
    ).toEqual({ COMMENTS: { type: "text", value: "kept" } });
  });

  it("accepts Answer records with their extra columns", () => {
    const stored = { id: 1, responseId: 2, createdAt: new Date(), ...row("STATE", "", { valueCode: "VA" }) };
    expect(fromAnswerRows(lesm2016, [stored])).toEqual({ STATE: { type: "single", code: "VA" } });
  });
});
