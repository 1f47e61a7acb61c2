// Streamed downloads: headers first (so the browser shows the download at
// once), then the body. Once the first byte is out, a failure can no longer
// become an error page, so the connection is destroyed: the client sees a
// broken download, never a shorter file that looks complete.
import type { Request, Response } from "express";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const CSV_TYPE = "text/csv; charset=utf-8";

/** Sends the headers of a download of `rows` rows now. */
export function startDownload(res: Response, type: string, filename: string, rows: number): void {
  res
    .set("Content-Type", type)
    .set("Content-Disposition", `attachment; filename="${filename}"`)
    .set("X-Row-Count", String(rows))
    .set("Cache-Control", "no-store");
  res.flushHeaders();
}

/** Runs the writer; if it fails midway, logs why and breaks the connection. */
export async function streamDownload(req: Request, res: Response, write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (err) {
    req.log.error({ err }, "download failed while streaming; it is aborted");
    res.destroy(err instanceof Error ? err : new Error(String(err)));
  }
}
