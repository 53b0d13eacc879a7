/**
 * Does secreted VEGF rise with time after irradiation (claim C14)?
 *
 * The time effect of irradiation is read against the sham of the same experiment and
 * harvest time: on log2 VEGF (the concentration in the medium by default; VEGF per 10^6 cells
 * at harvest with `measure: "per 10^6 cells"`), the rise in experiment e at time t is
 *   d_et = log2 VEGF(dose, t, e) − log2 VEGF(control dose, t, e)   (2^d = fold over sham),
 * which removes the experiment's own level (culture batch, ELISA run). Per time: mean d
 * with its paired t interval over experiments (R: t.test(x, y, paired = TRUE)). Its trend
 * over time: the slope of d on the harvest hours within each experiment, tested across
 * experiments (perExperimentSlopes; R: t.test of the per-experiment lm(d ~ hours) slopes,
 * df = experiments − 1), so each experiment's own response strength is part of the error.
 * Only harvests after `afterHours` (default 0 h, the time of irradiation) enter the trend: a
 * rise complete by the first harvest after irradiation is not a rise with time.
 * "Increases" = slope > 0 and two-sided P < alpha; reported per day as 2^(24·slope), the
 * factor by which the fold over sham grows in 24 h. `pooled` is lm(d ~ experiment + hours)
 * (dishes as replicates of one slope; comparison only); `unadjusted` is the per-experiment
 * trend of log2 VEGF at the dose alone (no sham subtracted), which also holds any change of
 * the sham over time (VEGF accumulates in the medium).
 *
 * An experiment lacking the dose or the sham sample at a time (a block with a missing cell)
 * gives no d there, named in `notes`. Dose: the highest dose every line has with its control
 * at 2+ times (or `dose`). `cells` holds mean ± SD of the measure for every line × dose × time.
 *
 * @example
 * const tc = secretionTimeCourse(loadVegfSecretion().fields);
 * tc.lines.map((l) => [l.cellLine, l.foldPerDay, l.pValue]);
 */
import { InputError } from "../core/index";
import type { MissingPolicy } from "../core/index";
import { tTest } from "../stats/index";
import { LAB_ANALYSIS_PLAN } from "./analysis-plan";
import { blockIndex, blockKey, cellIndex, cellKey, distinctSorted, experimentsOf, mean, pick, sd } from "./columns";
import type { SecretionColumns } from "./columns";
import { perExperimentSlopes } from "./per-experiment-slopes";
import type { ExperimentSlope } from "./per-experiment-slopes";
import { readSecretion } from "./secretion-measure";
import type { SecretionMeasure, SecretionMeasureKind } from "./secretion-measure";
import { requireConfLevel } from "../stats/input";

export interface SecretionTimeCourseOptions {
  /** Dose whose rise is followed over time (default: the analysis plan's, else the highest dose every line has at 2+ times). */
  dose?: number;
  /** The sham control dose (default 0). */
  controlDose?: number;
  /** Only harvests after this time (h) enter the time trend (default 0: after irradiation). */
  afterHours?: number;
  /** Measure (default: the plan's, the concentration). */
  measure?: SecretionMeasureKind;
  confLevel?: number;
  alpha?: number;
  missing?: MissingPolicy;
}

export interface SecretionCell {
  cellLine: string;
  dose: number;
  hours: number;
  n: number;
  /** The measure: mean, SD (null for n = 1), SEM, and 2^mean(log2). */
  mean: number;
  sd: number | null;
  sem: number | null;
  geometricMean: number;
}

export interface TimeCourseInduction {
  cellLine: string;
  hours: number;
  /** Experiments with both samples. */
  n: number;
  /** Mean d and 2^mean d (fold over the same experiment's sham), with the paired t interval (null below 2 experiments). */
  log2Ratio: number;
  ratio: number;
  lower: number | null;
  upper: number | null;
}

