/**
 * Forest plot: one row per estimate (hazard ratios of a Cox model, subgroup
 * effects) drawn as a square with its confidence interval as a horizontal line,
 * on a log axis by default (ratios are symmetric on it), with a dashed vertical
 * reference line at 1 (no effect). The estimate and interval are written in a
 * column at the right ("0.85 (0.61–1.18)") and, when given, the P value in a
 * second column; rows without an estimate are headings (bold, no square).
 * Optional "favours" labels under the axis say which side favours which arm.
 * `coxForestRows` turns a coxPH result into rows.
 *
 * @example
 * show(forestPlotFigure(coxForestRows(coxPH(time, event, { arm, age })), { favours: ["Favours TACE+RT", "Favours TACE"] }));
 * forestPlotFigure([{ label: "TACE+RT vs TACE", estimate: 1.08, lower: 0.79, upper: 1.47, pValue: 0.65 }]);
 */
import { InputError } from "../core/index";
import type { CoxPHResult } from "../survival/index";
import { makeFigure } from "./build";
import type { PlotlyFigure } from "./figure";
import { escapeText, formatEstimate, formatPValue, logBreaks } from "./format";
import { axis, baseConfig, baseLayout, font, fontSizeOf, NEUTRAL_COLOR, TEXT_COLOR } from "./theme";
import type { BaseFigureOptions } from "./theme";

export interface ForestRow {
  label: string;
  /** Point estimate; null makes the row a heading. */
  estimate: number | null;
  lower?: number | null;
  upper?: number | null;
  /** Shown in the P column when any row has one. */
  pValue?: number | null;
  /** Colour group (default black), e.g. an arm name. */
  color?: string;
}

export interface ForestPlotOptions extends BaseFigureOptions {
  /** x-axis title (default "Hazard ratio (95% CI)"). */
  xTitle?: string;
  /** Log axis (default true; set false for differences). */
  log?: boolean;
  /** Reference line (default 1 on a log axis, 0 otherwise). */
  reference?: number;
  /** Write "estimate (lower–upper)" at the right (default true). */
  showValues?: boolean;
  /** Heading of the values column (default "HR (95% CI)"). */
  valuesTitle?: string;
  /** Decimals of the values column (default 2). */
  digits?: number;
  /** Labels under the axis, left and right of the reference. */
  favours?: [string, string];
}

/**
 * Rows of a Cox model's coefficients: label (renamed through `labels`), hazard
 * ratio exp(coef), its confidence limits (the fit's confLevel) and Wald P, in the
 * model's coefficient order.
 */
export function coxForestRows(fit: CoxPHResult, labels: Record<string, string> = {}): ForestRow[] {
  if (!fit || !Array.isArray(fit.names) || !Array.isArray(fit.hazardRatio)) throw new InputError("fit", null, fit, "must be a coxPH result");
  return fit.names.map((name, i) => ({
    label: labels[name] === undefined ? name : labels[name],
    estimate: fit.hazardRatio[i],
    lower: fit.lower[i],
    upper: fit.upper[i],
    pValue: fit.pValue[i],
  }));
}

