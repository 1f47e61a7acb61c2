// Throws an unfinished import away, with the file it kept; only its coordinator may.
import type { DbOrTx } from "../db/client.js";
import { discardPendingImport, loadPendingImport } from "./import-store.js";

export async function cancelAgencyImport(options: { db: DbOrTx; importId: string; userId: number; now: Date }) {
  const { db, importId, userId, now } = options;
  await loadPendingImport({ db, id: importId, userId, now });
  await discardPendingImport({ db, id: importId });
}
