// Bar charts as SVG, drawn on the server with vega-lite, for pages that work
// without JavaScript. The page embeds them as data: URIs in <img>: the strict
// Content-Security-Policy (style-src 'self') would block the style attributes
// of an inline <svg>, and rules inside an image are not subject to it. Every
// chart sits beside the table that holds its figures, which is its text
// alternative. Rendering costs tens of milliseconds, so charts are cached by spec.
import * as vega from "vega";
import * as vegaLite from "vega-lite";

export type Bar = { label: string; percent: number; series?: string };

const cache = new Map<string, string>();
const CACHE_LIMIT = 500;

const FONT = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif";
const COLORS = [
  "#0b4f8a",
  "#d9822b",
  "#2e8540",
  "#8a1c7c",
  "#5b616b",
  "#c1272d",
  "#4aa3df",
  "#a57c1b",
  "#205493",
  "#6f3a99",
];

/** One bar per category: share of those asked. */
export async function barChart(bars: readonly Bar[], axisTitle: string): Promise<string> {
  return render({
    data: { values: bars.map((b, i) => ({ ...b, order: i })) },
    mark: { type: "bar", color: COLORS[0] },
    encoding: {
      y: { field: "label", type: "nominal", sort: { field: "order" }, title: null, axis: { labelLimit: 260 } },
      x: { field: "percent", type: "quantitative", title: axisTitle, scale: { domain: [0, 100] } },
    },
    width: 360,
    height: { step: 22 },
  });
}

/** Stacked bars adding up to 100% per category (grid rows, cross-tab columns). */
export async function stackedChart(bars: readonly Bar[], axisTitle: string, seriesTitle: string): Promise<string> {
  const series = [...new Set(bars.map((b) => b.series ?? ""))];
  const categories = [...new Set(bars.map((b) => b.label))];
  return render({
    data: {
      values: bars.map((b) => ({
        ...b,
        order: categories.indexOf(b.label),
        seriesOrder: series.indexOf(b.series ?? ""),
      })),
    },
    mark: "bar",
    encoding: {
      y: { field: "label", type: "nominal", sort: { field: "order" }, title: null, axis: { labelLimit: 260 } },
      x: { field: "percent", type: "quantitative", title: axisTitle, stack: "zero", scale: { domain: [0, 100] } },
      color: {
        field: "series",
        type: "nominal",
        title: seriesTitle,
        sort: series,
        scale: { domain: series, range: series.map((_, i) => COLORS[i % COLORS.length]!) },
        legend: { orient: "bottom", columns: 2, labelLimit: 300 },
      },
      order: { field: "seriesOrder" },
    },
    width: 360,
    height: { step: 22 },
  });
}

async function render(spec: Record<string, unknown>): Promise<string> {
  const full = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: {
      font: FONT,
      axis: { labelFontSize: 12, titleFontSize: 12 },
      legend: { labelFontSize: 12, titleFontSize: 12 },
      view: { stroke: null },
    },
    background: "white",
    ...spec,
  };
  const key = JSON.stringify(full);
  const cached = cache.get(key);
  if (cached) return cached;
  const view = new vega.View(vega.parse(vegaLite.compile(full as vegaLite.TopLevelSpec).spec), { renderer: "none" });
  try {
    const svg = await view.toSVG();
    const uri = `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(key, uri);
    return uri;
  } finally {
    view.finalize();
  }
}
