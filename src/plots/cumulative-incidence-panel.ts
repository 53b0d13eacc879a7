/**
 * Cumulative incidence by cause, one panel per cause, with the number at risk
 * under each panel: cumulativeIncidenceFigure's panels (groups coloured,
 * pointwise bands, Gray's test P when the result has it) above a table of the
 * subjects at risk in each group at the x-axis breaks, as under a
 * Kaplan-Meier plot. Takes a cumulativeIncidence result (cmprsk::cuminc) or a
 * cumulativeIncidenceDelayedEntry result, and the data behind it in `atRisk`
 * (the same rows), since the at-risk counts are not part of cuminc's output.
 *
 * Number at risk at a break t, per group: as
 * summary(survfit(Surv([start, ]time, status) ~ group), times = t)$n.risk,
 * the risk set at the group's first time s >= t: subjects with
 * start < s <= time (without `start`: time >= t); 0 past the group's last time.
 *
 * @example
 * const ci = cumulativeIncidence(months, cause, arm);
 * show(cumulativeIncidencePanelFigure(ci, { atRisk: { time: months, group: arm }, causeLabels: { 1: "Local", 2: "Out of field" } }));
 */
import { InputError, finiteColumn, labelColumn, missingRows, requireLength, requireSameLength } from "../core/index";
import type { ArrayLikeInput } from "../core/index";
import type { CumulativeIncidenceCurve, CumulativeIncidenceResult, DelayedEntryIncidenceResult } from "../survival/index";
import { cumulativeIncidenceFigure } from "./cumulative-incidence";
import type { CumulativeIncidenceFigureOptions } from "./cumulative-incidence";
import type { PlotlyFigure } from "./figure";
import { escapeText, roundTo } from "./format";
import { font, fontSizeOf, groupColors } from "./theme";

export interface CumulativeIncidencePanelOptions extends CumulativeIncidenceFigureOptions {
  /** The rows behind the result: times, groups (as in the result) and, for delayed entry, entry times. */
  atRisk: { time: ArrayLikeInput<unknown>; group?: ArrayLikeInput<unknown> | null; start?: ArrayLikeInput<unknown> };
  /** Heading of the table (default "Number at risk"). */
  riskTableTitle?: string;
}

/**
 * Subjects at risk per group at `times`; see the file comment. Internal to the figure (the
 * public count is numberAtRisk, which gains `start` with survival-tools).
 */
export function riskSetCounts(
  atRisk: CumulativeIncidencePanelOptions["atRisk"],
  groups: readonly string[],
  times: readonly number[],
): number[][] {
  if (!atRisk || typeof atRisk !== "object") throw new InputError("atRisk", null, atRisk, "must be { time, group?, start? }: the rows behind the result");
  requireLength("atRisk.time", atRisk.time);
  const columns: Record<string, ArrayLikeInput<unknown>> = { "atRisk.time": atRisk.time };
  if (atRisk.group !== undefined && atRisk.group !== null) columns["atRisk.group"] = atRisk.group;
  if (atRisk.start !== undefined) columns["atRisk.start"] = atRisk.start;
  requireSameLength(columns);
  const dropped = missingRows(columns, "drop");
  const stop = finiteColumn("atRisk.time", atRisk.time, dropped);
  const start = atRisk.start === undefined ? null : finiteColumn("atRisk.start", atRisk.start, dropped);
  const labels = atRisk.group === undefined || atRisk.group === null ? null : labelColumn("atRisk.group", atRisk.group, dropped);
  return groups.map((g) => {
    const idx: number[] = [];
    for (let k = 0; k < stop.length; k++) if (labels === null ? g === "all" || groups.length === 1 : labels[k] === g) idx.push(k);
    if (idx.length === 0) throw new InputError("atRisk.group", null, g, "has no rows: the rows must be those behind the result");
    const stops = idx.map((k) => stop[k]).sort((a, b) => a - b);
    return times.map((t) => {
      const first = stops.find((v) => v >= t);
      if (first === undefined) return 0;
      let count = 0;
      for (const k of idx) if (stop[k] >= first && (start === null || start[k] < first)) count++;
      return count;
    });
  });
}

