/**
 * Kaplan-Meier figure as clinicians read it (the layout of R's survminer
 * `ggsurvplot(..., risk.table = TRUE)`): one step curve per arm starting at
 * (0, 1), the pointwise confidence band of each curve as a shaded step-shaped
 * area, "+" marks at censored times at the curve's height, optional dashed lines
 * at the median survival, optional text such as the log-rank P, and under the
 * plot the number at risk per arm at the x-axis breaks, coloured like the curves.
 *
 * Curve: the points (0, 1) and (t, S(t)) at every event time plus the curve's last
 * time, drawn with plotly's "hv" line shape (horizontal, then down), which is the
 * right-continuous step function S. The band is the KM result's `lower`/`upper`
 * (its conf.type, e.g. survfit's default "log") on the same points, cut where R
 * gives NA (after S reaches 0). Censor marks: every time with nCensor > 0, at S(t)
 * there. Number at risk at time t: subjects with time >= t, read from the KM
 * result (nRisk at its first time >= t, 0 past the last one), the same count as
 * `numberAtRisk` from src/survival. The table is a second subplot sharing the x
 * range, so its columns sit exactly under the ticks.
 *
 * @example
 * const fit = kaplanMeierByGroup(os_months, death, arm);
 * show(survivalCurveFigure(fit, { logRank: logRank(os_months, death, arm), medianLines: true }));
 * // or with explicit names: survivalCurveFigure([{ name: "TACE", km: fitTace }, { name: "TACE+RT", km: fitRt }])
 */
import { InputError } from "../core/index";
import type { KaplanMeierByGroupResult, KaplanMeierResult, LogRankResult } from "../survival/index";
import { makeFigure } from "./build";
import type { PlotlyFigure } from "./figure";
import { breaksTo, escapeText, formatNumber, formatPValue, niceStep, roundTo } from "./format";
import { axis, baseConfig, baseLayout, cornerAnnotation, font, fontSizeOf, groupColors, NEUTRAL_COLOR, withAlpha } from "./theme";
import type { AnnotationPosition, BaseFigureOptions } from "./theme";

/** One curve of the figure. */
export interface NamedSurvivalCurve {
  name: string;
  km: KaplanMeierResult;
}

export interface SurvivalCurveOptions extends BaseFigureOptions {
  /** x-axis title with its unit (default "Months"). */
  xTitle?: string;
  /** y-axis title (default "Overall survival probability"). */
  yTitle?: string;
  /** Right end of the x axis (default: the longest curve's last time). */
  xMax?: number;
  /** Distance between x-axis breaks and risk-table columns (survminer's break.time.by); default a round step, for months a multiple of 3, 6 or 12. */
  timeStep?: number;
  /** Times of the risk-table columns (default: the x-axis breaks). */
  riskTimes?: number[];
  /** Draw the number-at-risk table (default true). */
  riskTable?: boolean;
  /** Heading of the table (default "Number at risk"). */
  riskTableTitle?: string;
  /** Shade the pointwise confidence band (default true). */
  confidenceBands?: boolean;
  /** "+" at censored times (default true). */
  censorMarks?: boolean;
  /** Dashed lines at S = 0.5 down to each median (default false). */
  medianLines?: boolean;
  /** Text in a corner of the plot, e.g. "Log-rank P = 0.65" (plain text; line breaks with \n). */
  annotation?: string;
  /** A logRank result: writes "Log-rank P = …" in the corner (after `annotation`, if both). */
  logRank?: LogRankResult;
  /** Corner of the annotation (default "top-right", under the legend). */
  annotationPosition?: AnnotationPosition;
  /** Opacity of the bands (default 0.15). */
  bandOpacity?: number;
}

/** The points of the drawn step curve of one KM result; see the file comment. */
export interface StepCurvePoints {
  x: number[];
  y: number[];
  lower: (number | null)[];
  upper: (number | null)[];
  /** Subjects at risk just before each point (n at time 0). */
  nRisk: number[];
}

