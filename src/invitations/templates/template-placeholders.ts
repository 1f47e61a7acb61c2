// The placeholders a survey's email templates may use, and the strict check of
// a template: anything else (an unknown name, a helper, a partial, raw HTML
// through triple braces) is refused when the coordinator saves, naming the
// problem, rather than rendering as an empty string in 18,000 emails.
import Handlebars from "handlebars";

export const PLACEHOLDERS = [
  { name: "agencyName", meaning: "the agency's name, as in the sample frame" },
  { name: "contactName", meaning: "the contact's name (may be empty: see the {{#if}} in the default wording)" },
  { name: "link", meaning: "the agency's personal survey link" },
  { name: "deadline", meaning: "the date to answer by, from the survey settings (may be empty)" },
  { name: "optOutLink", meaning: "the page where the agency can stop all survey emails" },
  { name: "coordinatorSignature", meaning: "the signature from the survey settings" },
] as const;

export type PlaceholderName = (typeof PLACEHOLDERS)[number]["name"];
const KNOWN = new Set<string>(PLACEHOLDERS.map((p) => p.name));
const BLOCKS = new Set(["if", "unless"]);

export type TemplatePart = "subject" | "html" | "text";
export type TemplateCheck = { ok: true; used: Set<string> } | { ok: false; error: string };

type Node = hbs.AST.Node & { loc?: hbs.AST.SourceLocation };
const lineOf = (node: Node) => (node.loc ? ` (line ${node.loc.start.line})` : "");
const placeholderList = PLACEHOLDERS.map((p) => `{{${p.name}}}`).join(", ");

function pathName(node: hbs.AST.Expression): string | null {
  return node.type === "PathExpression" ? (node as hbs.AST.PathExpression).original : null;
}

function walk(statements: hbs.AST.Statement[], part: TemplatePart, used: Set<string>): string | null {
  for (const node of statements) {
    switch (node.type) {
      case "ContentStatement":
      case "CommentStatement":
        break;
      case "MustacheStatement": {
        const m = node as hbs.AST.MustacheStatement;
        const name = pathName(m.path);
        if (name === null || !KNOWN.has(name) || m.params.length > 0 || (m.hash?.pairs.length ?? 0) > 0) {
          const shown = name ?? "…";
          return `Unknown placeholder {{${shown}}}${lineOf(m)}. The placeholders are: ${placeholderList}`;
        }
        if (part === "html" && !m.escaped) {
          return `Use two braces, {{${name}}}, not three${lineOf(m)}: three would put the text into the email as raw HTML`;
        }
        used.add(name);
        break;
      }
      case "BlockStatement": {
        const b = node as hbs.AST.BlockStatement;
        const helper = pathName(b.path) ?? "";
        const subject = b.params.length === 1 ? pathName(b.params[0]!) : null;
        if (!BLOCKS.has(helper) || subject === null || !KNOWN.has(subject)) {
          return `Only {{#if placeholder}} and {{#unless placeholder}} blocks are allowed${lineOf(b)}; found {{#${helper}}}`;
        }
        used.add(subject);
        const inner = walk(b.program.body, part, used) ?? (b.inverse ? walk(b.inverse.body, part, used) : null);
        if (inner) return inner;
        break;
      }
      default:
        return `Partials and other Handlebars features are not allowed here${lineOf(node)}`;
    }
  }
  return null;
}

/** Parses one part of a template and checks it uses only the documented placeholders. */
export function checkTemplate(source: string, part: TemplatePart): TemplateCheck {
  let program: hbs.AST.Program;
  try {
    program = Handlebars.parse(source);
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ").trim();
    return { ok: false, error: `This is not valid Handlebars: ${message.slice(0, 300)}` };
  }
  const used = new Set<string>();
  const problem = walk(program.body, part, used);
  return problem ? { ok: false, error: problem } : { ok: true, used };
}
