/**
 * Does secreted VEGF rise with time after irradiation (claim C14)?
 *
 * Conditioned medium accumulates VEGF with time in sham-irradiated cells too, so the
 * time effect of irradiation is read against the time-matched control: on log2 VEGF,
 * the radiation-induced rise at time t in a line is
 *   D_t = mean log2 VEGF(dose, t) − mean log2 VEGF(control dose, t)  (2^D_t = fold over sham),
 * with a Welch interval per time (R: t.test). Its trend over time is the least-squares
 * slope of D_t on the harvest hours,
 *   b = Σ w_t D_t,  w_t = (h_t − h̄) / Σ(h − h̄)²,  se = σ sqrt(Σ w_t² (1/n_dose,t + 1/n_control,t)),
 * σ² the pooled within-cell variance of that line's 2T cells on N − 2T df (a dose × linear
 * time interaction contrast; R: the same combination of lm(y ~ cell − 1) coefficients).
 * "Increases" = b > 0 and two-sided P < alpha. As a secondary view, `unadjusted` is the
 * plain linear trend of log2 VEGF at the dose over time (linearTrendTest with hours as
 * scores), which also contains the sham accumulation.
 *
 * Dose: the highest dose every line has at two or more times together with the control
 * dose (default 0 Gy), or `dose`. `cells` holds mean ± SD (pg/ml) of every line × dose ×
 * time for the curves.
 *
 * @example
 * const tc = secretionTimeCourse(loadVegfSecretion().fields);
 * tc.lines.map((l) => [l.cellLine, l.foldPerDay, l.pValue]);
 */
import { InputError } from "../core/index";
import type { MissingPolicy } from "../core/index";
import { linearTrendTest, tTest } from "../stats/index";
import { cellIndex, cellKey, distinctSorted, log2Column, mean, pick, readInVitro, sd, sumSq } from "./columns";
import type { SecretionColumns } from "./columns";
import { contrastTest } from "./induction-contrast";

export interface SecretionTimeCourseOptions {
  /** Dose whose rise is followed over time (default: the highest dose every line has at 2+ times). */
  dose?: number;
  /** The sham control dose (default 0). */
  controlDose?: number;
  confLevel?: number;
  alpha?: number;
  missing?: MissingPolicy;
}

export interface SecretionCell {
  cellLine: string;
  dose: number;
  hours: number;
  n: number;
  /** VEGF pg/ml: mean, SD (null for n = 1), SEM, and 2^mean(log2). */
  mean: number;
  sd: number | null;
  sem: number | null;
  geometricMean: number;
}

export interface TimeCourseInduction {
  cellLine: string;
  hours: number;
  n: number;
  nControl: number;
  /** D_t and 2^D_t (fold over the time-matched sham), with the Welch interval (null below 2 samples per cell). */
  log2Ratio: number;
  ratio: number;
  lower: number | null;
  upper: number | null;
}

export interface TimeCourseLine {
  cellLine: string;
  hours: number[];
  /** Slope of D_t per hour, its se, interval and test. */
  slopeLog2PerHour: number;
  stdErr: number;
  lower: number;
  upper: number;
  t: number;
  df: number;
  pValue: number;
  /** 2^(24 · slope): how many times the fold over sham grows per day. */
  foldPerDay: number;
  increases: boolean;
  /** Trend of log2 VEGF at the dose alone over the hours (contrast slope per hour and P). */
  unadjusted: { slopeLog2PerHour: number; pValue: number };
}

export interface SecretionTimeCourseResult {
  method: "Time trend of the radiation-induced rise of log2 secreted VEGF over the time-matched sham (dose x linear time contrast)";
  dose: number;
  controlDose: number;
  confLevel: number;
  alpha: number;
  cells: SecretionCell[];
  induction: TimeCourseInduction[];
  /** One per line that can be tested; a line without replicate samples is left out and named in `notes`. */
  lines: TimeCourseLine[];
  notes: string[];
  dropped: number;
}

