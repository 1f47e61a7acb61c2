-- Researchers now see only the surveys they are granted (survey_grants).
-- Accounts that existed before keep what they had: every survey there is.
INSERT INTO "survey_grants" ("user_id", "survey_id", "role", "created_at", "updated_at")
SELECT "users"."id", "surveys"."id", 'researcher', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP
FROM "users" CROSS JOIN "surveys"
WHERE "users"."role" = 'researcher'
  AND NOT EXISTS (
    SELECT 1 FROM "survey_grants"
    WHERE "survey_grants"."user_id" = "users"."id" AND "survey_grants"."survey_id" = "surveys"."id"
  );
