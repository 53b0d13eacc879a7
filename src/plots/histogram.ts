/**
 * Counts over a continuous scale or over calendar time, stacked by group.
 *
 * `histogramFigure`: bins [start + k·w, start + (k+1)·w) of width w (left-closed,
 * as R's hist(right = FALSE)), computed here so the figure holds the counts
 * themselves (deterministic, testable, and the same in SVG export), stacked by
 * group or overlaid.
 *
 * `enrollmentFigure`: patients per calendar year (or quarter, or month) from
 * YYYY-MM-DD dates, stacked by arm, every period between the first and last
 * date shown even when empty; e.g. accrual over the study window 1996-08 to 2003-08.
 *
 * @example
 * show(enrollmentFigure(cohort.fields.enrolled, cohort.fields.arm));
 * show(histogramFigure(cohort.fields.age, { group: cohort.fields.arm, binWidth: 5, xTitle: "Age (years)", missing: "drop" }));
 */
import { InputError } from "../core/index";
import type { ArrayLikeInput, MissingPolicy } from "../core/index";
import { makeFigure, orderedLevels, readColumns } from "./build";
import type { PlotlyFigure } from "./figure";
import { escapeText, niceStep, roundTo } from "./format";
import { axis, baseConfig, baseLayout, fontSizeOf, groupColors } from "./theme";
import type { BaseFigureOptions } from "./theme";

export interface HistogramOptions extends BaseFigureOptions {
  /** Group of each value: one colour each, stacked (default) or overlaid. */
  group?: ArrayLikeInput<unknown>;
  groups?: string[];
  /** Bin width (default a round width giving about 10–20 bins). */
  binWidth?: number;
  /** Left edge of the first bin (default the largest multiple of binWidth not above the minimum). */
  start?: number;
  /** "stack" (default) or "overlay" (semi-transparent). */
  barmode?: "stack" | "overlay";
  xTitle?: string;
  /** Default "Count". */
  yTitle?: string;
  missing?: MissingPolicy;
}

export interface EnrollmentOptions extends BaseFigureOptions {
  /** Bars per "year" (default), "quarter" or "month". */
  period?: "year" | "quarter" | "month";
  groups?: string[];
  /** Default "Year of enrollment" (or "Quarter"/"Month of enrollment"). */
  xTitle?: string;
  /** Default "Patients". */
  yTitle?: string;
  missing?: MissingPolicy;
}

/** Counts per bin and group; edges has one more entry than each count row. */
export function binCounts(values: ArrayLike<number>, groupOf: (i: number) => number, nGroups: number, start: number, width: number): { edges: number[]; counts: number[][] } {
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) max = Math.max(max, values[i]);
  const nBins = Math.max(1, Math.floor((max - start) / width + 1e-9) + 1);
  const counts = Array.from({ length: nGroups }, () => new Array<number>(nBins).fill(0));
  for (let i = 0; i < values.length; i++) {
    const k = Math.min(nBins - 1, Math.floor((values[i] - start) / width + 1e-9));
    counts[groupOf(i)][k]++;
  }
  const edges: number[] = [];
  for (let k = 0; k <= nBins; k++) edges.push(roundTo(start + k * width));
  return { edges, counts };
}

