/**
 * VEGF mRNA induction after irradiation, per cell line, and whether it depends on p53
 * (claim C12).
 *
 * 1. Fold change by dose and time: Livak ΔΔCt (deltaDeltaCtByDose), ΔCt = Ct(VEGF) −
 *    Ct(GAPDH), calibrated to the 0 Gy samples of the same line and harvest time;
 *    fold change 2^−mean ΔΔCt with the t interval of the mean ΔΔCt (R: t.test) and
 *    Livak's ±SD range. The calibrator's own error is not in these intervals (usual practice).
 * 2. The induction measure: the log2 fold change at one dose and time for every line.
 *    Dose: the highest dose measured in every line (or `dose`). Time: the harvest time,
 *    among those every line has at that dose, where the mean over lines of the log2 fold
 *    change is largest (the peak of the pooled response; ties: earliest), or `hours`.
 *    Choosing the time from all lines pooled treats the lines alike, so it cannot favour
 *    either p53 group; it does pick the time of the strongest response, so the per-line
 *    rise tests below are read at the peak (the full table shows every time).
 * 3. Rise per line: Welch two-sample t test of −ΔCt at the induction dose versus the
 *    calibrator samples at the induction time (R: t.test(x, y)); the difference of means is
 *    exactly the log2 fold change, and the Welch interval, which does carry the
 *    calibrator's error, is back-transformed to fold change. "Rises": estimate > 0 and
 *    P < alpha (two-sided).
 * 4. p53: the lines are grouped as p53 wild type versus p53-deficient (null or mutant).
 *    Contrast = mean induction of the wild-type lines − mean induction of the deficient
 *    lines (each line weighted equally), tested with the pooled within-cell variance of
 *    the 2 × k cells (induction dose and calibrator of each line) on N − 2k df
 *    (induction-contrast.ts; R: the same linear combination of lm(−ΔCt ~ cell − 1)).
 *    Lines are fixed effects: the test asks whether these lines differ by p53 group, not
 *    whether p53 status matters in hepatoma cells in general (with one wild-type line,
 *    the between-line variation cannot be estimated). No significant difference is not
 *    proof of equality: read the interval of the ratio.
 *    Heterogeneity: the line × treatment interaction F test of the same cells (R:
 *    anova(lm(−ΔCt ~ treated * line))) says whether the lines' inductions differ at all.
 *
 * @example
 * const m = mrnaInduction(loadVegfMrna().fields);
 * m.perLine.map((l) => [l.cellLine, l.foldChange, l.pValue]);
 * m.p53?.pValue;
 */
import { InputError } from "../core/index";
import type { MissingPolicy } from "../core/index";
import { anovaTwoWay, deltaDeltaCtByDose, tTest } from "../stats/index";
import { cellIndex, cellKey, distinctSorted, mean, p53Group, pick, readInVitro, statusByLine, sumSq } from "./columns";
import type { MrnaColumns, P53Group } from "./columns";
import { contrastTest } from "./induction-contrast";

export interface MrnaInductionOptions {
  /** Level of the intervals (default 0.95). */
  confLevel?: number;
  /** Dose of the calibrator samples (default 0, sham-irradiated). */
  calibratorDose?: number;
  /** Dose at which the induction is measured (default: the highest dose every line has). */
  dose?: number;
  /** Harvest time of the induction (default: the peak of the mean log2 fold change over lines). */
  hours?: number;
  /** Significance level of the "rises" flags (default 0.05). */
  alpha?: number;
  missing?: MissingPolicy;
}

export interface MrnaFoldChangeRow {
  cellLine: string;
  p53Status: string;
  dose: number;
  hours: number;
  n: number;
  /** −mean ΔΔCt. */
  log2FoldChange: number;
  /** SD of ΔΔCt (null for n = 1). */
  sdLog2: number | null;
  /** 2^−mean ΔΔCt. */
  foldChange: number;
  /** t interval of the mean ΔΔCt, back-transformed. */
  lower: number | null;
  upper: number | null;
  /** Livak's ±SD range 2^−(mean ± SD). */
  sdLower: number | null;
  sdUpper: number | null;
}

