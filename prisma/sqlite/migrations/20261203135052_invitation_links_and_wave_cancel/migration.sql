-- AlterTable
ALTER TABLE "invitations" ADD COLUMN "link_nonce" TEXT;

-- AlterTable
ALTER TABLE "waves" ADD COLUMN "cancelled_at" DATETIME;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_surveys" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "sponsor" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'draft',
    "opens_at" DATETIME,
    "closes_at" DATETIME,
    "questionnaire_version_id" INTEGER NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL,
    "coordinator_signature" TEXT NOT NULL DEFAULT '',
    "response_deadline" DATETIME,
    CONSTRAINT "surveys_questionnaire_version_id_fkey" FOREIGN KEY ("questionnaire_version_id") REFERENCES "questionnaire_versions" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_surveys" ("closes_at", "created_at", "id", "opens_at", "questionnaire_version_id", "slug", "sponsor", "status", "title", "updated_at", "year") SELECT "closes_at", "created_at", "id", "opens_at", "questionnaire_version_id", "slug", "sponsor", "status", "title", "updated_at", "year" FROM "surveys";
DROP TABLE "surveys";
ALTER TABLE "new_surveys" RENAME TO "surveys";
CREATE UNIQUE INDEX "surveys_slug_key" ON "surveys"("slug");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

