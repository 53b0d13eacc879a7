/**
 * One-glance tables of the laboratory results, for the notebooks: one row per cell line
 * (in vitro) and one row per measure (in vivo), estimates with their intervals as text
 * and P values as computed. They only rearrange the results of the analysis functions.
 *
 * @example
 * showTable(inVitroSummaryTable(mrna, trend, timeCourse, anova), { caption: "Per cell line" });
 */
import type { EndpointComparisonResult } from "./endpoint-comparison";
import type { FinalVolumesResult } from "./final-volumes";
import { estimateText, meanSdText, num, pNumber } from "./format";
import type { GrowthRatesResult } from "./growth-rates";
import type { MrnaInductionResult } from "./mrna-induction";
import type { SecretionAnovaResult } from "./secretion-anova";
import type { SecretionDoseTrendResult } from "./secretion-dose-trend";
import type { SecretionTimeCourseResult } from "./secretion-time-course";

/** Per cell line: status, mRNA induction, secreted VEGF dose trend, time trend and fold rise. */
export function inVitroSummaryTable(
  mrna: MrnaInductionResult,
  doseTrend: SecretionDoseTrendResult,
  timeCourse: SecretionTimeCourseResult,
  anova: SecretionAnovaResult,
): Record<string, string>[] {
  const names: string[] = [];
  for (const l of mrna.lines) names.push(l.cellLine);
  for (const l of doseTrend.lines) if (names.indexOf(l.cellLine) < 0) names.push(l.cellLine);
  const mrnaCol = `mRNA fold change, ${mrna.inductionDose} Gy ${mrna.inductionHours} h (95% CI)`;
  const secCol = `secreted VEGF fold rise, ${anova.inductionDose} vs ${anova.controlDose} Gy at ${anova.hours} h`;
  const trendCol = `dose trend at ${doseTrend.hours} h, % per Gy`;
  const timeCol = `rise over sham at ${timeCourse.dose} Gy, fold per day (95% CI)`;
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
      "irradiated vs sham (95% CI)": s.test === null ? "" : `difference ${estimateText(s.test.difference, s.test.lower, s.test.upper, 4)}`,
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
      "irradiated vs sham (95% CI)": s.test === null ? "" : `ratio of geometric means ${estimateText(s.test.ratio, s.test.lower, s.test.upper)}`,
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
      "irradiated vs sham (95% CI)": m.test === null ? "" : `difference ${estimateText(m.test.difference, m.test.lower, m.test.upper, 1)}`,
      P: m.test === null ? "" : pNumber(m.test.pValue),
    });
  }
  return rows;
}
