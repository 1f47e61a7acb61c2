// A messy, real-world CSV through every step of the import: upload, columns,
// preview (counts and the reasons a coordinator reads), apply, and again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/app.js";
import { createUser } from "../support/factories.js";
import { signIn, type Agent } from "../support/session.js";
import { commitImport, previewRow, textOf, uploadToPreview } from "../fixtures/agencies/import-flow.js";
import { messyFrameCsv, storeAgenciesBeforeMessyImport } from "../fixtures/agencies/messy-frame.js";

let t: TestApp;
let agent: Agent;
let coordinatorId: number;
beforeAll(async () => {
  t = await createTestApp();
  const user = await createUser(t.db.prisma, { role: "coordinator" });
  coordinatorId = user.id;
  agent = await signIn(t.app, user.email);
  await storeAgenciesBeforeMessyImport(t.db.prisma);
});
afterAll(async () => {
  await t.cleanup();
});

const agencyByOri = (ori: string) => t.db.prisma.agency.findUniqueOrThrow({ where: { ori } });

describe("importing a messy CSV", () => {
  let first: Awaited<ReturnType<typeof uploadToPreview>>;

  it("reads the file and guesses the columns, listing the unknown one as ignored", async () => {
    first = await uploadToPreview(agent, messyFrameCsv(), "frame (2016) ñ.csv");
    const mapping = textOf(first.mappingPage.text);
    expect(mapping).toContain(
      "File frame (2016) ñ.csv: row 1 holds the column names, and 21 rows of agencies follow (1 empty row is skipped)",
    );
    expect(mapping).toContain("Columns are separated by “;”");
    expect(mapping).toContain("These columns will be ignored unless you choose a field for them: Favourite Colour");
    expect(mapping).toContain("Column C: State");
    expect(mapping).toContain(
      "For example: Cañon City Police Department · Fort Collins Police Services; Patrol Di… · Boulder Police Department",
    );
  });

  it("shows the counts and, for every row, what will happen and why", async () => {
    const page = textOf(first.preview.text);
    expect(page).toContain("21 rows read 5 to create 2 to update 1 unchanged 13 rejected");
    expect(page).toContain("In the file, 1 empty row is skipped.");
    const row = (n: number) => previewRow(first.preview.text, n);
    expect(row(2)).toBe("2 Cañon City Police Department CO0220100 Create");
    expect(row(3)).toBe("3 Fort Collins Police Services; Patrol Division CO0350100 Create");
    expect(row(4)).toBe(
      "4 Boulder Police Department CO0070100 Update Sworn officers: 170 → 175 Population served: (empty) → 108,000 Matched by ORI",
    );
    expect(row(5)).toContain("Update ORI (FBI agency identifier): (empty) → PA0460900");
    expect(row(5)).toContain("Contact name: (empty) → Ana Peña");
    expect(row(5)).toContain("Matched by contact email");
    expect(row(6)).toBe("6 Denver Sheriff Department CO0160200 Unchanged Matched by ORI");
    expect(row(7)).toContain("Rejected The agency name is missing");
    expect(row(8)).toContain("“not-an-email” is not an email address");
    expect(row(9)).toContain("“Atlantis” is not a US state");
    expect(row(10)).toContain("“Precinct” is not an agency type we know");
    expect(row(11)).toContain("Sworn officers “about 6” is not a whole number");
    expect(row(12)).toContain("Population served cannot be negative (“-1500”)");
    expect(row(13)).toContain("ORI CO0080100 is also on row 14");
    expect(row(14)).toContain("ORI CO0080100 is also on row 13");
    expect(row(15)).toContain("chief@estes.example is also on row 16");
    expect(row(16)).toContain("chief@estes.example is also on row 15");
    expect(() => row(17)).toThrow();
    expect(row(18)).toContain(
      "lpd@lakewood.example is already the contact email of another stored agency: Lakewood Police Department, ORI CO0300100",
    );
    expect(row(19)).toContain(
      "apd@auroragov.example is the contact email of the stored agency Aurora Police Department, ORI CO0030100, which has a different ORI",
    );
    expect(row(20)).toBe("20 <script>alert(1)</script> CO0990001 Create");
    expect(row(21)).toBe('21 =HYPERLINK("http://evil.example","click") CO0990002 Create');
    expect(row(22)).toContain("There is no ORI and no contact email");
    expect(row(23)).toBe("23 El Paso County Sheriff's Office CO0210000 Create");
    // Hostile text is shown as text, never as markup.
    expect(first.preview.text).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(first.preview.text).not.toContain("<script>alert(1)");
  });

  it("filters the preview rows by outcome", async () => {
    const rejected = await agent.get(`${first.previewUrl}?show=reject`).expect(200);
    const rows = [...rejected.text.matchAll(/<tr>\s*<td>(\d+)<\/td>/g)].map((m) => Number(m[1]));
    expect(rows).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 19, 22]);
  });

  it("applies every accepted row in one go, audited, and stores what the file says", async () => {
    const result = textOf((await commitImport(agent, first.previewUrl, first.preview.text)).text);
    expect(result).toContain("Import applied");
    expect(result).toContain("5 created 2 updated 1 unchanged 13 rejected (not imported)");
    expect(await t.db.prisma.agency.count()).toBe(11);

    const canon = await agencyByOri("CO0220100");
    expect(canon).toMatchObject({
      name: "Cañon City Police Department",
      state: "CO",
      agencyType: "MUNICIPAL",
      swornOfficers: 32,
      populationServed: 16_400,
      contactName: "Roger Jensen",
      contactTitle: "Chief of Police",
      contactEmail: "roger.jensen@canoncity.org",
      doNotContact: false,
    });
    expect(await agencyByOri("CO0350100")).toMatchObject({
      name: "Fort Collins Police Services; Patrol Division",
      contactTitle: "Chief, Police Services",
      populationServed: 170_000,
    });
    expect(await agencyByOri("CO0070100")).toMatchObject({ swornOfficers: 175, populationServed: 108_000 });
    expect(await agencyByOri("PA0460900")).toMatchObject({
      name: "Peña Township Police",
      contactName: "Ana Peña",
      contactEmail: "pena.chief@example.org",
      swornOfficers: 12,
    });
    expect(await agencyByOri("CO0210000")).toMatchObject({
      agencyType: "SHERIFF",
      swornOfficers: 1300,
      populationServed: 730_395,
      contactEmail: "sheriff@elpasoco.example",
    });
    expect((await agencyByOri("CO0990001")).name).toBe("<script>alert(1)</script>");
    for (const ori of ["CO0010100", "CO0080100", "CO0350300", "CO0039999", "ZZ0000001"]) {
      expect(await t.db.prisma.agency.findUnique({ where: { ori } })).toBeNull();
    }
    const audit = await t.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "agencies.imported" } });
    expect(audit.actorUserId).toBe(coordinatorId);
    expect(JSON.parse(audit.detail)).toMatchObject({
      fileName: "frame (2016) ñ.csv",
      counts: { rows: 21, create: 5, update: 2, unchanged: 1, reject: 13, blankRows: 1 },
    });
    const boulder = await agencyByOri("CO0070100");
    const history = textOf((await agent.get(`/agencies/${boulder.id}`)).text);
    expect(history).toContain("Import of frame (2016) ñ.csv changed Sworn officers, Population served");
    // The uploaded rows are gone once applied.
    expect(await t.db.prisma.setting.count({ where: { key: { startsWith: "agency_import:" } } })).toBe(0);
  });

  it("refuses to apply the same import twice", async () => {
    const again = await agent.get(first.previewUrl);
    expect(again.status).toBe(404);
    expect(again.text).toContain("This import is not available");
  });

  it("changes nothing when the same file is imported again", async () => {
    const before = await t.db.prisma.agency.findMany({ orderBy: { id: "asc" } });
    const second = await uploadToPreview(agent, messyFrameCsv(), "frame (2016) ñ.csv");
    expect(textOf(second.preview.text)).toContain("21 rows read 0 to create 0 to update 8 unchanged 13 rejected");
    expect(textOf(second.preview.text)).toContain("Nothing in this file would change the stored agencies.");
    const result = textOf((await commitImport(agent, second.previewUrl, second.preview.text)).text);
    expect(result).toContain("0 created 0 updated 8 unchanged");
    expect(await t.db.prisma.agency.findMany({ orderBy: { id: "asc" } })).toEqual(before);
  });
});

