/**
 * VEGF mRNA induction after irradiation, per cell line, and whether it is the same in
 * p53 wild-type and p53-deficient lines (claim C12), with the experiment as a block.
 *
 * Design: each `replicate` of a line is an independent experiment (one culture batch and
 * one qPCR plate), holding that line's samples of every dose and time. Samples of one
 * experiment share its plate and batch effects, so every comparison is made within the
 * experiment and the experiments are the units of replication (no pseudo-replication).
 *
 * 1. Paired ΔΔCt: ΔCt = Ct(VEGF) − Ct(GAPDH) per sample; in experiment e of line l,
 *    d_e = ΔCt(0 Gy, t, e) − ΔCt(dose, t, e) = −ΔΔCt, the log2 fold change of that
 *    experiment (calibrator: the sham sample of the same experiment and harvest time).
 *    Fold change 2^mean(d) with the t interval of mean(d) over experiments (R: t.test(d)).
 *    An experiment lacking one of the two samples (a block with a missing cell) cannot be
 *    paired and is left out, named in `notes`.
 * 2. The induction is read at one dose (the highest every line has, or `dose`) and one
 *    pre-specified harvest time (`hours`, default the analysis plan's 6 h; never chosen
 *    from the data). `byTime` gives the same paired test at every time, with Holm-adjusted
 *    P values over the times of each line (R: p.adjust(p, "holm")). A descriptive cell (a
 *    time or dose other than the induction's) whose experiments all gave the same ΔΔCt (Ct
 *    rounded to 0.1 cycle makes this common) has no t interval: it is reported without one,
 *    with a note, and never stops the analysis.
 * 3. Rise per line: paired t test of d (R: t.test(d), i.e. t.test(x, y, paired = TRUE));
 *    "rises" = mean d > 0 and P < alpha. `unpaired` is Welch's test of the same samples
 *    ignoring the experiments (the pre-blocking analysis), for comparison only.
 * 4. Do the lines differ? Randomized-block ANOVA of −ΔCt at the induction time, dose and
 *    calibrator only, with experiment (within line) as block: R's
 *    anova(lm(-dct ~ experiment + treatment * line)), line aliased with the experiments.
 *    With complete pairs its treatment × line F is the one-way ANOVA of d by line
 *    (anovaOneWay), which is how it is computed here (pairs only). `detectableLineRatio`: the
 *    ratio of two lines' fold changes that a t test of their difference (pooled within-line
 *    variance, its df; the smallest line's number of experiments) detects with 80 % power at
 *    alpha (detectableDifference) — what "the lines do not differ" could have missed.
 * 5. p53: lines are grouped as wild type vs deficient (null or mutant). Contrast = mean d of
 *    the wild-type lines − mean d of the deficient lines (lines weighted equally), with each
 *    line's own variance (Welch–Satterthwaite): se² = Σ c_j² s_j² / n_j, df = se⁴ /
 *    Σ (c_j² s_j² / n_j)² / (n_j − 1). Not the pooled variance: the experiment-to-experiment
 *    variation of an induction grows with its size, so the lines' variances differ, and the
 *    contrast puts weight 1 on the single wild-type line; with a pooled variance the
 *    equivalence test's size was 7.5 % instead of 5 % at the margin (rule checks, scenario
 *    "p53-dependent"). Difference test (P) and, for the claim, equivalence:
 *    two one-sided tests (equivalenceTest) that the ratio 2^contrast lies inside the margin
 *    (default 2/3 to 3/2, the analysis plan's), i.e. log2 margin on the contrast. The margin is
 *    also stated relative to the induction itself (`marginShare`: log2 of the upper margin over the
 *    deficient lines' mean log2 induction), and the TOST is repeated at other symmetric margins
 *    (`sensitivity`, default 1.25, 4/3 and 1.5) so a reader sees how much the conclusion rests on
 *    the margin's width. "Deficient" groups the p53-null line with the p53 mutants; missense
 *    mutants (e.g. R249S, Y220C) may have a gain of function, so "deficient" means "not wild type".
 *    Lines are fixed effects: with one wild-type line, its own line-to-line variation cannot
 *    be estimated, so the comparison is between these lines, not between p53 states in
 *    general (see the notebook).
 *
 * @example
 * const m = mrnaInduction(loadVegfMrna().fields);           // 8 Gy, 6 h
 * m.perLine.map((l) => [l.cellLine, l.foldChange, l.pValue]);
 * m.p53?.equivalence.equivalent;
 */
