// The first step of approving or declining: mark a pending request decided.
// Only one of two racing decisions finds it pending; the other gets a 409 and
// its transaction (and everything it would have done) is rolled back.
import { z } from "zod";
import type { DbOrTx } from "../db/client.js";
import { AppError } from "../http/app-error.js";

export const DECISION_NOTE_MAX = 2000;

export const decisionForm = z.object({
  note: z
    .string()
    .trim()
    .max(DECISION_NOTE_MAX, `Use at most ${DECISION_NOTE_MAX.toLocaleString("en-US")} characters`)
    .default(""),
});

export async function claimAccessRequest(options: {
  db: DbOrTx;
  requestId: number;
  status: "approved" | "declined";
  actorId: number;
  note: string;
  now: Date;
}) {
  const { db, requestId, status, actorId, note, now } = options;
  const claimed = await db.accessRequest.updateMany({
    where: { id: requestId, status: "pending" },
    data: { status, decidedById: actorId, decidedAt: now, decisionNote: note, pendingKey: null },
  });
  const request = await db.accessRequest.findUnique({ where: { id: requestId }, include: { survey: true } });
  if (!request) throw new AppError("not_found", "No such access request");
  if (claimed.count === 0)
    throw new AppError(
      "conflict",
      "This request has already been decided",
      `It was ${request.status} on ${request.decidedAt?.toISOString().slice(0, 10) ?? "an earlier day"}. A decision is not taken twice.`,
    );
  return request;
}
