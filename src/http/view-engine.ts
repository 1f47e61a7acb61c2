// Handlebars views: one layout, partials per control, and a small helper set.
// A Handlebars instance of our own, with every partial registered on it once:
// rendering is then one synchronous call per template. (express-handlebars
// walked and copied the whole partials directory through promises on every
// render, which was a large share of an agency's page.) With `cache` off
// (development) every render reads the files again, so edits show at once.
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Express, Response } from "express";
import Handlebars from "handlebars";
import { fragmentCache, type Fragment } from "./fragment-cache.js";
import { helpers } from "./view-helpers.js";

export const viewsDir = path.resolve(import.meta.dirname, "..", "..", "views");
const partialsDir = path.join(viewsDir, "partials");
const layoutsDir = path.join(viewsDir, "layouts");
const DEFAULT_LAYOUT = "main";

// preventIndent: Handlebars would otherwise indent every line a standalone
// partial outputs, including the lines of a multi-line answer inside a
// <textarea>, which then changed each time the page was saved again.
// data: false: no template uses @index, @first, @root or other @-variables, and
// without them every {{#each}} step and helper call skips building a data frame.
// (Handlebars still compiles a template that uses one with data, so it would
// render right, only without the saving: test/unit/http/view-templates.test.ts
// keeps them out.)
// knownHelpersOnly: every helper is declared here, so a plain {{name}} is
// compiled as a property lookup, not as "a helper called name, or else the
// property", and a template naming a helper that does not exist fails to compile.
const COMPILE_OPTIONS: CompileOptions = {
  preventIndent: true,
  data: false,
  knownHelpers: Object.fromEntries([...Object.keys(helpers), "fragment"].map((name) => [name, true])),
  knownHelpersOnly: true,
};

type Templates = {
  /** A template as text; its fragments are marks that only `encodePage` fills in. */
  render(file: string, context: object): string;
  /** The page that `render` makes (with its layout), as UTF-8, its fragments' bytes spliced in. */
  encodePage(render: () => string): Buffer;
};

// Where a fragment stands in a page's text until the page is encoded. No
// visitor's text can hold it: it is made afresh by each process and never shown.
const FRAGMENT_MARK = `\u0000${randomUUID()}\u0000`;

function loadTemplates(): Templates {
  const hbs = Handlebars.create();
  hbs.registerHelper(helpers);
  const compiled = new Map<string, HandlebarsTemplateDelegate>();
  const compile = (file: string) => {
    let template = compiled.get(file);
    if (!template) {
      template = hbs.compile(readFileSync(file, "utf8").trim(), COMPILE_OPTIONS);
      compiled.set(file, template);
    }
    return template;
  };
  // "questions/single" for views/partials/questions/single.hbs
  const partials = new Map<string, HandlebarsTemplateDelegate>();
  for (const entry of readdirSync(partialsDir, { recursive: true, encoding: "utf8" })) {
    if (!entry.endsWith(".hbs")) continue;
    const name = entry.slice(0, -4).split(path.sep).join("/");
    const partial = compile(path.join(partialsDir, entry));
    partials.set(name, partial);
    hbs.registerPartial(name, partial);
  }
  // {{{fragment this}}}: a partial's markup, reused while its fragment key is
  // the same (src/http/fragment-cache.ts). The partial escapes what it shows, so
  // its output is passed on as it is. The cache belongs to these templates, so
  // in development, where they are read again on every render, so is it.
  const renderFragment = fragmentCache((name, context) => {
    const partial = partials.get(name);
    if (!partial) throw new Error(`no partial ${name}`);
    return partial(context);
  });
  // Fragments are kept as UTF-8 (fragment-cache.ts), so the page being encoded
  // collects them and its text holds only a mark where each goes. Templates
  // render only inside encodePage, synchronously, so one page is encoded at a time.
  let pageFragments: Buffer[] = [];
  hbs.registerHelper("fragment", (fragment: Fragment) => {
    pageFragments.push(renderFragment(fragment));
    return new hbs.SafeString(FRAGMENT_MARK);
  });
  return {
    render: (file, context) => compile(file)(context),
    encodePage(render) {
      const fragments: Buffer[] = (pageFragments = []);
      const text = render();
      if (fragments.length === 0) return Buffer.from(text);
      const parts = text.split(FRAGMENT_MARK);
      if (parts.length !== fragments.length + 1) throw new Error("a fragment's place in the page was lost");
      const chunks: Buffer[] = [Buffer.from(parts[0]!)];
      for (let i = 0; i < fragments.length; i++) chunks.push(fragments[i]!, Buffer.from(parts[i + 1]!));
      return Buffer.concat(chunks);
    },
  };
}

/** Renders a page view, then its layout (`layout: false` for none) around it as `body`, as UTF-8. */
function pageRenderer(options: { cache: boolean }): (view: string, context: Record<string, unknown>) => Buffer {
  let cached: Templates | undefined;
  return (view, context) => {
    const templates = options.cache ? (cached ??= loadTemplates()) : loadTemplates();
    return templates.encodePage(() => {
      const body = templates.render(path.join(viewsDir, `${view}.hbs`), context);
      const layout = (context.layout as string | false | undefined) ?? DEFAULT_LAYOUT;
      if (layout === false) return body;
      // The context is this render's own object (made by res.render below), so
      // the layout gets it with `body` added rather than a copy of every local.
      context.body = body;
      return templates.render(path.join(layoutsDir, `${layout}.hbs`), context);
    });
  };
}

/**
 * `res.render(view, options)` for this app: the view sees `res.locals` and
 * `options`, as with Express's own, and the page is sent as UTF-8 HTML.
 * Our templates render synchronously, so Express's view machinery (a view
 * lookup, a copy of the app's settings and every local into each render, a
 * deferral to the next tick) and res.send's negotiation (ETags are off, and
 * no page sets Last-Modified) only added to every page's cost.
 */
export function useViews(app: Express, options: { cache: boolean }): void {
  const renderPage = pageRenderer(options);
  app.response.render = function render(this: Response, view: string, locals?: object) {
    let page: Buffer;
    try {
      page = renderPage(view, { ...this.locals, ...locals });
    } catch (error) {
      return this.req.next!(error);
    }
    this.setHeader("Content-Type", "text/html; charset=utf-8");
    this.setHeader("Content-Length", page.length);
    this.end(page);
  } as Response["render"];
}