import { InputError } from "../core/index";
import type { MissingPolicy } from "../core/index";
import { anovaOneWay, anovaTwoWay, equivalenceTest, pAdjust, tTest } from "../stats/index";
import type { EquivalenceTestResult, TTestResult } from "../stats/index";
import { detectableDifference } from "../design/index";
import { fUpper, tQuantile, tTwoSided } from "../distributions/index";
import { LAB_ANALYSIS_PLAN, P53_MARGIN_SENSITIVITY } from "./analysis-plan";
import { blockIndex, blockKey, cellIndex, cellKey, distinctSorted, experimentsOf, mean, p53Group, pick, readInVitro, sd, statusByLine } from "./columns";
import type { InVitroRows, MrnaColumns, P53Group } from "./columns";
import { requireConfLevel } from "../stats/input";

export interface MrnaInductionOptions {
  /** Level of the intervals (default 0.95). */
  confLevel?: number;
  /** Dose of the calibrator samples (default 0, sham-irradiated). */
  calibratorDose?: number;
  /** Dose at which the induction is measured (default: the highest dose every line has). */
  dose?: number;
  /** Pre-specified harvest time of the induction (default: the analysis plan's, 6 h). */
  hours?: number;
  /** Significance level of the "rises" flags and of each one-sided test of the equivalence (default 0.05). */
  alpha?: number;
  /** Equivalence margin of the wild-type / deficient fold-change ratio (default 2/3 to 3/2). */
  p53Margin?: { lower: number; upper: number };
  /** Symmetric margins m (1/m to m) at which the TOST is repeated for the sensitivity table (default 1.25, 4/3, 1.5). */
  marginSensitivity?: readonly number[];
  missing?: MissingPolicy;
}

export interface MrnaFoldChangeRow {
  cellLine: string;
  p53Status: string;
  dose: number;
  hours: number;
  /** Experiments with both this sample and the calibrator (the calibrator row: its samples). */
  n: number;
  /** Mean of the experiments' log2 fold changes d (0 for the calibrator). */
  log2FoldChange: number;
  /** SD of d over experiments (null below 2). */
  sdLog2: number | null;
  /** 2^mean d. */
  foldChange: number;
  /** t interval of mean d, back-transformed (null below 2 experiments, and for the calibrator). */
  lower: number | null;
  upper: number | null;
}

export interface MrnaLineInduction {
  cellLine: string;
  p53Status: string;
  p53Group: P53Group;
  /** Experiments paired at the induction dose and time. */
  n: number;
  /** Mean d: the log2 fold change, and 2^ of it with the paired t interval. */
  log2FoldChange: number;
  foldChange: number;
  lower: number | null;
  upper: number | null;
  t: number | null;
  df: number | null;
  pValue: number | null;
  rises: boolean;
  /** Welch's test of the same samples ignoring the experiments (for comparison; null below 2 per group). */
  unpaired: { lower: number; upper: number; pValue: number } | null;
}

export interface MrnaTimeTest {
  cellLine: string;
  hours: number;
  n: number;
  foldChange: number;
  lower: number | null;
  upper: number | null;
  pValue: number | null;
  /** Holm-adjusted over the harvest times of the line. */
  pHolm: number | null;
}

export interface BlockedAnovaRow {
  term: string;
  df: number;
  sumSq: number;
  meanSq: number | null;
  f: number | null;
  pValue: number | null;
}

