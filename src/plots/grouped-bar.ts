/**
 * Grouped bars with error bars, e.g. VEGF mRNA fold change by radiation dose,
 * one bar per cell line at each dose (mean ± SD, or a confidence interval given
 * as asymmetric limits such as a fold change's back-transformed CI). Optional
 * individual values as dots over their bar, an optional dashed reference line
 * (e.g. fold change 1 = no change) and a log y axis. Series come from
 * `meanAndErrorByGroup` or are written by hand; null values leave a gap.
 *
 * @example
 * const s = meanAndErrorByGroup(dose, foldChange, cellLine, { error: "sd" });
 * show(groupedBarFigure(s.levels, s.series, {
 *   xTitle: "Dose (Gy)", yTitle: "VEGF mRNA (fold change vs 0 Gy)", errorLabel: s.errorLabel, reference: 1,
 * }));
 */
import { InputError } from "../core/index";
import { makeFigure, requireNumbers } from "./build";
import { checkErrorSeries, digitsFor, errorBarsOf, limitsText, seriesLimits } from "./error-summary";
import type { ErrorSeries } from "./error-summary";
import type { PlotlyFigure } from "./figure";
import { escapeText, formatNumber } from "./format";
import { axis, baseConfig, baseLayout, fontSizeOf, groupColors, logAxisSettings, NEUTRAL_COLOR, TEXT_COLOR, withAlpha } from "./theme";
import type { BaseFigureOptions } from "./theme";

export interface GroupedBarOptions extends BaseFigureOptions {
  /** Category axis title with unit, e.g. "Dose (Gy)". */
  xTitle?: string;
  /** Value axis title with unit. */
  yTitle?: string;
  /** What the error bars are, for the hover: "mean ± SD" (default "mean"). */
  errorLabel?: string;
  /** Dashed horizontal line at this value (e.g. 1 for fold change). */
  reference?: number;
  /** Log y axis (default false). */
  logY?: boolean;
  /** Individual observations per series and category, drawn as dots over the bars: points[series][category]. */
  points?: ReadonlyArray<ReadonlyArray<ReadonlyArray<number> | null>>;
  /** Legend heading, e.g. "Cell line". */
  legendTitle?: string;
}

/** Grouped bars with error bars; see the file comment. */
export function groupedBarFigure(
  categories: ReadonlyArray<string | number>,
  series: readonly ErrorSeries[],
  options: GroupedBarOptions = {},
): PlotlyFigure {
  if (!categories || categories.length === 0) throw new InputError("categories", null, categories, "is empty");
  checkErrorSeries(series, categories.length, "category");
  if (options.points !== undefined) {
    if (options.points.length !== series.length) throw new InputError("points", null, options.points.length, `must have one entry per series (${series.length})`);
    options.points.forEach((perSeries, k) => {
      if (!perSeries || perSeries.length !== categories.length) throw new InputError(`points[${k}]`, null, perSeries ? perSeries.length : perSeries, `must have one entry per category (${categories.length})`);
      perSeries.forEach((vals, j) => {
        if (vals !== null) requireNumbers(`points[${k}][${j}]`, vals);
      });
    });
  }
  const base = fontSizeOf(options);
  const colors = groupColors(series.map((s) => s.name), options.colors);
  const cats = categories.map((c) => escapeText(String(c)));
  const digits = digitsFor(series.reduce((all, s) => all.concat(s.values), [] as (number | null)[]));
  const what = options.errorLabel || "mean";
  const data: Array<Record<string, unknown>> = [];
  series.forEach((s, k) => {
    const color = colors[s.name];
    const name = escapeText(s.name);
    const hover = s.values.map((v, j) => {
      if (v === null) return "";
      const lim = limitsText(s, j, digits);
      const n = s.n !== undefined ? `<br>n = ${s.n[j]}` : "";
      return `${name}, ${cats[j]}<br>${escapeText(what)}: ${formatNumber(v, digits)}${lim ? ` (${lim})` : ""}${n}`;
    });
    data.push({
      type: "bar",
      name,
      x: cats,
      y: s.values.slice(),
      marker: { color, line: { color: TEXT_COLOR, width: 0.75 } },
      error_y: errorBarsOf(s, TEXT_COLOR),
      offsetgroup: s.name,
      legendgroup: s.name,
      hovertext: hover,
      hovertemplate: "%{hovertext}<extra></extra>",
    });
    if (options.points !== undefined) {
      const xs: string[] = [];
      const ys: number[] = [];
      options.points[k].forEach((vals, j) => {
        if (vals === null) return;
        for (let i = 0; i < vals.length; i++) {
          xs.push(cats[j]);
          ys.push(vals[i]);
        }
      });
      data.push({
        type: "scatter",
        mode: "markers",
        name: `${name} values`,
        x: xs,
        y: ys,
        offsetgroup: s.name,
        legendgroup: s.name,
        showlegend: false,
        marker: { color: withAlpha("#FFFFFF", 0.9), size: 6, line: { color: TEXT_COLOR, width: 1 } },
        hovertemplate: `${name}, %{x}: %{y}<extra></extra>`,
      });
    }
  });
  const layout = baseLayout(options, 400, {
    barmode: "group",
    bargap: 0.25,
    bargroupgap: 0.05,
    scattermode: "group",
  });
  layout.xaxis = axis(options.xTitle || "", base, { type: "category", ticks: "" });
  let yLog: Record<string, unknown> = {};
  if (options.logY) {
    const all: (number | null)[] = [];
    for (const s of series) all.push(...s.values, ...seriesLimits(s));
    if (options.points) for (const per of options.points) for (const vals of per) if (vals) all.push(...vals);
    yLog = logAxisSettings(all);
  }
  layout.yaxis = axis(options.yTitle || "", base, options.logY ? yLog : { rangemode: "tozero" });
  layout.showlegend = options.showLegend === undefined ? series.length > 1 : options.showLegend;
  if (options.legendTitle) layout.legend = { ...(layout.legend as Record<string, unknown>), title: { text: escapeText(options.legendTitle) } };
  layout.shapes =
    options.reference === undefined
      ? []
      : [{ type: "line", xref: "paper", yref: "y", x0: 0, x1: 1, y0: options.reference, y1: options.reference, line: { color: NEUTRAL_COLOR, width: 1, dash: "dash" }, layer: "below" }];
  return makeFigure(data, layout, baseConfig("grouped-bars"));
}
