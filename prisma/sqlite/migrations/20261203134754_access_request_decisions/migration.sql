-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_access_requests" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "survey_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "institution" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "intended_use" TEXT NOT NULL,
    "accepted_terms_at" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "decided_by_id" INTEGER,
    "decided_at" DATETIME,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL,
    "decision_note" TEXT NOT NULL DEFAULT '',
    "pending_key" TEXT,
    CONSTRAINT "access_requests_survey_id_fkey" FOREIGN KEY ("survey_id") REFERENCES "surveys" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "access_requests_decided_by_id_fkey" FOREIGN KEY ("decided_by_id") REFERENCES "users" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_access_requests" ("accepted_terms_at", "created_at", "decided_at", "decided_by_id", "email", "id", "institution", "intended_use", "name", "status", "survey_id", "updated_at") SELECT "accepted_terms_at", "created_at", "decided_at", "decided_by_id", "email", "id", "institution", "intended_use", "name", "status", "survey_id", "updated_at" FROM "access_requests";
DROP TABLE "access_requests";
ALTER TABLE "new_access_requests" RENAME TO "access_requests";
CREATE UNIQUE INDEX "access_requests_pending_key_key" ON "access_requests"("pending_key");
CREATE INDEX "access_requests_status_idx" ON "access_requests"("status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

