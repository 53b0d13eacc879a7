/**
 * Does secreted VEGF rise with radiation dose, in each cell line (claim C13)?
 *
 * Per line, at one pre-specified harvest time (`hours`, default the analysis plan's 72 h): the
 * linear trend of log2 VEGF (the concentration in the medium by default; VEGF per 10^6 cells at
 * harvest with `measure: "per 10^6 cells"`; see secretion-measure.ts) on dose.
 * - Unit of replication: the experiment. Each experiment (culture batch and ELISA run) has its own
 *   level and its own response strength, so the slope is computed within each experiment and the
 *   slopes are tested across experiments (perExperimentSlopes; R: t.test of the per-experiment
 *   lm slopes, df = experiments − 1). The within-experiment slope of lm(y ~ experiment + dose),
 *   which counts dishes as replicates of a common slope, is given as `pooled` for comparison.
 * - Doses: `doses: "irradiated"` (the plan's) uses the doses above the lowest (the sham) dose, so
 *   the test asks whether more dose gives more VEGF among irradiated wells; a step (the same rise at
 *   every dose) is not a dose-dependent rise, and a trend that includes the sham wells would be
 *   significant from the sham-versus-irradiated contrast alone. `"all"` includes the sham wells.
 * Log scale because ELISA error is multiplicative; the slope reads as a relative change,
 * 2^slope − 1 per Gy. Two-sided P; "increases" = slope > 0 and P < alpha.
 *
 * `byTime` is the same test at every harvest time, with Holm-adjusted P values over the times of
 * each line. The shape of the dose-response (saturation, EC50) is in secretionDoseResponse.
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
import { perExperimentSlopes } from "./per-experiment-slopes";
import type { ExperimentSlope } from "./per-experiment-slopes";
import { readSecretion } from "./secretion-measure";
import type { SecretionMeasure, SecretionMeasureKind, SecretionRows } from "./secretion-measure";
import { requireConfLevel } from "../stats/input";

export interface SecretionDoseTrendOptions {
  /** Pre-specified harvest time of the headline test (default: the analysis plan's, 72 h). */
  hours?: number;
  /** "irradiated" (default, the plan's): doses above the lowest; "all": every dose. */
  doses?: "irradiated" | "all";
  /** Measure (default: the plan's, the concentration). */
  measure?: SecretionMeasureKind;
  confLevel?: number;
  /** Significance level of the "increases" flags (default 0.05). */
  alpha?: number;
  missing?: MissingPolicy;
}

export interface DoseTrendLine {
  cellLine: string;
  hours: number;
  /** Every dose at this time, with the measure's mean, SD and 2^mean(log2) per dose. */
  doses: number[];
  n: number[];
  mean: number[];
  sd: (number | null)[];
  geometricMean: number[];
  /** Doses the trend uses. */
  trendDoses: number[];
  /** Mean of the experiments' slopes of log2 VEGF per Gy, its interval (t on experiments − 1 df), and as a percentage change per Gy. */
  slopeLog2PerGy: number;
  stdErr: number;
  lower: number;
  upper: number;
  percentPerGy: number;
  t: number;
  df: number;
  pValue: number;
  /** Experiments with a slope, and each one's slope. */
  experiments: number;
  slopes: ExperimentSlope[];
  /** Geometric mean at the highest dose over that at the lowest (sham), and over the lowest dose the trend uses. */
  foldHighestVsLowest: number;
  foldHighestVsFirstTrendDose: number;
  increases: boolean;
  /** lm(y ~ experiment + dose) over the same doses: dishes as replicates of one slope (comparison only). */
  pooled: { slopeLog2PerGy: number; t: number; df: number; pValue: number } | null;
}

export interface SecretionDoseTrendResult {
  method: "Linear trend of log2 secreted VEGF on dose per cell line: one slope per experiment, t test across experiments";
  measure: SecretionMeasure;
  confLevel: number;
  alpha: number;
  hours: number;
  hoursRule: "pre-specified (analysis plan)" | "given";
  dosesRule: "irradiated" | "all";
  lines: DoseTrendLine[];
  /** The same test per line at every time with 2+ trend doses, Holm-adjusted within the line (null where it cannot be computed). */
  byTime: { cellLine: string; hours: number; slopeLog2PerGy: number | null; percentPerGy: number | null; pValue: number | null; pHolm: number | null }[];
  notes: string[];
  dropped: number;
}

