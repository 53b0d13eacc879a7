/**
 * One-glance tables of the laboratory data and results, for the notebooks: the design as
 * the data have it, one row per cell line (in vitro) and one row per measure (in vivo),
 * estimates with their intervals as text and P values as computed. They only rearrange
 * the data and the results of the analysis functions.
 *
 * @example
 * showTable(inVitroSummaryTable(mrna, trend, timeCourse, anova), { caption: "Per cell line" });
 */
import type { EndpointColumns, GrowthColumns, InVitroDesignColumns } from "./columns";
import type { EndpointComparisonResult } from "./endpoint-comparison";
import type { FinalVolumesResult } from "./final-volumes";
import { ciLabel, estimateText, meanSdText, num, pNumber, pText } from "./format";
import { readGrowth } from "./growth-rates";
import type { GrowthRatesResult } from "./growth-rates";
import type { MrnaInductionResult } from "./mrna-induction";
import type { SecretionAnovaResult } from "./secretion-anova";
import type { SecretionDoseTrendResult } from "./secretion-dose-trend";
import type { SecretionTimeCourseResult } from "./secretion-time-course";

/** Per cell line: status, mRNA induction, secreted VEGF fold change, dose trend and time trend (the measure of the analyses named in the headers). */
export function inVitroSummaryTable(
  mrna: MrnaInductionResult,
  doseTrend: SecretionDoseTrendResult,
  timeCourse: SecretionTimeCourseResult,
  anova: SecretionAnovaResult,
): Record<string, string>[] {
  const names: string[] = [];
  for (const l of mrna.lines) names.push(l.cellLine);
  for (const l of doseTrend.lines) if (names.indexOf(l.cellLine) < 0) names.push(l.cellLine);
  const mrnaCol = `mRNA fold change, ${mrna.inductionDose} Gy ${mrna.inductionHours} h (${ciLabel(mrna.confLevel)})`;
  const what = anova.measure.kind === "concentration" ? "VEGF in the medium" : "VEGF per 10^6 cells";
  const secCol = `${what}, fold ${anova.inductionDose} vs ${anova.controlDose} Gy at ${anova.hours} h`;
  const trendCol = `dose trend at ${doseTrend.hours} h${doseTrend.dosesRule === "irradiated" ? " (irradiated doses)" : ""}, % per Gy`;
  const timeCol = `rise over sham at ${timeCourse.dose} Gy, fold per day (${ciLabel(timeCourse.confLevel)})`;
  return names.map((cellLine) => {
    const info = mrna.lines.find((l) => l.cellLine === cellLine);
    const m = mrna.perLine.find((l) => l.cellLine === cellLine);
    const d = doseTrend.lines.find((l) => l.cellLine === cellLine);
    const t = timeCourse.lines.find((l) => l.cellLine === cellLine);
    const a = anova.induction.find((l) => l.cellLine === cellLine);
    const row: Record<string, string> = {
      "cell line": cellLine,
      p53: info === undefined ? "" : info.p53Status,
      HBV: info === undefined || info.hbvStatus === null ? "" : info.hbvStatus,
    };
    row[mrnaCol] = m === undefined ? "" : estimateText(m.foldChange, m.lower, m.upper);
    row["mRNA rise P"] = m === undefined ? "" : pNumber(m.pValue);
    row[secCol] = a === undefined ? "" : num(a.foldInduction);
    row[trendCol] = d === undefined ? "" : num(d.percentPerGy, 1);
    row["dose trend P"] = d === undefined ? "" : pNumber(d.pValue);
    row[timeCol] = t === undefined ? "" : estimateText(t.foldPerDay, Math.pow(2, 24 * t.lower), Math.pow(2, 24 * t.upper));
    row["time trend P"] = t === undefined ? "" : pNumber(t.pValue);
    return row;
  });
}

/** Per measure: sham and irradiated mean ± SD, the difference (or ratio) with its interval, and P. */
export function inVivoSummaryTable(growth: GrowthRatesResult, volumes: FinalVolumesResult, endpoints: EndpointComparisonResult): Record<string, string>[] {
  const rows: Record<string, string>[] = [];
  const siteName = (s: string): string => (s === "out_of_field" ? "out-of-field" : s === "in_field" ? "in-field" : s);
  for (const s of growth.sites) {
    const sham = s.groups.find((g) => g.group === "sham");
    const irr = s.groups.find((g) => g.group === "irradiated");
    rows.push({
      measure: `growth rate, ${siteName(s.site)} tumor (1/day)`,
      sham: sham === undefined ? "" : meanSdText(sham.meanRate, sham.sdRate, 4),
      irradiated: irr === undefined ? "" : meanSdText(irr.meanRate, irr.sdRate, 4),
      [`irradiated vs sham (${ciLabel(growth.confLevel)})`]: s.test === null ? "" : `difference ${estimateText(s.test.difference, s.test.lower, s.test.upper, 4)}`,
      P: s.test === null ? "" : pNumber(s.test.pValue),
    });
  }
  for (const s of volumes.sites) {
    const sham = s.groups.find((g) => g.group === "sham");
    const irr = s.groups.find((g) => g.group === "irradiated");
    rows.push({
      measure: `day-${s.finalDay} volume, ${siteName(s.site)} tumor (mm³)`,
      sham: sham === undefined ? "" : meanSdText(sham.mean, sham.sd, 0),
      irradiated: irr === undefined ? "" : meanSdText(irr.mean, irr.sd, 0),
      [`irradiated vs sham (${ciLabel(volumes.confLevel)})`]: s.test === null ? "" : `ratio of geometric means ${estimateText(s.test.ratio, s.test.lower, s.test.upper)}`,
      P: s.test === null ? "" : pNumber(s.test.pValue),
    });
  }
  for (const [label, m] of [
    ["microvessel density (vessels/HPF)", endpoints.mvd],
    ["serum VEGF (pg/ml)", endpoints.serumVegf],
  ] as const) {
    const sham = m.groups.find((g) => g.group === "sham");
    const irr = m.groups.find((g) => g.group === "irradiated");
    rows.push({
      measure: label,
      sham: sham === undefined ? "" : meanSdText(sham.mean, sham.sd, 1),
      irradiated: irr === undefined ? "" : meanSdText(irr.mean, irr.sd, 1),
      [`irradiated vs sham (${ciLabel(endpoints.confLevel)})`]: m.test === null ? "" : `difference ${estimateText(m.test.difference, m.test.lower, m.test.upper, 1)}`,
      P: m.test === null ? "" : pNumber(m.test.pValue),
    });
  }
  return rows;
}

