/**
 * The functional form of covariates in a regression model, one panel per covariate: the
 * fitted spline's effect (e.g. the hazard ratio against the covariate's median, from a Cox
 * model with a natural spline) with its pointwise confidence band, the linear model's
 * straight line beside it (dashed), and the spline's knots as dotted vertical lines. Ratios
 * (`ratio: true`, the default) are drawn on a log axis from log-scale inputs; a flat line at 1
 * means no effect.
 *
 * @example
 * show(functionalFormFigure([{ title: "Age, per 10 years", x: grid, fit: logHr, lower, upper, linear, knots: [5, 5.7, 6.4] }], {
 *   yTitle: "Hazard ratio vs the median",
 * }));
 */
import { InputError } from "../core/index";
import { makeFigure, requireNumbers } from "./build";
import type { PlotlyFigure } from "./figure";
import { escapeText, roundTo } from "./format";
import { axis, baseConfig, baseLayout, colorFor, font, fontSizeOf, logAxisSettings, withAlpha } from "./theme";
import type { BaseFigureOptions } from "./theme";

export interface FunctionalFormPanel {
  /** Panel heading (the covariate and, e.g., its test of non-linearity). */
  title: string;
  /** x-axis title (default: none). */
  xTitle?: string;
  /** Grid of the covariate. */
  x: readonly number[];
  /** The spline fit and its pointwise limits at x (log scale when `ratio`). */
  fit: readonly number[];
  lower: readonly number[];
  upper: readonly number[];
  /** The linear model's fit at x (log scale when `ratio`). */
  linear: readonly number[];
  /** Knots to mark (interior knots of the spline). */
  knots?: readonly number[];
}

export interface FunctionalFormOptions extends BaseFigureOptions {
  yTitle?: string;
  /** Inputs are log ratios: draw exp() on a log axis (default true). */
  ratio?: boolean;
  /** Legend names of the two fits (default "Natural spline", "Linear"). */
  splineLabel?: string;
  linearLabel?: string;
}

/** One panel per covariate, side by side; see the file comment. */
export function functionalFormFigure(panels: readonly FunctionalFormPanel[], options: FunctionalFormOptions = {}): PlotlyFigure {
  if (!Array.isArray(panels) || panels.length === 0) throw new InputError("panels", null, panels, "must be a non-empty array");
  const ratio = options.ratio !== false;
  const base = fontSizeOf(options);
  const spline = colorFor(options.splineLabel ?? "Natural spline", 0);
  const linearColor = "#555555";
  const tr = (v: number) => (ratio ? Math.exp(v) : v);
  const data: Array<Record<string, unknown>> = [];
  const shapes: Array<Record<string, unknown>> = [];
  const annotations: Array<Record<string, unknown>> = [];
  const layoutAxes: Record<string, unknown> = {};
  const gap = 0.07;
  const width = (1 - gap * (panels.length - 1)) / panels.length;
  const allY: number[] = [];
  panels.forEach((p, k) => {
    const x = requireNumbers(`panels[${k}].x`, p.x) as number[];
    const series = { fit: p.fit, lower: p.lower, upper: p.upper, linear: p.linear };
    const ys: Record<string, number[]> = {};
    for (const [key, values] of Object.entries(series)) {
      const v = requireNumbers(`panels[${k}].${key}`, values) as number[];
      if (v.length !== x.length) throw new InputError(`panels[${k}].${key}`, null, v.length, `must have as many values as x (${x.length})`);
      ys[key] = v.map(tr);
      allY.push(...ys[key]);
    }
    const suffix = k === 0 ? "" : String(k + 1);
    const xa = `x${suffix}`;
    const ya = `y${suffix}`;
    const first = k === 0;
    data.push({ type: "scatter", mode: "lines", x, y: ys.upper, xaxis: xa, yaxis: ya, line: { width: 0, color: spline }, hoverinfo: "skip", showlegend: false, name: "upper limit" });
    data.push({ type: "scatter", mode: "lines", x, y: ys.lower, xaxis: xa, yaxis: ya, line: { width: 0, color: spline }, fill: "tonexty", fillcolor: withAlpha(spline, 0.18), hoverinfo: "skip", showlegend: false, name: "lower limit" });
    data.push({
      type: "scatter", mode: "lines", x, y: ys.fit, xaxis: xa, yaxis: ya, line: { color: spline, width: 2 },
      name: escapeText(options.splineLabel ?? "Natural spline"), legendgroup: "spline", showlegend: first,
      hovertemplate: `${escapeText(p.title)}<br>%{x:.3g}: %{y:.2f}<extra>spline</extra>`,
    });
    data.push({
      type: "scatter", mode: "lines", x, y: ys.linear, xaxis: xa, yaxis: ya, line: { color: linearColor, width: 1.5, dash: "dash" },
      name: escapeText(options.linearLabel ?? "Linear"), legendgroup: "linear", showlegend: first,
      hovertemplate: `${escapeText(p.title)}<br>%{x:.3g}: %{y:.2f}<extra>linear</extra>`,
    });
    for (const knot of p.knots ?? []) {
      shapes.push({ type: "line", xref: xa, yref: `${ya} domain`, x0: knot, x1: knot, y0: 0, y1: 1, line: { color: "#999999", width: 1, dash: "dot" } });
    }
    const domain = [roundTo(k * (width + gap), 6), roundTo(k * (width + gap) + width, 6)];
    layoutAxes[`xaxis${suffix}`] = axis(p.xTitle ?? "", base, { domain, anchor: ya });
    layoutAxes[`yaxis${suffix}`] = axis(first ? options.yTitle ?? (ratio ? "Ratio" : "Effect") : "", base, first ? { anchor: xa } : { anchor: xa, matches: "y" });
    annotations.push({ text: escapeText(p.title), xref: `${xa} domain`, yref: "paper", x: 0, y: 1, xanchor: "left", yanchor: "bottom", showarrow: false, font: font(base - 1) });
  });
  if (ratio) {
    const settings = logAxisSettings(allY);
    panels.forEach((_, k) => Object.assign(layoutAxes[`yaxis${k === 0 ? "" : String(k + 1)}`] as Record<string, unknown>, settings));
  }
  const layout = baseLayout(options, 340, {
    ...layoutAxes,
    shapes,
    annotations,
    margin: { t: options.title ? 80 : 60 },
    legend: { font: font(base - 1), orientation: "h", x: 1, xanchor: "right", y: 1.13, yanchor: "bottom", bgcolor: "rgba(255, 255, 255, 0)" },
  });
  return makeFigure(data, layout, baseConfig("functional-form"));
}
