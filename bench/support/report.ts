// The one line every benchmark ends with.
export function reportRatio(
  name: string,
  subject: number,
  baseline: number,
  unit: string,
  higherIsBetter = true,
): void {
  const ratio = higherIsBetter ? subject / baseline : baseline / subject;
  const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toPrecision(3));
  console.log(
    `${name}: ratio ${ratio.toFixed(2)} (subject ${fmt(subject)} ${unit}, baseline ${fmt(baseline)} ${unit})`,
  );
}
