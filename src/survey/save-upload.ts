// Stores (or replaces, or removes) the file an agency attached to a file
// question, with its answer row, in one transaction.
import { createHash } from "node:crypto";
import type { Db } from "../db/client.js";
import { AppError } from "../http/app-error.js";
import { toAnswerRows, type FileQuestion } from "../questionnaire/index.js";
import { sniffFileType } from "./sniff-file-type.js";

export type UploadResult = { ok: true } | { ok: false; message: string };

// Keep the name for people, minus path separators and control characters.
const safeName = (name: string) =>
  [...name]
    .map((c) => (c === "/" || c === "\\" || c.charCodeAt(0) < 32 ? "_" : c))
    .join("")
    .slice(-200) || "file";

export async function saveUpload(options: {
  db: Db;
  responseId: number;
  question: FileQuestion;
  file: { originalname: string; buffer: Buffer } | null;
  remove: boolean;
}): Promise<UploadResult> {
  const { db, responseId, question, file, remove } = options;
  const where = { responseId, questionCode: question.code };
  // Like a page save, the upload claims the response first: it must still be in
  // progress, and its revision goes up with every change to its answers, which
  // tells a page save whether the rows it read are still the stored ones (save-page.ts).
  const claimResponse = async (tx: Parameters<Parameters<Db["$transaction"]>[0]>[0]) => {
    const claimed = await tx.response.updateMany({
      where: { id: responseId, status: "in_progress" },
      data: { revision: { increment: 1 } },
    });
    if (claimed.count === 0) throw new AppError("conflict", "This survey has already been submitted");
  };
  if (remove && !file) {
    await db.$transaction(async (tx) => {
      await claimResponse(tx);
      await tx.answer.deleteMany({ where });
      await tx.uploadedFile.deleteMany({ where });
    });
    return { ok: true };
  }
  if (!file || file.buffer.length === 0) return { ok: true };
  if (file.buffer.length > question.maxBytes)
    return { ok: false, message: `The file must be smaller than ${Math.round(question.maxBytes / 1_048_576)} MB` };
  const mimeType = sniffFileType(file.buffer, file.originalname);
  if (!mimeType || !question.accept.includes(mimeType))
    return {
      ok: false,
      message: "The file must be a PDF, a Word document (.docx or .doc) or a plain-text file (.txt)",
    };

  const filename = safeName(file.originalname);
  await db.$transaction(async (tx) => {
    await claimResponse(tx);
    await tx.uploadedFile.deleteMany({ where });
    const stored = await tx.uploadedFile.create({
      data: {
        ...where,
        filename,
        mimeType,
        size: file.buffer.length,
        sha256: createHash("sha256").update(file.buffer).digest("hex"),
        content: new Uint8Array(file.buffer),
      },
    });
    await tx.answer.deleteMany({ where });
    const rows = toAnswerRows(question.code, { type: "file", fileId: stored.id, filename, size: stored.size });
    await tx.answer.createMany({ data: rows.map((r) => ({ ...r, responseId })) });
  });
  return { ok: true };
}
