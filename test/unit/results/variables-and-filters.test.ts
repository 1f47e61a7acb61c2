import { describe, expect, it } from "vitest";
import { lesm2016 } from "../../../src/questionnaire/index.js";
import { describeFilters, filterParams, parseResultFilters } from "../../../src/results/filters.js";
import { OTHER_REGION, REGIONS, regionOf } from "../../../src/results/regions.js";
import { crossTabVariables, findCrossVariable } from "../../../src/results/variables.js";
import { STATES } from "../../../src/questionnaire/lesm-2016-options.js";

describe("cross-tab variables", () => {
  it("offers single questions, every grid row, every multiple-choice option and the agency attributes", () => {
    const ids = crossTabVariables(lesm2016).flatMap((g) => g.variables.map((v) => v.id));
    expect(ids.slice(0, 4)).toEqual(["agency_type", "size_band", "state", "region"]);
    expect(ids).toEqual(
      expect.arrayContaining([
        "WRITTEN_POLICY",
        "PLATFORMS_FACEBOOK",
        "POSTING_FREQUENCY_TWITTER",
        "BARRIERS_STAFF_TIME",
        "NEEDS_NONE",
      ]),
    );
    // not numbers, texts or files, and no "None" row in a grid built from a list with an exclusive option
    expect(ids).not.toContain("SWORN_OFFICERS");
    expect(ids).not.toContain("COMMENTS");
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("describes a multiple-choice option as selected or not", () => {
    expect(findCrossVariable(lesm2016, "PLATFORMS_TWITTER")).toMatchObject({
      kind: "option",
      questionCode: "PLATFORMS",
      optionCode: "TWITTER",
      categories: [
        { code: "YES", label: "Selected" },
        { code: "NO", label: "Not selected" },
      ],
    });
    expect(findCrossVariable(lesm2016, "POSTING_FREQUENCY_TWITTER")).toMatchObject({
      kind: "grid_row",
      rowCode: "TWITTER",
    });
    expect(findCrossVariable(lesm2016, "NOPE")).toBeUndefined();
    expect(findCrossVariable(lesm2016, "toString")).toBeUndefined();
  });
});

describe("regions", () => {
  it("puts every state and DC in exactly one Census region", () => {
    for (const state of STATES) expect(REGIONS.filter((r) => r.states.includes(state.code))).toHaveLength(1);
    expect(REGIONS.flatMap((r) => r.states)).toHaveLength(51);
    expect(regionOf("DC").code).toBe("SOUTH");
    expect(regionOf("PR")).toBe(OTHER_REGION);
  });
});

describe("parseResultFilters", () => {
  it("defaults to submitted responses and ignores empty choices", () => {
    expect(parseResultFilters({ state: "", agency_type: "" })).toEqual({ status: "submitted" });
  });

  it("keeps valid filters and gives them back as query parameters", () => {
    const filters = parseResultFilters({
      status: "all",
      agency_type: "SHERIFF",
      size_band: "1000-plus",
      state: "TX",
      region: "SOUTH",
    });
    expect(filters).toEqual({
      status: "all",
      agencyType: "SHERIFF",
      sizeBand: "1000-plus",
      state: "TX",
      region: "SOUTH",
    });
    expect(filterParams(filters)).toEqual({
      status: "all",
      agency_type: "SHERIFF",
      size_band: "1000-plus",
      state: "TX",
      region: "SOUTH",
    });
    expect(describeFilters(filters)).toBe(
      "Submitted and partial responses; agency type: Sheriff's office or department; size: 1,000 or more sworn officers; state: Texas; region: South",
    );
  });

  it("names every bad filter in one bad_request error", () => {
    expect(() => parseResultFilters({ status: "x", state: ["TX", "CA"], region: "MARS" })).toThrow(
      expect.objectContaining({
        code: "bad_request",
        detail: expect.stringMatching(
          /status: expected submitted or all; state: give it once; region: not one of the choices offered/,
        ),
      }),
    );
  });
});
