/**
 * Does secreted VEGF rise with radiation dose, in each cell line (claim C13)?
 *
 * Per line, at one pre-specified harvest time (`hours`, default the analysis plan's 72 h):
 * the linear trend of log2 VEGF (per 10^6 cells when the file has cell counts; see
 * secretion-measure.ts) on dose with the experiment as block, i.e. the dose coefficient of
 * lm(log2(vegf) ~ experiment + dose) (R), the pooled within-experiment slope
 * (withinBlockSlope). Each experiment is one culture batch and ELISA run with its own level,
 * so the trend is read within experiments; between-run differences (CV 15–30 %) leave the
 * error. Log scale because ELISA error is multiplicative; the slope reads as a relative
 * change, 2^slope − 1 per Gy. Two-sided P; "increases" = slope > 0 and P < alpha.
 *
 * `byTime` is the same test at every harvest time, with Holm-adjusted P values over the
 * times of each line (at the time of irradiation no rise is expected). The shape of the
 * dose-response (saturation, EC50) is in secretionDoseResponse.
 *
 * @example
 * const d = secretionDoseTrend(loadVegfSecretion().fields);
 * d.lines.map((l) => [l.cellLine, l.percentPerGy, l.pValue]);
 */
import { InputError } from "../core/index";
import type { MissingPolicy } from "../core/index";
import { pAdjust } from "../stats/index";
import { LAB_ANALYSIS_PLAN } from "./analysis-plan";
import { distinctSorted, mean, pick, sd } from "./columns";
import type { SecretionColumns } from "./columns";
import { readSecretion } from "./secretion-measure";
import type { SecretionMeasure, SecretionRows } from "./secretion-measure";
import { withinBlockSlope } from "./within-block-slope";

export interface SecretionDoseTrendOptions {
  /** Pre-specified harvest time of the headline test (default: the analysis plan's, 72 h). */
  hours?: number;
  confLevel?: number;
  /** Significance level of the "increases" flags (default 0.05). */
  alpha?: number;
  missing?: MissingPolicy;
}

export interface DoseTrendLine {
  cellLine: string;
  hours: number;
  doses: number[];
  n: number[];
  /** Mean and SD of the measure per dose, and 2^mean(log2). */
  mean: number[];
  sd: (number | null)[];
  geometricMean: number[];
  /** Within-experiment slope of log2 VEGF per Gy, its interval, and as a percentage change per Gy. */
  slopeLog2PerGy: number;
  lower: number;
  upper: number;
  percentPerGy: number;
  /** Geometric mean at the highest dose over that at the lowest. */
  foldHighestVsLowest: number;
  t: number;
  df: number;
  pValue: number;
  /** Experiments (blocks) used. */
  experiments: number;
  increases: boolean;
}

export interface SecretionDoseTrendResult {
  method: "Within-experiment linear trend of log2 secreted VEGF on dose per cell line (lm(y ~ experiment + dose))";
  measure: SecretionMeasure;
  confLevel: number;
  alpha: number;
  hours: number;
  hoursRule: "pre-specified (analysis plan)" | "given";
  lines: DoseTrendLine[];
  /** The same test per line at every time with 2+ doses, Holm-adjusted within the line (null where it cannot be computed). */
  byTime: { cellLine: string; hours: number; slopeLog2PerGy: number | null; percentPerGy: number | null; pValue: number | null; pHolm: number | null }[];
  dropped: number;
}

