/**
 * Stacked state-occupancy plot of a multi-state Aalen-Johansen fit
 * (aalenJohansen, R's survfit with id/istate): one panel per group, each
 * showing the probability of being in each state over time as stacked
 * step-shaped bands that add up to 1 (R: plot(survfit(...), ...) per state, or
 * survminer-style stacked occupancy). Band k spans from the sum of the
 * occupancies of the states below it to that sum plus its own, drawn with
 * plotly's "hv" shape on the fit's times (the right-continuous step
 * function), starting at `xStart` (default 0) with p0.
 *
 * Under each panel an optional row gives the number under observation at the
 * x-axis breaks: the rows at risk in any state at the first curve time at or
 * after the break (summary(survfit, times)$n.risk summed over states; 0 past
 * the last time).
 *
 * Colours: the study's failure sites and death keep their fixed colours
 * (GROUP_COLORS: local, intrahepatic, extrahepatic, death), the starting state
 * a light grey; other states take the palette. Order of the bands: `states`
 * (default the fit's order, the starting state at the bottom).
 *
 * @example
 * const aj = aalenJohansen(rows.stop, rows.state, rows.group, { start: rows.start, id: rows.id, censor: rows.censor, states: rows.states });
 * show(stateOccupancyFigure(aj, { stateLabels: { "(s0)": "Alive, no progression" } }));
 */
import { InputError } from "../core/index";
import type { AalenJohansenResult } from "../survival/index";
import { makeFigure } from "./build";
import type { PlotlyFigure } from "./figure";
import { breaksTo, escapeText, formatNumber, niceStep, roundTo } from "./format";
import { axis, baseConfig, baseLayout, font, fontSizeOf, groupColors } from "./theme";
import type { BaseFigureOptions } from "./theme";

export interface StateOccupancyOptions extends BaseFigureOptions {
  /** States to stack, bottom first (default all, in the fit's order). */
  states?: string[];
  /** Display name per state, e.g. { "(s0)": "No progression" }. */
  stateLabels?: Record<string, string>;
  /** Groups to draw, in this order (default the fit's). */
  groups?: string[];
  /** Where the curves start (default 0). */
  xStart?: number;
  xMax?: number;
  timeStep?: number;
  /** Default "Months". */
  xTitle?: string;
  /** Default "Probability in state". */
  yTitle?: string;
  /** Number under observation under each panel (default true). */
  atRisk?: boolean;
}

/** Colour of the starting state when it has no fixed colour. */
const START_STATE_COLOR = "#DDDDDD";
const MONTH_STEPS = [1, 2, 3, 6, 12, 24, 36, 48, 60, 120, 240];