describe("an import that updates", () => {
  it("changes only the fields each row changes, grouped however the rows differ", async () => {
    const header = "Agency Name,ORI,State,Type,Sworn,Population,Email\r\n";
    const base = [
      "Alpha Police Department,TX0000001,TX,municipal,10,1000,alpha@tx.example",
      "Beta Police Department,TX0000002,TX,municipal,20,2000,beta@tx.example",
      "Gamma County Sheriff,TX0000003,TX,sheriff,30,3000,gamma@tx.example",
    ];
    const created = await uploadToPreview(agent, header + base.join("\r\n"), "texas.csv");
    await commitImport(agent, created.previewUrl, created.preview.text);
    const before = await t.db.prisma.agency.findMany({ where: { state: "TX" }, orderBy: { ori: "asc" } });
    await t.db.prisma.agency.update({ where: { ori: "TX0000001" }, data: { contactName: "Kept As Is" } });

    const changed = [
      "Alpha Police Department,TX0000001,TX,municipal,11,,",
      "Beta Police Department,TX0000002,TX,municipal,21,,",
      "Gamma County Sheriff's Office,TX0000003,TX,sheriff,,,new.gamma@tx.example",
    ];
    const flow = await uploadToPreview(agent, header + changed.join("\r\n"), "texas-2.csv");
    expect(textOf(flow.preview.text)).toContain("3 rows read 0 to create 3 to update 0 unchanged 0 rejected");
    expect(previewRow(flow.preview.text, 4)).toContain(
      "Agency name: Gamma County Sheriff → Gamma County Sheriff's Office Contact email: gamma@tx.example → new.gamma@tx.example",
    );
    await commitImport(agent, flow.previewUrl, flow.preview.text);
    const after = await t.db.prisma.agency.findMany({ where: { state: "TX" }, orderBy: { ori: "asc" } });
    expect(after.map((a) => [a.name, a.swornOfficers, a.populationServed, a.contactName, a.contactEmail])).toEqual([
      ["Alpha Police Department", 11, 1000, "Kept As Is", "alpha@tx.example"],
      ["Beta Police Department", 21, 2000, "", "beta@tx.example"],
      ["Gamma County Sheriff's Office", 30, 3000, "", "new.gamma@tx.example"],
    ]);
    for (const [i, agency] of after.entries()) {
      expect(agency.updatedAt.getTime()).toBeGreaterThan(before[i]!.updatedAt.getTime());
      expect(agency.createdAt).toEqual(before[i]!.createdAt);
    }
  });
});
