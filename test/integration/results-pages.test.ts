// The results pages against a hand-made survey: frequencies with the right
// bases, filters, a cross-tab and its tests, saved cross-tabs, bad input.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/app.js";
import { createUser, grantAllSurveys } from "../support/factories.js";
import { csrfFrom, signIn, type Agent } from "../support/session.js";
import { createResultsSurvey, seedHandMadeResults } from "./results-fixtures.js";
import { questionSection, tableRows, textOf } from "./results-html.js";

let t: TestApp;
let researcher: Agent;
let researcherId: number;

beforeAll(async () => {
  t = await createTestApp();
  await seedHandMadeResults(t.db.prisma);
  const user = await createUser(t.db.prisma, { role: "researcher" });
  await grantAllSurveys(t.db.prisma, user.id);
  researcherId = user.id;
  researcher = await signIn(t.app, user.email);
});
afterAll(async () => {
  await t.cleanup();
});

const rowsOf = (html: string, code: string) => tableRows(questionSection(html, code));

describe("GET /results", () => {
  it("shows the counts and every question with percentages of those asked", async () => {
    const res = await researcher.get("/results").expect(200);
    const text = textOf(res.text);
    expect(text).toContain("Invited 6 Started 5 Submitted 4 In progress 1");
    expect(text).toContain("4 responses match these filters.");
    expect(rowsOf(res.text, "USES_SOCIAL_MEDIA")).toEqual(
      expect.arrayContaining([
        ["Yes", "3", "75.0%"],
        ["No", "1", "25.0%"],
        ["No answer (asked, not answered)", "0", "0.0%"],
        ["Not asked (skip logic)", "0", "not in the base"],
        ["Asked (the base)", "4", "100.0%"],
      ]),
    );
    // asked only of users: the non-user's stale answer is not counted
    expect(rowsOf(res.text, "WRITTEN_POLICY")).toEqual(
      expect.arrayContaining([
        ["Yes", "2", "66.7%"],
        ["One is being drafted", "0", "0.0%"],
        ["No", "1", "33.3%"],
        ["Not asked (skip logic)", "1", "not in the base"],
        ["Asked (the base)", "3", "100.0%"],
      ]),
    );
    const platforms = questionSection(res.text, "PLATFORMS");
    expect(tableRows(platforms)).toEqual(
      expect.arrayContaining([
        ["Facebook", "2", "66.7%"],
        ["Twitter (now X)", "2", "66.7%"],
      ]),
    );
    expect(textOf(platforms)).toContain("percentages add up to more than 100%");
    // asked of everyone; two gave no answer
    expect(rowsOf(res.text, "NEEDS")).toEqual(
      expect.arrayContaining([
        ["Training for personnel", "2", "50.0%"],
        ["Research on what works", "1", "25.0%"],
        ["No answer (asked, not answered)", "2", "50.0%"],
      ]),
    );
  });

  it("bases each row of a rowsFrom grid on the agencies that chose that platform", async () => {
    const res = await researcher.get("/results").expect(200);
    const rows = rowsOf(res.text, "POSTING_FREQUENCY");
    // columns: several a day, daily, weekly, monthly, less often, no answer, asked, not asked
    expect(rows).toContainEqual([
      "Facebook",
      "0 (0.0%)",
      "2 (100.0%)",
      "0 (0.0%)",
      "0 (0.0%)",
      "0 (0.0%)",
      "0 (0.0%)",
      "2",
      "2",
    ]);
    // A2's stale Twitter row (it did not choose Twitter) is not counted
    expect(rows).toContainEqual([
      "Twitter (now X)",
      "0 (0.0%)",
      "1 (50.0%)",
      "1 (50.0%)",
      "0 (0.0%)",
      "0 (0.0%)",
      "0 (0.0%)",
      "2",
      "2",
    ]);
  });

  it("draws a chart for a choice question as an image with a text alternative", async () => {
    const res = await researcher.get("/results").expect(200);
    const section = questionSection(res.text, "USES_SOCIAL_MEDIA");
    const img = /<img class="chart" src="data:image\/svg\+xml;base64,([^"]+)" alt="([^"]+)">/.exec(section);
    expect(img).not.toBeNull();
    expect(Buffer.from(img![1]!, "base64").toString()).toMatch(/^<svg/);
    expect(img![2]).toMatch(/figures are in the table/);
  });

  it("includes partial responses on request", async () => {
    const res = await researcher.get("/results?status=all").expect(200);
    expect(textOf(res.text)).toContain("5 responses match these filters.");
    expect(rowsOf(res.text, "WRITTEN_POLICY")).toEqual(
      expect.arrayContaining([
        ["Yes", "2", "50.0%"],
        ["No answer (asked, not answered)", "1", "25.0%"],
        ["Asked (the base)", "4", "100.0%"],
      ]),
    );
  });

  it.each([
    ["agency_type=SHERIFF", 2, ["Yes", "1", "100.0%"]],
    ["region=SOUTH", 2, ["Yes", "1", "100.0%"]],
    ["size_band=0-10", 1, ["Yes", "1", "100.0%"]],
    ["state=NY", 1, ["No", "1", "100.0%"]],
    ["state=NY&region=WEST", 0, ["Yes", "0", "–"]],
  ])("filters by %s", async (query, responses, policyRow) => {
    const res = await researcher.get(`/results?${query}`).expect(200);
    expect(textOf(res.text)).toContain(`${responses} responses match these filters.`);
    expect(rowsOf(res.text, "WRITTEN_POLICY")).toContainEqual(policyRow);
  });

  it.each([
    ["/results?agency_type=POLICE", /agency type: not one of the choices offered/],
    ["/results?status=draft", /status: expected submitted or all/],
    ["/results?region=NORTH&state=XX", /state: not one of the choices offered; region: not one of the choices offered/],
    ["/results?state=TX&state=CA", /state: give it once/],
    ["/results?survey=no-such-survey", /There is no survey called/],
  ])("answers %s with a 400 page that says what is wrong", async (path, message) => {
    const res = await researcher.get(path).expect(400);
    expect(textOf(res.text)).toMatch(message);
  });
});