/** Number under observation at `times`: rows at risk at the first curve time >= t, summed over states. */
export function underObservation(curve: AalenJohansenResult["curves"][number], times: readonly number[]): number[] {
  return times.map((t) => {
    let lo = 0;
    let hi = curve.time.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (curve.time[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    if (lo >= curve.time.length) return 0;
    return curve.nRisk[lo].reduce((a, b) => a + b, 0);
  });
}

export function stateOccupancyFigure(fit: AalenJohansenResult, options: StateOccupancyOptions = {}): PlotlyFigure {
  if (!fit || !Array.isArray(fit.curves) || !Array.isArray(fit.states)) throw new InputError("fit", null, fit, "must be an aalenJohansen result");
  const states = options.states === undefined ? fit.states.slice() : options.states.slice();
  states.forEach((s, i) => {
    if (fit.states.indexOf(s) < 0) throw new InputError("states", i, s, `is not a state of the fit (${fit.states.join(", ")})`);
  });
  const groups = options.groups === undefined ? fit.groups.slice() : options.groups.slice();
  groups.forEach((g, i) => {
    if (fit.groups.indexOf(g) < 0) throw new InputError("groups", i, g, `is not a group of the fit (${fit.groups.join(", ")})`);
  });
  const labelOf = (s: string) => (options.stateLabels && options.stateLabels[s] !== undefined ? options.stateLabels[s] : s);
  const fixed: Record<string, string> = {};
  for (const s of states) if (s === fit.states[0] && !(options.colors && s in options.colors)) fixed[s] = START_STATE_COLOR;
  const colors = groupColors(states, { ...fixed, ...(options.colors || {}) });
  const base = fontSizeOf(options);
  const xStart = options.xStart === undefined ? 0 : options.xStart;
  const xTitle = options.xTitle === undefined ? "Months" : options.xTitle;
  const yTitle = options.yTitle === undefined ? "Probability in state" : options.yTitle;
  const curves = groups.map((g) => fit.curves[fit.groups.indexOf(g)]);
  let xMax = options.xMax === undefined ? Math.max(...curves.map((c) => (c.time.length > 0 ? c.time[c.time.length - 1] : xStart))) : options.xMax;
  if (!(xMax > xStart) || !Number.isFinite(xMax)) xMax = xStart + 1;
  const nPanels = groups.length;
  const panelWidth = options.width === undefined ? 700 / nPanels : Math.max(80, (options.width - 90) / nPanels);
  const maxBreaks = Math.max(2, Math.min(10, Math.floor(panelWidth / (base * 2.6))));
  if (options.timeStep !== undefined && !(options.timeStep > 0)) throw new InputError("timeStep", null, options.timeStep, "must be a positive number");
  const step = options.timeStep !== undefined ? options.timeStep : niceStep(xMax - xStart, maxBreaks, /month/i.test(xTitle) ? MONTH_STEPS : []);
  const ticks = breaksTo(xMax, step, xStart);
  const span = xMax - xStart;
  const xRange = [roundTo(xStart - 0.02 * span), roundTo(xMax + 0.02 * span)];
  const showAtRisk = options.atRisk !== false;

  const data: Array<Record<string, unknown>> = [];
  curves.forEach((curve, p) => {
    const suffix = p > 0 ? String(p + 1) : "";
    // Curve times drawn, and the occupancy at xStart (p0 before the first time).
    const idx: number[] = [];
    let before = -1;
    curve.time.forEach((t, k) => {
      if (t <= xStart) before = k;
      else if (t <= (xMax as number)) idx.push(k);
    });
    const x = [xStart].concat(idx.map((k) => curve.time[k]));
    const m = x.length;
    const lower = new Array(m).fill(0);
    const valueAt = (i: number, s: number): number => (i > 0 ? curve.pstate[idx[i - 1]][s] : before >= 0 ? curve.pstate[before][s] : curve.p0[s]);
    states.forEach((state, k) => {
      const s = fit.states.indexOf(state);
      const own = x.map((_, i) => valueAt(i, s));
      const upper = x.map((_, i) => lower[i] + own[i]);
      const label = escapeText(labelOf(state));
      data.push({
        type: "scatter",
        mode: "lines",
        x,
        y: upper.map((v) => roundTo(Math.min(1, v), 12)),
        line: { width: 0.5, shape: "hv", color: colors[state] },
        fill: k === 0 ? "tozeroy" : "tonexty",
        fillcolor: colors[state],
        name: label,
        legendgroup: state,
        showlegend: p === 0,
        text: x.map((t, i) => `${escapeText(curve.group)}, ${label}<br>${formatNumber(t, 1)}: ${formatNumber(own[i], 3)}`),
        hovertemplate: "%{text}<extra></extra>",
        meta: { group: curve.group, state },
        xaxis: `x${suffix}`,
        yaxis: `y${suffix}`,
      });
      for (let i = 0; i < m; i++) lower[i] = upper[i];
    });
  });

  const legendPx = Math.round(base * 2) * Math.ceil(states.length / 4);
  const panelTitlePx = nPanels > 1 ? Math.round(base * 1.8) : 0;
  const marginTop = (options.title ? 40 : 8) + legendPx + panelTitlePx;
  const mainPx = options.width === undefined ? 300 : Math.max(180, Math.min(300, Math.round(panelWidth)));
  const axisPx = Math.round(base * 3.6);
  const rowPx = showAtRisk ? Math.round(base * 1.6) : 0;
  const headerPx = showAtRisk ? Math.round(base * 1.5) : 0;
  const marginBottom = showAtRisk ? 8 : 0;
  const layout = baseLayout(options, marginTop + mainPx + axisPx + headerPx + rowPx + marginBottom, {
    margin: { t: marginTop, b: marginBottom, l: 72, r: 16 },
  });
  const plotPx = (layout.height as number) - marginTop - marginBottom;
  const mainBottom = roundTo((axisPx + headerPx + rowPx) / plotPx, 6);
  const gap = nPanels > 1 ? 0.05 : 0;
  const width = (1 - gap * (nPanels - 1)) / nPanels;
  const annotations: Array<Record<string, unknown>> = [];
  curves.forEach((curve, p) => {
    const suffix = p > 0 ? String(p + 1) : "";
    const x0 = roundTo(p * (width + gap), 6);
    const x1 = roundTo(x0 + width, 6);
    layout[`xaxis${suffix}`] = axis(p === Math.floor((nPanels - 1) / 2) ? xTitle : "", base, {
      domain: [x0, x1],
      anchor: `y${suffix}`,
      range: xRange,
      tickmode: "array",
      tickvals: ticks,
      automargin: false,
      ...(p > 0 ? { matches: "x" } : {}),
    });
    const yAxis = axis(p === 0 ? yTitle : "", base, {
      domain: [mainBottom, 1],
      anchor: `x${suffix}`,
      range: [0, 1],
      tickmode: "array",
      tickvals: [0, 0.25, 0.5, 0.75, 1],
      ticktext: ["0", "0.25", "0.50", "0.75", "1.00"],
      showticklabels: p === 0,
      ...(p > 0 ? { matches: "y" } : {}),
    });
    if (p > 0) delete yAxis.tickfont;
    layout[`yaxis${suffix}`] = yAxis;
    if (nPanels > 1) {
      annotations.push({ text: `<b>${escapeText(curve.group)}</b>`, xref: `x${suffix} domain`, yref: `y${suffix} domain`, x: 0.5, y: 1, xanchor: "center", yanchor: "bottom", yshift: 4, showarrow: false, font: font(base) });
    }
    if (showAtRisk) {
      const counts = underObservation(curve, ticks);
      const tableY = roundTo(rowPx / 2 / plotPx, 6);
      ticks.forEach((t, i) => {
        annotations.push({ text: String(counts[i]), xref: `x${suffix}`, yref: "paper", x: t, y: tableY, xanchor: "center", yanchor: "middle", showarrow: false, font: font(base - 1) });
      });
      if (p === 0) {
        annotations.push({ text: "Under observation", xref: "paper", yref: "paper", x: 0, y: roundTo(rowPx / plotPx, 6), xanchor: "left", yanchor: "bottom", showarrow: false, font: font(base - 1) });
      }
    }
  });
  layout.annotations = annotations;
  layout.showlegend = options.showLegend === undefined ? true : options.showLegend;
  layout.legend = {
    ...(layout.legend as Record<string, unknown>),
    orientation: "h",
    traceorder: "normal",
    x: 0,
    xanchor: "left",
    y: roundTo(1 + (panelTitlePx + 2) / plotPx, 6),
    yanchor: "bottom",
  };
  return makeFigure(data, layout, baseConfig("state-occupancy"));
}
