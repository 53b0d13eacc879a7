/**
 * Cumulative incidence of competing causes (e.g. first failure in the treated
 * lesion, elsewhere in the liver, outside the liver) per group, from
 * `cumulativeIncidence` (cmprsk::cuminc). Each curve is a right-continuous step
 * function from (0, 0) through F(t) at its jump times to the group's last
 * follow-up time (`followUpEnd`), drawn with plotly's "hv" shape; the optional
 * band is F ± z·sqrt(var) clipped to [0, 1] (z = 1.96 for 95%), step-shaped on
 * the same points, as cmprsk's plot.cuminc draws its intervals.
 *
 * Layout: "panels" (default with more than one cause) draws one small panel per
 * cause side by side, sharing the y axis, with the groups coloured as everywhere
 * else (TACE blue, TACE+RT vermillion) and Gray's test P in each panel;
 * "overlay" draws every curve in one plot, colour by group and dash by cause.
 *
 * @example
 * const ci = cumulativeIncidence(failure_months, siteCode, arm); // 1 local, 2 intrahepatic, 3 extrahepatic
 * show(cumulativeIncidenceFigure(ci, { causeLabels: { 1: "Local", 2: "Intrahepatic", 3: "Extrahepatic" } }));
 */
import { InputError } from "../core/index";
import { normalQuantile } from "../distributions/index";
import type { CumulativeIncidenceCurve, CumulativeIncidenceResult, GrayTestResult } from "../survival/index";
import { makeFigure } from "./build";
import type { PlotlyFigure } from "./figure";
import { breaksTo, escapeText, formatNumber, formatPValue, niceStep, roundTo } from "./format";
import { axis, baseConfig, baseLayout, font, fontSizeOf, groupColors, withAlpha } from "./theme";
import type { BaseFigureOptions } from "./theme";
import { requireConfLevel } from "../stats/input";

export interface CumulativeIncidenceFigureOptions extends BaseFigureOptions {
  /** Display name of each cause code, e.g. { 1: "Local", 2: "Intrahepatic" } (default "Cause 1", ...). */
  causeLabels?: Record<string, string>;
  /** Causes to draw, in this order (default all, ascending). */
  causes?: number[];
  /** Group order (default as in the result). */
  groups?: string[];
  /** "panels": one plot per cause (default when there are several causes); "overlay": one plot, dash by cause. */
  arrangement?: "panels" | "overlay";
  /** Draw the pointwise band F ± z·sqrt(var) (default true in panels, false in overlay). */
  bands?: boolean;
  /** Level of the bands (default 0.95). */
  confLevel?: number;
  /** Show Gray's test P from the result (default true when the result has it). */
  grayTest?: boolean;
  /** Extra text per cause code, shown in its panel (replaces Gray's P). */
  annotations?: Record<string, string>;
  xTitle?: string;
  /** Default "Cumulative incidence". */
  yTitle?: string;
  xMax?: number;
  timeStep?: number;
  /** Top of the y axis (default: the highest drawn value, rounded up to 0.1). */
  yMax?: number;
}

const DASHES = ["solid", "dash", "dot", "dashdot", "longdash", "longdashdot"];
const MONTH_STEPS = [1, 2, 3, 6, 12, 24, 36, 48, 60, 120, 240];

/** The drawn points of one cumulative incidence curve: (0, 0), each jump, then followUpEnd. */
export function cumulativeIncidenceSteps(curve: CumulativeIncidenceCurve): { x: number[]; y: number[]; variance: number[] } {
  const x = [0];
  const y = [0];
  const variance = [0];
  for (let i = 0; i < curve.time.length; i++) {
    x.push(curve.time[i]);
    y.push(curve.estimate[i]);
    variance.push(curve.variance[i]);
  }
  if (curve.followUpEnd > x[x.length - 1]) {
    x.push(curve.followUpEnd);
    y.push(y[y.length - 1]);
    variance.push(variance[variance.length - 1]);
  }
  return { x, y, variance };
}

function asCurves(input: CumulativeIncidenceResult | readonly CumulativeIncidenceCurve[]): { curves: CumulativeIncidenceCurve[]; gray: GrayTestResult[] | null } {
  if (Array.isArray(input)) return { curves: input.slice(), gray: null };
  const r = input as CumulativeIncidenceResult;
  if (!r || !Array.isArray(r.curves)) throw new InputError("curves", null, input, "must be a cumulativeIncidence result or an array of its curves");
  return { curves: r.curves.slice(), gray: r.grayTest };
}