describe("GET /results/crosstab", () => {
  const path = "/results/crosstab?survey=results-test&row=WRITTEN_POLICY&col=agency_type&pct=all";

  it("shows the form alone when no variables are given", async () => {
    const res = await researcher.get("/results/crosstab").expect(200);
    expect(res.text).toContain('<select id="row" name="row" required>');
    expect(res.text).not.toContain('<h3 id="tests-title">');
  });

  it("tabulates two variables with margins, percentages and the chi-square test", async () => {
    const res = await researcher.get(path).expect(200);
    const table = res.text.slice(
      res.text.indexOf('<table class="results-table crosstab">'),
      res.text.indexOf("</table>", res.text.indexOf('crosstab">')),
    );
    expect(table).toContain(
      "<caption>WRITTEN_POLICY: Does your agency have a written policy on social media? (rows) by Agency type (sample frame) (columns): counts and percentages</caption>",
    );
    expect(table).toContain('<th scope="col" class="num">Municipal police department</th>');
    const rows = tableRows(table);
    const yes = rows.find((r) => r[0] === "Yes")!;
    // Municipal: 1 of 2 (row 50%, column 50%, total 33.3%); Sheriff: 1 of 1
    expect(yes[1]).toBe("1 subset a 50.0% row percentage 50.0% column percentage 33.3% total percentage");
    expect(yes[2]).toBe("1 subset a 50.0% row percentage 100.0% column percentage 33.3% total percentage");
    const total = rows.find((r) => r[0] === "Total")!;
    expect(total.at(-1)).toMatch(/^3 /);
    const text = textOf(res.text);
    // by hand: expected counts 4/3, 2/3, 2/3, 1/3; X2 = 1/12 + 1/6 + 1/6 + 1/3 = 0.75; p = 0.386
    expect(text).toContain("χ²(1, N = 3) = 0.75, p = .386; Cramér's V = 0.50.");
    expect(text).toContain("is not statistically significant at the 0.05 level");
    expect(text).toContain("4 of 4 cells (100.0%) have an expected count below 5; the smallest expected count is 0.33");
    expect(text).toContain("Columns with no responses, left out of the test: County law enforcement agency");
    expect(text).toContain(
      "4 responses match the filters; the table counts the 3 with an answer to both variables. Left out: 1 (1 not asked WRITTEN_POLICY",
    );
    expect(res.text).toMatch(/<img class="chart" src="data:image\/svg\+xml;base64,[^"]+" alt="Stacked bar chart/);
  });

  it("tabulates a multiple-choice option as selected or not, among those asked", async () => {
    const res = await researcher.get("/results/crosstab?row=PLATFORMS_TWITTER&col=size_band&pct=none").expect(200);
    const rows = tableRows(res.text.slice(res.text.indexOf('crosstab">')));
    // users: A1 (0-10, yes), A2 (100-249, no), A3 (250-999, yes); the non-user is not asked
    // columns: 0-10, 11-49 (only the non-user: no responses, no letters), 50-99, 100-249, 250-999, 1000+, unknown
    expect(rows.find((r) => r[0] === "Selected")!.slice(1, 8)).toEqual([
      "1 subset a",
      "0",
      "0",
      "0 subset a",
      "1 subset a",
      "0",
      "0",
    ]);
    expect(rows.find((r) => r[0] === "Not selected")!.slice(1, 8)).toEqual([
      "0 subset a",
      "0",
      "0",
      "1 subset a",
      "0 subset a",
      "0",
      "0",
    ]);
    expect(textOf(res.text)).toContain("1 not asked PLATFORMS_TWITTER");
  });

  it("says why a table with a single row and column of responses has no test", async () => {
    const res = await researcher
      .get("/results/crosstab?row=PLATFORMS_FACEBOOK&col=agency_type&agency_type=MUNICIPAL")
      .expect(200);
    expect(textOf(res.text)).toMatch(
      /No chi-square test: A chi-square test needs at least two rows and two columns with responses; this table has 1 and 1\./,
    );
  });

  it.each([
    ["row=NOPE&col=agency_type", /Unknown row variable.*no variable called "NOPE"/],
    ["row=agency_type&col=", /Choose a column variable/],
    ["row=agency_type&col=TONE&pct=half", /Percentages: expected col, row, total, all or none/],
    ["row=agency_type&col=TONE&size_band=huge", /size band: not one of the choices offered/],
  ])("answers %s with a 400 page", async (query, message) => {
    const res = await researcher.get(`/results/crosstab?${query}`).expect(400);
    expect(textOf(res.text)).toMatch(message);
  });
});