/** The points drawn for one KM curve: (0, 1), every event time, and the last time. */
export function kaplanMeierSteps(km: KaplanMeierResult): StepCurvePoints {
  const out: StepCurvePoints = { x: [0], y: [1], lower: [1], upper: [1], nRisk: [km.n] };
  const m = km.time.length;
  for (let i = 0; i < m; i++) {
    if (km.nEvent[i] > 0 || i === m - 1) {
      out.x.push(km.time[i]);
      out.y.push(km.survival[i]);
      out.lower.push(km.lower[i]);
      out.upper.push(km.upper[i]);
      out.nRisk.push(km.nRisk[i]);
    }
  }
  return out;
}

/** Subjects at risk (time >= t) at each of `times`, read from a KM result; see the file comment. */
export function atRiskFromCurve(km: KaplanMeierResult, times: readonly number[]): number[] {
  return times.map((t) => {
    // First KM time >= t (binary search; times ascending).
    let lo = 0;
    let hi = km.time.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (km.time[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    return lo < km.time.length ? km.nRisk[lo] : 0;
  });
}

function asCurves(curves: readonly NamedSurvivalCurve[] | KaplanMeierByGroupResult): NamedSurvivalCurve[] {
  if (Array.isArray(curves)) return curves.slice();
  const byGroup = curves as KaplanMeierByGroupResult;
  if (!byGroup || !Array.isArray(byGroup.groups) || !Array.isArray(byGroup.curves)) {
    throw new InputError("curves", null, curves, "must be an array of { name, km } or a kaplanMeierByGroup result");
  }
  return byGroup.groups.map((name, i) => ({ name, km: byGroup.curves[i] }));
}

function checkCurves(curves: NamedSurvivalCurve[]): void {
  if (curves.length === 0) throw new InputError("curves", null, curves, "is empty");
  const names = new Set<string>();
  curves.forEach((c, i) => {
    if (!c || typeof c.name !== "string") throw new InputError("curves", i, c, "must have a name");
    if (names.has(c.name)) throw new InputError("curves", i, c.name, "repeats a name");
    names.add(c.name);
    const km = c.km;
    if (!km || !Array.isArray(km.time) || !Array.isArray(km.survival) || km.time.length === 0) {
      throw new InputError("curves", i, c.name, "must carry a Kaplan-Meier result with at least one time");
    }
  });
}

/** Preferred month steps: quarters, half-years, years. */
const MONTH_STEPS = [1, 2, 3, 6, 12, 24, 36, 48, 60, 120, 240];

/** Kaplan-Meier curves with bands, censor marks and a number-at-risk table; see the file comment. */
export function survivalCurveFigure(
  curvesInput: readonly NamedSurvivalCurve[] | KaplanMeierByGroupResult,
  options: SurvivalCurveOptions = {},
): PlotlyFigure {
  const curves = asCurves(curvesInput);
  checkCurves(curves);
  const base = fontSizeOf(options);
  const xTitle = options.xTitle === undefined ? "Months" : options.xTitle;
  const yTitle = options.yTitle === undefined ? "Overall survival probability" : options.yTitle;
  const showTable = options.riskTable !== false;
  const showBands = options.confidenceBands !== false;
  const showCensor = options.censorMarks !== false;
  const bandOpacity = options.bandOpacity === undefined ? 0.15 : options.bandOpacity;
  const names = curves.map((c) => c.name);
  const colors = groupColors(names, options.colors);

  let xMax = options.xMax;
  if (xMax === undefined) xMax = Math.max(...curves.map((c) => c.km.time[c.km.time.length - 1]));
  if (!(xMax > 0) || !Number.isFinite(xMax)) xMax = 1;
  if (options.timeStep !== undefined && !(options.timeStep > 0)) throw new InputError("timeStep", null, options.timeStep, "must be a positive number");
  // Room for a risk count of up to 4 digits per column: fewer breaks on a narrow figure.
  const plotWidth = options.width === undefined ? 700 : Math.max(100, options.width - 150);
  const maxBreaks = Math.max(3, Math.min(10, Math.floor(plotWidth / (base * 2.4))));
  const step = options.timeStep !== undefined ? options.timeStep : niceStep(xMax, maxBreaks, /month/i.test(xTitle) ? MONTH_STEPS : []);
  const ticks = breaksTo(xMax, step);
  const riskTimes = options.riskTimes !== undefined ? options.riskTimes.slice() : ticks;
  riskTimes.forEach((t, i) => {
    if (typeof t !== "number" || !Number.isFinite(t) || t < 0) throw new InputError("riskTimes", i, t, "must be a non-negative finite time");
  });
  const pad = 0.02 * xMax;
  const xRange = [roundTo(-pad), roundTo(xMax + pad)];

  const data: Array<Record<string, unknown>> = [];
  const medians: { name: string; median: number }[] = [];
  curves.forEach((c) => {
    const color = colors[c.name];
    const label = escapeText(c.name);
    const s = kaplanMeierSteps(c.km);
    if (showBands) {
      // Cut the band at the first point where a limit is undefined (after S reaches 0).
      let end = s.x.length;
      for (let i = 0; i < s.x.length; i++) {
        if (s.lower[i] === null || s.upper[i] === null) {
          end = i;
          break;
        }
      }
      const bx = s.x.slice(0, end);
      data.push({
        type: "scatter",
        mode: "lines",
        x: bx,
        y: s.upper.slice(0, end),
        line: { width: 0, shape: "hv", color },
        hoverinfo: "skip",
        showlegend: false,
        legendgroup: c.name,
        name: `${label} upper limit`,
      });
      data.push({
        type: "scatter",
        mode: "lines",
        x: bx,
        y: s.lower.slice(0, end),
        line: { width: 0, shape: "hv", color },
        fill: "tonexty",
        fillcolor: withAlpha(color, bandOpacity),
        hoverinfo: "skip",
        showlegend: false,
        legendgroup: c.name,
        name: `${label} lower limit`,
      });
    }
    const level = Math.round(c.km.confLevel * 100);
    const text = s.x.map((t, i) =>
      i === 0
        ? `${label}<br>n = ${c.km.n}`
        : `${label}<br>${formatNumber(t, 1)}: S = ${formatNumber(s.y[i], 3)}` +
          (s.lower[i] !== null && s.upper[i] !== null ? ` (${level}% CI ${formatNumber(s.lower[i], 3)}\u2013${formatNumber(s.upper[i], 3)})` : "") +
          `<br>at risk ${s.nRisk[i]}`,
    );
    data.push({
      type: "scatter",
      mode: "lines",
      x: s.x,
      y: s.y,
      line: { width: 2, shape: "hv", color },
      name: label,
      legendgroup: c.name,
      text,
      hovertemplate: "%{text}<extra></extra>",
    });
    if (showCensor) {
      const cx: number[] = [];
      const cy: number[] = [];
      for (let i = 0; i < c.km.time.length; i++) {
        if (c.km.nCensor[i] > 0) {
          cx.push(c.km.time[i]);
          cy.push(c.km.survival[i]);
        }
      }
      data.push({
        type: "scatter",
        mode: "markers",
        x: cx,
        y: cy,
        marker: { symbol: "cross-thin", size: 7, color, line: { width: 1.5, color } },
        name: `${label} censored`,
        legendgroup: c.name,
        showlegend: false,
        hovertemplate: `${label}<br>censored at %{x}<extra></extra>`,
      });
    }
    if (c.km.median !== null) medians.push({ name: c.name, median: c.km.median });
  });

  // Vertical space in px: main plot, the x-axis ticks and title under it, then the table.
  const rowPx = Math.round(base * 1.6);
  const tableRowsPx = showTable ? curves.length * rowPx + 4 : 0;
  const headerPx = showTable ? Math.round(base * 1.9) : 0;
  const axisPx = showTable ? Math.round(base * 4.2) : 0;
  const mainPx = options.width === undefined ? 300 : Math.max(180, Math.min(300, Math.round(0.85 * (options.width - 90))));
  const marginTop = options.title ? 48 : 12;
  const marginBottom = showTable ? 8 : 56;
  const defaultHeight = marginTop + marginBottom + mainPx + axisPx + headerPx + tableRowsPx;
  const layout = baseLayout(options, defaultHeight, { margin: { t: marginTop, b: marginBottom, l: 72, r: 16 } });
  const plotPx = (layout.height as number) - marginTop - marginBottom;
  const tableTop = showTable ? Math.min(0.6, tableRowsPx / plotPx) : 0;
  const mainBottom = showTable ? Math.min(0.75, (tableRowsPx + headerPx + axisPx) / plotPx) : 0;

  layout.xaxis = axis(xTitle, base, { range: xRange, tickmode: "array", tickvals: ticks, anchor: "y", domain: [0, 1], automargin: !showTable });
  layout.yaxis = axis(yTitle, base, {
    range: [-0.02, 1.02],
    tickmode: "array",
    tickvals: [0, 0.25, 0.5, 0.75, 1],
    ticktext: ["0", "0.25", "0.50", "0.75", "1.00"],
    domain: [roundTo(mainBottom, 6), 1],
    anchor: "x",
  });
  const showLegend = options.showLegend === undefined ? curves.length > 1 : options.showLegend;
  layout.showlegend = showLegend;
  layout.legend = { ...(layout.legend as Record<string, unknown>), x: 1, xanchor: "right", y: 1, yanchor: "top", xref: "paper", yref: "paper", tracegroupgap: 0 };

  const shapes: Array<Record<string, unknown>> = [];
  if (options.medianLines && medians.length > 0) {
    const longest = Math.max(...medians.map((m) => m.median));
    shapes.push({ type: "line", xref: "x", yref: "y", x0: 0, x1: longest, y0: 0.5, y1: 0.5, line: { color: NEUTRAL_COLOR, width: 1, dash: "dash" }, layer: "below" });
    for (const m of medians) {
      shapes.push({ type: "line", xref: "x", yref: "y", x0: m.median, x1: m.median, y0: -0.02, y1: 0.5, line: { color: NEUTRAL_COLOR, width: 1, dash: "dash" }, layer: "below" });
    }
  }
  layout.shapes = shapes;

  const annotations: Array<Record<string, unknown>> = [];
  const notes: string[] = [];
  if (options.annotation) notes.push(options.annotation);
  if (options.logRank) {
    const rho = options.logRank.rho;
    notes.push(formatPValue(options.logRank.pValue, rho === 0 ? "Log-rank P" : rho === 1 ? "Peto-Peto P" : `Fleming-Harrington (rho = ${rho}) P`));
  }
  if (notes.length > 0) {
    // Default: top right, under the legend, where survival curves rarely are (bottom left
    // is where median lines and steep early drops go).
    const position = options.annotationPosition || "top-right";
    const note = cornerAnnotation(notes.join("\n"), position, base);
    if (position === "top-right" && showLegend) {
      note.y = 1;
      note.yshift = -Math.round(curves.length * base * 1.55 + 6);
    }
    annotations.push(note);
  }

  if (showTable) {
    const tableDomain = [0, roundTo(tableTop, 6)];
    layout.xaxis2 = {
      domain: [0, 1],
      anchor: "y2",
      matches: "x",
      range: xRange,
      showline: false,
      showgrid: false,
      zeroline: false,
      showticklabels: false,
      ticks: "",
    };
    layout.yaxis2 = {
      domain: tableDomain,
      anchor: "x2",
      range: [curves.length - 0.5, -0.5],
      tickmode: "array",
      tickvals: curves.map((_, i) => i),
      ticktext: curves.map((c) => `<span style="color:${colors[c.name]}">${escapeText(c.name)}</span>`),
      tickfont: font(base - 1),
      ticklabelstandoff: Math.round(base * 1.6),
      showline: false,
      showgrid: false,
      zeroline: false,
      ticks: "",
      fixedrange: true,
      automargin: true,
    };
    curves.forEach((c, i) => {
      const counts = atRiskFromCurve(c.km, riskTimes);
      data.push({
        type: "scatter",
        mode: "text",
        x: riskTimes,
        y: riskTimes.map(() => i),
        text: counts.map(String),
        textposition: "middle center",
        textfont: font(base - 1, colors[c.name]),
        xaxis: "x2",
        yaxis: "y2",
        cliponaxis: false,
        name: `${escapeText(c.name)} at risk`,
        legendgroup: c.name,
        showlegend: false,
        hovertemplate: `${escapeText(c.name)}: %{text} at risk at %{x}<extra></extra>`,
      });
    });
    annotations.push({
      text: escapeText(options.riskTableTitle === undefined ? "Number at risk" : options.riskTableTitle),
      xref: "paper",
      yref: "paper",
      x: 0,
      y: roundTo(tableTop, 6),
      xanchor: "left",
      yanchor: "bottom",
      yshift: 4,
      showarrow: false,
      font: font(base),
    });
  }
  layout.annotations = annotations;
  return makeFigure(data, layout, baseConfig("survival-curves"));
}