/** Per-experiment dose trend of secreted VEGF per line; see the file comment. */
export function secretionDoseTrend(columns: SecretionColumns, options: SecretionDoseTrendOptions = {}): SecretionDoseTrendResult {
  const confLevel = options.confLevel === undefined ? LAB_ANALYSIS_PLAN.confLevel : options.confLevel;
  requireConfLevel(confLevel);
  const alpha = options.alpha === undefined ? LAB_ANALYSIS_PLAN.alpha : options.alpha;
  if (typeof alpha !== "number" || !(alpha > 0 && alpha < 1)) throw new InputError("alpha", null, alpha, "must be between 0 and 1");
  const dosesRule = options.doses === undefined ? "irradiated" : options.doses;
  if (dosesRule !== "irradiated" && dosesRule !== "all") throw new InputError("doses", null, dosesRule, 'must be "irradiated" (doses above the lowest) or "all"');
  const s = readSecretion(columns, options.missing, true, options.measure === undefined ? LAB_ANALYSIS_PLAN.secretionMeasure : options.measure);
  const data = s.data;
  const hours = options.hours === undefined ? LAB_ANALYSIS_PLAN.secretionHours : options.hours;
  const hoursRule: SecretionDoseTrendResult["hoursRule"] = hours === LAB_ANALYSIS_PLAN.secretionHours ? "pre-specified (analysis plan)" : "given";
  const times = distinctSorted(data.hours);
  const needed = dosesRule === "irradiated" ? 3 : 2;
  for (const l of data.lines) {
    if (dosesAt(s, l, hours).length < needed) {
      const have = dosesAt(s, l, hours);
      throw new InputError(
        "hours",
        null,
        hours,
        have.length === 0
          ? `has no samples for cell line ${JSON.stringify(l)} (harvest times in the data: ${times.join(", ")} h)`
          : `has ${have.length} dose${have.length === 1 ? "" : "s"} for cell line ${JSON.stringify(l)} (${have.join(", ")} Gy): a trend ${dosesRule === "irradiated" ? "over the irradiated doses needs 2 doses above the lowest" : "needs 2 doses"}`,
      );
    }
  }
  const notes: string[] = [];
  const lines = data.lines.map((cellLine): DoseTrendLine => {
    const idx = rowsOf(s, cellLine, hours);
    const doses = distinctSorted(pick(data.dose, idx));
    const trendDoses = dosesRule === "irradiated" ? doses.slice(1) : doses;
    const tr = trend(s, idx.filter((k) => trendDoses.indexOf(data.dose[k]) >= 0), confLevel);
    for (const e of tr.skipped) notes.push(`${cellLine}, experiment ${e}: fewer than 2 doses at ${hours} h, so no slope of its own`);
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
      trendDoses,
      slopeLog2PerGy: tr.estimate,
      stdErr: tr.stdErr,
      lower: tr.lower,
      upper: tr.upper,
      percentPerGy: (Math.pow(2, tr.estimate) - 1) * 100,
      t: tr.t,
      df: tr.df,
      pValue: tr.pValue,
      experiments: tr.slopes.length,
      slopes: tr.slopes,
      foldHighestVsLowest: geometricMean[geometricMean.length - 1] / geometricMean[0],
      foldHighestVsFirstTrendDose: geometricMean[geometricMean.length - 1] / geometricMean[doses.indexOf(trendDoses[0])],
      increases: tr.estimate > 0 && tr.pValue < alpha,
      pooled: tr.pooled === null ? null : { slopeLog2PerGy: tr.pooled.slope, t: tr.pooled.t, df: tr.pooled.df, pValue: tr.pooled.pValue },
    };
  });
  const byTime: SecretionDoseTrendResult["byTime"] = [];
  for (const cellLine of data.lines) {
    const rows: SecretionDoseTrendResult["byTime"] = [];
    for (const h of times) {
      const doses = dosesAt(s, cellLine, h);
      if (doses.length < needed) continue;
      const trendDoses = dosesRule === "irradiated" ? doses.slice(1) : doses;
      try {
        const tr = trend(s, rowsOf(s, cellLine, h).filter((k) => trendDoses.indexOf(data.dose[k]) >= 0), confLevel);
        rows.push({ cellLine, hours: h, slopeLog2PerGy: tr.estimate, percentPerGy: (Math.pow(2, tr.estimate) - 1) * 100, pValue: tr.pValue, pHolm: null });
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        notes.push(`${cellLine}, ${h} h: no dose trend (${error.message})`);
        rows.push({ cellLine, hours: h, slopeLog2PerGy: null, percentPerGy: null, pValue: null, pHolm: null });
      }
    }
    const adjusted = pAdjust(rows.map((r) => r.pValue), "holm");
    rows.forEach((r, i) => (r.pHolm = adjusted[i]));
    byTime.push(...rows);
  }
  return {
    method: "Linear trend of log2 secreted VEGF on dose per cell line: one slope per experiment, t test across experiments",
    measure: s.measure,
    confLevel,
    alpha,
    hours,
    hoursRule,
    dosesRule,
    lines,
    byTime,
    notes,
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

function trend(s: SecretionRows, idx: number[], confLevel: number): ReturnType<typeof perExperimentSlopes> {
  const experiment = s.data.experiment as string[];
  return perExperimentSlopes(pick(s.y, idx), pick(s.data.dose, idx), idx.map((k) => experiment[k]), confLevel, "dose_gy");
}