/** Per cell line: p53 and HBV status, doses, harvest times and samples of each in vitro file (the design as the data have it). */
export function inVitroDesignTable(mrna: InVitroDesignColumns, secretion: InVitroDesignColumns): Record<string, string | number>[] {
  const lines: string[] = [];
  for (const cols of [mrna, secretion]) for (let i = 0; i < cols.cell_line.length; i++) if (lines.indexOf(String(cols.cell_line[i])) < 0) lines.push(String(cols.cell_line[i]));
  const describe = (cols: InVitroDesignColumns, line: string) => {
    const rows: number[] = [];
    for (let i = 0; i < cols.cell_line.length; i++) if (String(cols.cell_line[i]) === line) rows.push(i);
    const doses = Array.from(new Set(rows.map((i) => Number(cols.dose_gy[i])))).sort((a, b) => a - b);
    const hours = Array.from(new Set(rows.map((i) => Number(cols.hours[i])))).sort((a, b) => a - b);
    const status = (col: InVitroDesignColumns["p53_status"]) => (col === undefined || rows.length === 0 ? "" : String(col[rows[0]]));
    return { n: rows.length, doses: doses.join(", "), hours: hours.join(", "), p53: status(cols.p53_status), hbv: status(cols.hbv_status) };
  };
  return lines.map((line) => {
    const m = describe(mrna, line);
    const s = describe(secretion, line);
    return {
      "cell line": line,
      p53: m.p53 || s.p53,
      HBV: m.hbv || s.hbv,
      "RT-qPCR doses (Gy)": m.doses,
      "RT-qPCR hours": m.hours,
      "RT-qPCR samples": m.n,
      "ELISA doses (Gy)": s.doses,
      "ELISA hours": s.hours,
      "ELISA samples": s.n,
    };
  });
}

/** The dose-trend P value of every line (rows) at every harvest time (columns), with the slope as % per Gy. */
export function doseTrendByTimeTable(trend: SecretionDoseTrendResult): Record<string, string>[] {
  const hours = Array.from(new Set(trend.byTime.map((b) => b.hours))).sort((a, b) => a - b);
  const lines = Array.from(new Set(trend.byTime.map((b) => b.cellLine)));
  return lines.map((cellLine) => {
    const row: Record<string, string> = { "cell line": cellLine };
    for (const h of hours) {
      const b = trend.byTime.find((x) => x.cellLine === cellLine && x.hours === h);
      row[`${h} h`] = b === undefined ? "" : b.pValue === null ? "not computed" : `${num(b.percentPerGy, 1)} %/Gy, ${pText(b.pValue)}`;
    }
    return row;
  });
}

/** An ANOVA table (terms and residual) as rows: term, df, sum of squares, mean square, F, P. */
export function anovaRows(anova: {
  terms: readonly { name: string; df: number; sumSq: number; meanSq: number | null; f: number | null; pValue: number | null }[];
  residual: { df: number; sumSq: number; meanSq: number };
}): Record<string, string | number | null>[] {
  const rows: Record<string, string | number | null>[] = anova.terms.map((t) => ({ term: t.name, df: t.df, "sum of squares": t.sumSq, "mean square": t.meanSq, F: t.f, P: t.pValue === null ? "" : pNumber(t.pValue) }));
  rows.push({ term: "residual", df: anova.residual.df, "sum of squares": anova.residual.sumSq, "mean square": anova.residual.meanSq, F: null, P: "" });
  return rows;
}

/** The xenograft design as the data have it: mice per group, sites, measurement days, mice with end points. */
export function xenograftDesign(growth: GrowthColumns, endpoint: EndpointColumns): { groups: { group: string; mice: number; withEndpoints: number }[]; sites: string[]; days: number[]; mice: number } {
  const g = readGrowth(growth, "error");
  const miceOf = (group: string): Set<string> => {
    const s = new Set<string>();
    g.tumors.forEach((t) => {
      if (t.group === group) s.add(t.mouseId);
    });
    return s;
  };
  const endpointGroup: string[] = [];
  for (let i = 0; i < endpoint.group.length; i++) endpointGroup.push(String(endpoint.group[i]));
  const groups = g.groups.map((group) => ({ group, mice: miceOf(group).size, withEndpoints: endpointGroup.filter((x) => x === group).length }));
  return { groups, sites: g.sites, days: Array.from(new Set(Array.from(g.day))).sort((a, b) => a - b), mice: new Set(g.mouseId).size };
}
