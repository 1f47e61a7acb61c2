// What an export may be asked for: which survey, and whether partial responses
// come too. Parsed once at the route, so services get only valid filters.
import { z } from "zod";

export const exportFilterSchema = z.object({
  survey: z
    .string()
    .regex(/^[a-z0-9-]{1,100}$/)
    .optional()
    .catch(undefined),
  status: z.enum(["submitted", "all"]).catch("submitted"),
});

export type ExportFilters = z.infer<typeof exportFilterSchema>;

export function parseExportFilters(query: unknown): ExportFilters {
  return exportFilterSchema.parse(query ?? {});
}

export const STATUS_LABELS: Record<ExportFilters["status"], string> = {
  submitted: "Submitted responses only",
  all: "Submitted and partial (in progress) responses",
};
