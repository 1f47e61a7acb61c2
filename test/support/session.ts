// A supertest agent that keeps cookies, and helpers to read CSRF tokens and sign in.
import type { Express } from "express";
import request from "supertest";
import { expect } from "vitest";
import { TEST_PASSWORD } from "./factories.js";

export type Agent = ReturnType<typeof request.agent>;

export function csrfFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error("no CSRF token on the page");
  return match[1]!;
}

/** A fresh CSRF token for this agent, read from a page it may see. */
export async function csrfToken(agent: Agent, path = "/login"): Promise<string> {
  return csrfFrom((await agent.get(path)).text);
}

export async function signIn(app: Express, email: string, password = TEST_PASSWORD): Promise<Agent> {
  const agent = request.agent(app);
  // Read the token first: a supertest request takes the agent's cookies when it is created.
  const _csrf = await csrfToken(agent);
  const res = await agent.post("/login").type("form").send({ _csrf, email, password });
  expect(res.status, res.text).toBe(303);
  return agent;
}
