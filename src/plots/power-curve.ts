/**
 * Power against sample size, one line per assumed effect (analytic power, e.g. from
 * expectedPower), with optional simulated points at chosen sizes drawn as markers with
 * ± z·MCSE error bars in the line's colour, and the target power as a dashed grey line.
 * The x axis is logarithmic when the sizes span more than a factor of 10 (set `logX`).
 *
 * @example
 * show(powerCurveFigure(
 *   [{ name: "sHR 0.7", x: [100, 200, 400], y: [0.32, 0.57, 0.86] }],
 *   { points: [{ name: "sHR 0.7", x: 329, y: 0.79, error: 0.013 }], targetPower: 0.8, xTitle: "Patients randomised" },
 * ));
 */
import { InputError } from "../core/index";
import { makeFigure } from "./build";
import type { PlotlyFigure } from "./figure";
import { escapeText, formatNumber } from "./format";
import { axis, baseConfig, baseLayout, font, fontSizeOf, groupColors, NEUTRAL_COLOR } from "./theme";
import type { BaseFigureOptions } from "./theme";

export interface PowerCurve {
  name: string;
  x: number[];
  y: number[];
}

export interface PowerPoint {
  /** The curve it belongs to (its colour). */
  name: string;
  x: number;
  y: number;
  /** Monte Carlo standard error of y. */
  error: number;
}

export interface PowerCurveOptions extends BaseFigureOptions {
  points?: PowerPoint[];
  /** Error bars are ± z·error (default 1.96). */
  z?: number;
  targetPower?: number;
  xTitle?: string;
  yTitle?: string;
  logX?: boolean;
  legendTitle?: string;
  /** Hover text of the points (default "simulated"). */
  pointLabel?: string;
}

/** 1-2-5 ticks covering [lo, hi]. */
function logTicks(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of [1, 2, 5]) {
      const t = m * Math.pow(10, e);
      if (t >= lo * 0.999 && t <= hi * 1.001) out.push(t);
    }
  }
  return out;
}

export function powerCurveFigure(curves: PowerCurve[], options: PowerCurveOptions = {}): PlotlyFigure {
  if (!Array.isArray(curves) || curves.length === 0) throw new InputError("curves", null, curves, "must be a non-empty array of { name, x, y }");
  curves.forEach((c, i) => {
    if (!c || typeof c.name !== "string" || !Array.isArray(c.x) || !Array.isArray(c.y) || c.x.length !== c.y.length || c.x.length === 0) {
      throw new InputError("curves", i, c, "must be { name, x, y } with x and y of the same, non-zero length");
    }
    c.x.forEach((v, k) => {
      if (!(v > 0) || !Number.isFinite(v)) throw new InputError(`curves[${i}].x`, k, v, "must be a positive number of patients");
    });
    c.y.forEach((v, k) => {
      if (!(v >= 0 && v <= 1)) throw new InputError(`curves[${i}].y`, k, v, "must be a power between 0 and 1");
    });
  });
  const points = options.points ?? [];
  const names = curves.map((c) => c.name);
  points.forEach((p, i) => {
    if (names.indexOf(p.name) < 0) throw new InputError("points", i, p.name, `names no curve (${names.join(", ")})`);
  });
  const base = fontSizeOf(options);
  const colors = groupColors(names, options.colors);
  const z = options.z ?? 1.96;
  const xs = curves.flatMap((c) => c.x).concat(points.map((p) => p.x));
  const xMin = Math.min(...xs);
  const xMax = Math.max(...xs);
  const logX = options.logX ?? xMax / xMin > 10;
  const data: Array<Record<string, unknown>> = [];
  for (const c of curves) {
    data.push({
      type: "scatter", mode: "lines", name: escapeText(c.name), legendgroup: c.name, x: c.x, y: c.y,
      line: { color: colors[c.name], width: 2 },
      hovertemplate: `${escapeText(c.name)}<br>%{x:.0f} patients: power %{y:.3f}<extra></extra>`,
    });
  }
  const pointLabel = options.pointLabel ?? "simulated";
  for (const p of points) {
    data.push({
      type: "scatter", mode: "markers", name: `${escapeText(p.name)}, ${escapeText(pointLabel)}`, legendgroup: p.name, showlegend: false,
      x: [p.x], y: [p.y], marker: { color: colors[p.name], size: 8, symbol: "circle", line: { color: "#FFFFFF", width: 1 } },
      error_y: { type: "data", array: [z * p.error], visible: true, color: colors[p.name], thickness: 1.5, width: 4 },
      hovertemplate: `${escapeText(p.name)}, ${escapeText(pointLabel)}<br>${formatNumber(p.x, 0)} patients: ${formatNumber(p.y, 3)} ± ${formatNumber(z * p.error, 3)}<extra></extra>`,
    });
  }
  const shapes: Array<Record<string, unknown>> = [];
  if (options.targetPower !== undefined) {
    if (!(options.targetPower > 0 && options.targetPower < 1)) throw new InputError("targetPower", null, options.targetPower, "must be between 0 and 1");
    shapes.push({ type: "line", xref: "paper", x0: 0, x1: 1, yref: "y", y0: options.targetPower, y1: options.targetPower, line: { color: NEUTRAL_COLOR, width: 1, dash: "dash" } });
  }
  const layout = baseLayout(options, 360, {
    // The curves end where the sizes do, so a 1-2-5 tick can sit at the axis' end: plotly hides a label
    // that would overflow the figure ("hide past div"); allowed, the axis' automargin makes room for it.
    xaxis: axis(options.xTitle ?? "Patients randomised", base, logX ? { type: "log", tickvals: logTicks(xMin, xMax), ticktext: logTicks(xMin, xMax).map((t) => formatNumber(t, 0)), ticklabeloverflow: "allow" } : { rangemode: "tozero", ticklabeloverflow: "allow" }),
    yaxis: axis(options.yTitle ?? "Power", base, { range: [0, 1.02], dtick: 0.2 }),
    shapes,
    showlegend: options.showLegend ?? curves.length > 1,
    legend: { font: font(base - 1), bgcolor: "rgba(255, 255, 255, 0)", title: { text: escapeText(options.legendTitle ?? ""), font: font(base - 1) }, x: 1, xanchor: "right", y: 0.02, yanchor: "bottom" },
  });
  return makeFigure(data, layout, baseConfig("power-curve"));
}