/** Forest plot of estimates with confidence intervals; see the file comment. */
export function forestPlotFigure(rows: readonly ForestRow[], options: ForestPlotOptions = {}): PlotlyFigure {
  if (!rows || rows.length === 0) throw new InputError("rows", null, rows, "is empty");
  const log = options.log !== false;
  rows.forEach((r, i) => {
    if (!r || typeof r.label !== "string") throw new InputError("rows", i, r, "must have a label");
    if (r.estimate === null || r.estimate === undefined) return;
    for (const key of ["estimate", "lower", "upper"] as const) {
      const v = r[key];
      if (key !== "estimate" && (v === null || v === undefined)) continue;
      if (typeof v !== "number" || !Number.isFinite(v) || (log && v <= 0)) {
        throw new InputError(`rows[${i}].${key}`, null, v, log ? "must be a positive finite number (log axis)" : "must be a finite number");
      }
    }
    if (r.lower !== null && r.lower !== undefined && r.upper !== null && r.upper !== undefined && !(r.lower <= r.estimate && r.estimate <= r.upper)) {
      throw new InputError(`rows[${i}]`, null, r.label, "needs lower <= estimate <= upper");
    }
  });
  const base = fontSizeOf(options);
  const digits = options.digits === undefined ? 2 : options.digits;
  const reference = options.reference === undefined ? (log ? 1 : 0) : options.reference;
  const showValues = options.showValues !== false;
  const showP = rows.some((r) => r.pValue !== null && r.pValue !== undefined);
  const n = rows.length;
  const ys = rows.map((_, i) => i);

  const data: Array<Record<string, unknown>> = [];
  const withEstimate = rows.map((r, i) => ({ r, i })).filter((e) => e.r.estimate !== null && e.r.estimate !== undefined);
  const colorsUsed = Array.from(new Set(withEstimate.map((e) => e.r.color || TEXT_COLOR)));
  for (const color of colorsUsed) {
    const part = withEstimate.filter((e) => (e.r.color || TEXT_COLOR) === color);
    data.push({
      type: "scatter",
      mode: "markers",
      x: part.map((e) => e.r.estimate),
      y: part.map((e) => e.i),
      marker: { symbol: "square", size: 9, color },
      error_x: {
        type: "data",
        symmetric: false,
        array: part.map((e) => (e.r.upper === null || e.r.upper === undefined ? null : e.r.upper - (e.r.estimate as number))),
        arrayminus: part.map((e) => (e.r.lower === null || e.r.lower === undefined ? null : (e.r.estimate as number) - e.r.lower)),
        color,
        thickness: 1.5,
        width: 0,
      },
      name: color,
      showlegend: false,
      text: part.map((e) => `${escapeText(e.r.label)}<br>${formatEstimate(e.r.estimate as number, e.r.lower ?? null, e.r.upper ?? null, digits)}`),
      hovertemplate: "%{text}<extra></extra>",
    });
  }

  // x range over the intervals and the reference line, with a margin.
  let lo = reference;
  let hi = reference;
  for (const { r } of withEstimate) {
    for (const v of [r.estimate, r.lower, r.upper]) {
      if (v === null || v === undefined) continue;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  let xaxisExtra: Record<string, unknown>;
  if (log) {
    // The axis runs from the round break below the lowest limit to the one above the highest.
    const candidates = logBreaks(lo / 10, hi * 10, Math.log10(hi / lo));
    const below = candidates.filter((t) => t <= lo);
    const above = candidates.filter((t) => t >= hi);
    const from = below.length > 0 ? below[below.length - 1] : lo;
    const to = above.length > 0 ? above[0] : hi;
    const ticks = candidates.filter((t) => t >= from && t <= to);
    const pad = 0.03 * (Math.log10(to / from) || 0.2);
    xaxisExtra = { type: "log", range: [Math.log10(from) - pad, Math.log10(to) + pad], tickmode: "array", tickvals: ticks, ticktext: ticks.map(String) };
  } else {
    const span = hi - lo || 1;
    xaxisExtra = { range: [lo - 0.08 * span, hi + 0.08 * span] };
  }

  const valueTexts = rows.map((r) => (r.estimate === null || r.estimate === undefined ? "" : escapeText(formatEstimate(r.estimate, r.lower ?? null, r.upper ?? null, digits))));
  const pTexts = rows.map((r) => (r.pValue === null || r.pValue === undefined ? "" : escapeText(formatPValue(r.pValue).replace(/^P = /, "").replace(/^P /, ""))));
  const charPx = base * 0.58;
  const valuesPx = showValues ? Math.max(...valueTexts.map((t) => t.length), 11) * charPx + 16 : 0;
  const pPx = showP ? Math.max(...pTexts.map((t) => t.length), 5) * charPx + 12 : 0;
  const rowPx = Math.round(base * 2.1);
  // Row labels left-aligned in the left margin; rows under a heading indented.
  const hasHeadings = rows.some((r) => r.estimate === null || r.estimate === undefined);
  const indentPx = hasHeadings ? Math.round(base) : 0;
  const labelsPx = Math.max(...rows.map((r) => r.label.length), 4) * charPx + indentPx + 20;
  const marginBottom = options.favours ? 76 : 56;
  const marginTop = (options.title ? 40 : 8) + Math.round(base * 1.8);
  const layout = baseLayout(options, marginTop + marginBottom + Math.max(2, n) * rowPx + 8, {
    margin: { t: marginTop, b: marginBottom, r: Math.round(16 + valuesPx + pPx), l: Math.round(labelsPx) },
  });
  layout.xaxis = axis(options.xTitle === undefined ? "Hazard ratio (95% CI)" : options.xTitle, base, { ...xaxisExtra, automargin: false });
  layout.yaxis = {
    range: [n - 0.5, -0.5],
    tickmode: "array",
    tickvals: ys,
    showticklabels: false,
    showline: false,
    showgrid: false,
    zeroline: false,
    ticks: "",
    automargin: true,
    fixedrange: true,
  };
  layout.showlegend = false;
  layout.shapes = [
    { type: "line", xref: "x", yref: "paper", x0: reference, x1: reference, y0: 0, y1: 1, line: { color: NEUTRAL_COLOR, width: 1, dash: "dash" }, layer: "below" },
  ];
  const annotations: Array<Record<string, unknown>> = [];
  const column = (texts: string[], title: string, shiftPx: number): void => {
    annotations.push({ text: `<b>${escapeText(title)}</b>`, xref: "paper", yref: "paper", x: 1, y: 1, xanchor: "left", yanchor: "bottom", xshift: shiftPx, showarrow: false, font: font(base - 1) });
    texts.forEach((t, i) => {
      if (t) annotations.push({ text: t, xref: "paper", yref: "y", x: 1, y: i, xanchor: "left", yanchor: "middle", xshift: shiftPx, showarrow: false, font: font(base - 1) });
    });
  };
  rows.forEach((r, i) => {
    const heading = r.estimate === null || r.estimate === undefined;
    annotations.push({
      text: heading ? `<b>${escapeText(r.label)}</b>` : escapeText(r.label),
      xref: "paper",
      yref: "y",
      x: 0,
      y: i,
      xanchor: "left",
      yanchor: "middle",
      xshift: -Math.round(labelsPx) + 4 + (heading ? 0 : indentPx),
      showarrow: false,
      font: font(base - 1),
    });
  });
  if (showValues) column(valueTexts, options.valuesTitle === undefined ? "HR (95% CI)" : options.valuesTitle, 12);
  if (showP) column(pTexts, "P", Math.round(12 + valuesPx));
  if (options.favours) {
    const [left, right] = options.favours;
    const refPos = log ? Math.log10(reference) : reference;
    annotations.push({ text: `\u2190 ${escapeText(left)}`, xref: "x", yref: "paper", x: refPos, y: 0, xanchor: "right", yanchor: "top", xshift: -4, yshift: -44, showarrow: false, font: font(base - 1, NEUTRAL_COLOR) });
    annotations.push({ text: `${escapeText(right)} \u2192`, xref: "x", yref: "paper", x: refPos, y: 0, xanchor: "left", yanchor: "top", xshift: 4, yshift: -44, showarrow: false, font: font(base - 1, NEUTRAL_COLOR) });
  }
  layout.annotations = annotations;
  return makeFigure(data, layout, baseConfig("forest-plot"));
}
