/**
 * Scatter plot of two measurements (e.g. serum VEGF against microvessel density
 * per mouse), points coloured by group, with the least-squares line
 * (`linearRegression`, R's lm(y ~ x)) over the range of x, its pointwise 95%
 * confidence band for the mean
 *   ŷ(x) ± t(0.975, n − 2) · s · sqrt(1/n + (x − x̄)² / Sxx)
 * (R's predict(fit, interval = "confidence"); Sxx recovered as (s / se(slope))²),
 * and the correlation in a corner: Pearson r with its P (`correlation`, R's
 * cor.test) by default, Spearman rho on request, or any text passed in.
 * The fit can be one line over all points (default) or one line per group.
 *
 * @example
 * show(scatterWithFitFigure(endpoint.serum_vegf_pg_ml, endpoint.mvd_per_hpf, {
 *   group: endpoint.group, xTitle: "Serum VEGF (pg/ml)", yTitle: "Microvessel density (vessels/HPF)",
 * }));
 */
import { InputError } from "../core/index";
import type { ArrayLikeInput, MissingPolicy } from "../core/index";
import { tQuantile } from "../distributions/index";
import { correlation, linearRegression } from "../stats/index";
import type { LinearRegressionResult } from "../stats/index";
import { makeFigure, orderedLevels, readColumns } from "./build";
import type { PlotlyFigure } from "./figure";
import { escapeText, formatNumber, formatPValue, roundTo } from "./format";
import { axis, baseConfig, baseLayout, cornerAnnotation, fontSizeOf, groupColors, TEXT_COLOR, withAlpha } from "./theme";
import type { AnnotationPosition, BaseFigureOptions } from "./theme";
import { requireConfLevel } from "../stats/input";

export interface ScatterWithFitOptions extends BaseFigureOptions {
  /** Group of each point (colours and, with fit "group", one line each). */
  group?: ArrayLikeInput<unknown>;
  /** Group order (default first appearance). */
  groups?: string[];
  /** Point labels for the hover (e.g. mouse ids). */
  labels?: ArrayLikeInput<unknown>;
  /** "all" one line through every point (default), "group" one per group, "none". */
  fit?: "all" | "group" | "none";
  /** Confidence band of the fitted line (default true). */
  band?: boolean;
  /** Level of the band (default 0.95). */
  confLevel?: number;
  /** Correlation shown: "pearson" (default), "spearman" or "none". */
  correlation?: "pearson" | "spearman" | "none";
  /** Text for the corner instead of the computed correlation (plain text; \n breaks lines). */
  annotation?: string;
  annotationPosition?: AnnotationPosition;
  xTitle?: string;
  yTitle?: string;
  missing?: MissingPolicy;
}

/** Points (x, ŷ, lower, upper) of a fitted line and its confidence band over [from, to]. */
export function regressionBand(fit: LinearRegressionResult, from: number, to: number, confLevel = 0.95, points = 41): { x: number[]; y: number[]; lower: number[]; upper: number[] } {
  const q = tQuantile(1 - (1 - confLevel) / 2, fit.df);
  const s = fit.residualSe;
  const sxx = fit.seSlope > 0 ? (s / fit.seSlope) * (s / fit.seSlope) : Infinity;
  const out = { x: [] as number[], y: [] as number[], lower: [] as number[], upper: [] as number[] };
  for (let i = 0; i < points; i++) {
    const x = points === 1 ? from : from + ((to - from) * i) / (points - 1);
    const yhat = fit.intercept + fit.slope * x;
    const half = s === 0 ? 0 : q * s * Math.sqrt(1 / fit.n + ((x - fit.meanX) * (x - fit.meanX)) / sxx);
    out.x.push(roundTo(x, 12));
    out.y.push(yhat);
    out.lower.push(yhat - half);
    out.upper.push(yhat + half);
  }
  return out;
}

function correlationText(x: Float64Array, y: Float64Array, kind: "pearson" | "spearman"): string {
  const c = correlation(x, y);
  return kind === "pearson"
    ? `r = ${formatNumber(c.pearson.r, 2)}, ${formatPValue(c.pearson.pValue)}`
    : `\u03C1 = ${formatNumber(c.spearman.rho, 2)}, ${formatPValue(c.spearman.pValue)}`;
}

