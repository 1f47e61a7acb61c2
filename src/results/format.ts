// Numbers as the results pages print them.
export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

/** "45.2%"; an empty base gives a dash. */
export function formatPercent(value: number | null): string {
  return value === null || !Number.isFinite(value) ? "–" : `${value.toFixed(1)}%`;
}

export function percentOf(part: number, whole: number): number | null {
  return whole > 0 ? (100 * part) / whole : null;
}

/** APA style: "= .373", "< .001" (no leading zero, p cannot exceed 1). */
export function formatP(p: number): string {
  if (p < 0.001) return "< .001";
  return `= ${p.toFixed(3).replace(/^0/, "")}`;
}

export function formatStatistic(x: number, digits = 2): string {
  return x.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
