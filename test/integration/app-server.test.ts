// The server server.ts makes for the app: its requests and responses arrive
// with the app's own prototypes already (so Express need not re-parent them,
// see app-server.ts), and an agency's pages and saves work through it.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppServer } from "../../src/http/app-server.js";
import { findSection, lesm2016 } from "../../src/questionnaire/index.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { csrfFrom } from "../support/session.js";
import { createInvitedAgency, validForm } from "../support/survey.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.cleanup();
});

/** Whether each request, as the server hands it over, already has the app's prototypes. */
function watchPrototypes(server: Server): boolean[] {
  const seen: boolean[] = [];
  server.prependListener("request", (req: IncomingMessage, res: ServerResponse) => {
    seen.push(Object.getPrototypeOf(req) === t.app.request && Object.getPrototypeOf(res) === t.app.response);
  });
  return seen;
}

describe("the app's server", () => {
  it("hands Express requests and responses made with the app's prototypes, and serves an agency's survey", async () => {
    const server = createAppServer(t.app);
    const seen = watchPrototypes(server);
    const { token, invitation } = await createInvitedAgency(t.db.prisma);
    const agent = request.agent(server);

    const welcome = await agent.get(`/s/${token}`).expect(200);
    const _csrf = csrfFrom(welcome.text);
    await agent.post(`/s/${token}/start`).type("form").send({ _csrf }).expect(303);
    const page = await agent.get(`/s/${token}/p/AGENCY`).expect(200);
    expect(page.text).toContain("<title>");
    const _baseline = /name="_baseline" value="([^"]+)"/.exec(page.text)![1]!;
    const saved = await agent
      .post(`/s/${token}/p/AGENCY`)
      .set("Accept", "application/json")
      .type("form")
      .send({ ...validForm(findSection(lesm2016, "AGENCY")!, {}).form, _csrf, _baseline, _action: "autosave" })
      .expect(200);
    expect(saved.body).toMatchObject({ saved: true });

    const response = await t.db.prisma.response.findUniqueOrThrow({
      where: { invitationId: invitation.id },
      include: { answers: true },
    });
    expect(response.answers.find((a) => a.questionCode === "SWORN_OFFICERS")?.valueNumber).toBe(42);
    expect(seen).toEqual([true, true, true, true]);
  });

  it("is needed: a plain Node server's requests arrive without them (Express re-parents each one)", async () => {
    const server = createServer(t.app);
    const seen = watchPrototypes(server);
    await request(server).get("/healthz").expect(200);
    expect(seen).toEqual([false]);
  });
});
