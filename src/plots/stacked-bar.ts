/**
 * Stacked bars of counts, e.g. the site of first failure by arm: one bar per
 * category (arm), one stacked segment per series (failure site), the count
 * printed on each segment and the count with its percentage of the bar's total
 * in the hover. With `percent: true` the bars show percentages of each bar's
 * total (all bars reach 100%), still labelled with the counts, the usual way to
 * compare arms of different sizes. `crossTabulate` builds the counts from two
 * label columns.
 *
 * @example
 * const t = crossTabulate(arm, failure_site, { columnLevels: ["local", "intrahepatic", "extrahepatic", "none"] });
 * show(stackedBarFigure(t.categories, t.series, { percent: true, yTitle: "Patients (%)" }));
 */
import { InputError } from "../core/index";
import type { ArrayLikeInput, MissingPolicy } from "../core/index";
import { orderedLevels, makeFigure, readColumns, requireNumbers } from "./build";
import type { PlotlyFigure } from "./figure";
import { escapeText, formatNumber } from "./format";
import { axis, baseConfig, baseLayout, font, fontSizeOf, groupColors, TEXT_COLOR } from "./theme";
import type { BaseFigureOptions } from "./theme";

/** One stacked series: a count per category. */
export interface CountSeries {
  name: string;
  values: number[];
}

export interface StackedBarOptions extends BaseFigureOptions {
  /** Bars as percentages of each category's total (default false: counts). */
  percent?: boolean;
  /** Print the count on each segment (default true; zero counts are left blank). */
  showCounts?: boolean;
  /** Print each bar's total "n = …" above it (default true). */
  showTotals?: boolean;
  /** "v" vertical bars (default) or "h" horizontal. */
  orientation?: "v" | "h";
  /** Category axis title (default none). */
  xTitle?: string;
  /** Value axis title (default "Patients" or "Patients (%)"). */
  yTitle?: string;
  /** Legend heading, e.g. "First failure". */
  legendTitle?: string;
}

/** Counts of each (row, column) label pair, as categories × series for stackedBarFigure. */
export interface CrossTable {
  categories: string[];
  series: CountSeries[];
  /** Row totals. */
  totals: number[];
  dropped: number;
}

/**
 * Counts of each combination of two label columns: categories are the levels
 * of `rows` (e.g. arm), series the levels of `columns` (e.g. failure site).
 * Levels in order of first appearance unless given.
 */
export function crossTabulate(
  rows: ArrayLikeInput<unknown>,
  columns: ArrayLikeInput<unknown>,
  options: { rowLevels?: string[]; columnLevels?: string[]; missing?: MissingPolicy } = {},
): CrossTable {
  const read = readColumns({}, { rows, columns }, options.missing);
  const r = read.labels.rows;
  const c = read.labels.columns;
  const categories = orderedLevels("rows", r, options.rowLevels);
  const names = options.columnLevels === undefined ? orderedLevels("columns", c) : options.columnLevels.slice();
  const wanted = new Set(names);
  c.forEach((v, i) => {
    if (!wanted.has(v)) throw new InputError("columns", i, v, `is not one of the levels ${names.join(", ")}`);
  });
  const series = names.map((name) => ({ name, values: categories.map(() => 0) }));
  for (let i = 0; i < r.length; i++) series[names.indexOf(c[i])].values[categories.indexOf(r[i])]++;
  const totals = categories.map((_, j) => series.reduce((s, x) => s + x.values[j], 0));
  return { categories, series, totals, dropped: read.dropped };
}

/** Black or white text, whichever reads better on `hex`. */
export function textColorOn(hex: string): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return TEXT_COLOR;
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  });
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return luminance > 0.3 ? "#000000" : "#FFFFFF";
}