export interface MrnaP53Comparison {
  method: "Contrast of mean paired log2 induction, p53 wild-type lines minus p53-deficient lines (Welch-Satterthwaite); equivalence by two one-sided tests";
  wildTypeLines: string[];
  deficientLines: string[];
  /** Mean of the lines' log2 fold changes in each group. */
  wildTypeLog2: number;
  deficientLog2: number;
  /** wildTypeLog2 − deficientLog2, with its confLevel interval and difference test. */
  estimate: number;
  lower: number;
  upper: number;
  /** 2^estimate: how many times the deficient lines' fold change the wild-type lines' is, with its interval. */
  ratio: number;
  ratioLower: number;
  ratioUpper: number;
  stdErr: number;
  t: number;
  df: number;
  pValue: number;
  /** TOST on the log2 ratio; margin and interval also as ratios. */
  equivalence: EquivalenceTestResult & { marginLower: number; marginUpper: number; ratioCiLower: number; ratioCiUpper: number };
  /** log2 of the margin's wider end as a share of the deficient lines' mean log2 induction (e.g. 0.48: the margin is 48 % of the induction). */
  marginShare: number;
  /** The TOST at other symmetric margins m (1/m to m). */
  sensitivity: { margin: number; marginLower: number; marginUpper: number; pValue: number; equivalent: boolean; marginShare: number }[];
  /** p53 status of each deficient line (null, mutant): the grouping "deficient" = not wild type. */
  deficientStatuses: { cellLine: string; p53Status: string }[];
}

export interface MrnaInductionResult {
  method: "VEGF mRNA fold change by paired 2^-ddCt within experiments (GAPDH reference, sham of the same experiment and time); rise per line by paired t test; randomized-block ANOVA; p53 contrast with equivalence (TOST)";
  confLevel: number;
  alpha: number;
  calibratorDose: number;
  lines: { cellLine: string; p53Status: string; p53Group: P53Group; hbvStatus: string | null }[];
  doses: number[];
  hours: number[];
  /** Experiments per line. */
  experiments: { cellLine: string; n: number }[];
  /** Every (line, dose, hours) with at least one pair, calibrator rows included; lines in data order, then hours, dose. */
  foldChanges: MrnaFoldChangeRow[];
  inductionDose: number;
  inductionHours: number;
  /** "pre-specified (analysis plan)" when the induction time is the plan's, else "given" (with the plan's time in `planHours`). */
  inductionHoursRule: "pre-specified (analysis plan)" | "given";
  planHours: number;
  /** Mean over lines of the paired log2 fold change at the induction dose, per time (descriptive). */
  timeProfile: { hours: number; meanLog2FoldChange: number }[];
  perLine: MrnaLineInduction[];
  /** The paired test at every harvest time (induction dose), Holm-adjusted within each line. */
  byTime: MrnaTimeTest[];
  /** Randomized-block ANOVA of −ΔCt at the induction time (pairs only): experiment, treatment, treatment × line, residual. */
  blockedAnova: BlockedAnovaRow[] | null;
  /** Pooled within-line variance of d and its df (N pairs − k lines). */
  pooledMeanSq: number | null;
  pooledDf: number;
  /** Treatment × line F test of the blocked ANOVA: do the lines' inductions differ? */
  lineHeterogeneity: { f: number; df1: number; df2: number; pValue: number } | null;
  /** Ratio of two lines' fold changes detected with 80 % power by a pooled-variance t test (null without a pooled variance). */
  detectableLineRatio: { ratio: number; log2Difference: number; stdErr: number; df: number; experiments: number; power: number; alpha: number } | null;
  /** The same question ignoring the experiments (two-way ANOVA treatment × line on all samples), for comparison. */
  unpairedHeterogeneity: { f: number; df1: number; df2: number; pValue: number } | null;
  /** null (with p53Note saying why) when there is no wild-type or no deficient line, or no replication. */
  p53: MrnaP53Comparison | null;
  p53Note: string | null;
  /** Blocks with a missing cell (left out of the pairs) and other things a reader should know. */
  notes: string[];
  dropped: number;
}

/** A one-sample t test of d, or null when it cannot be computed (fewer than 2 values, or all equal); `onNull` is told why. */
function safeTest(d: number[], confLevel: number, onConstant: () => void): TTestResult | null {
  const s = sd(d);
  if (d.length < 2 || s === null) return null;
  if (!(s > 0)) {
    onConstant();
    return null;
  }
  try {
    return tTest(d, null, { confLevel });
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    onConstant();
    return null;
  }
}