/** Cumulative incidence curves per group and cause; see the file comment. */
export function cumulativeIncidenceFigure(
  input: CumulativeIncidenceResult | readonly CumulativeIncidenceCurve[],
  options: CumulativeIncidenceFigureOptions = {},
): PlotlyFigure {
  const { curves, gray } = asCurves(input);
  if (curves.length === 0) throw new InputError("curves", null, curves, "is empty");
  curves.forEach((c, i) => {
    if (!c || !Array.isArray(c.time) || !Array.isArray(c.estimate) || typeof c.group !== "string") {
      throw new InputError("curves", i, c, "must be a cumulative incidence curve");
    }
  });
  const base = fontSizeOf(options);
  const allCauses = Array.from(new Set(curves.map((c) => c.cause))).sort((a, b) => a - b);
  const causes = options.causes === undefined ? allCauses : options.causes.slice();
  causes.forEach((c, i) => {
    if (allCauses.indexOf(c) < 0) throw new InputError("causes", i, c, `is not a cause of the curves (${allCauses.join(", ")})`);
  });
  const allGroups: string[] = [];
  for (const c of curves) if (allGroups.indexOf(c.group) < 0) allGroups.push(c.group);
  const groups = options.groups === undefined ? allGroups : options.groups.slice();
  groups.forEach((g, i) => {
    if (allGroups.indexOf(g) < 0) throw new InputError("groups", i, g, `is not a group of the curves (${allGroups.join(", ")})`);
  });
  const arrangement = options.arrangement === undefined ? (causes.length > 1 ? "panels" : "overlay") : options.arrangement;
  if (arrangement !== "panels" && arrangement !== "overlay") throw new InputError("arrangement", null, arrangement, 'must be "panels" or "overlay"');
  const panels = arrangement === "panels";
  const showBands = options.bands === undefined ? panels : options.bands;
  const confLevel = options.confLevel === undefined ? 0.95 : options.confLevel;
  requireConfLevel(confLevel);
  const z = normalQuantile(1 - (1 - confLevel) / 2);
  const labelOf = (cause: number): string => {
    const labels = options.causeLabels || {};
    const l = labels[String(cause)];
    return l === undefined ? `Cause ${cause}` : l;
  };
  const colors = groupColors(groups, options.colors);
  const xTitle = options.xTitle === undefined ? "Months" : options.xTitle;
  const yTitle = options.yTitle === undefined ? "Cumulative incidence" : options.yTitle;

  const shown = curves.filter((c) => causes.indexOf(c.cause) >= 0 && groups.indexOf(c.group) >= 0);
  let xMax = options.xMax;
  if (xMax === undefined) xMax = Math.max(...shown.map((c) => c.followUpEnd));
  if (!(xMax > 0) || !Number.isFinite(xMax)) xMax = 1;
  const nPanels = panels ? causes.length : 1;
  const panelWidth = options.width === undefined ? 700 / nPanels : Math.max(80, (options.width - 90) / nPanels);
  const maxBreaks = Math.max(2, Math.min(10, Math.floor(panelWidth / (base * 2.6))));
  if (options.timeStep !== undefined && !(options.timeStep > 0)) throw new InputError("timeStep", null, options.timeStep, "must be a positive number");
  const step = options.timeStep !== undefined ? options.timeStep : niceStep(xMax, maxBreaks, /month/i.test(xTitle) ? MONTH_STEPS : []);
  const xRange = [roundTo(-0.02 * xMax), roundTo(1.02 * xMax)];

  const data: Array<Record<string, unknown>> = [];
  let top = 0;
  const legendShown = new Set<string>();
  causes.forEach((cause, p) => {
    const suffix = panels && p > 0 ? String(p + 1) : "";
    for (const group of groups) {
      const curve = shown.find((c) => c.cause === cause && c.group === group);
      if (!curve) continue;
      const color = colors[group];
      const s = cumulativeIncidenceSteps(curve);
      const label = escapeText(panels ? group : `${group}, ${labelOf(cause)}`);
      const axes = { xaxis: `x${suffix}`, yaxis: `y${suffix}` };
      if (showBands) {
        const sd = s.variance.map((v) => Math.sqrt(Math.max(0, v)));
        const upper = s.y.map((f, i) => Math.min(1, f + z * sd[i]));
        const lower = s.y.map((f, i) => Math.max(0, f - z * sd[i]));
        for (const u of upper) top = Math.max(top, u);
        data.push({ type: "scatter", mode: "lines", x: s.x, y: upper, line: { width: 0, shape: "hv", color }, hoverinfo: "skip", showlegend: false, legendgroup: group, name: `${label} (${escapeText(labelOf(cause))}) upper limit`, ...axes });
        data.push({ type: "scatter", mode: "lines", x: s.x, y: lower, line: { width: 0, shape: "hv", color }, fill: "tonexty", fillcolor: withAlpha(color, 0.15), hoverinfo: "skip", showlegend: false, legendgroup: group, name: `${label} (${escapeText(labelOf(cause))}) lower limit`, ...axes });
      }
      for (const f of s.y) top = Math.max(top, f);
      const legendKey = panels ? group : `${group}\u0000${cause}`;
      data.push({
        type: "scatter",
        mode: "lines",
        x: s.x,
        y: s.y,
        line: { width: 2, shape: "hv", color, dash: panels ? "solid" : DASHES[p % DASHES.length] },
        name: label,
        legendgroup: panels ? group : legendKey,
        showlegend: !legendShown.has(legendKey),
        text: s.x.map((t, i) => `${escapeText(group)}, ${escapeText(labelOf(cause))}<br>${formatNumber(t, 1)}: ${formatNumber(s.y[i], 3)}`),
        hovertemplate: "%{text}<extra></extra>",
        meta: { group, cause },
        ...axes,
      });
      legendShown.add(legendKey);
    }
  });
  let yMax = options.yMax;
  if (yMax === undefined) yMax = Math.min(1, Math.max(0.1, Math.ceil(top * 10 - 1e-9) / 10));
  const yStep = niceStep(yMax, 5);
  const yTicks = breaksTo(yMax, yStep);
  const yRange = [roundTo(-0.02 * yMax), roundTo(1.02 * yMax)];

  // Vertical space: legend row and panel titles above the plots.
  const legendPx = Math.round(base * 2);
  const panelTitlePx = panels ? Math.round(base * 1.8) : 0;
  const marginTop = (options.title ? 40 : 8) + legendPx + panelTitlePx;
  const mainPx = options.width === undefined ? 320 : Math.max(180, Math.min(320, Math.round((panels ? 1 : 0.8) * panelWidth)));
  const layout = baseLayout(options, marginTop + mainPx + 60, { margin: { t: marginTop, b: 56, l: 72, r: 16 } });
  const plotPx = (layout.height as number) - marginTop - 56;
  const gap = panels ? 0.05 : 0;
  const width = (1 - gap * (nPanels - 1)) / nPanels;
  const annotations: Array<Record<string, unknown>> = [];
  const grayByCause = new Map<number, GrayTestResult>();
  if (gray) for (const g of gray) grayByCause.set(g.cause, g);
  const showGray = options.grayTest === undefined ? true : options.grayTest;
  const overlayNotes: string[] = [];
  for (let p = 0; p < nPanels; p++) {
    const suffix = p > 0 ? String(p + 1) : "";
    const x0 = roundTo(p * (width + gap), 6);
    const x1 = roundTo(x0 + width, 6);
    layout[`xaxis${suffix}`] = axis(p === Math.floor((nPanels - 1) / 2) || !panels ? xTitle : "", base, {
      domain: [x0, x1],
      anchor: `y${suffix}`,
      range: xRange,
      tickmode: "array",
      tickvals: breaksTo(xMax, step),
      automargin: false,
      ...(p > 0 ? { matches: "x" } : {}),
    });
    const yAxis = axis(p === 0 ? yTitle : "", base, {
      domain: [0, 1],
      anchor: `x${suffix}`,
      range: yRange,
      tickmode: "array",
      tickvals: yTicks,
      tickformat: ".2f",
      showticklabels: p === 0,
      ...(p > 0 ? { matches: "y" } : {}),
    });
    if (p > 0) {
      // Later panels share the first one's labels.
      delete yAxis.tickfont;
      delete yAxis.tickformat;
    }
    layout[`yaxis${suffix}`] = yAxis;
    const causesHere = panels ? [causes[p]] : causes;
    for (const cause of causesHere) {
      const custom = options.annotations && options.annotations[String(cause)];
      const g = grayByCause.get(cause);
      const text = custom !== undefined ? custom : showGray && g && g.pValue !== null ? `Gray's test ${formatPValue(g.pValue)}` : "";
      if (panels) {
        annotations.push({ text: `<b>${escapeText(labelOf(cause))}</b>`, xref: `x${suffix} domain`, yref: `y${suffix} domain`, x: 0.5, y: 1, xanchor: "center", yanchor: "bottom", yshift: 4, showarrow: false, font: font(base) });
        if (text) annotations.push({ text: escapeText(text), xref: `x${suffix} domain`, yref: `y${suffix} domain`, x: 0.03, y: 0.98, xanchor: "left", yanchor: "top", align: "left", showarrow: false, font: font(base - 1) });
      } else if (text) overlayNotes.push(causes.length > 1 ? `${labelOf(cause)}: ${text}` : text);
    }
  }
  if (overlayNotes.length > 0) {
    annotations.push({ text: overlayNotes.map(escapeText).join("<br>"), xref: "x domain", yref: "y domain", x: 0.03, y: 0.98, xanchor: "left", yanchor: "top", align: "left", showarrow: false, font: font(base - 1) });
  }
  layout.annotations = annotations;
  layout.showlegend = options.showLegend === undefined ? true : options.showLegend;
  layout.legend = {
    ...(layout.legend as Record<string, unknown>),
    orientation: "h",
    tracegroupgap: 0,
    x: 0,
    xanchor: "left",
    y: roundTo(1 + (panelTitlePx + 2) / plotPx, 6),
    yanchor: "bottom",
  };
  return makeFigure(data, layout, baseConfig("cumulative-incidence"));
}