export interface MrnaLineInduction {
  cellLine: string;
  p53Status: string;
  p53Group: P53Group;
  /** Samples at the induction dose and time, and calibrator samples at that time. */
  n: number;
  nCalibrator: number;
  /** Difference of mean −ΔCt, induction dose minus calibrator: the log2 fold change. */
  log2FoldChange: number;
  foldChange: number;
  /** Welch interval, back-transformed (includes the calibrator's error); null (with the test) when a cell has fewer than 2 samples. */
  lower: number | null;
  upper: number | null;
  t: number | null;
  df: number | null;
  pValue: number | null;
  rises: boolean;
}

export interface MrnaP53Comparison {
  method: "Contrast of mean log2 induction, p53 wild-type lines minus p53-deficient lines, pooled within-cell variance";
  wildTypeLines: string[];
  deficientLines: string[];
  /** Mean of the lines' log2 fold changes in each group. */
  wildTypeLog2: number;
  deficientLog2: number;
  /** wildTypeLog2 − deficientLog2, with its interval. */
  estimate: number;
  lower: number;
  upper: number;
  /** 2^estimate: how many times larger the wild-type lines' fold change is, with its interval. */
  ratio: number;
  ratioLower: number;
  ratioUpper: number;
  stdErr: number;
  t: number;
  df: number;
  pValue: number;
}

export interface MrnaInductionResult {
  method: "VEGF mRNA fold change by Livak 2^-ddCt (GAPDH reference, 0 Gy calibrator per line and time); rise per line by Welch t test; p53 contrast";
  confLevel: number;
  alpha: number;
  calibratorDose: number;
  lines: { cellLine: string; p53Status: string; p53Group: P53Group; hbvStatus: string | null }[];
  doses: number[];
  hours: number[];
  /** Every (line, dose, hours), calibrator rows included; lines in data order, then hours, dose. */
  foldChanges: MrnaFoldChangeRow[];
  inductionDose: number;
  inductionHours: number;
  inductionHoursRule: "peak of the mean log2 fold change over lines" | "given";
  /** Mean over lines of the log2 fold change at the induction dose, per candidate time. */
  timeProfile: { hours: number; meanLog2FoldChange: number }[];
  perLine: MrnaLineInduction[];
  /** Pooled within-cell mean square of −ΔCt over the induction and calibrator cells, and its df. */
  pooledMeanSq: number | null;
  pooledDf: number;
  /** Line × treatment interaction F test: do the lines' inductions differ? null without replicates. */
  lineHeterogeneity: { f: number; df1: number; df2: number; pValue: number } | null;
  /** null (with p53Note saying why) when there is no wild-type or no deficient line. */
  p53: MrnaP53Comparison | null;
  p53Note: string | null;
  dropped: number;
}

