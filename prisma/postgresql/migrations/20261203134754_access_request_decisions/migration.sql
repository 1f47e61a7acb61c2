-- AlterTable
ALTER TABLE "access_requests" ADD COLUMN     "decision_note" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "pending_key" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "access_requests_pending_key_key" ON "access_requests"("pending_key");

