// Reused markup: rendered once per scope and key, rendered again for any other
// key or scope, and bounded in size.
import { describe, expect, it } from "vitest";
import { fragmentCache } from "../../../src/http/fragment-cache.js";

function counting() {
  const rendered: string[] = [];
  const render = (partial: string, context: object) => {
    const html = `<${partial}>${JSON.stringify(context)}</${partial}>`;
    rendered.push(html);
    return html;
  };
  return { rendered, render };
}

describe("fragment cache", () => {
  it("builds and renders a fragment once while its scope and key stay the same", () => {
    const { rendered, render } = counting();
    const fragments = fragmentCache(render);
    const question = {};
    let built = 0;
    const fragment = (value: string) => ({
      scope: question,
      key: JSON.stringify({ value }),
      view: () => {
        built += 1;
        return { partial: "q", value };
      },
    });
    expect(fragments(fragment("OH")).toString()).toBe('<q>{"partial":"q","value":"OH"}</q>');
    expect(fragments(fragment("OH")).toString()).toBe('<q>{"partial":"q","value":"OH"}</q>');
    expect(built).toBe(1);
    expect(fragments(fragment("TX")).toString()).toBe('<q>{"partial":"q","value":"TX"}</q>');
    expect(built).toBe(2);
    expect(rendered).toHaveLength(2);
  });

  it("keeps the same key of two scopes apart", () => {
    const { render } = counting();
    const fragments = fragmentCache(render);
    const view = (label: string) => () => ({ partial: "q", label });
    expect(fragments({ scope: {}, key: "k", view: view("first") }).toString()).toContain("first");
    expect(fragments({ scope: {}, key: "k", view: view("second") }).toString()).toContain("second");
  });

  it("keeps the markup as UTF-8", () => {
    const fragments = fragmentCache((_partial, context) => (context as { label: string }).label);
    const markup = fragments({ scope: {}, key: "k", view: () => ({ partial: "q", label: "Cañon City – “PD”" }) });
    expect(markup.toString("utf8")).toBe("Cañon City – “PD”");
    expect(markup.length).toBe(Buffer.byteLength("Cañon City – “PD”"));
  });

  it("drops the least recently used markup beyond its size", () => {
    const { rendered, render } = counting();
    const fragments = fragmentCache(render, 200);
    const scope = {};
    const fragment = (n: number) => ({ scope, key: String(n), view: () => ({ partial: "q", n }) });
    for (let n = 0; n < 20; n++) fragments(fragment(n));
    expect(rendered).toHaveLength(20);
    fragments(fragment(19));
    expect(rendered).toHaveLength(20);
    fragments(fragment(0));
    expect(rendered).toHaveLength(21);
  });
});
