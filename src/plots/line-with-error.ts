/**
 * Group means over a numeric axis (dose-response, time course, tumour growth)
 * as lines with markers and error bars (mean ± SD / SEM / CI), one colour per
 * group. Optionally the individual curves behind them as faint thin lines in
 * the group's colour (e.g. each mouse's tumour volume behind the group mean ±
 * SEM), and a log y axis for growth data. Null means leave a gap (not bridged).
 *
 * @example
 * const s = meanAndErrorByGroup(day, volume, group, { error: "sem" });
 * show(lineWithErrorFigure(s.levels as number[], s.series, {
 *   xTitle: "Days after irradiation", yTitle: "Tumour volume (mm³)", errorLabel: s.errorLabel, logY: true,
 *   individuals: individualCurves(mouseId, day, volume, group),
 * }));
 */
import { InputError } from "../core/index";
import type { ArrayLikeInput, MissingPolicy } from "../core/index";
import { makeFigure, readColumns, requireNumbers } from "./build";
import { checkErrorSeries, digitsFor, errorBarsOf, limitsText, seriesLimits } from "./error-summary";
import type { ErrorSeries } from "./error-summary";
import type { PlotlyFigure } from "./figure";
import { escapeText, formatNumber } from "./format";
import { axis, baseConfig, baseLayout, fontSizeOf, groupColors, logAxisSettings, withAlpha } from "./theme";
import type { BaseFigureOptions } from "./theme";

/** One subject's curve (a mouse, an experiment), drawn faintly in its group's colour. */
export interface IndividualCurve {
  id: string;
  /** Group it belongs to: its colour is the series' of that name. */
  group: string;
  x: number[];
  y: number[];
}

export interface LineWithErrorOptions extends BaseFigureOptions {
  /** x-axis title with unit, e.g. "Dose (Gy)" or "Hours after irradiation". */
  xTitle?: string;
  yTitle?: string;
  /** What the points and bars are, for the hover (default "mean"). */
  errorLabel?: string;
  /** Log y axis (default false). */
  logY?: boolean;
  /** Log x axis (default false). */
  logX?: boolean;
  /** x-axis breaks (default: the x values when there are at most 12, else plotly's). */
  xTicks?: number[];
  /** Faint individual curves behind the means. */
  individuals?: readonly IndividualCurve[];
  /** Opacity of the individual curves (default 0.3). */
  individualOpacity?: number;
  /** Shift each group's points sideways by this fraction of the x step so bars do not overlap (default 0.01 with 3+ groups, else 0). */
  dodge?: number;
  /** Legend heading. */
  legendTitle?: string;
}

/**
 * Splits long-format data (one row per subject and time) into one curve per
 * subject, points sorted by x, for `individuals`.
 */
export function individualCurves(
  id: ArrayLikeInput<unknown>,
  x: ArrayLikeInput<unknown>,
  y: ArrayLikeInput<unknown>,
  group: ArrayLikeInput<unknown>,
  options: { missing?: MissingPolicy } = {},
): IndividualCurve[] {
  const read = readColumns({ x, y }, { id, group }, options.missing);
  const ids = read.labels.id;
  const groups = read.labels.group;
  const byId = new Map<string, { group: string; points: Array<[number, number]> }>();
  for (let i = 0; i < ids.length; i++) {
    let entry = byId.get(ids[i]);
    if (!entry) {
      entry = { group: groups[i], points: [] };
      byId.set(ids[i], entry);
    } else if (entry.group !== groups[i]) {
      throw new InputError("group", i, groups[i], `differs from the group of ${ids[i]} in an earlier row (${entry.group})`);
    }
    entry.points.push([read.numbers.x[i], read.numbers.y[i]]);
  }
  const out: IndividualCurve[] = [];
  byId.forEach((entry, key) => {
    const pts = entry.points.slice().sort((a, b) => a[0] - b[0]);
    out.push({ id: key, group: entry.group, x: pts.map((p) => p[0]), y: pts.map((p) => p[1]) });
  });
  return out;
}

/**
 * The faint line of each individual curve, in its group's colour at `opacity`, behind a figure's
 * group summaries (lineWithErrorFigure, fittedCurvesFigure). Each curve must belong to one of the
 * groups `names` and have numeric x and y of equal length.
 */
