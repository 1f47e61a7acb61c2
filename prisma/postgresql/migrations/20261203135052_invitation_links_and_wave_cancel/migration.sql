-- AlterTable
ALTER TABLE "surveys" ADD COLUMN     "coordinator_signature" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "response_deadline" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "invitations" ADD COLUMN     "link_nonce" TEXT;

-- AlterTable
ALTER TABLE "waves" ADD COLUMN     "cancelled_at" TIMESTAMP(3);

