// The monitoring page's view model: counts per status, the AAPOR categories
// and rates with their formulas, response rates by state, agency type and size
// band, and two charts drawn on the server. Everything is added up from the
// GROUP BY cells of countInvitationStates.
import { AGENCY_TYPE_LABELS, STATE_LABELS } from "../agencies/agency-values.js";
import { INVITATION_STATUSES } from "../agencies/invitation-statuses.js";
import { SIZE_BANDS } from "../agencies/size-bands.js";
import { barChart } from "../results/render-chart.js";
import { formatCount, formatPercent, percentOf } from "../results/format.js";
import {
  aaporRates,
  DISPOSITION_OF_STATUS,
  dispositionsOf,
  rateValue,
  type DispositionCode,
  type Dispositions,
} from "./aapor-rates.js";
import type { StateCell } from "./count-invitation-states.js";

const CATEGORY_TEXT: { code: DispositionCode; label: string; meaning: string }[] = [
  {
    code: "I",
    label: "Complete interview",
    meaning: "The agency submitted the survey (also when it opted out of further mail afterwards).",
  },
  {
    code: "P",
    label: "Partial interview",
    meaning:
      "The agency started but has not submitted. No minimal-answer threshold applies: an agency that pressed Start counts, even with no question answered yet.",
  },
  {
    code: "R",
    label: "Refusal and break-off",
    meaning: "The agency opted out before submitting (a refusal, or a break-off if it had started).",
  },
  {
    code: "NC",
    label: "Non-contact",
    meaning:
      "The agency was invited but never opened its link. An approximation: we cannot tell an unread message from one read without following the link.",
  },
  { code: "O", label: "Other non-response", meaning: "The agency opened its link but never started." },
  {
    code: "UO",
    label: "Unknown eligibility, other",
    meaning:
      "The invitation failed (bounced) and nothing reached the agency, so we know nothing of it (AAPOR 3.3, invitation undeliverable); such agencies are not counted as eligible non-contacts. RR1, RR2 and REF1 still count them in the denominator (as if eligible, the conservative choice); the cooperation rates leave them out, as they were never contacted.",
  },
  {
    code: "UH",
    label: "Unknown if household",
    meaning: "Not used: it is a code for household surveys, so it is always 0.",
  },
];

const rate = (value: number | null) => formatPercent(value === null ? null : value * 100);

function countsBy(cells: StateCell[], key: (c: StateCell) => string) {
  const out = new Map<string, Record<string, number>>();
  for (const cell of cells) {
    const counts = out.get(key(cell)) ?? {};
    counts[cell.status] = (counts[cell.status] ?? 0) + cell.count;
    out.set(key(cell), counts);
  }
  return out;
}

const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

function groupRow(label: string, counts: Record<string, number>) {
  const d: Dispositions = dispositionsOf(counts);
  const fielded = total(counts) - (counts.not_invited ?? 0);
  return {
    label,
    frame: formatCount(total(counts)),
    fielded: formatCount(fielded),
    ...Object.fromEntries(Object.entries(d).map(([code, n]) => [code, formatCount(n)])),
    rr1: rate(rateValue("RR1", d)),
    rr2: rate(rateValue("RR2", d)),
    rr1Value: rateValue("RR1", d),
  };
}

function group(cells: StateCell[], key: (c: StateCell) => string, order: readonly { code: string; label: string }[]) {
  const byKey = countsBy(cells, key);
  const known = order.filter((o) => byKey.has(o.code));
  const unknown = [...byKey.keys()].filter((k) => !order.some((o) => o.code === k)).sort();
  return [
    ...known.map((o) => groupRow(o.label, byKey.get(o.code)!)),
    ...unknown.map((k) => groupRow(k, byKey.get(k)!)),
  ];
}

const labelled = (labels: ReadonlyMap<string, string>) =>
  [...labels].map(([code, label]) => ({ code, label })).sort((a, b) => a.label.localeCompare(b.label));

export async function presentMonitoring(survey: { id: number; title: string }, cells: StateCell[]) {
  const byStatus = countsBy(cells, () => "all").get("all") ?? {};
  const frame = total(byStatus);
  const fielded = frame - (byStatus.not_invited ?? 0);
  const dispositions = dispositionsOf(byStatus);
  const dnc = cells.filter((c) => c.doNotContact);
  const statusRows = INVITATION_STATUSES.map((s) => {
    const count = byStatus[s.code] ?? 0;
    const category = DISPOSITION_OF_STATUS[s.code];
    return {
      label: s.label,
      count: formatCount(count),
      ofFrame: formatPercent(percentOf(count, frame)),
      ofFielded: s.code === "not_invited" ? "not fielded" : formatPercent(percentOf(count, fielded)),
      category: category ?? "excluded",
    };
  });
  const rates = aaporRates(dispositions).map((r) => ({ ...r, shown: rate(r.value) }));
  const bySize = group(cells, (c) => c.sizeBand, SIZE_BANDS);
  const statusChart = await barChart(
    INVITATION_STATUSES.filter((s) => s.code !== "not_invited").map((s) => ({
      label: s.label,
      percent: percentOf(byStatus[s.code] ?? 0, fielded) ?? 0,
    })),
    "% of the agencies invited",
  );
  const sizeChart = await barChart(
    bySize.map((row) => ({ label: row.label, percent: (row.rr1Value ?? 0) * 100 })),
    "RR1 (%)",
  );
  return {
    pageTitle: `Monitoring: ${survey.title}`,
    survey,
    frame: formatCount(frame),
    fielded: formatCount(fielded),
    notInvited: formatCount(byStatus.not_invited ?? 0),
    doNotContact: formatCount(dnc.reduce((n, c) => n + c.count, 0)),
    doNotContactInvited: formatCount(dnc.filter((c) => c.status !== "not_invited").reduce((n, c) => n + c.count, 0)),
    statusRows,
    categories: CATEGORY_TEXT.map((c) => ({
      ...c,
      count: formatCount(dispositions[c.code]),
      statuses: INVITATION_STATUSES.filter((s) => DISPOSITION_OF_STATUS[s.code] === c.code).map((s) => s.label),
    })),
    rates,
    groups: [
      {
        id: "by-state",
        title: "By state",
        caption: "Response rates by state",
        rows: group(cells, (c) => c.state, labelled(STATE_LABELS)),
      },
      {
        id: "by-type",
        title: "By agency type",
        caption: "Response rates by agency type",
        rows: group(cells, (c) => c.agencyType, labelled(AGENCY_TYPE_LABELS)),
      },
      {
        id: "by-size",
        title: "By size band (sworn officers)",
        caption: "Response rates by size band (sworn officers)",
        rows: bySize,
      },
    ],
    charts: {
      status: {
        src: statusChart,
        alt: "Bar chart of the invited agencies by status, as percentages; the figures are in the table of statuses.",
      },
      size: {
        src: sizeChart,
        alt: "Bar chart of response rate 1 by size band; the figures are in the table by size band.",
      },
    },
  };
}
