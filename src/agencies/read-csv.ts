// A CSV file as real spreadsheets write it: UTF-8 with or without a BOM (or
// UTF-16 from Excel's "Unicode text", or Windows-1252 from older Excel), any
// line ending, commas, semicolons (European Excel) or tabs, quoted fields with
// delimiters and line breaks inside, and Excel's optional "sep=;" first line.
import { CsvError, parse } from "csv-parse/sync";
import { ImportFileError, MAX_ROWS, type RawTable } from "./spreadsheet-limits.js";

const DELIMITERS = [",", ";", "\t", "|"] as const;

function decode(buffer: Buffer, notes: string[]): string {
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return decodeUtf8(buffer.subarray(3), notes);
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return new TextDecoder("utf-16le").decode(buffer.subarray(2));
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return new TextDecoder("utf-16be").decode(buffer.subarray(2));
  return decodeUtf8(buffer, notes);
}

function decodeUtf8(buffer: Uint8Array, notes: string[]): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(buffer);
  } catch {
    notes.push(
      "The file is not in UTF-8, so it was read as Windows-1252 (what older Excel saves). Check that accented names such as “Cañon City” look right below.",
    );
    return new TextDecoder("windows-1252").decode(buffer);
  }
}

/** The delimiter that occurs most often, outside quotes, in the first line. */
function detectDelimiter(text: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const char of text.slice(0, 64 * 1024)) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  let best = ",";
  for (const [delimiter, count] of counts) if (count > counts.get(best)!) best = delimiter;
  return best;
}

function describeCsvError(error: CsvError): string {
  const line = (error as CsvError & { lines?: number }).lines;
  const where = line ? ` (near line ${line})` : "";
  if (error.code === "CSV_QUOTE_NOT_CLOSED")
    return `The file could not be read as CSV: a quoted field is never closed${where}. Check for a stray double quote (").`;
  if (error.code === "CSV_MAX_RECORD_SIZE")
    return `The file could not be read as CSV: one row is far too long${where}. Check for a stray double quote (").`;
  return `The file could not be read as CSV${where}: ${error.message}`;
}

export function readCsv(buffer: Buffer): RawTable {
  const notes: string[] = [];
  let text = decode(buffer, notes);
  if (text.includes("\u0000")) {
    throw new ImportFileError(
      "The file is not a text file, so it cannot be a CSV file. Save it from your spreadsheet as CSV UTF-8.",
    );
  }
  let delimiter: string;
  // Excel hides this line when it opens the file, so the rows keep the numbers Excel shows.
  const sep = /^sep=(.)\r?\n/i.exec(text);
  if (sep) {
    delimiter = sep[1]!;
    text = text.slice(sep[0].length);
  } else delimiter = detectDelimiter(text);
  let records: string[][];
  try {
    records = parse(text, {
      delimiter,
      bom: true,
      relax_column_count: true,
      // A quote inside an unquoted field (5" tall) is kept as a character, as Excel does.
      relax_quotes: true,
      skip_empty_lines: false,
      max_record_size: 1_000_000,
      to: MAX_ROWS + 2,
    }) as string[][];
  } catch (error) {
    if (error instanceof CsvError) throw new ImportFileError(describeCsvError(error));
    throw error;
  }
  if (delimiter !== ",") notes.push(`Columns are separated by ${delimiter === "\t" ? "tabs" : `“${delimiter}”`}.`);
  return { rows: records.map((cells, i) => ({ number: i + 1, cells })), notes };
}