/** Paired (blocked) ΔΔCt fold changes, the induction per line and the p53 comparison; see the file comment. */
export function mrnaInduction(columns: MrnaColumns, options: MrnaInductionOptions = {}): MrnaInductionResult {
  const confLevel = options.confLevel === undefined ? 0.95 : options.confLevel;
  requireConfLevel(confLevel);
  const alpha = options.alpha === undefined ? LAB_ANALYSIS_PLAN.alpha : options.alpha;
  if (typeof alpha !== "number" || !(alpha > 0 && alpha < 0.5)) throw new InputError("alpha", null, alpha, "must be between 0 and 0.5");
  const margin = options.p53Margin === undefined ? LAB_ANALYSIS_PLAN.p53Margin : options.p53Margin;
  if (margin === null || typeof margin !== "object" || !(margin.lower > 0) || !(margin.upper > margin.lower)) {
    throw new InputError("p53Margin", null, margin, "must be { lower, upper } ratios with 0 < lower < upper");
  }
  const calibratorDose = options.calibratorDose === undefined ? 0 : options.calibratorDose;
  const data = readInVitro(columns, ["ct_vegf", "ct_gapdh"], options.missing, true, true);
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
  const lineOrder = data.lines;
  // −ΔCt per kept row: higher = more VEGF mRNA relative to GAPDH.
  const negDct = new Float64Array(data.line.length);
  for (let k = 0; k < negDct.length; k++) negDct[k] = data.values.ct_gapdh[k] - data.values.ct_vegf[k];
  const blocks = blockIndex(data);
  const cells = cellIndex(data);
  const allHours = distinctSorted(data.hours);
  const allDoses = distinctSorted(data.dose);
  const notes: string[] = [];
  const noted = new Set<string>();
  const constantNote = (line: string, dose: number, hours: number) => () => {
    const key = `constant|${line}|${dose}|${hours}`;
    if (noted.has(key)) return;
    noted.add(key);
    notes.push(`${line}, ${dose} Gy, ${hours} h: every experiment gave the same ΔΔCt (to the data's precision), so this cell has no t interval or test`);
  };

  /** Paired d of a line at (dose, hours): one per experiment with both samples; incomplete blocks noted. */
  const pairs = (line: string, dose: number, hours: number, note: boolean): { d: number[]; experiments: string[] } => {
    const d: number[] = [];
    const used: string[] = [];
    for (const e of experimentsOf(data, line)) {
      const x = blocks.get(blockKey(line, dose, hours, e));
      const c = blocks.get(blockKey(line, calibratorDose, hours, e));
      if (x !== undefined && c !== undefined) {
        d.push(negDct[x] - negDct[c]);
        used.push(e);
      } else if (note && (x !== undefined || c !== undefined)) {
        const key = `${line}|${dose}|${hours}|${e}`;
        if (!noted.has(key)) {
          noted.add(key);
          const has = x !== undefined ? `${dose} Gy` : `${calibratorDose} Gy`;
          const lacks = x !== undefined ? `${calibratorDose} Gy (calibrator)` : `${dose} Gy`;
          notes.push(`${line}, experiment ${e}: a ${has} sample but no ${lacks} sample at ${hours} h, so this block is left out of the paired analysis at ${dose} Gy, ${hours} h`);
        }
      }
    }
    return { d, experiments: used };
  };

  const foldChanges: MrnaFoldChangeRow[] = [];
  for (const cellLine of lineOrder) {
    for (const h of allHours) {
      for (const dose of allDoses) {
        if (!cells.has(cellKey(cellLine, dose, h))) continue;
        if (dose === calibratorDose) {
          const n = (cells.get(cellKey(cellLine, dose, h)) as number[]).length;
          foldChanges.push({ cellLine, p53Status: p53[cellLine], dose, hours: h, n, log2FoldChange: 0, sdLog2: null, foldChange: 1, lower: null, upper: null });
          continue;
        }
        const { d } = pairs(cellLine, dose, h, false);
        if (d.length === 0) continue;
        const m = mean(d);
        const s = sd(d);
        const w = safeTest(d, confLevel, constantNote(cellLine, dose, h));
        const lower = w === null ? null : Math.pow(2, w.lower);
        const upper = w === null ? null : Math.pow(2, w.upper);
        foldChanges.push({ cellLine, p53Status: p53[cellLine], dose, hours: h, n: d.length, log2FoldChange: m, sdLog2: s, foldChange: Math.pow(2, m), lower, upper });
      }
    }
  }

  // Induction dose: the highest non-calibrator dose every line has paired at some time.
  const pairedTimes = (dose: number): number[] => allHours.filter((h) => lineOrder.every((l) => pairs(l, dose, h, false).d.length > 0));
  let inductionDose: number;
  if (options.dose !== undefined) {
    inductionDose = options.dose;
    if (pairedTimes(inductionDose).length === 0) throw new InputError("dose", null, inductionDose, "is not measured with its calibrator in the same experiment in every cell line at a common time");
  } else {
    const candidates = allDoses.filter((d) => d !== calibratorDose && pairedTimes(d).length > 0);
    if (candidates.length === 0) throw new InputError("dose_gy", null, calibratorDose, "has no irradiated dose measured with its calibrator in the same experiment in every cell line");
    inductionDose = candidates[candidates.length - 1];
  }
  const times = pairedTimes(inductionDose);
  const inductionHours = options.hours === undefined ? LAB_ANALYSIS_PLAN.mrnaHours : options.hours;
  const rule: MrnaInductionResult["inductionHoursRule"] = inductionHours === LAB_ANALYSIS_PLAN.mrnaHours ? "pre-specified (analysis plan)" : "given";
  if (typeof inductionHours !== "number" || times.indexOf(inductionHours) < 0) {
    throw new InputError(
      "hours",
      null,
      inductionHours,
      `${inductionHours} h is not a harvest time with ${inductionDose} Gy and calibrator samples in the same experiment in every line (the data have ${times.join(", ")} h): pre-specify one of them`,
    );
  }
  const timeProfile = times.map((h) => ({ hours: h, meanLog2FoldChange: mean(lineOrder.map((l) => mean(pairs(l, inductionDose, h, false).d))) }));

  // Rise per line at the induction dose and time: paired t test; Welch ignoring experiments beside it.
  const dAll: number[] = [];
  const lineAll: string[] = [];
  const perLine: MrnaLineInduction[] = lines.map((info) => {
    const { d } = pairs(info.cellLine, inductionDose, inductionHours, true);
    d.forEach((v) => {
      dAll.push(v);
      lineAll.push(info.cellLine);
    });
    const est = mean(d);
    const w = safeTest(d, confLevel, constantNote(info.cellLine, inductionDose, inductionHours));
    const xi = cells.get(cellKey(info.cellLine, inductionDose, inductionHours)) as number[];
    const ci = cells.get(cellKey(info.cellLine, calibratorDose, inductionHours)) as number[];
    let unpaired: MrnaLineInduction["unpaired"] = null;
    if (xi.length >= 2 && ci.length >= 2) {
      const u = tTest(pick(negDct, xi), pick(negDct, ci), { confLevel });
      unpaired = { lower: Math.pow(2, u.lower), upper: Math.pow(2, u.upper), pValue: u.pValue };
    }
    if (d.length < 2) notes.push(`${info.cellLine}: ${d.length} paired experiment${d.length === 1 ? "" : "s"} at ${inductionDose} Gy, ${inductionHours} h, so no test of its rise`);
    return {
      cellLine: info.cellLine,
      p53Status: info.p53Status,
      p53Group: info.p53Group,
      n: d.length,
      log2FoldChange: est,
      foldChange: Math.pow(2, est),
      lower: w === null ? null : Math.pow(2, w.lower),
      upper: w === null ? null : Math.pow(2, w.upper),
      t: w === null ? null : w.t,
      df: w === null ? null : w.df,
      pValue: w === null ? null : w.pValue,
      rises: w !== null && est > 0 && w.pValue < alpha,
      unpaired,
    };
  });

  // Every harvest time, Holm-adjusted within the line.
  const byTime: MrnaTimeTest[] = [];
  for (const cellLine of lineOrder) {
    const rows: MrnaTimeTest[] = [];
    for (const h of allHours) {
      const { d } = pairs(cellLine, inductionDose, h, true);
      if (d.length === 0) continue;
      const w = safeTest(d, confLevel, constantNote(cellLine, inductionDose, h));
      rows.push({
        cellLine,
        hours: h,
        n: d.length,
        foldChange: Math.pow(2, mean(d)),
        lower: w === null ? null : Math.pow(2, w.lower),
        upper: w === null ? null : Math.pow(2, w.upper),
        pValue: w === null ? null : w.pValue,
        pHolm: null,
      });
    }
    const adjusted = pAdjust(rows.map((r) => r.pValue), "holm");
    rows.forEach((r, i) => (r.pHolm = adjusted[i]));
    byTime.push(...rows);
  }

  const k = lineOrder.length;
  const nPairs = dAll.length;
  const pooledDf = nPairs - k;
  let pooledMeanSq: number | null = null;
  let lineHeterogeneity: MrnaInductionResult["lineHeterogeneity"] = null;
  let blockedAnova: BlockedAnovaRow[] | null = null;
  if (pooledDf > 0) {
    let ssRes = 0;
    for (const l of lineOrder) {
      const d = dAll.filter((_, i) => lineAll[i] === l);
      if (d.length > 0) {
        const m = mean(d);
        for (const v of d) ssRes += (v - m) * (v - m);
      }
    }
    pooledMeanSq = ssRes / pooledDf;
    if (k > 1 && pooledMeanSq > 0) {
      const a = anovaOneWay(dAll, lineAll, { levels: lineOrder });
      lineHeterogeneity = { f: a.f, df1: a.dfBetween, df2: a.dfWithin, pValue: a.pValue };
    }
    blockedAnova = blockedAnovaTable(data, negDct, lineOrder, inductionDose, calibratorDose, inductionHours, pairs);
  }
  let detectableLineRatio: MrnaInductionResult["detectableLineRatio"] = null;
  if (k > 1 && pooledMeanSq !== null && pooledMeanSq > 0) {
    const counts = lineOrder.map((l) => lineAll.filter((x) => x === l).length).filter((n) => n > 0);
    const nMin = Math.min(...counts);
    const se = Math.sqrt(pooledMeanSq * (2 / nMin));
    const dd = detectableDifference(se, pooledDf, { alpha, power: 0.8 });
    detectableLineRatio = { ratio: Math.pow(2, dd.difference), log2Difference: dd.difference, stdErr: se, df: pooledDf, experiments: nMin, power: 0.8, alpha };
  }

  // The pre-blocking view: two-way ANOVA of all samples at the induction time, ignoring experiments.
  let unpairedHeterogeneity: MrnaInductionResult["unpairedHeterogeneity"] = null;
  if (k > 1) {
    const y: number[] = [];
    const treat: string[] = [];
    const line: string[] = [];
    for (const l of lineOrder) {
      for (const [dose, label] of [[inductionDose, "irradiated"], [calibratorDose, "calibrator"]] as [number, string][]) {
        for (const r of cells.get(cellKey(l, dose, inductionHours)) as number[]) {
          y.push(negDct[r]);
          treat.push(label);
          line.push(l);
        }
      }
    }
    try {
      const aov = anovaTwoWay(y, treat, line, { levelsA: ["calibrator", "irradiated"], levelsB: lineOrder, names: ["treatment", "cell line"] });
      const term = aov.terms[2];
      if (term.f !== null && term.pValue !== null) unpairedHeterogeneity = { f: term.f, df1: term.df, df2: aov.residual.df, pValue: term.pValue };
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
    }
  }

  const wt = lines.filter((l) => l.p53Group === "wild-type").map((l) => l.cellLine);
  const def = lines.filter((l) => l.p53Group === "deficient").map((l) => l.cellLine);
  let p53Result: MrnaP53Comparison | null = null;
  let p53Note: string | null = null;
  const lineN = lineOrder.map((l) => lineAll.filter((x) => x === l).length);
  if (wt.length === 0 || def.length === 0) {
    p53Note = `no comparison: the data have ${wt.length} p53 wild-type and ${def.length} p53-deficient lines`;
  } else if (pooledMeanSq === null || !(pooledMeanSq > 0)) {
    p53Note = "no comparison: no replicate experiments to estimate the within-line variance";
  } else if (lineN.some((n) => n === 0)) {
    p53Note = `no comparison: ${lineOrder.filter((_, j) => lineN[j] === 0).join(", ")} has no paired experiment at ${inductionDose} Gy, ${inductionHours} h`;
  } else if (lineN.some((n) => n < 2)) {
    p53Note = `no comparison: ${lineOrder.filter((_, j) => lineN[j] < 2).join(", ")} has fewer than 2 paired experiments at ${inductionDose} Gy, ${inductionHours} h, so its variance cannot be estimated`;
  } else {
    const perLineD = lineOrder.map((l) => dAll.filter((_, i) => lineAll[i] === l));
    const estimates = perLineD.map((d) => mean(d));
    const coef = lines.map((l) => (l.p53Group === "wild-type" ? 1 / wt.length : -1 / def.length));
    const c = welchContrast(coef, perLineD, confLevel);
    const groupMean = (names: string[]): number => mean(names.map((n) => estimates[lineOrder.indexOf(n)]));
    const tost = equivalenceTest(c.estimate, c.stdErr, c.df, { lower: Math.log2(margin.lower), upper: Math.log2(margin.upper), alpha });
    const deficientLog2 = groupMean(def);
    const share = (m: number) => m / deficientLog2;
    const sensitivity = (options.marginSensitivity === undefined ? P53_MARGIN_SENSITIVITY : options.marginSensitivity).map((m) => {
      if (typeof m !== "number" || !(m > 1)) throw new InputError("marginSensitivity", null, m, "must hold margins m > 1 (ratio 1/m to m)");
      const t = equivalenceTest(c.estimate, c.stdErr, c.df, { lower: -Math.log2(m), upper: Math.log2(m), alpha });
      return { margin: m, marginLower: 1 / m, marginUpper: m, pValue: t.pValue, equivalent: t.equivalent, marginShare: share(Math.log2(m)) };
    });
    p53Result = {
      method: "Contrast of mean paired log2 induction, p53 wild-type lines minus p53-deficient lines (Welch-Satterthwaite); equivalence by two one-sided tests",
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
      equivalence: { ...tost, marginLower: margin.lower, marginUpper: margin.upper, ratioCiLower: Math.pow(2, tost.ciLower), ratioCiUpper: Math.pow(2, tost.ciUpper) },
      marginShare: share(Math.max(Math.abs(Math.log2(margin.lower)), Math.abs(Math.log2(margin.upper)))),
      sensitivity,
      deficientStatuses: def.map((l) => ({ cellLine: l, p53Status: p53[l] })),
    };
  }

  return {
    method:
      "VEGF mRNA fold change by paired 2^-ddCt within experiments (GAPDH reference, sham of the same experiment and time); rise per line by paired t test; randomized-block ANOVA; p53 contrast with equivalence (TOST)",
    confLevel,
    alpha,
    calibratorDose,
    lines,
    doses: allDoses,
    hours: allHours,
    experiments: lineOrder.map((cellLine) => ({ cellLine, n: experimentsOf(data, cellLine).length })),
    foldChanges,
    inductionDose,
    inductionHours,
    inductionHoursRule: rule,
    planHours: LAB_ANALYSIS_PLAN.mrnaHours,
    timeProfile,
    perLine,
    byTime,
    blockedAnova,
    pooledMeanSq,
    pooledDf,
    lineHeterogeneity,
    detectableLineRatio,
    unpairedHeterogeneity,
    p53: p53Result,
    p53Note,
    notes,
    dropped: data.dropped,
  };
}

