/**
 * Plot-ready series from the laboratory results, for groupedBarFigure and
 * lineWithErrorFigure (src/plots): x values (or categories) and one ErrorSeries per
 * dose, time, cell line or group, aligned, with null where a combination was not
 * measured. What the error bars are is stated by each function.
 *
 * @example
 * const c = mrnaTimeCurves(mrna, "HepG2");
 * show(lineWithErrorFigure(c.x, c.series, { xTitle: "Hours after irradiation", yTitle: "Fold change", logY: true }));
 */
import { ciLabel } from "./format";
import { InputError } from "../core/index";
import type { ErrorSeries } from "../plots/error-summary";
import { individualCurves } from "../plots/line-with-error";
import type { IndividualCurve } from "../plots/line-with-error";
import { meanAndErrorByGroup } from "../plots/error-summary";
import { groupColors } from "../plots/theme";
import { readGrowth } from "./growth-rates";
import type { GrowthColumns } from "./columns";
import type { MrnaInductionResult } from "./mrna-induction";
import type { SecretionTimeCourseResult } from "./secretion-time-course";

export interface CurveData {
  x: number[];
  series: ErrorSeries[];
  /** What the points and bars are, for the figure's hover and caption. */
  errorLabel: string;
}

function requireLine(lines: readonly string[], cellLine: string): void {
  if (lines.indexOf(cellLine) < 0) throw new InputError("cellLine", null, cellLine, `is not one of the cell lines (${lines.join(", ")})`);
}

/** mRNA fold change over harvest time in one line, one series per irradiated dose: 2^−mean ΔΔCt with its t interval at the analysis's level. */
export function mrnaTimeCurves(mrna: MrnaInductionResult, cellLine: string): CurveData {
  requireLine(mrna.lines.map((l) => l.cellLine), cellLine);
  const rows = mrna.foldChanges.filter((r) => r.cellLine === cellLine);
  const x = Array.from(new Set(rows.map((r) => r.hours))).sort((a, b) => a - b);
  const doses = Array.from(new Set(rows.map((r) => r.dose))).sort((a, b) => a - b).filter((d) => d !== mrna.calibratorDose);
  const series = doses.map((d): ErrorSeries => {
    const at = x.map((h) => rows.find((r) => r.dose === d && r.hours === h));
    return {
      name: `${d} Gy`,
      values: at.map((r) => (r === undefined ? null : r.foldChange)),
      lower: at.map((r) => (r === undefined || r.lower === null ? null : r.lower)),
      upper: at.map((r) => (r === undefined || r.upper === null ? null : r.upper)),
      n: at.map((r) => (r === undefined ? 0 : r.n)),
    };
  });
  return { x, series, errorLabel: `fold change (2^-ΔΔCt) with ${ciLabel(mrna.confLevel)}` };
}

/** mRNA fold change by dose at one harvest time (default the induction time), one series per line named "line (p53 status)", coloured as the line. */
export function mrnaDoseBars(
  mrna: MrnaInductionResult,
  hours: number = mrna.inductionHours,
): { categories: string[]; series: ErrorSeries[]; errorLabel: string; colors: Record<string, string> } {
  const rows = mrna.foldChanges.filter((r) => r.hours === hours);
  if (rows.length === 0) throw new InputError("hours", null, hours, "has no fold changes");
  const doses = Array.from(new Set(rows.map((r) => r.dose))).sort((a, b) => a - b);
  const series = mrna.lines.map((l): ErrorSeries => {
    const at = doses.map((d) => rows.find((r) => r.cellLine === l.cellLine && r.dose === d));
    return {
      name: `${l.cellLine} (p53 ${l.p53Status})`,
      values: at.map((r) => (r === undefined ? null : r.foldChange)),
      lower: at.map((r) => (r === undefined || r.lower === null ? null : r.lower)),
      upper: at.map((r) => (r === undefined || r.upper === null ? null : r.upper)),
      n: at.map((r) => (r === undefined ? 0 : r.n)),
    };
  });
  // Each line keeps the colour it has in the other figures (named after the line alone).
  const byLine = groupColors(mrna.lines.map((l) => l.cellLine));
  const colors: Record<string, string> = {};
  mrna.lines.forEach((l, k) => (colors[series[k].name] = byLine[l.cellLine]));
  return { categories: doses.map((d) => `${d} Gy`), series, errorLabel: `fold change (2^-ΔΔCt) with ${ciLabel(mrna.confLevel)}`, colors };
}