describe("saved cross-tabs", () => {
  it("saves a definition and shares it by a link that other researchers can open", async () => {
    const page = await researcher.get("/results/crosstab?row=WRITTEN_POLICY&col=agency_type&region=SOUTH").expect(200);
    const _csrf = csrfFrom(page.text);
    const res = await researcher
      .post("/results/crosstabs")
      .type("form")
      .send({
        _csrf,
        name: "Policy by type, South",
        survey: "results-test",
        row: "WRITTEN_POLICY",
        col: "agency_type",
        pct: "col",
        region: "SOUTH",
      })
      .expect(303);
    const link = String(res.headers.location);
    expect(link).toMatch(/^\/results\/crosstabs\/[A-Za-z0-9_-]{16}$/);

    const other = await createUser(t.db.prisma, { role: "researcher" });
    await grantAllSurveys(t.db.prisma, other.id);
    const colleague = await signIn(t.app, other.email);
    const shared = await colleague.get(link).expect(200);
    const text = textOf(shared.text);
    expect(text).toContain("Policy by type, South");
    expect(text).toContain(`Share it with other researchers by this link: http://survey.test${link}`);
    // the South: A1 (municipal, YES); A4 is not asked
    expect(text).toContain("2 responses match the filters; the table counts the 1 with an answer to both variables.");
    expect(text).toContain("region: South");

    const list = await colleague.get("/results").expect(200);
    expect(list.text).toContain(`<a href="${link}">Policy by type, South</a>`);

    const coordinator = await signIn(t.app, (await createUser(t.db.prisma, { role: "coordinator" })).email);
    await coordinator.get(link).expect(403);
  });

  it("refuses a cross-tab without a name or with an unknown variable, saving nothing", async () => {
    const _csrf = csrfFrom((await researcher.get("/results/crosstab").expect(200)).text);
    const before = await t.db.prisma.savedCrossTab.count();
    const noName = await researcher
      .post("/results/crosstabs")
      .type("form")
      .send({ _csrf, name: " ", survey: "results-test", row: "TONE", col: "agency_type" })
      .expect(400);
    expect(textOf(noName.text)).toContain("The cross-tab needs a name");
    const badVariable = await researcher
      .post("/results/crosstabs")
      .type("form")
      .send({ _csrf, name: "x", survey: "results-test", row: "TONE", col: "NOPE" })
      .expect(400);
    expect(textOf(badVariable.text)).toContain("Unknown column variable");
    expect(await t.db.prisma.savedCrossTab.count()).toBe(before);
  });

  it("answers an unknown link with 404", async () => {
    await researcher.get("/results/crosstabs/no-such-slug").expect(404);
  });
});

describe("with several surveys", () => {
  it("asks which survey, then shows an empty one without failing", async () => {
    const created = await createResultsSurvey(t.db.prisma, "empty-survey");
    await t.db.prisma.surveyGrant.create({ data: { userId: researcherId, surveyId: created.id, role: "researcher" } });
    const picker = await researcher.get("/results").expect(200);
    expect(textOf(picker.text)).toContain("Choose a survey:");
    expect(picker.text).toContain('href="/results?survey=empty-survey"');
    const empty = await researcher.get("/results?survey=empty-survey").expect(200);
    expect(textOf(empty.text)).toContain("0 responses match these filters.");
    expect(rowsOf(empty.text, "USES_SOCIAL_MEDIA")).toContainEqual(["Yes", "0", "–"]);
    const tab = await researcher.get("/results/crosstab?survey=empty-survey&row=TONE&col=region").expect(200);
    expect(textOf(tab.text)).toContain("No response has an answer to both variables with these filters.");
    expect(textOf(tab.text)).toContain("No chi-square test: There are no responses to test.");
  });
});
