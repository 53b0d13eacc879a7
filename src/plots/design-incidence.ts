/**
 * Expected cumulative incidence curves under a trial design's assumptions: smooth curves
 * (e.g. exponentialCumulativeIncidence for the control arm and each assumed subdistribution
 * hazard ratio), the first drawn solid and the others dashed, with an optional observed
 * step curve (the control data's Aalen-Johansen estimate) in grey behind them, so a reader
 * can see how well the assumed model follows the data.
 *
 * @example
 * const t = Array.from({ length: 49 }, (_, k) => k * 0.5);
 * show(designIncidenceFigure([
 *   { name: "TACE+RT (control)", x: t, y: t.map((u) => exponentialCumulativeIncidence(u, 0.067, 0.011)) },
 *   { name: "sHR 0.7", x: t, y: t.map((u) => exponentialCumulativeIncidence(u, 0.067, 0.011, 0.7)) },
 * ], { observed: { name: "TACE+RT, observed", x: [...], y: [...] } }));
 */
import { InputError } from "../core/index";
import { makeFigure } from "./build";
import type { PlotlyFigure } from "./figure";
import { escapeText } from "./format";
import { axis, baseConfig, baseLayout, font, fontSizeOf, groupColors, NEUTRAL_COLOR } from "./theme";
import type { BaseFigureOptions } from "./theme";

export interface DesignCurve {
  name: string;
  x: number[];
  y: number[];
}

export interface DesignIncidenceOptions extends BaseFigureOptions {
  /** A step curve of observed data (drawn grey, shape "hv"). */
  observed?: DesignCurve;
  xTitle?: string;
  yTitle?: string;
  legendTitle?: string;
}

function checkCurve(name: string, c: DesignCurve): void {
  if (!c || typeof c.name !== "string" || !Array.isArray(c.x) || !Array.isArray(c.y) || c.x.length !== c.y.length || c.x.length === 0) {
    throw new InputError(name, null, c, "must be { name, x, y } with x and y of the same, non-zero length");
  }
  c.y.forEach((v, k) => {
    if (!(v >= 0 && v <= 1)) throw new InputError(`${name}.y`, k, v, "must be a probability between 0 and 1");
  });
}

export function designIncidenceFigure(curves: DesignCurve[], options: DesignIncidenceOptions = {}): PlotlyFigure {
  if (!Array.isArray(curves) || curves.length === 0) throw new InputError("curves", null, curves, "must be a non-empty array of { name, x, y }");
  curves.forEach((c, i) => checkCurve(`curves[${i}]`, c));
  if (options.observed !== undefined) checkCurve("observed", options.observed);
  const base = fontSizeOf(options);
  const colors = groupColors(curves.map((c) => c.name), options.colors);
  const data: Array<Record<string, unknown>> = [];
  if (options.observed) {
    const o = options.observed;
    data.push({ type: "scatter", mode: "lines", name: escapeText(o.name), x: o.x, y: o.y, line: { color: NEUTRAL_COLOR, width: 1.5, shape: "hv" }, opacity: 0.7, hovertemplate: `${escapeText(o.name)}<br>%{x:.1f} months: %{y:.3f}<extra></extra>` });
  }
  curves.forEach((c, i) => {
    data.push({
      type: "scatter", mode: "lines", name: escapeText(c.name), x: c.x, y: c.y,
      line: { color: colors[c.name], width: 2, dash: i === 0 ? "solid" : "dash" },
      hovertemplate: `${escapeText(c.name)}<br>%{x:.1f} months: %{y:.3f}<extra></extra>`,
    });
  });
  const top = Math.max(...curves.flatMap((c) => c.y), ...(options.observed ? options.observed.y : [0]));
  const layout = baseLayout(options, 360, {
    xaxis: axis(options.xTitle ?? "Months from randomisation (start of RT)", base, { rangemode: "tozero" }),
    yaxis: axis(options.yTitle ?? "Cumulative incidence", base, { range: [0, Math.min(1, Math.ceil(top * 10 + 0.5) / 10)] }),
    showlegend: options.showLegend ?? true,
    legend: { font: font(base - 1), bgcolor: "rgba(255, 255, 255, 0)", title: { text: escapeText(options.legendTitle ?? ""), font: font(base - 1) }, x: 1, xanchor: "right", y: 0.02, yanchor: "bottom" },
  });
  return makeFigure(data, layout, baseConfig("design-incidence"));
}