/** Stacked bars of counts with counts on the bars and percentages in the hover; see the file comment. */
export function stackedBarFigure(categories: readonly string[], series: readonly CountSeries[], options: StackedBarOptions = {}): PlotlyFigure {
  if (!categories || categories.length === 0) throw new InputError("categories", null, categories, "is empty");
  if (!series || series.length === 0) throw new InputError("series", null, series, "is empty");
  series.forEach((s, k) => {
    if (!s || typeof s.name !== "string") throw new InputError("series", k, s, "must have a name");
    if (!s.values || s.values.length !== categories.length) {
      throw new InputError(`series[${k}].values`, null, s.values ? s.values.length : s.values, `must have one count per category (${categories.length})`);
    }
    requireNumbers(`series[${k}].values`, s.values).forEach((v, j) => {
      if ((v as number) < 0) throw new InputError(`series[${k}].values`, j, v, "must be a non-negative count");
    });
  });
  const base = fontSizeOf(options);
  const percent = options.percent === true;
  const showCounts = options.showCounts !== false;
  const showTotals = options.showTotals !== false;
  const horizontal = options.orientation === "h";
  const colors = groupColors(series.map((s) => s.name), options.colors);
  const totals = categories.map((_, j) => series.reduce((sum, s) => sum + s.values[j], 0));
  const cats = categories.map((c) => escapeText(c));

  const data: Array<Record<string, unknown>> = series.map((s) => {
    const share = s.values.map((v, j) => (totals[j] > 0 ? (100 * v) / totals[j] : 0));
    const values = percent ? share : s.values.slice();
    const hover = s.values.map((v, j) => `${escapeText(s.name)}<br>${cats[j]}: ${v} of ${totals[j]} (${formatNumber(share[j], 1)}%)`);
    const color = colors[s.name];
    return {
      type: "bar",
      name: escapeText(s.name),
      orientation: horizontal ? "h" : "v",
      x: horizontal ? values : cats,
      y: horizontal ? cats : values,
      marker: { color, line: { color: "#FFFFFF", width: 0.5 } },
      text: showCounts ? s.values.map((v) => (v > 0 ? String(v) : "")) : undefined,
      textposition: showCounts ? "inside" : "none",
      insidetextanchor: "middle",
      textangle: 0,
      textfont: font(base - 1, textColorOn(color)),
      hovertext: hover,
      hovertemplate: "%{hovertext}<extra></extra>",
    };
  });

  const valueTitle = options.yTitle === undefined ? (percent ? "Patients (%)" : "Patients") : options.yTitle;
  const valueMax = percent ? 100 : Math.max(1, ...totals);
  const valueAxis = axis(valueTitle, base, { range: [0, valueMax * (showTotals ? 1.08 : 1.0)], ...(percent ? { tickvals: [0, 25, 50, 75, 100] } : {}) });
  const categoryAxis = axis(options.xTitle || "", base, { type: "category", ticks: "" });
  const height = horizontal ? Math.max(220, 90 + categories.length * 48) : 400;
  const layout = baseLayout(options, height, {
    barmode: "stack",
    bargap: 0.35,
    margin: horizontal ? { r: 48 } : {},
  });
  layout.xaxis = horizontal ? valueAxis : categoryAxis;
  layout.yaxis = horizontal ? { ...categoryAxis, autorange: "reversed" } : valueAxis;
  layout.showlegend = options.showLegend === undefined ? true : options.showLegend;
  layout.legend = {
    ...(layout.legend as Record<string, unknown>),
    traceorder: horizontal ? "normal" : "reversed",
    ...(options.legendTitle ? { title: { text: escapeText(options.legendTitle), font: font(base - 1) } } : {}),
  };
  layout.annotations = showTotals
    ? categories.map((_, j) => ({
        text: `n = ${totals[j]}`,
        x: horizontal ? (percent ? 100 : totals[j]) : cats[j],
        y: horizontal ? cats[j] : percent ? 100 : totals[j],
        xref: "x",
        yref: "y",
        xanchor: horizontal ? "left" : "center",
        yanchor: horizontal ? "middle" : "bottom",
        xshift: horizontal ? 4 : 0,
        yshift: horizontal ? 0 : 2,
        showarrow: false,
        font: font(base - 1),
      }))
    : [];
  return makeFigure(data, layout, baseConfig("stacked-bars"));
}
