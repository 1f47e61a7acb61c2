// Agency size by sworn officers, defined once: the agencies list filters by
// these bands and the results pages tabulate by them, so both always agree.
// The bands follow the breaks the IACP's and the BJS's (LEMAS) reports use
// for US agencies, where half of all agencies have fewer than ten officers.

export type SizeBand = {
  code: string;
  label: string;
  /** Inclusive bounds; `max` null means no upper bound. Both null: the number is not known. */
  min: number | null;
  max: number | null;
};

export const SIZE_BANDS = [
  { code: "0-10", label: "Up to 10 sworn officers", min: 0, max: 10 },
  { code: "11-49", label: "11 to 49 sworn officers", min: 11, max: 49 },
  { code: "50-99", label: "50 to 99 sworn officers", min: 50, max: 99 },
  { code: "100-249", label: "100 to 249 sworn officers", min: 100, max: 249 },
  { code: "250-999", label: "250 to 999 sworn officers", min: 250, max: 999 },
  { code: "1000-plus", label: "1,000 or more sworn officers", min: 1000, max: null },
  { code: "unknown", label: "Number of sworn officers not known", min: null, max: null },
] as const satisfies readonly SizeBand[];

export type SizeBandCode = (typeof SIZE_BANDS)[number]["code"];

export function isSizeBandCode(value: unknown): value is SizeBandCode {
  return SIZE_BANDS.some((band) => band.code === value);
}

/** The band of a number of sworn officers (null: not known). */
export function sizeBandOf(swornOfficers: number | null | undefined): SizeBand {
  const unknown = SIZE_BANDS[SIZE_BANDS.length - 1]!;
  if (swornOfficers === null || swornOfficers === undefined) return unknown;
  return (
    SIZE_BANDS.find(
      (band) => band.min !== null && swornOfficers >= band.min && (band.max === null || swornOfficers <= band.max),
    ) ?? unknown
  );
}