/** Time course of secreted VEGF and its trend per line; see the file comment. */
export function secretionTimeCourse(columns: SecretionColumns, options: SecretionTimeCourseOptions = {}): SecretionTimeCourseResult {
  const confLevel = options.confLevel === undefined ? 0.95 : options.confLevel;
  if (typeof confLevel !== "number" || !(confLevel > 0 && confLevel < 1)) throw new InputError("confLevel", null, confLevel, "must be between 0 and 1");
  const alpha = options.alpha === undefined ? 0.05 : options.alpha;
  if (typeof alpha !== "number" || !(alpha > 0 && alpha < 1)) throw new InputError("alpha", null, alpha, "must be between 0 and 1");
  const controlDose = options.controlDose === undefined ? 0 : options.controlDose;
  const data = readInVitro(columns, ["vegf_pg_ml"], options.missing);
  const raw = data.values.vegf_pg_ml;
  const y = log2Column("vegf_pg_ml", raw, data.rows);
  const cells = cellIndex(data);
  const allHours = distinctSorted(data.hours);
  const allDoses = distinctSorted(data.dose);
  const timesWith = (line: string, dose: number): number[] => allHours.filter((h) => cells.has(cellKey(line, dose, h)) && cells.has(cellKey(line, controlDose, h)));

  let dose: number;
  if (options.dose !== undefined) {
    dose = options.dose;
    const short = data.lines.filter((l) => timesWith(l, dose).length < 2);
    if (short.length > 0) throw new InputError("dose", null, dose, `is not measured with its control at 2 or more times in ${short.join(", ")}`);
  } else {
    const ok = allDoses.filter((d) => d !== controlDose && data.lines.every((l) => timesWith(l, d).length >= 2));
    if (ok.length === 0) throw new InputError("dose_gy", null, controlDose, "has no irradiated dose measured with its control at 2 or more times in every cell line");
    dose = ok[ok.length - 1];
  }

  const cellRows: SecretionCell[] = [];
  for (const cellLine of data.lines) {
    for (const d of allDoses) {
      for (const h of allHours) {
        const idx = cells.get(cellKey(cellLine, d, h));
        if (idx === undefined) continue;
        const v = pick(raw, idx);
        const s = sd(v);
        cellRows.push({ cellLine, dose: d, hours: h, n: v.length, mean: mean(v), sd: s, sem: s === null ? null : s / Math.sqrt(v.length), geometricMean: Math.pow(2, mean(pick(y, idx))) });
      }
    }
  }

  const induction: TimeCourseInduction[] = [];
  const lines: TimeCourseLine[] = [];
  const notes: string[] = [];
  for (const cellLine of data.lines) {
    const times = timesWith(cellLine, dose);
    const estimates: number[] = [];
    const varFactors: number[] = [];
    let ss = 0;
    let nObs = 0;
    const doseRows: number[] = [];
    for (const h of times) {
      const xi = cells.get(cellKey(cellLine, dose, h)) as number[];
      const ci = cells.get(cellKey(cellLine, controlDose, h)) as number[];
      const x = pick(y, xi);
      const c = pick(y, ci);
      const est = mean(x) - mean(c);
      estimates.push(est);
      varFactors.push(1 / x.length + 1 / c.length);
      ss += sumSq(x) + sumSq(c);
      nObs += x.length + c.length;
      doseRows.push(...xi);
      let lower: number | null = null;
      let upper: number | null = null;
      if (x.length >= 2 && c.length >= 2) {
        const w = tTest(x, c, { confLevel });
        lower = Math.pow(2, w.lower);
        upper = Math.pow(2, w.upper);
      }
      induction.push({ cellLine, hours: h, n: x.length, nControl: c.length, log2Ratio: est, ratio: Math.pow(2, est), lower, upper });
    }
    const df = nObs - 2 * times.length;
    if (df < 1) {
      notes.push(`${cellLine}: no replicate samples, so no time trend test`);
      continue;
    }
    const hBar = mean(times);
    let sxx = 0;
    for (const h of times) sxx += (h - hBar) * (h - hBar);
    const w = times.map((h) => (h - hBar) / sxx);
    const c = contrastTest(w, estimates, varFactors, ss / df, df, confLevel);
    const plain = linearTrendTest(pick(y, doseRows), pick(data.hours, doseRows));
    lines.push({
      cellLine,
      hours: times,
      slopeLog2PerHour: c.estimate,
      stdErr: c.stdErr,
      lower: c.lower,
      upper: c.upper,
      t: c.t,
      df: c.df,
      pValue: c.pValue,
      foldPerDay: Math.pow(2, 24 * c.estimate),
      increases: c.estimate > 0 && c.pValue < alpha,
      unadjusted: { slopeLog2PerHour: plain.contrast.slope, pValue: plain.contrast.pValue },
    });
  }
  return {
    method: "Time trend of the radiation-induced rise of log2 secreted VEGF over the time-matched sham (dose x linear time contrast)",
    dose,
    controlDose,
    confLevel,
    alpha,
    cells: cellRows,
    induction,
    lines,
    notes,
    dropped: data.dropped,
  };
}
