// Gets benchmark agencies ready: each starts the survey and saves its first page
// once, so the same form can then be saved again and again with a valid fingerprint.
import type { Served } from "./http-load.js";

export type ReadyAgency = { token: string; cookie: string; csrf: string; form: string; baseline: string };

export const AGENCY_FORM: Record<string, string> = {
  q_STATE: "OH",
  q_AGENCY_TYPE: "MUNICIPAL",
  q_SWORN_OFFICERS: "42",
  q_POPULATION_SERVED: "55000",
  q_RESPONDENT_ROLE: "PIO",
  q_USES_SOCIAL_MEDIA: "YES",
};

export async function prepareAgencies(server: Served & { tokens?: string[] }, count: number): Promise<ReadyAgency[]> {
  const tokens = server.tokens ?? [];
  const ready: ReadyAgency[] = [];
  for (const token of tokens.slice(0, count)) {
    const base = `http://127.0.0.1:${server.port}/s/${token}`;
    const welcome = await fetch(base);
    const cookie = welcome.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await welcome.text())![1]!;
    await fetch(`${base}/start`, {
      method: "POST",
      headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: csrf }),
      redirect: "manual",
    });
    const page = await (await fetch(`${base}/p/AGENCY`, { headers: { Cookie: cookie } })).text();
    const firstBaseline = /name="_baseline" value="([^"]+)"/.exec(page)![1]!;
    const form = new URLSearchParams({ ...AGENCY_FORM, _csrf: csrf, _action: "autosave" });
    const saved = await fetch(`${base}/p/AGENCY`, {
      method: "POST",
      headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
      body: `${form}&_baseline=${firstBaseline}`,
    });
    const { baseline } = (await saved.json()) as { baseline: string };
    ready.push({ token, cookie, csrf, form: `${form}&_baseline=${baseline}`, baseline });
  }
  return ready;
}
