// Every data download is in the audit log the same way: who, which survey,
// which format, how many rows, from where.
import type { Request } from "express";
import type { DbOrTx } from "../db/client.js";
import { recordAudit } from "./record-audit.js";

export async function recordDownload(options: {
  db: DbOrTx;
  req: Request;
  surveySlug: string;
  detail: { format: string; rows: number } & Record<string, unknown>;
}): Promise<void> {
  const { db, req, surveySlug, detail } = options;
  await recordAudit({
    db,
    action: "export.downloaded",
    actorUserId: req.user!.id,
    actorLabel: req.user!.email,
    targetType: "survey",
    targetId: surveySlug,
    detail,
    ip: req.ip ?? "",
  });
}
