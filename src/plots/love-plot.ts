/**
 * Love plot (Ahmed et al. 2006; cobalt's love.plot): the standardized mean difference of each
 * covariate between treated and control, before and after each weighting, one row per
 * covariate, with dashed lines at the balance threshold (default ±0.1) and a solid line at 0.
 * Rows are in the order given (e.g. by the size of the imbalance before weighting).
 *
 * @example
 * show(lovePlotFigure([{ label: "Portal vein thrombosis", values: { Unweighted: 0.93, IPTW: 0.03 } }], { series: ["Unweighted", "IPTW"] }));
 */
import { InputError } from "../core/index";
import { makeFigure } from "./build";
import type { PlotlyFigure } from "./figure";
import { escapeText } from "./format";
import { axis, baseConfig, baseLayout, colorFor, fontSizeOf } from "./theme";
import type { BaseFigureOptions } from "./theme";

export interface LovePlotRow {
  label: string;
  /** Standardized difference per series (null: not computable). */
  values: Record<string, number | null>;
}

export interface LovePlotOptions extends BaseFigureOptions {
  /** Series in legend order (default the keys of the first row). */
  series?: string[];
  /** Balance threshold drawn at ±threshold (default 0.1). */
  threshold?: number;
  /** Plot |d| instead of d (default false). */
  absolute?: boolean;
  xTitle?: string;
}

const SYMBOLS = ["circle-open", "circle", "diamond", "square", "triangle-up"];

/** Love plot of standardized differences; see the file comment. */
export function lovePlotFigure(rows: readonly LovePlotRow[], options: LovePlotOptions = {}): PlotlyFigure {
  if (!Array.isArray(rows) || rows.length === 0) throw new InputError("rows", null, rows, "must be a non-empty array of { label, values }");
  const series = options.series ?? Object.keys(rows[0].values);
  if (series.length === 0) throw new InputError("series", null, series, "must name at least one series");
  const threshold = options.threshold ?? 0.1;
  if (typeof threshold !== "number" || !(threshold > 0)) throw new InputError("threshold", null, threshold, "must be a positive number");
  const abs = options.absolute === true;
  rows.forEach((r, i) => {
    if (!r || typeof r.label !== "string") throw new InputError("rows", i, r, "must have a label");
    for (const s of series) {
      const v = r.values[s];
      if (v !== null && v !== undefined && (typeof v !== "number" || !Number.isFinite(v))) throw new InputError(`rows[${i}].values.${s}`, null, v, "must be a finite number or null");
    }
  });
  const base = fontSizeOf(options);
  const ys = rows.map((_, i) => i);
  const data = series.map((s, k) => ({
    type: "scatter",
    mode: "markers",
    name: s,
    x: rows.map((r) => {
      const v = r.values[s];
      return v === null || v === undefined ? null : abs ? Math.abs(v) : v;
    }),
    y: ys,
    marker: { symbol: SYMBOLS[k % SYMBOLS.length], size: 8, color: colorFor(s, k), line: { width: 1.5, color: colorFor(s, k) } },
    text: rows.map((r) => escapeText(r.label)),
    hovertemplate: `%{text}, ${escapeText(s)}: %{x:.3f}<extra></extra>`,
  }));
  let hi = threshold;
  let lo = abs ? 0 : -threshold;
  for (const r of rows) {
    for (const s of series) {
      const v = r.values[s];
      if (v === null || v === undefined) continue;
      hi = Math.max(hi, abs ? Math.abs(v) : v);
      lo = Math.min(lo, abs ? 0 : v);
    }
  }
  const span = hi - lo;
  const labelPx = Math.max(...rows.map((r) => r.label.length)) * base * 0.58 + 16;
  const rowPx = Math.round(base * 2);
  const layout = baseLayout(options, 110 + rows.length * rowPx, { margin: { t: 40, b: 56, l: Math.round(labelPx), r: 16 } });
  layout.xaxis = axis(options.xTitle ?? (abs ? "Absolute standardized difference" : "Standardized difference (RT − no RT)"), base, {
    range: [lo - 0.05 * span, hi + 0.05 * span],
    zeroline: false,
  });
  layout.yaxis = { range: [rows.length - 0.5, -0.5], tickmode: "array", tickvals: ys, ticktext: rows.map((r) => escapeText(r.label)), showgrid: true, gridcolor: "#EEEEEE", zeroline: false, automargin: true, fixedrange: true };
  layout.legend = { orientation: "h", x: 0, y: 1, yanchor: "bottom", font: { size: base - 1 } };
  const line = (x: number, dash: string) => ({ type: "line", xref: "x", yref: "paper", x0: x, x1: x, y0: 0, y1: 1, line: { color: "#888888", width: 1, dash }, layer: "below" });
  layout.shapes = abs ? [line(0, "solid"), line(threshold, "dash")] : [line(0, "solid"), line(-threshold, "dash"), line(threshold, "dash")];
  return makeFigure(data as Array<Record<string, unknown>>, layout, baseConfig("love-plot"));
}