export function cumulativeIncidencePanelFigure(
  input: CumulativeIncidenceResult | DelayedEntryIncidenceResult | readonly CumulativeIncidenceCurve[],
  options: CumulativeIncidencePanelOptions,
): PlotlyFigure {
  if (!options || !options.atRisk) throw new InputError("atRisk", null, undefined, "is required: the rows behind the result ({ time, group, start? })");
  const figure = cumulativeIncidenceFigure(input as CumulativeIncidenceResult, { ...options, arrangement: "panels" });
  const layout = figure.layout as Record<string, unknown>;
  const base = fontSizeOf(options);
  const curves: CumulativeIncidenceCurve[] = Array.isArray(input) ? (input as CumulativeIncidenceCurve[]) : (input as CumulativeIncidenceResult).curves;
  const allGroups: string[] = [];
  for (const c of curves) if (allGroups.indexOf(c.group) < 0) allGroups.push(c.group);
  const groups = options.groups === undefined ? allGroups : options.groups.slice();
  const colors = groupColors(groups, options.colors);
  const panels = Object.keys(layout).filter((k) => /^xaxis\d*$/.test(k)).sort((a, b) => Number(a.slice(5) || 1) - Number(b.slice(5) || 1));
  const ticks = (layout.xaxis as Record<string, unknown>).tickvals as number[];
  const counts = riskSetCounts(options.atRisk, groups, ticks);

  // Room under the plots: tick labels and axis title, the heading, one row per group.
  const margin = layout.margin as Record<string, number>;
  const oldPlotPx = (layout.height as number) - margin.t - margin.b;
  const rowPx = Math.round(base * 1.6);
  const headerPx = Math.round(base * 1.6);
  const axisPx = Math.round(base * 3.8);
  const tablePx = headerPx + groups.length * rowPx + 4;
  const marginBottom = 8;
  const height = options.height === undefined ? margin.t + oldPlotPx + axisPx + tablePx + marginBottom : options.height;
  layout.height = height;
  layout.margin = { ...margin, b: marginBottom };
  const plotPx = height - margin.t - marginBottom;
  const mainBottom = roundTo((axisPx + tablePx) / plotPx, 6);
  panels.forEach((key) => {
    const yKey = `yaxis${key.slice(5)}`;
    (layout[yKey] as Record<string, unknown>).domain = [mainBottom, 1];
  });
  const legend = layout.legend as Record<string, unknown>;
  const panelTitlePx = Math.round(base * 1.8);
  legend.y = roundTo(1 + (panelTitlePx + 2) / plotPx, 6);
  const annotations = (layout.annotations as Array<Record<string, unknown>>).slice();
  annotations.push({
    text: escapeText(options.riskTableTitle === undefined ? "Number at risk" : options.riskTableTitle),
    xref: "paper",
    yref: "paper",
    x: 0,
    y: roundTo((groups.length * rowPx + 4) / plotPx, 6),
    xanchor: "left",
    yanchor: "bottom",
    showarrow: false,
    font: font(base),
  });
  groups.forEach((g, r) => {
    const y = roundTo(((groups.length - r - 0.5) * rowPx + 4) / plotPx, 6);
    annotations.push({ text: escapeText(g), xref: "paper", yref: "paper", x: 0, xshift: -8, y, xanchor: "right", yanchor: "middle", showarrow: false, font: font(base - 1, colors[g]) });
    panels.forEach((key) => {
      ticks.forEach((t, j) => {
        annotations.push({ text: String(counts[r][j]), xref: `x${key.slice(5)}`, yref: "paper", x: t, y, xanchor: "center", yanchor: "middle", showarrow: false, font: font(base - 1, colors[g]) });
      });
    });
  });
  layout.annotations = annotations;
  return figure;
}