/** ΔΔCt fold changes, the induction per line and the p53 comparison; see the file comment. */
export function mrnaInduction(columns: MrnaColumns, options: MrnaInductionOptions = {}): MrnaInductionResult {
  const confLevel = options.confLevel === undefined ? 0.95 : options.confLevel;
  if (typeof confLevel !== "number" || !(confLevel > 0 && confLevel < 1)) throw new InputError("confLevel", null, confLevel, "must be between 0 and 1");
  const alpha = options.alpha === undefined ? 0.05 : options.alpha;
  if (typeof alpha !== "number" || !(alpha > 0 && alpha < 1)) throw new InputError("alpha", null, alpha, "must be between 0 and 1");
  const calibratorDose = options.calibratorDose === undefined ? 0 : options.calibratorDose;
  const data = readInVitro(columns, ["ct_vegf", "ct_gapdh"], options.missing, true);
  const p53 = statusByLine(data, "p53") as Record<string, string>;
  const hbv = statusByLine(data, "hbv");
  const lines = data.lines.map((cellLine) => {
    const group = p53Group(p53[cellLine]);
    if (group === null) {
      const k = data.line.indexOf(cellLine);
      throw new InputError("p53_status", data.rows[k], p53[cellLine], 'must be "wild-type", "null" or "mutant"');
    }
    return { cellLine, p53Status: p53[cellLine], p53Group: group, hbvStatus: hbv === null ? null : hbv[cellLine] };
  });

  const q = deltaDeltaCtByDose(
    { cellLine: data.line, dose: data.dose, hours: data.hours, ctTarget: data.values.ct_vegf, ctReference: data.values.ct_gapdh },
    { calibratorDose, confLevel },
  );
  const lineOrder = data.lines;
  const foldChanges: MrnaFoldChangeRow[] = q.summary
    .map((s) => ({
      cellLine: s.cellLine,
      p53Status: p53[s.cellLine],
      dose: s.dose,
      hours: s.hours,
      n: s.n,
      log2FoldChange: -s.meanDeltaDeltaCt,
      sdLog2: s.sdDeltaDeltaCt,
      foldChange: s.foldChange,
      lower: s.foldChangeLower,
      upper: s.foldChangeUpper,
      sdLower: s.foldChangeSdLower,
      sdUpper: s.foldChangeSdUpper,
    }))
    .sort((a, b) => lineOrder.indexOf(a.cellLine) - lineOrder.indexOf(b.cellLine) || a.hours - b.hours || a.dose - b.dose);

  // −ΔCt per kept row: higher = more VEGF mRNA relative to GAPDH.
  const negDct = new Float64Array(data.line.length);
  for (let k = 0; k < negDct.length; k++) negDct[k] = -(q.deltaCt[k] as number);
  const cells = cellIndex(data);
  const has = (line: string, dose: number, hours: number): boolean => cells.has(cellKey(line, dose, hours));

  // Induction dose: the highest non-calibrator dose every line has at some time (with its calibrator).
  const allHours = distinctSorted(data.hours);
  const commonTimes = (dose: number): number[] => allHours.filter((h) => lineOrder.every((l) => has(l, dose, h) && has(l, calibratorDose, h)));
  let inductionDose: number;
  if (options.dose !== undefined) {
    inductionDose = options.dose;
    if (commonTimes(inductionDose).length === 0) throw new InputError("dose", null, inductionDose, "is not measured (with its calibrator) in every cell line at a common time");
  } else {
    const candidates = distinctSorted(data.dose).filter((d) => d !== calibratorDose && commonTimes(d).length > 0);
    if (candidates.length === 0) throw new InputError("dose_gy", null, calibratorDose, "has no irradiated dose measured in every cell line at a time that also has calibrator samples");
    inductionDose = candidates[candidates.length - 1];
  }
  const times = commonTimes(inductionDose);
  const timeProfile = times.map((h) => {
    let s = 0;
    for (const l of lineOrder) s += mean(pick(negDct, cells.get(cellKey(l, inductionDose, h)) as number[])) - mean(pick(negDct, cells.get(cellKey(l, calibratorDose, h)) as number[]));
    return { hours: h, meanLog2FoldChange: s / lineOrder.length };
  });
  let inductionHours: number;
  let rule: MrnaInductionResult["inductionHoursRule"];
  if (options.hours !== undefined) {
    inductionHours = options.hours;
    rule = "given";
    if (times.indexOf(inductionHours) < 0) throw new InputError("hours", null, inductionHours, `is not a time every line has at ${inductionDose} Gy (${times.join(", ")})`);
  } else {
    rule = "peak of the mean log2 fold change over lines";
    let best = 0;
    for (let i = 1; i < timeProfile.length; i++) if (timeProfile[i].meanLog2FoldChange > timeProfile[best].meanLog2FoldChange) best = i;
    inductionHours = timeProfile[best].hours;
  }

  // Rise per line: Welch test of −ΔCt, induction dose vs calibrator.
  const estimates: number[] = [];
  const varFactors: number[] = [];
  let ssWithin = 0;
  let nCells = 0;
  let nObs = 0;
  const yAll: number[] = [];
  const treatAll: string[] = [];
  const lineAll: string[] = [];
  const perLine: MrnaLineInduction[] = lines.map((info) => {
    const xi = cells.get(cellKey(info.cellLine, inductionDose, inductionHours)) as number[];
    const yi = cells.get(cellKey(info.cellLine, calibratorDose, inductionHours)) as number[];
    const x = pick(negDct, xi);
    const y = pick(negDct, yi);
    estimates.push(mean(x) - mean(y));
    varFactors.push(1 / x.length + 1 / y.length);
    ssWithin += sumSq(x) + sumSq(y);
    nCells += 2;
    nObs += x.length + y.length;
    x.forEach((v) => {
      yAll.push(v);
      treatAll.push("irradiated");
      lineAll.push(info.cellLine);
    });
    y.forEach((v) => {
      yAll.push(v);
      treatAll.push("calibrator");
      lineAll.push(info.cellLine);
    });
    const canTest = x.length >= 2 && y.length >= 2;
    const w = canTest ? tTest(x, y, { confLevel }) : null;
    const est = mean(x) - mean(y);
    return {
      cellLine: info.cellLine,
      p53Status: info.p53Status,
      p53Group: info.p53Group,
      n: x.length,
      nCalibrator: y.length,
      log2FoldChange: est,
      foldChange: Math.pow(2, est),
      lower: w === null ? null : Math.pow(2, w.lower),
      upper: w === null ? null : Math.pow(2, w.upper),
      t: w === null ? null : w.t,
      df: w === null ? null : w.df,
      pValue: w === null ? null : w.pValue,
      rises: w !== null && est > 0 && w.pValue < alpha,
    };
  });
  const pooledDf = nObs - nCells;
  const pooledMeanSq = pooledDf > 0 ? ssWithin / pooledDf : null;

  let lineHeterogeneity: MrnaInductionResult["lineHeterogeneity"] = null;
  if (pooledDf > 0 && lineOrder.length > 1) {
    const aov = anovaTwoWay(yAll, treatAll, lineAll, { levelsA: ["calibrator", "irradiated"], levelsB: lineOrder, names: ["treatment", "cell line"] });
    const term = aov.terms[2];
    if (term.f !== null && term.pValue !== null) lineHeterogeneity = { f: term.f, df1: term.df, df2: aov.residual.df, pValue: term.pValue };
  }

  const wt = lines.filter((l) => l.p53Group === "wild-type").map((l) => l.cellLine);
  const def = lines.filter((l) => l.p53Group === "deficient").map((l) => l.cellLine);
  let p53Result: MrnaP53Comparison | null = null;
  let p53Note: string | null = null;
  if (wt.length === 0 || def.length === 0) {
    p53Note = `no comparison: the data have ${wt.length} p53 wild-type and ${def.length} p53-deficient lines`;
  } else if (pooledMeanSq === null) {
    p53Note = "no comparison: no replicate samples to estimate the within-cell variance";
  } else {
    const coef = lines.map((l) => (l.p53Group === "wild-type" ? 1 / wt.length : -1 / def.length));
    const c = contrastTest(coef, estimates, varFactors, pooledMeanSq, pooledDf, confLevel);
    const groupMean = (names: string[]): number => mean(names.map((n) => estimates[lineOrder.indexOf(n)]));
    p53Result = {
      method: "Contrast of mean log2 induction, p53 wild-type lines minus p53-deficient lines, pooled within-cell variance",
      wildTypeLines: wt,
      deficientLines: def,
      wildTypeLog2: groupMean(wt),
      deficientLog2: groupMean(def),
      estimate: c.estimate,
      lower: c.lower,
      upper: c.upper,
      ratio: Math.pow(2, c.estimate),
      ratioLower: Math.pow(2, c.lower),
      ratioUpper: Math.pow(2, c.upper),
      stdErr: c.stdErr,
      t: c.t,
      df: c.df,
      pValue: c.pValue,
    };
  }

  return {
    method: "VEGF mRNA fold change by Livak 2^-ddCt (GAPDH reference, 0 Gy calibrator per line and time); rise per line by Welch t test; p53 contrast",
    confLevel,
    alpha,
    calibratorDose,
    lines,
    doses: distinctSorted(data.dose),
    hours: allHours,
    foldChanges,
    inductionDose,
    inductionHours,
    inductionHoursRule: rule,
    timeProfile,
    perLine,
    pooledMeanSq,
    pooledDf,
    lineHeterogeneity,
    p53: p53Result,
    p53Note,
    dropped: data.dropped,
  };
}