export function individualCurveTraces(
  individuals: readonly IndividualCurve[],
  names: readonly string[],
  colors: Record<string, string>,
  opacity: number,
): Array<Record<string, unknown>> {
  return individuals.map((c, i) => {
    if (!c || names.indexOf(c.group) < 0) throw new InputError("individuals", i, c ? c.group : c, `must belong to one of the series (${names.join(", ")})`);
    if (!c.x || !c.y || c.x.length !== c.y.length) throw new InputError("individuals", i, c.id, "needs x and y of equal length");
    requireNumbers(`individuals[${i}].x`, c.x);
    requireNumbers(`individuals[${i}].y`, c.y);
    return {
      type: "scatter",
      mode: "lines",
      name: escapeText(c.id),
      x: c.x.slice(),
      y: c.y.slice(),
      line: { color: withAlpha(colors[c.group], opacity), width: 1 },
      legendgroup: c.group,
      showlegend: false,
      hovertemplate: `${escapeText(c.id)} (${escapeText(c.group)})<br>%{x}: %{y}<extra></extra>`,
    };
  });
}

/** Mean ± error lines per group with optional faint individual curves; see the file comment. */
export function lineWithErrorFigure(x: ReadonlyArray<number>, series: readonly ErrorSeries[], options: LineWithErrorOptions = {}): PlotlyFigure {
  if (!x || x.length === 0) throw new InputError("x", null, x, "is empty");
  const xs = requireNumbers("x", x) as number[];
  checkErrorSeries(series, xs.length, "x value");
  const base = fontSizeOf(options);
  const names = series.map((s) => s.name);
  const colors = groupColors(names, options.colors);
  const data: Array<Record<string, unknown>> = [];
  const opacity = options.individualOpacity === undefined ? 0.3 : options.individualOpacity;
  if (options.individuals !== undefined) data.push(...individualCurveTraces(options.individuals, names, colors, opacity));
  const sorted = xs.slice().sort((a, b) => a - b);
  let minStep = Infinity;
  for (let i = 1; i < sorted.length; i++) if (sorted[i] > sorted[i - 1]) minStep = Math.min(minStep, sorted[i] - sorted[i - 1]);
  if (!Number.isFinite(minStep)) minStep = 1;
  const dodge = options.dodge === undefined ? (series.length >= 3 && !options.logX ? 0.01 : 0) : options.dodge;
  const digits = digitsFor(series.reduce((all, s) => all.concat(s.values), [] as (number | null)[]));
  const what = options.errorLabel || "mean";
  series.forEach((s, k) => {
    const color = colors[s.name];
    const name = escapeText(s.name);
    const shift = dodge * minStep * (k - (series.length - 1) / 2);
    const hover = s.values.map((v, j) => {
      if (v === null) return "";
      const lim = limitsText(s, j, digits);
      const n = s.n !== undefined ? `<br>n = ${s.n[j]}` : "";
      return `${name}, ${xs[j]}<br>${escapeText(what)}: ${formatNumber(v, digits)}${lim ? ` (${lim})` : ""}${n}`;
    });
    data.push({
      type: "scatter",
      mode: "lines+markers",
      name,
      x: xs.map((v) => v + shift),
      y: s.values.slice(),
      line: { color, width: 2 },
      marker: { color, size: 7, symbol: "circle" },
      error_y: errorBarsOf(s, color),
      connectgaps: false,
      legendgroup: s.name,
      hovertext: hover,
      hovertemplate: "%{hovertext}<extra></extra>",
    });
  });
  const layout = baseLayout(options, 400);
  const ticks = options.xTicks !== undefined ? options.xTicks.slice() : sorted.length <= 12 ? Array.from(new Set(sorted)) : undefined;
  layout.xaxis = axis(options.xTitle || "", base, {
    ...(options.logX ? { type: "log" } : {}),
    ...(ticks !== undefined ? { tickmode: "array", tickvals: ticks } : {}),
  });
  let yLog: Record<string, unknown> = {};
  if (options.logY) {
    const all: (number | null)[] = [];
    for (const s of series) all.push(...s.values, ...seriesLimits(s));
    if (options.individuals) for (const c of options.individuals) all.push(...c.y);
    yLog = logAxisSettings(all);
  }
  layout.yaxis = axis(options.yTitle || "", base, options.logY ? yLog : { rangemode: "tozero" });
  layout.showlegend = options.showLegend === undefined ? series.length > 1 : options.showLegend;
  if (options.legendTitle) layout.legend = { ...(layout.legend as Record<string, unknown>), title: { text: escapeText(options.legendTitle) } };
  return makeFigure(data, layout, baseConfig("lines-with-error"));
}
