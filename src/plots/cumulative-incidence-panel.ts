/**
 * Cumulative incidence by cause, one panel per cause, with the number at risk
 * under each panel: cumulativeIncidenceFigure's panels (groups coloured,
 * pointwise bands, Gray's test P when the result has it) above a table of the
 * subjects at risk in each group at the x-axis breaks, as under a
 * Kaplan-Meier plot. Takes a cumulativeIncidence result (cmprsk::cuminc) or a
 * cumulativeIncidenceDelayedEntry result, and the data behind it in `atRisk`
 * (the same rows), since the at-risk counts are not part of cuminc's output.
 *
 * Number at risk at a break t, per group: numberAtRisk (R's
 * summary(survfit(Surv([start, ]time, status) ~ group), times = t)$n.risk):
 * time >= t, or with `start` the risk set start < s <= time at the group's
 * first exit time s >= t; 0 past the group's last time.
 *
 * @example
 * const ci = cumulativeIncidence(months, cause, arm);
 * show(cumulativeIncidencePanelFigure(ci, { atRisk: { time: months, group: arm }, causeLabels: { 1: "Local", 2: "Out of field" } }));
 */
import { InputError } from "../core/index";
import type { ArrayLikeInput } from "../core/index";
import { numberAtRisk } from "../survival/index";
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
  const atRisk = options.atRisk;
  if (typeof atRisk !== "object") throw new InputError("atRisk", null, atRisk, "must be { time, group?, start? }: the rows behind the result");
  const byGroup = allGroups.length === 1 && allGroups[0] === "all" && (atRisk.group === undefined || atRisk.group === null);
  const risk = numberAtRisk(atRisk.time, ticks, byGroup ? null : atRisk.group ?? null, {
    start: atRisk.start,
    levels: byGroup ? undefined : allGroups,
    missing: "drop",
  });
  const counts = groups.map((g) => risk.nRisk[byGroup ? 0 : risk.groups.indexOf(g)]);

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
