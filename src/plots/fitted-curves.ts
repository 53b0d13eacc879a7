/**
 * Observed points with a fitted curve per group (a dose-response curve per cell line,
 * growth trajectories with a model's fitted lines): one colour per group, the points as
 * markers (jittered sideways by `jitter` of the x step so replicates at one x do not hide
 * each other), the fitted curve as a line, and optionally each subject's observed
 * trajectory as a faint line behind (`individuals`). A group without a curve (e.g. a fit
 * that did not converge) keeps its points and is named in the legend with `noCurveLabel`.
 *
 * @example
 * show(fittedCurvesFigure([{ name: "HepG2", x: dose, y: logVegf, curve: { x: grid, y: fitted } }], {
 *   xTitle: "Dose (Gy)", yTitle: "log2 VEGF per 10^6 cells",
 * }));
 */
import { InputError } from "../core/index";
import { makeFigure, requireNumbers } from "./build";
import type { PlotlyFigure } from "./figure";
import { escapeText } from "./format";
import { axis, baseConfig, baseLayout, cornerAnnotation, fontSizeOf, groupColors, logAxisSettings, withAlpha } from "./theme";
import type { AnnotationPosition, BaseFigureOptions } from "./theme";
import { individualCurveTraces } from "./line-with-error";
import type { IndividualCurve } from "./line-with-error";

export interface FittedCurveSeries {
  /** Group name (legend, colour). */
  name: string;
  /** Observed points. */
  x: readonly number[];
  y: readonly number[];
  /** Point labels for the hover (e.g. "experiment 2"). */
  labels?: readonly string[];
  /** The fitted curve, or null when there is none (then `noCurveLabel` is added to the legend name). */
  curve: { x: readonly number[]; y: readonly number[]; lower?: readonly number[]; upper?: readonly number[] } | null;
}

export interface FittedCurvesOptions extends BaseFigureOptions {
  xTitle?: string;
  yTitle?: string;
  /** Log y axis (default false). */
  logY?: boolean;
  /** Sideways jitter of the points as a fraction of the smallest x step (default 0.08; 0 for none). Deterministic. */
  jitter?: number;
  /** Faint observed trajectories behind (group = a series name). */
  individuals?: readonly IndividualCurve[];
  /** Added to a series' legend name when it has no curve (default " (no fit)"). */
  noCurveLabel?: string;
  /** x-axis breaks (default: the distinct point x values when there are at most 12). */
  xTicks?: number[];
  /** Corner text (plain; \n breaks lines). */
  annotation?: string;
  annotationPosition?: AnnotationPosition;
  legendTitle?: string;
}

/** Points and fitted curves per group; see the file comment. */
export function fittedCurvesFigure(series: readonly FittedCurveSeries[], options: FittedCurvesOptions = {}): PlotlyFigure {
  if (!Array.isArray(series) || series.length === 0) throw new InputError("series", null, series, "must be a non-empty array");
  const names = series.map((s) => s.name);
  const colors = groupColors(names, options.colors);
  const base = fontSizeOf(options);
  const data: Array<Record<string, unknown>> = [];
  const allX: number[] = [];
  const allY: (number | null)[] = [];
  series.forEach((s, i) => {
    const x = requireNumbers(`series[${i}].x`, s.x) as number[];
    const y = requireNumbers(`series[${i}].y`, s.y) as number[];
    if (x.length !== y.length) throw new InputError(`series[${i}].y`, null, y.length, `must have as many values as x (${x.length})`);
    allX.push(...x);
    allY.push(...y);
    if (s.curve !== null) {
      const cx = requireNumbers(`series[${i}].curve.x`, s.curve.x) as number[];
      const cy = requireNumbers(`series[${i}].curve.y`, s.curve.y) as number[];
      if (cx.length !== cy.length) throw new InputError(`series[${i}].curve.y`, null, cy.length, `must have as many values as curve.x (${cx.length})`);
      allY.push(...cy);
    }
  });
  const sortedX = Array.from(new Set(allX)).sort((a, b) => a - b);
  let step = Infinity;
  for (let i = 1; i < sortedX.length; i++) step = Math.min(step, sortedX[i] - sortedX[i - 1]);
  if (!Number.isFinite(step)) step = 1;
  const jitter = options.jitter === undefined ? 0.08 : options.jitter;
  const opacity = 0.3;
  if (options.individuals !== undefined) {
    data.push(...individualCurveTraces(options.individuals, names, colors, opacity));
    for (const c of options.individuals) allY.push(...c.y);
  }
  const noCurve = options.noCurveLabel === undefined ? " (no fit)" : options.noCurveLabel;
  series.forEach((s, k) => {
    const color = colors[s.name];
    const label = escapeText(s.curve === null ? `${s.name}${noCurve}` : s.name);
    // Deterministic sideways spread: each point at an x gets its own small offset, groups shifted apart.
    const seen = new Map<number, number>();
    const shiftGroup = (k - (series.length - 1) / 2) * jitter * step * 0.5;
    const px = Array.from(s.x, (x: number) => {
      const j = seen.get(x) || 0;
      seen.set(x, j + 1);
      return x + shiftGroup + (j % 2 === 0 ? 1 : -1) * Math.ceil(j / 2) * jitter * step * 0.15;
    });
    if (s.curve !== null) {
      const c = s.curve;
      if (c.lower !== undefined && c.upper !== undefined) {
        data.push({ type: "scatter", mode: "lines", x: c.x.slice(), y: c.upper.slice(), line: { width: 0, color }, hoverinfo: "skip", showlegend: false, legendgroup: s.name, name: `${label} band upper` });
        data.push({ type: "scatter", mode: "lines", x: c.x.slice(), y: c.lower.slice(), line: { width: 0, color }, fill: "tonexty", fillcolor: withAlpha(color, 0.15), hoverinfo: "skip", showlegend: false, legendgroup: s.name, name: `${label} band lower` });
      }
      data.push({
        type: "scatter",
        mode: "lines",
        name: `${label} fit`,
        x: c.x.slice(),
        y: c.y.slice(),
        line: { color, width: 2 },
        legendgroup: s.name,
        showlegend: false,
        hovertemplate: `${label} (fitted)<br>%{x}: %{y:.3f}<extra></extra>`,
      });
    }
    data.push({
      type: "scatter",
      mode: "markers",
      name: label,
      x: px,
      y: s.y.slice(),
      marker: { color, size: 6, opacity: 0.85, line: { color: "#FFFFFF", width: 0.5 } },
      legendgroup: s.name,
      text: s.labels === undefined ? undefined : s.labels.map((t: string) => escapeText(t)),
      hovertemplate: s.labels === undefined ? `${label}<br>%{x:.2f}: %{y}<extra></extra>` : `${label}, %{text}<br>%{y}<extra></extra>`,
    });
  });
  const layout = baseLayout(options, 400);
  const ticks = options.xTicks !== undefined ? options.xTicks.slice() : sortedX.length <= 12 ? sortedX : undefined;
  layout.xaxis = axis(options.xTitle || "", base, ticks !== undefined ? { tickmode: "array", tickvals: ticks } : {});
  layout.yaxis = axis(options.yTitle || "", base, options.logY ? logAxisSettings(allY) : {});
  layout.showlegend = options.showLegend === undefined ? series.length > 1 : options.showLegend;
  if (options.legendTitle) layout.legend = { ...(layout.legend as Record<string, unknown>), title: { text: escapeText(options.legendTitle) } };
  layout.annotations = options.annotation ? [cornerAnnotation(options.annotation, options.annotationPosition || "top-left", base - 1)] : [];
  return makeFigure(data, layout, baseConfig("fitted-curves"));
}