export interface TimeCourseLine {
  cellLine: string;
  /** Harvest times in the trend. */
  hours: number[];
  /** Mean of the experiments' slopes of d per hour, its se, interval and t test across experiments. */
  slopeLog2PerHour: number;
  stdErr: number;
  lower: number;
  upper: number;
  t: number;
  df: number;
  pValue: number;
  /** 2^(24 · slope): by how many times the fold over sham changes per day (above 1: grows). */
  foldPerDay: number;
  increases: boolean;
  experiments: number;
  slopes: ExperimentSlope[];
  /** lm(d ~ experiment + hours): dishes as replicates of one slope (comparison only). */
  pooled: { slopeLog2PerHour: number; df: number; pValue: number } | null;
  /** Per-experiment trend of log2 VEGF at the dose alone over the same hours (null when it cannot be computed). */
  unadjusted: { slopeLog2PerHour: number; pValue: number } | null;
}

export interface SecretionTimeCourseResult {
  method: "Time trend of the rise of log2 secreted VEGF over the same experiment's sham: one slope per experiment, t test across experiments";
  measure: SecretionMeasure;
  dose: number;
  controlDose: number;
  afterHours: number;
  confLevel: number;
  alpha: number;
  cells: SecretionCell[];
  induction: TimeCourseInduction[];
  /** One per line that can be tested; a line without the data for it is left out and named in `notes`. */
  lines: TimeCourseLine[];
  notes: string[];
  dropped: number;
}

