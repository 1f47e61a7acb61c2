// One submitted section page: parse it, store its file, save it unless the page
// is stale, and say where to go next or what to show again.
import type { Db } from "../db/client.js";
import type { WriteConnection } from "../db/write-connection.js";
import {
  parsePage,
  type FieldError,
  type FileQuestion,
  type Questionnaire,
  type Section,
} from "../questionnaire/index.js";
import { neighbourSection } from "./navigation.js";
import { presentSectionPage } from "./present-section-page.js";
import { savePage, type StoredResponse } from "./save-page.js";
import { saveUpload } from "./save-upload.js";

// "autosave" is the script saving as the agency types: it stays on the page.
export const PAGE_ACTIONS = ["next", "back", "save", "autosave"] as const;
export type PageAction = (typeof PAGE_ACTIONS)[number];

export type PageOutcome =
  | { kind: "go"; to: "section"; section: string }
  | { kind: "go"; to: "review" | "welcome" | "saved" }
  | { kind: "autosaved"; baseline: string; invalid: number }
  | { kind: "stale" }
  | { kind: "show"; status: 400 | 409 | 413; page: ReturnType<typeof presentSectionPage>; conflict: boolean };

export async function answerPage(options: {
  /** Prisma, for the page's file; the answers are saved through `write`. */
  db: Db;
  write: WriteConnection;
  responseId: number;
  questionnaire: Questionnaire;
  section: Section;
  /** The response as this request read it: the page is parsed against its answers, and saved knowing it. */
  stored: StoredResponse;
  form: Record<string, unknown>;
  upload: { file: { originalname: string; buffer: Buffer } | null; problem: string | null } | null;
}): Promise<PageOutcome> {
  const { db, write, responseId, questionnaire, section, stored, form, upload } = options;
  const action: PageAction = PAGE_ACTIONS.find((a) => a === form._action) ?? "next";
  const parsed = parsePage(questionnaire, section.code, form, stored.answers);
  const errors: FieldError[] = [...parsed.errors];

  // The page's file is stored first: a refused file is an error next to its field like any other.
  const fileQuestion = section.questions.find((q): q is FileQuestion => q.type === "file");
  if (fileQuestion && upload) {
    const uploaded = upload.problem
      ? { ok: false as const, message: upload.problem }
      : await saveUpload({
          db,
          responseId,
          question: fileQuestion,
          file: upload.file,
          remove: form._removeFile === "1",
        });
    if (!uploaded.ok)
      errors.push({
        field: `q_${fileQuestion.code}`,
        questionCode: fileQuestion.code,
        sectionCode: section.code,
        kind: "invalid",
        message: uploaded.message,
      });
  }

  const baseline = typeof form._baseline === "string" ? form._baseline : "";
  const saved = await savePage({
    write,
    responseId,
    questionnaire,
    sectionCode: section.code,
    pageAnswers: parsed.answers,
    baseline,
    seen: stored,
  });
  // Next needs a complete page; Back, "save and finish later" and autosave refuse only what is invalid.
  const blocking = action === "next" ? errors : errors.filter((e) => e.kind === "invalid");
  if (action === "autosave") {
    return saved.saved ? { kind: "autosaved", baseline: saved.baseline, invalid: blocking.length } : { kind: "stale" };
  }
  if (!saved.saved) {
    // Someone else saved this page since it was shown: show their answers, keep ours on screen, unsaved.
    const page = presentSectionPage({
      questionnaire,
      sectionCode: section.code,
      answers: saved.current,
      values: parsed.values,
      errors: blocking,
      baseline: saved.baseline,
    });
    return { kind: "show", status: 409, page, conflict: true };
  }
  if (blocking.length) {
    const page = presentSectionPage({
      questionnaire,
      sectionCode: section.code,
      answers: saved.answers,
      values: parsed.values,
      errors: blocking,
      baseline: saved.baseline,
    });
    return { kind: "show", status: upload?.problem?.includes("smaller") ? 413 : 400, page, conflict: false };
  }
  if (action === "save") return { kind: "go", to: "saved" };
  const target = neighbourSection(questionnaire, saved.answers, section.code, action === "back" ? -1 : 1);
  if (target) return { kind: "go", to: "section", section: target.code };
  return { kind: "go", to: action === "back" ? "welcome" : "review" };
}