/**
 * The randomized-block ANOVA table of −ΔCt over the paired samples at one time (R:
 * anova(lm(y ~ experiment + treatment * line)), experiments nested in lines, so that line
 * has no degrees of freedom of its own): sequential sums of squares of the blocks,
 * treatment, treatment × line, and the residual, from the pair sums and differences.
 */
function blockedAnovaTable(
  data: InVitroRows,
  negDct: Float64Array,
  lineOrder: string[],
  dose: number,
  calibratorDose: number,
  hours: number,
  pairs: (line: string, dose: number, hours: number, note: boolean) => { d: number[]; experiments: string[] },
): BlockedAnovaRow[] | null {
  const blocks = blockIndex(data);
  const sums: number[] = [];
  const dAll: number[] = [];
  const dLine: number[] = [];
  lineOrder.forEach((l, j) => {
    const p = pairs(l, dose, hours, false);
    p.experiments.forEach((e, i) => {
      const a = negDct[blocks.get(blockKey(l, dose, hours, e)) as number];
      const b = negDct[blocks.get(blockKey(l, calibratorDose, hours, e)) as number];
      sums.push(a + b);
      dAll.push(p.d[i]);
      dLine.push(j);
    });
  });
  const n = dAll.length;
  const k = new Set(dLine).size;
  if (n - k < 1 || k < 1) return null;
  // Blocks: between-pair variation of the pair means; each pair has 2 observations.
  const meanSum = mean(sums);
  let ssBlocks = 0;
  for (const s of sums) ssBlocks += ((s - meanSum) * (s - meanSum)) / 2;
  const sumD = dAll.reduce((a, b) => a + b, 0);
  const ssTreat = (sumD * sumD) / (2 * n);
  let ssLine = 0;
  let ssRes = 0;
  for (let j = 0; j < lineOrder.length; j++) {
    const d = dAll.filter((_, i) => dLine[i] === j);
    if (d.length === 0) continue;
    const m = mean(d);
    ssLine += (d.length * m * m) / 2;
    for (const v of d) ssRes += ((v - m) * (v - m)) / 2;
  }
  const ssInteraction = ssLine - ssTreat;
  const dfRes = n - k;
  const msRes = ssRes / dfRes;
  const row = (term: string, df: number, ss: number): BlockedAnovaRow => {
    const ms = df > 0 ? ss / df : null;
    const f = ms === null || !(msRes > 0) ? null : ms / msRes;
    return { term, df, sumSq: ss, meanSq: ms, f, pValue: f === null ? null : fUpper(f, df, dfRes) };
  };
  const out = [row("experiment (block)", n - 1, ssBlocks), row("treatment", 1, ssTreat)];
  if (k > 1) out.push(row("treatment × cell line", k - 1, ssInteraction));
  out.push({ term: "residual", df: dfRes, sumSq: ssRes, meanSq: msRes, f: null, pValue: null });
  return out;
}

