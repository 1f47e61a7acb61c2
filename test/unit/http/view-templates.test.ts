// The page templates compile with `data: false` (src/http/view-engine.ts) to
// skip building data frames; a template with an @-variable such as @index
// would lose that saving, so none may use one (presenters pass such facts).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { viewsDir } from "../../../src/http/view-engine.js";

const templates = readdirSync(viewsDir, { recursive: true, encoding: "utf8" }).filter(
  (f) => f.endsWith(".hbs") && !f.startsWith(`emails${path.sep}`),
);

describe("page templates", () => {
  it("are found", () => {
    expect(templates).toContain(path.join("pages", "survey-section.hbs"));
  });

  it("use no @-variables", () => {
    const offending = templates.flatMap((file) =>
      [...readFileSync(path.join(viewsDir, file), "utf8").matchAll(/{{[^}]*@[^}]*}}/g)].map((m) => `${file}: ${m[0]}`),
    );
    expect(offending).toEqual([]);
  });
});