/** Blocked time course of secreted VEGF and its trend per line; see the file comment. */
export function secretionTimeCourse(columns: SecretionColumns, options: SecretionTimeCourseOptions = {}): SecretionTimeCourseResult {
  const confLevel = options.confLevel === undefined ? 0.95 : options.confLevel;
  requireConfLevel(confLevel);
  const alpha = options.alpha === undefined ? LAB_ANALYSIS_PLAN.alpha : options.alpha;
  if (typeof alpha !== "number" || !(alpha > 0 && alpha < 1)) throw new InputError("alpha", null, alpha, "must be between 0 and 1");
  const controlDose = options.controlDose === undefined ? 0 : options.controlDose;
  const afterHours = options.afterHours === undefined ? 0 : options.afterHours;
  if (typeof afterHours !== "number" || !Number.isFinite(afterHours)) throw new InputError("afterHours", null, afterHours, "must be a number of hours");
  const s = readSecretion(columns, options.missing, true, options.measure === undefined ? LAB_ANALYSIS_PLAN.secretionMeasure : options.measure);
  const data = s.data;
  const y = s.y;
  const blocks = blockIndex(data);
  const cells = cellIndex(data);
  const allHours = distinctSorted(data.hours);
  const allDoses = distinctSorted(data.dose);
  const timesWith = (line: string, dose: number): number[] => allHours.filter((h) => h > afterHours && cells.has(cellKey(line, dose, h)) && cells.has(cellKey(line, controlDose, h)));

  const requested = options.dose !== undefined ? options.dose : LAB_ANALYSIS_PLAN.timeCourseDose;
  let dose: number;
  if (requested !== null && requested !== undefined) {
    dose = requested;
    const short = data.lines.filter((l) => timesWith(l, dose).length < 2);
    if (short.length > 0) throw new InputError("dose", null, dose, `is not measured with its control at 2 or more times after ${afterHours} h in ${short.join(", ")}`);
  } else {
    const ok = allDoses.filter((d) => d !== controlDose && data.lines.every((l) => timesWith(l, d).length >= 2));
    if (ok.length === 0) throw new InputError("dose_gy", null, controlDose, `has no irradiated dose measured with its control at 2 or more times after ${afterHours} h in every cell line`);
    dose = ok[ok.length - 1];
  }

  const cellRows: SecretionCell[] = [];
  for (const cellLine of data.lines) {
    for (const d of allDoses) {
      for (const h of allHours) {
        const idx = cells.get(cellKey(cellLine, d, h));
        if (idx === undefined) continue;
        const v = pick(s.value, idx);
        const sdv = sd(v);
        cellRows.push({ cellLine, dose: d, hours: h, n: v.length, mean: mean(v), sd: sdv, sem: sdv === null ? null : sdv / Math.sqrt(v.length), geometricMean: Math.pow(2, mean(pick(y, idx))) });
      }
    }
  }

  const experiment = data.experiment as string[];
  const induction: TimeCourseInduction[] = [];
  const lines: TimeCourseLine[] = [];
  const notes: string[] = [];
  const describedTimes = (line: string): number[] => allHours.filter((h) => cells.has(cellKey(line, dose, h)) && cells.has(cellKey(line, controlDose, h)));
  for (const cellLine of data.lines) {
    const dAll: number[] = [];
    const hAll: number[] = [];
    const eAll: string[] = [];
    for (const h of describedTimes(cellLine)) {
      const d: number[] = [];
      for (const e of experimentsOf(data, cellLine)) {
        const x = blocks.get(blockKey(cellLine, dose, h, e));
        const c = blocks.get(blockKey(cellLine, controlDose, h, e));
        if (x !== undefined && c !== undefined) {
          d.push(y[x] - y[c]);
          if (h > afterHours) {
            dAll.push(y[x] - y[c]);
            hAll.push(h);
            eAll.push(e);
          }
        } else if (x !== undefined || c !== undefined) {
          notes.push(`${cellLine}, experiment ${e}: no ${x === undefined ? `${dose} Gy` : `${controlDose} Gy (sham)`} sample at ${h} h, so this block is left out of the rise over sham at ${h} h`);
        }
      }
      if (d.length === 0) continue;
      const m = mean(d);
      const sdd = sd(d);
      let lower: number | null = null;
      let upper: number | null = null;
      if (d.length >= 2 && sdd !== null && sdd > 0) {
        try {
          const w = tTest(d, null, { confLevel });
          lower = Math.pow(2, w.lower);
          upper = Math.pow(2, w.upper);
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          notes.push(`${cellLine}, ${h} h: the experiments' rises over sham are (essentially) equal, so no interval`);
        }
      }
      induction.push({ cellLine, hours: h, n: d.length, log2Ratio: m, ratio: Math.pow(2, m), lower, upper });
    }
    let fit: ReturnType<typeof perExperimentSlopes>;
    try {
      fit = perExperimentSlopes(dAll, hAll, eAll, confLevel, "hours");
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      notes.push(`${cellLine}: no time trend test (${error.message})`);
      continue;
    }
    for (const e of fit.skipped) notes.push(`${cellLine}, experiment ${e}: rises over sham at fewer than 2 times after ${afterHours} h, so no slope of its own`);
    const used = Array.from(new Set(hAll)).sort((a, b) => a - b);
    const doseRows: number[] = [];
    for (let k = 0; k < data.line.length; k++) if (data.line[k] === cellLine && data.dose[k] === dose && used.indexOf(data.hours[k]) >= 0) doseRows.push(k);
    let unadjusted: TimeCourseLine["unadjusted"] = null;
    try {
      const plain = perExperimentSlopes(pick(y, doseRows), pick(data.hours, doseRows), doseRows.map((k) => experiment[k]), confLevel, "hours");
      unadjusted = { slopeLog2PerHour: plain.estimate, pValue: plain.pValue };
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
    }
    lines.push({
      cellLine,
      hours: used,
      slopeLog2PerHour: fit.estimate,
      stdErr: fit.stdErr,
      lower: fit.lower,
      upper: fit.upper,
      t: fit.t,
      df: fit.df,
      pValue: fit.pValue,
      foldPerDay: Math.pow(2, 24 * fit.estimate),
      increases: fit.estimate > 0 && fit.pValue < alpha,
      experiments: fit.slopes.length,
      slopes: fit.slopes,
      pooled: fit.pooled === null ? null : { slopeLog2PerHour: fit.pooled.slope, df: fit.pooled.df, pValue: fit.pooled.pValue },
      unadjusted,
    });
  }
  return {
    method: "Time trend of the rise of log2 secreted VEGF over the same experiment's sham: one slope per experiment, t test across experiments",
    measure: s.measure,
    dose,
    controlDose,
    afterHours,
    confLevel,
    alpha,
    cells: cellRows,
    induction,
    lines,
    notes,
    dropped: data.dropped,
  };
}