/**
 * Σ c_j ȳ_j with each group's own variance: se² = Σ c_j² s_j² / n_j, Satterthwaite df
 * se⁴ / Σ (c_j² s_j² / n_j)² / (n_j − 1); t test and interval (R: by hand from tapply means
 * and variances, as the fixture does). Each group needs 2+ values.
 */
function welchContrast(coefficients: readonly number[], groups: readonly number[][], confLevel: number): { estimate: number; stdErr: number; t: number; df: number; pValue: number; lower: number; upper: number } {
  let estimate = 0;
  let v = 0;
  let denom = 0;
  groups.forEach((g, j) => {
    const m = mean(g);
    const s = sd(g) as number;
    const part = (coefficients[j] * coefficients[j] * s * s) / g.length;
    estimate += coefficients[j] * m;
    v += part;
    denom += (part * part) / (g.length - 1);
  });
  const stdErr = Math.sqrt(v);
  const df = denom > 0 ? (v * v) / denom : Infinity;
  const t = stdErr === 0 ? (estimate === 0 ? 0 : estimate * Infinity) : estimate / stdErr;
  const half = tQuantile(1 - (1 - confLevel) / 2, df) * stdErr;
  return { estimate, stdErr, t, df, pValue: stdErr === 0 ? (estimate === 0 ? 1 : 0) : tTwoSided(t, df), lower: estimate - half, upper: estimate + half };
}
