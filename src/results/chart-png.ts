// Charts as PNG, for places that cannot show SVG (an Excel workbook). resvg
// draws text only with fonts it is given; rather than letting it search the
// system and silently draw a chart without labels where none is found, it gets
// one font file, looked for in the places Debian's font packages put them, and
// a missing font is an error that says what to install.
import { existsSync } from "node:fs";
import { Resvg } from "@resvg/resvg-js";

const FONT_CANDIDATES = [
  { file: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", family: "DejaVu Sans" },
  { file: "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf", family: "Liberation Sans" },
  { file: "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf", family: "Liberation Sans" },
  { file: "/usr/share/fonts/truetype/freefont/FreeSans.ttf", family: "FreeSans" },
];

export class ChartFontMissingError extends Error {
  constructor() {
    super(
      `No font for chart images: none of ${FONT_CANDIDATES.map((f) => f.file).join(", ")} exists. ` +
        "Install the Debian package fonts-dejavu-core (apt-get install fonts-dejavu-core).",
    );
  }
}

let chosenFont: { file: string; family: string } | undefined;

function chartFont() {
  chosenFont ??= FONT_CANDIDATES.find((f) => existsSync(f.file));
  if (!chosenFont) throw new ChartFontMissingError();
  return chosenFont;
}

/** The SVG inside a `data:image/svg+xml;base64,` URI, as render-chart.ts makes them. */
export function svgOfDataUri(uri: string): string {
  const comma = uri.indexOf(",");
  if (!uri.startsWith("data:image/svg+xml;base64,") || comma < 0) throw new Error("not a base64 SVG data URI");
  return Buffer.from(uri.slice(comma + 1), "base64").toString("utf8");
}

/** PNG at twice the SVG's size, so the chart stays sharp when a spreadsheet zooms. */
export function svgToPng(svg: string, scale = 2): { png: Buffer; width: number; height: number } {
  const font = chartFont();
  const resvg = new Resvg(svg, {
    fitTo: { mode: "zoom", value: scale },
    background: "white",
    font: {
      loadSystemFonts: false,
      fontFiles: [font.file],
      defaultFontFamily: font.family,
      sansSerifFamily: font.family,
    },
  });
  const image = resvg.render();
  return { png: image.asPng(), width: image.width / scale, height: image.height / scale };
}
