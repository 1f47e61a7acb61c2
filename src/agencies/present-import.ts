// View models of the import's mapping and preview pages.
import type { RowAction } from "./classify-import-rows.js";
import { IMPORT_FIELDS, fieldLabel } from "./import-fields.js";
import type { PendingImport } from "./import-store.js";
import type { ImportPreview } from "./preview-agency-import.js";
import { columnField, type MappingErrors } from "./save-import-mapping.js";
import { columnLetter } from "./spreadsheet-limits.js";

export const PREVIEW_PAGE_SIZE = 200;

const emptyRows = (n: number) =>
  n === 0 ? "" : n === 1 ? "1 empty row is skipped" : `${n.toLocaleString("en-US")} empty rows are skipped`;

const clip = (text: string, max = 40) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function examples(pending: PendingImport, column: number): string {
  const seen = new Set<string>();
  for (const row of pending.sheet.rows) {
    const cell = row[column];
    if (cell) seen.add(clip(cell));
    if (seen.size === 3) break;
  }
  return seen.size ? `For example: ${[...seen].join(" · ")}` : "Empty in every row";
}

export function presentMapping(pending: PendingImport, chosen: readonly (string | null)[], errors?: MappingErrors) {
  const { sheet } = pending;
  const columns = sheet.headers.map((header, index) => ({
    name: columnField(index),
    label: `Column ${columnLetter(index)}: ${header}`,
    hint: examples(pending, index),
    error: errors?.columns[index],
    options: [
      { value: "", label: "Ignore this column", selected: !chosen[index] },
      ...IMPORT_FIELDS.map((f) => ({ value: f.key, label: f.label, selected: chosen[index] === f.key })),
    ],
  }));
  const errorList = errors
    ? [
        ...errors.general.map((e) => ({ field: columnField(e.column), message: e.message })),
        ...Object.entries(errors.columns).map(([i, message]) => ({ field: columnField(Number(i)), message })),
      ]
    : [];
  return {
    pageTitle: `${errorList.length ? "Error: " : ""}Match the columns: import agencies`,
    importId: pending.id,
    fileName: pending.fileName,
    notes: sheet.notes,
    headerRow: sheet.headerRow,
    rowCount: sheet.rows.length,
    blankRows: emptyRows(sheet.blankRows),
    columns,
    ignored: sheet.headers.filter((_, i) => !chosen[i]),
    errorList,
  };
}

const ACTION_LABELS: Record<RowAction, string> = {
  create: "Create",
  update: "Update",
  unchanged: "Unchanged",
  reject: "Rejected",
};

export type PreviewShow = RowAction | "all";

export function readPreviewShow(value: unknown): PreviewShow {
  return value === "create" || value === "update" || value === "unchanged" || value === "reject" ? value : "all";
}

export function presentPreview(preview: ImportPreview, options: { show: PreviewShow; page: number; changed: boolean }) {
  const { counts, pending } = preview;
  const base = `/agencies/import/${pending.id}/preview`;
  const shown = options.show === "all" ? preview.outcomes : preview.outcomes.filter((o) => o.action === options.show);
  const pageCount = Math.max(1, Math.ceil(shown.length / PREVIEW_PAGE_SIZE));
  const page = Math.min(Math.max(1, options.page), pageCount);
  const href = (show: PreviewShow, p = 1) => {
    const params = new URLSearchParams();
    if (show !== "all") params.set("show", show);
    if (p > 1) params.set("page", String(p));
    return params.size ? `${base}?${params}` : base;
  };
  const filters = (["all", "create", "update", "unchanged", "reject"] as const).map((show) => ({
    label: show === "all" ? "All rows" : ACTION_LABELS[show],
    count: show === "all" ? counts.rows : counts[show],
    href: href(show),
    current: show === options.show,
  }));
  return {
    pageTitle: "Check the import: import agencies",
    importId: pending.id,
    fileName: pending.fileName,
    counts,
    blankRows: emptyRows(counts.blankRows),
    changed: options.changed,
    fingerprint: preview.fingerprint,
    willChange: counts.create + counts.update > 0,
    filters,
    showingLabel: filters.find((f) => f.current)!.label,
    rows: shown.slice((page - 1) * PREVIEW_PAGE_SIZE, page * PREVIEW_PAGE_SIZE).map((o) => ({
      rowNumber: o.rowNumber,
      name: o.name,
      ori: o.ori,
      action: o.action,
      actionLabel: ACTION_LABELS[o.action],
      reasons: o.reasons,
      matched: o.matchedBy === "ori" ? "Matched by ORI" : o.matchedBy === "email" ? "Matched by contact email" : "",
      changes: o.action === "update" ? o.changes.map((c) => ({ ...c, label: fieldLabel(c.field) })) : [],
    })),
    pagination: {
      page,
      pageCount,
      previousHref: page > 1 ? href(options.show, page - 1) : null,
      nextHref: page < pageCount ? href(options.show, page + 1) : null,
    },
  };
}