/**
 * Secreted VEGF (pg/ml, mean ± SD) in one line: over dose with one series per harvest
 * time (`by` "dose"), or over time with one series per dose (`by` "hours").
 */
export function secretionCurves(tc: SecretionTimeCourseResult, cellLine: string, by: "dose" | "hours"): CurveData {
  const rows = tc.cells.filter((c) => c.cellLine === cellLine);
  requireLine(Array.from(new Set(tc.cells.map((c) => c.cellLine))), cellLine);
  const xKey = by === "dose" ? "dose" : "hours";
  const sKey = by === "dose" ? "hours" : "dose";
  const x = Array.from(new Set(rows.map((r) => r[xKey]))).sort((a, b) => a - b);
  const levels = Array.from(new Set(rows.map((r) => r[sKey]))).sort((a, b) => a - b);
  const series = levels.map((level): ErrorSeries => {
    const at = x.map((v) => rows.find((r) => r[xKey] === v && r[sKey] === level));
    return {
      name: by === "dose" ? `${level} h` : `${level} Gy`,
      values: at.map((r) => (r === undefined ? null : r.mean)),
      error: at.map((r) => (r === undefined ? null : r.sd)),
      n: at.map((r) => (r === undefined ? 0 : r.n)),
    };
  });
  return { x, series, errorLabel: "mean ± SD" };
}

/** Secreted VEGF (pg/ml, mean ± SD) over dose at one harvest time, one series per line. */
export function secretionDoseCurves(tc: SecretionTimeCourseResult, hours: number): CurveData {
  const rows = tc.cells.filter((c) => c.hours === hours);
  if (rows.length === 0) throw new InputError("hours", null, hours, "has no samples");
  const lines = Array.from(new Set(tc.cells.map((c) => c.cellLine)));
  const x = Array.from(new Set(rows.map((r) => r.dose))).sort((a, b) => a - b);
  const series = lines.map((l): ErrorSeries => {
    const at = x.map((d) => rows.find((r) => r.cellLine === l && r.dose === d));
    return { name: l, values: at.map((r) => (r === undefined ? null : r.mean)), error: at.map((r) => (r === undefined ? null : r.sd)), n: at.map((r) => (r === undefined ? 0 : r.n)) };
  });
  return { x, series, errorLabel: "mean ± SD" };
}

/** Fold rise of secreted VEGF over the time-matched sham at the time-course dose, per line over time, with its paired t interval. */
export function inductionOverTime(tc: SecretionTimeCourseResult): CurveData {
  const lines = Array.from(new Set(tc.induction.map((i) => i.cellLine)));
  const x = Array.from(new Set(tc.induction.map((i) => i.hours))).sort((a, b) => a - b);
  const series = lines.map((l): ErrorSeries => {
    const at = x.map((h) => tc.induction.find((i) => i.cellLine === l && i.hours === h));
    return {
      name: l,
      values: at.map((r) => (r === undefined ? null : r.ratio)),
      lower: at.map((r) => (r === undefined ? null : r.lower)),
      upper: at.map((r) => (r === undefined ? null : r.upper)),
      n: at.map((r) => (r === undefined ? 0 : r.n)),
    };
  });
  return { x, series, errorLabel: `fold over sham with ${ciLabel(tc.confLevel)}` };
}

/** Tumor volume over days at one site: mean ± SEM per group (sham first) and each tumor's own curve. */
export function growthCurves(columns: GrowthColumns, site: string): CurveData & { individuals: IndividualCurve[] } {
  const g = readGrowth(columns, "error");
  if (g.sites.indexOf(site) < 0) throw new InputError("site", null, site, `is not one of the sites (${g.sites.join(", ")})`);
  const idx: number[] = [];
  for (let k = 0; k < g.site.length; k++) if (g.site[k] === site) idx.push(k);
  const day = idx.map((k) => g.day[k]);
  const volume = idx.map((k) => g.volume[k]);
  const group = idx.map((k) => g.group[k]);
  const mouse = idx.map((k) => g.mouseId[k]);
  const s = meanAndErrorByGroup(day, volume, group, { error: "sem", groups: g.groups.filter((x) => group.indexOf(x) >= 0) });
  return { x: s.levels as number[], series: s.series, errorLabel: s.errorLabel, individuals: individualCurves(mouse, day, volume, group) };
}
