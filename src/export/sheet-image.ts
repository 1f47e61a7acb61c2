// Pictures in sheets of exceljs's streaming WorkbookWriter. exceljs 4.4 gives
// the streaming writer only background images: `addImage` on its worksheets
// does not exist (see lib/stream/xlsx/worksheet-writer.js; the in-memory
// Workbook has it but holds every row in memory, which a 100,000-response
// export cannot afford). Writing the cross-tab sheets with the in-memory
// Workbook and the responses with the streaming one would make two files, and
// zip parts cannot be merged after the fact without rewriting the workbook's
// index parts. So this adds what the in-memory writer would write, with
// exceljs's own XML writers: the image in xl/media (through the workbook's own
// addImage, written at commit), a drawing part with one anchored picture and
// its relationships, the sheet's <drawing> element (before <legacyDrawing>, as
// the schema orders them), and the drawing's content type. It reaches into
// exceljs internals, pinned by the package version; the export tests read the
// picture back with exceljs and open the workbook in LibreOffice, so a change
// in exceljs that breaks this fails there.
import { createRequire } from "node:module";
import type ExcelJS from "exceljs";

const require = createRequire(import.meta.url);
type Xform = { prepare(model: unknown, options: unknown): void; toXml(model: unknown): string };
const DrawingXform = require("exceljs/lib/xlsx/xform/drawing/drawing-xform.js") as new () => Xform;
const RelationshipsXform = require("exceljs/lib/xlsx/xform/core/relationships-xform.js") as new () => Xform;

const DRAWING_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing";
const IMAGE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image";

type Drawing = { name: string };
type WorkbookInternals = {
  zip: { append(data: string, options: { name: string }): void };
  media: { name: string }[];
  addContentTypes(): Promise<void>;
  _worksheets: unknown[];
  sharedStrings: unknown;
  commentRefs: unknown;
};
type WorksheetInternals = {
  committed?: boolean;
  _sheetRelsWriter: { addRelationship(rel: { Type: string; Target: string }): string };
  _writeLegacyData(): void;
  _write(text: string): void;
};

const drawingsOf = new WeakMap<object, Drawing[]>();

/** Content types for the drawings too: exceljs's writer knows them, the streaming workbook does not pass them. */
function trackDrawings(workbook: WorkbookInternals): Drawing[] {
  const known = drawingsOf.get(workbook);
  if (known) return known;
  const drawings: Drawing[] = [];
  drawingsOf.set(workbook, drawings);
  const ContentTypesXform = require("exceljs/lib/xlsx/xform/core/content-types-xform.js") as new () => Xform;
  workbook.addContentTypes = async () => {
    const model = {
      worksheets: workbook._worksheets.filter(Boolean),
      sharedStrings: workbook.sharedStrings,
      commentRefs: workbook.commentRefs,
      media: workbook.media,
      drawings,
    };
    workbook.zip.append(new ContentTypesXform().toXml(model), { name: "[Content_Types].xml" });
  };
  return drawings;
}

/**
 * Puts a PNG on a sheet that is not yet committed, its top-left corner at the
 * zero-based `col`/`row`, `width` x `height` in pixels (at 96 dpi).
 */
export function addPicture(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  worksheet: ExcelJS.Worksheet,
  picture: { png: Buffer; col: number; row: number; width: number; height: number },
): void {
  const book = workbook as unknown as WorkbookInternals;
  const sheet = worksheet as unknown as WorksheetInternals;
  if (sheet.committed) throw new Error("addPicture: the sheet is already committed");
  const drawings = trackDrawings(book);
  const imageId = workbook.addImage({ buffer: picture.png as unknown as ArrayBuffer, extension: "png" });
  const image = book.media[imageId]!;
  const drawing = { name: `drawing${drawings.length + 1}` };
  drawings.push(drawing);

  const rels = [{ Id: "rId1", Type: IMAGE_REL, Target: `../media/${image.name}` }];
  const model = {
    anchors: [
      {
        picture: { rId: "rId1" },
        range: {
          editAs: "oneCell",
          tl: { nativeCol: picture.col, nativeColOff: 0, nativeRow: picture.row, nativeRowOff: 0 },
          ext: { width: picture.width, height: picture.height },
        },
      },
    ],
  };
  const drawingXform = new DrawingXform();
  drawingXform.prepare(model, {});
  book.zip.append(drawingXform.toXml(model), { name: `xl/drawings/${drawing.name}.xml` });
  book.zip.append(new RelationshipsXform().toXml(rels), { name: `xl/drawings/_rels/${drawing.name}.xml.rels` });

  const rId = sheet._sheetRelsWriter.addRelationship({ Type: DRAWING_REL, Target: `../drawings/${drawing.name}.xml` });
  const writeLegacyData = sheet._writeLegacyData.bind(sheet);
  sheet._writeLegacyData = () => {
    sheet._write(`<drawing r:id="${rId}"/>`);
    writeLegacyData();
  };
}