/** Histogram with explicit bins, stacked or overlaid by group; see the file comment. */
export function histogramFigure(values: ArrayLikeInput<unknown>, options: HistogramOptions = {}): PlotlyFigure {
  const read = readColumns({ values }, { group: options.group }, options.missing);
  const xs = read.numbers.values;
  const groupCol = read.labels.group;
  const levels = groupCol === undefined ? ["all"] : orderedLevels("group", groupCol, options.groups);
  const codes = groupCol === undefined ? null : groupCol.map((g) => levels.indexOf(g));
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of xs) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (options.binWidth !== undefined && !(options.binWidth > 0 && Number.isFinite(options.binWidth))) throw new InputError("binWidth", null, options.binWidth, "must be a positive number");
  const width = options.binWidth !== undefined ? options.binWidth : niceStep(hi - lo || 1, 20);
  const start = options.start !== undefined ? options.start : Math.floor(lo / width + 1e-9) * width;
  if (!Number.isFinite(start) || start > lo) throw new InputError("start", null, options.start, `must be a number not above the smallest value (${lo})`);
  const barmode = options.barmode === undefined ? "stack" : options.barmode;
  if (barmode !== "stack" && barmode !== "overlay") throw new InputError("barmode", null, barmode, 'must be "stack" or "overlay"');
  const { edges, counts } = binCounts(xs, (i) => (codes === null ? 0 : codes[i]), levels.length, start, width);
  const base = fontSizeOf(options);
  const colors = groupColors(levels, options.colors);
  const data = levels.map((level, g) => ({
    type: "bar",
    name: escapeText(level),
    x: edges.slice(0, -1),
    y: counts[g],
    width: counts[g].map(() => width),
    offset: 0,
    marker: { color: colors[level], opacity: barmode === "overlay" ? 0.55 : 1, line: { color: "#FFFFFF", width: 0.5 } },
    customdata: edges.slice(1),
    hovertemplate: `${escapeText(level)}<br>[%{x}, %{customdata}): %{y}<extra></extra>`,
  }));
  const layout = baseLayout(options, 360, { barmode, bargap: 0 });
  layout.xaxis = axis(options.xTitle || "", base, { range: [edges[0], edges[edges.length - 1]] });
  layout.yaxis = axis(options.yTitle === undefined ? "Count" : options.yTitle, base, { rangemode: "tozero" });
  layout.showlegend = options.showLegend === undefined ? levels.length > 1 : options.showLegend;
  layout.meta = { dropped: read.dropped };
  return makeFigure(data, layout, baseConfig("histogram"));
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Period label and sort key of a YYYY-MM-DD date. */
function periodOf(date: string, period: "year" | "quarter" | "month"): { key: number; label: string } | null {
  const m = DATE.exec(date);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  if (period === "year") return { key: year, label: String(year) };
  if (period === "quarter") {
    const q = Math.floor((month - 1) / 3) + 1;
    return { key: year * 4 + q - 1, label: `${year} Q${q}` };
  }
  return { key: year * 12 + month - 1, label: `${m[1]}-${m[2]}` };
}

function periodLabel(key: number, period: "year" | "quarter" | "month"): string {
  if (period === "year") return String(key);
  if (period === "quarter") return `${Math.floor(key / 4)} Q${(key % 4) + 1}`;
  const month = (key % 12) + 1;
  return `${Math.floor(key / 12)}-${month < 10 ? "0" : ""}${month}`;
}

/** Patients per calendar period, stacked by arm; see the file comment. */
export function enrollmentFigure(dates: ArrayLikeInput<unknown>, group?: ArrayLikeInput<unknown> | null, options: EnrollmentOptions = {}): PlotlyFigure {
  const period = options.period === undefined ? "year" : options.period;
  if (period !== "year" && period !== "quarter" && period !== "month") throw new InputError("period", null, period, 'must be "year", "quarter" or "month"');
  const read = readColumns({}, { dates, group: group === null ? undefined : group }, options.missing);
  const ds = read.labels.dates;
  const groupCol = read.labels.group;
  const levels = groupCol === undefined ? ["all"] : orderedLevels("group", groupCol, options.groups);
  const keys = ds.map((d, i) => {
    const p = periodOf(d, period);
    if (p === null) throw new InputError("dates", i, d, "must be a date written YYYY-MM-DD");
    return p.key;
  });
  const first = Math.min(...keys);
  const last = Math.max(...keys);
  const labels: string[] = [];
  for (let k = first; k <= last; k++) labels.push(periodLabel(k, period));
  const counts = levels.map(() => labels.map(() => 0));
  keys.forEach((k, i) => {
    counts[groupCol === undefined ? 0 : levels.indexOf(groupCol[i])][k - first]++;
  });
  const base = fontSizeOf(options);
  const colors = groupColors(levels, options.colors);
  const totals = labels.map((_, j) => counts.reduce((s, row) => s + row[j], 0));
  const data = levels.map((level, g) => ({
    type: "bar",
    name: escapeText(level),
    x: labels,
    y: counts[g],
    marker: { color: colors[level], line: { color: "#FFFFFF", width: 0.5 } },
    customdata: totals,
    hovertemplate: `${escapeText(level)}, %{x}: %{y} of %{customdata}<extra></extra>`,
  }));
  const defaultTitle = period === "year" ? "Year of enrollment" : period === "quarter" ? "Quarter of enrollment" : "Month of enrollment";
  const layout = baseLayout(options, 360, { barmode: "stack", bargap: 0.2 });
  const every = labels.length > 16 ? Math.ceil(labels.length / 12) : 1;
  layout.xaxis = axis(options.xTitle === undefined ? defaultTitle : options.xTitle, base, {
    type: "category",
    ticks: "",
    tickmode: "array",
    tickvals: labels.filter((_, j) => j % every === 0),
    tickangle: period === "year" && labels.length <= 16 ? 0 : -45,
  });
  layout.yaxis = axis(options.yTitle === undefined ? "Patients" : options.yTitle, base, { rangemode: "tozero" });
  layout.showlegend = options.showLegend === undefined ? levels.length > 1 : options.showLegend;
  layout.meta = { dropped: read.dropped };
  return makeFigure(data, layout, baseConfig("enrollment"));
}