/** Scatter coloured by group with a least-squares line, band and correlation; see the file comment. */
export function scatterWithFitFigure(x: ArrayLikeInput<unknown>, y: ArrayLikeInput<unknown>, options: ScatterWithFitOptions = {}): PlotlyFigure {
  const fitMode = options.fit === undefined ? "all" : options.fit;
  if (fitMode !== "all" && fitMode !== "group" && fitMode !== "none") throw new InputError("fit", null, fitMode, 'must be "all", "group" or "none"');
  const kind = options.correlation === undefined ? "pearson" : options.correlation;
  if (kind !== "pearson" && kind !== "spearman" && kind !== "none") throw new InputError("correlation", null, kind, 'must be "pearson", "spearman" or "none"');
  const confLevel = options.confLevel === undefined ? 0.95 : options.confLevel;
  requireConfLevel(confLevel);
  const read = readColumns({ x, y }, { group: options.group, labels: options.labels }, options.missing);
  const xs = read.numbers.x;
  const ys = read.numbers.y;
  const groupCol = read.labels.group;
  const labelCol = read.labels.labels;
  const levels = groupCol === undefined ? ["all"] : orderedLevels("group", groupCol, options.groups);
  const groupOf = (i: number): string => (groupCol === undefined ? "all" : groupCol[i]);
  if (fitMode === "group" && groupCol === undefined) throw new InputError("fit", null, fitMode, 'needs options.group for one line per group');
  const base = fontSizeOf(options);
  const colors = groupColors(levels, options.colors);
  const band = options.band !== false;

  const data: Array<Record<string, unknown>> = [];
  const addFit = (idx: number[], color: string, name: string, legendgroup: string): void => {
    const gx = Float64Array.from(idx, (i) => xs[i]);
    const gy = Float64Array.from(idx, (i) => ys[i]);
    const fit = linearRegression(gx, gy);
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of gx) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    const b = regressionBand(fit, lo, hi, confLevel);
    if (band) {
      data.push({ type: "scatter", mode: "lines", x: b.x, y: b.upper, line: { width: 0, color }, hoverinfo: "skip", showlegend: false, legendgroup, name: `${name} band upper` });
      data.push({ type: "scatter", mode: "lines", x: b.x, y: b.lower, line: { width: 0, color }, fill: "tonexty", fillcolor: withAlpha(color === TEXT_COLOR ? "#777777" : color, 0.15), hoverinfo: "skip", showlegend: false, legendgroup, name: `${name} band lower` });
    }
    data.push({
      type: "scatter",
      mode: "lines",
      x: [b.x[0], b.x[b.x.length - 1]],
      y: [b.y[0], b.y[b.y.length - 1]],
      line: { color, width: 1.5 },
      showlegend: false,
      legendgroup,
      name: `${name} fit`,
      hovertemplate: `${escapeText(name)}: y = ${formatNumber(fit.intercept, 3)} + ${formatNumber(fit.slope, 3)}·x, R² = ${formatNumber(fit.rSquared, 2)}<extra></extra>`,
    });
  };

  const indexOf = new Map<string, number[]>();
  for (const l of levels) indexOf.set(l, []);
  for (let i = 0; i < xs.length; i++) {
    const list = indexOf.get(groupOf(i));
    if (list) list.push(i);
  }
  const kept: number[] = [];
  for (const l of levels) kept.push(...(indexOf.get(l) as number[]));
  if (fitMode === "all") addFit(kept, TEXT_COLOR, "all", "fit");
  const notes: string[] = [];
  for (const l of levels) {
    const idx = indexOf.get(l) as number[];
    if (fitMode === "group" && idx.length >= 3) addFit(idx, colors[l], l, l);
    if (kind !== "none" && fitMode === "group" && idx.length >= 3) {
      notes.push(`${l}: ${correlationText(Float64Array.from(idx, (i) => xs[i]), Float64Array.from(idx, (i) => ys[i]), kind)}`);
    }
  }
  if (kind !== "none" && fitMode !== "group") notes.push(correlationText(Float64Array.from(kept, (i) => xs[i]), Float64Array.from(kept, (i) => ys[i]), kind));

  for (const l of levels) {
    const idx = indexOf.get(l) as number[];
    data.push({
      type: "scatter",
      mode: "markers",
      name: escapeText(l),
      x: idx.map((i) => xs[i]),
      y: idx.map((i) => ys[i]),
      marker: { color: colors[l], size: 8, line: { color: "#FFFFFF", width: 0.75 }, opacity: 0.9 },
      legendgroup: l,
      text: idx.map((i) => (labelCol === undefined ? escapeText(l) : `${escapeText(labelCol[i])} (${escapeText(l)})`)),
      hovertemplate: "%{text}<br>x = %{x}<br>y = %{y}<extra></extra>",
    });
  }

  const layout = baseLayout(options, 400);
  layout.xaxis = axis(options.xTitle || "", base);
  layout.yaxis = axis(options.yTitle || "", base);
  layout.showlegend = options.showLegend === undefined ? levels.length > 1 : options.showLegend;
  const text = options.annotation !== undefined ? options.annotation : notes.join("\n");
  layout.annotations = text ? [cornerAnnotation(text, options.annotationPosition || "top-left", base - 1)] : [];
  layout.meta = { dropped: read.dropped };
  return makeFigure(data, layout, baseConfig("scatter-with-fit"));
}
