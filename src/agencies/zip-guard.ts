// An .xlsx is a ZIP archive, and a 10 MB archive can expand to gigabytes (a
// "zip bomb"). exceljs expands everything into memory, so before handing it a
// file we inflate each entry ourselves with a hard output cap: the sizes the
// archive declares could lie, the cap cannot.
import { inflateRawSync } from "node:zlib";
import { ImportFileError } from "./spreadsheet-limits.js";

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_ENTRIES = 10_000;

const damaged = () =>
  new ImportFileError(
    "The file is named .xlsx but it is damaged or not an Excel workbook. Open it in Excel and save it again.",
  );
const tooBig = (budget: number) =>
  new ImportFileError(
    `The workbook expands to more than ${Math.round(budget / 1024 / 1024)} MB, far more than a sample frame needs. Save only the sheet with the agencies, or save it as CSV.`,
  );

function findEndOfCentralDirectory(zip: Buffer): number {
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) === EOCD) return at;
  }
  throw damaged();
}

/** Throws an ImportFileError unless every entry inflates within `budget` bytes in all. Returns the entry names. */
export function checkZipExpansion(zip: Buffer, budget: number): string[] {
  if (zip.length < 22) throw damaged();
  const end = findEndOfCentralDirectory(zip);
  const entries = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  // ZIP64 archives mark their counts and offsets with all-ones; no sane sample frame needs one.
  if (entries === 0xffff || at === 0xffffffff || entries > MAX_ENTRIES) throw tooBig(budget);
  const names: string[] = [];
  let remaining = budget;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL) throw damaged();
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const declared = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    names.push(zip.toString("utf8", at + 46, at + 46 + nameLength));
    at += 46 + skip;
    if (declared > remaining) throw tooBig(budget);
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== LOCAL) throw damaged();
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    if (start + compressed > zip.length) throw damaged();
    if (method === 0) {
      remaining -= compressed;
    } else if (method === 8) {
      let size: number;
      try {
        size = inflateRawSync(zip.subarray(start, start + compressed), {
          maxOutputLength: Math.max(remaining, 1),
        }).length;
      } catch (error) {
        if (error instanceof RangeError) throw tooBig(budget);
        throw damaged();
      }
      remaining -= size;
    } else throw damaged();
    if (remaining < 0) throw tooBig(budget);
  }
  return names;
}
