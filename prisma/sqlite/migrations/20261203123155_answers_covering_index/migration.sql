-- DropIndex
DROP INDEX "answers_question_code_item_code_value_code_idx";

-- CreateIndex
CREATE INDEX "answers_question_code_item_code_value_code_response_id_idx" ON "answers"("question_code", "item_code", "value_code", "response_id");