/** Blocked dose trend of secreted VEGF per line; see the file comment. */
export function secretionDoseTrend(columns: SecretionColumns, options: SecretionDoseTrendOptions = {}): SecretionDoseTrendResult {
  const confLevel = options.confLevel === undefined ? 0.95 : options.confLevel;
  if (typeof confLevel !== "number" || !(confLevel > 0 && confLevel < 1)) throw new InputError("confLevel", null, confLevel, "must be between 0 and 1");
  const alpha = options.alpha === undefined ? LAB_ANALYSIS_PLAN.alpha : options.alpha;
  if (typeof alpha !== "number" || !(alpha > 0 && alpha < 1)) throw new InputError("alpha", null, alpha, "must be between 0 and 1");
  const s = readSecretion(columns, options.missing);
  const data = s.data;
  const hours = options.hours === undefined ? LAB_ANALYSIS_PLAN.secretionHours : options.hours;
  const hoursRule: SecretionDoseTrendResult["hoursRule"] = options.hours === undefined ? "pre-specified (analysis plan)" : "given";
  const times = distinctSorted(data.hours);
  for (const l of data.lines) {
    if (dosesAt(s, l, hours).length < 2) {
      throw new InputError("hours", null, hours, `has fewer than 2 doses for cell line ${JSON.stringify(l)} (harvest times in the data: ${times.join(", ")} h)`);
    }
  }
  const lines = data.lines.map((cellLine): DoseTrendLine => {
    const idx = rowsOf(s, cellLine, hours);
    const tr = trend(s, idx, confLevel);
    const doses = distinctSorted(pick(data.dose, idx));
    const byDose = doses.map((d) => idx.filter((k) => data.dose[k] === d));
    const geometricMean = byDose.map((b) => Math.pow(2, mean(pick(s.y, b))));
    return {
      cellLine,
      hours,
      doses,
      n: byDose.map((b) => b.length),
      mean: byDose.map((b) => mean(pick(s.value, b))),
      sd: byDose.map((b) => sd(pick(s.value, b))),
      geometricMean,
      slopeLog2PerGy: tr.slope,
      lower: tr.lower,
      upper: tr.upper,
      percentPerGy: (Math.pow(2, tr.slope) - 1) * 100,
      foldHighestVsLowest: geometricMean[geometricMean.length - 1] / geometricMean[0],
      t: tr.t,
      df: tr.df,
      pValue: tr.pValue,
      experiments: tr.blocks,
      increases: tr.slope > 0 && tr.pValue < alpha,
    };
  });
  const byTime: SecretionDoseTrendResult["byTime"] = [];
  for (const cellLine of data.lines) {
    const rows: SecretionDoseTrendResult["byTime"] = [];
    for (const h of times) {
      if (dosesAt(s, cellLine, h).length < 2) continue;
      try {
        const tr = trend(s, rowsOf(s, cellLine, h), confLevel);
        rows.push({ cellLine, hours: h, slopeLog2PerGy: tr.slope, percentPerGy: (Math.pow(2, tr.slope) - 1) * 100, pValue: tr.pValue, pHolm: null });
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        rows.push({ cellLine, hours: h, slopeLog2PerGy: null, percentPerGy: null, pValue: null, pHolm: null });
      }
    }
    const adjusted = pAdjust(rows.map((r) => r.pValue), "holm");
    rows.forEach((r, i) => (r.pHolm = adjusted[i]));
    byTime.push(...rows);
  }
  return {
    method: "Within-experiment linear trend of log2 secreted VEGF on dose per cell line (lm(y ~ experiment + dose))",
    measure: s.measure,
    confLevel,
    alpha,
    hours,
    hoursRule,
    lines,
    byTime,
    dropped: data.dropped,
  };
}

function rowsOf(s: SecretionRows, line: string, hours: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < s.data.line.length; k++) if (s.data.line[k] === line && s.data.hours[k] === hours) out.push(k);
  return out;
}

function dosesAt(s: SecretionRows, line: string, hours: number): number[] {
  return distinctSorted(pick(s.data.dose, rowsOf(s, line, hours)));
}

function trend(s: SecretionRows, idx: number[], confLevel: number): ReturnType<typeof withinBlockSlope> {
  const experiment = s.data.experiment as string[];
  return withinBlockSlope(pick(s.y, idx), pick(s.data.dose, idx), idx.map((k) => experiment[k]), confLevel, "dose_gy");
}
