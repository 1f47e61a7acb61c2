// A few demo agencies with invitations, so a newcomer can open a link and
// answer at once. Their links are made like every invitation's (a nonce and the
// link secret, see invitation-link.ts), so reminders can be sent to them too;
// only the nonce is not random but derived from the secret, so the same links
// work after every restart.
import { createHmac } from "node:crypto";
import type { DbOrTx } from "../db/client.js";
import { retryOnUniqueViolation } from "../db/unique-race.js";
import { hashToken } from "../auth/tokens.js";
import { linkToken, surveyUrl } from "../invitations/invitation-link.js";

const DEMO_AGENCIES = [
  {
    ori: "DEMO00001",
    name: "Riverton Police Department (demo)",
    state: "WY",
    agencyType: "MUNICIPAL",
    swornOfficers: 24,
    populationServed: 10_900,
  },
  {
    ori: "DEMO00002",
    name: "Cañon County Sheriff's Office (demo)",
    state: "CO",
    agencyType: "SHERIFF",
    swornOfficers: 85,
    populationServed: 47_000,
  },
  {
    ori: "DEMO00003",
    name: "Lakeshore State University Police (demo)",
    state: "MI",
    agencyType: "UNIVERSITY",
    swornOfficers: 18,
    populationServed: 31_000,
  },
  {
    ori: "DEMO00004",
    name: "Harbor City Police Department (demo)",
    state: "CA",
    agencyType: "MUNICIPAL",
    swornOfficers: 410,
    populationServed: 380_000,
  },
  {
    ori: "DEMO00005",
    name: "Pine Ridge Tribal Police (demo)",
    state: "SD",
    agencyType: "TRIBAL",
    swornOfficers: 9,
    populationServed: 4_200,
  },
];

export type DemoLink = { agency: string; url: string };

export async function seedDemoAgencies(options: {
  db: DbOrTx;
  surveyId: number;
  linkSecret: string;
  baseUrl: string;
}): Promise<DemoLink[]> {
  const { db, surveyId, linkSecret, baseUrl } = options;
  const links: DemoLink[] = [];
  for (const demo of DEMO_AGENCIES) {
    const agency = await retryOnUniqueViolation(() =>
      db.agency.upsert({
        where: { ori: demo.ori },
        create: { ...demo, contactName: "Demo Contact", contactEmail: `${demo.ori.toLowerCase()}@demo.invalid` },
        update: {},
      }),
    );
    const linkNonce = createHmac("sha256", linkSecret)
      .update(`demo-invitation:${surveyId}:${demo.ori}`)
      .digest()
      .subarray(0, 16)
      .toString("base64url");
    const token = linkToken(linkSecret, linkNonce);
    await retryOnUniqueViolation(() =>
      db.invitation.upsert({
        where: { surveyId_agencyId: { surveyId, agencyId: agency.id } },
        create: {
          surveyId,
          agencyId: agency.id,
          tokenHash: hashToken(token),
          linkNonce,
          status: "invited",
          invitedAt: new Date(),
        },
        update: { tokenHash: hashToken(token), linkNonce },
      }),
    );
    links.push({ agency: agency.name, url: surveyUrl(baseUrl, token) });
  }
  return links;
}
