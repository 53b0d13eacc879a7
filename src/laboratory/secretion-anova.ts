/**
 * Does the dose effect on secreted VEGF differ between cell lines (claim C15)?
 *
 * At one pre-specified harvest time (`hours`, default the analysis plan's 72 h), a
 * randomized-block two-way ANOVA of log2 VEGF (the concentration in the medium by default;
 * VEGF per 10^6 cells at harvest with `measure: "per 10^6 cells"`): R's anova(lm(y ~ experiment + dose * line)) with dose and line as factors and
 * experiment (a line's culture batch and ELISA run; nested in the line, so line itself has
 * no degrees of freedom after it) as block, sequential (type I) sums of squares. The
 * dose × cell line interaction, adjusted for the blocks, is the claim's test: does the
 * fold rise with dose differ between lines? The same model without the block term (the
 * pre-blocking analysis) is returned as `unblocked`, for comparison only.
 *
 * Why log2: the lines secrete different amounts without irradiation and ELISA error grows
 * with the level; on the log scale the interaction asks whether the fold rise differs, and
 * the variances are alike across cells.
 *
 * Between lines: each line's rise from the lowest to the highest dose, paired within
 * experiment (mean of d_e = y(high, e) − y(low, e)), compared pairwise by Tukey–Kramer with
 * the pooled within-line variance of d on N − k df (tukeyKramerPairs with v_j = 1/n_j;
 * R: TukeyHSD(aov(d ~ line))); 2^diff is the ratio of two lines' fold rises. An experiment
 * lacking either dose is left out of the pairs and named in `notes`.
 *
 * Assumptions shown (`residuals`): the ANOVA's residuals against its fitted values, their
 * Shapiro-Wilk test (R: shapiro.test(resid(fit))) and their SD per line (equal variances).
 *
 * @example
 * const a = secretionAnova(loadVegfSecretion().fields);
 * a.interaction.pValue;
 */
import { InputError } from "../core/index";
import type { MissingPolicy } from "../core/index";
import { anovaTable, anovaTwoWay, linearModel, shapiroWilk, tTest, tukeyKramerPairs } from "../stats/index";
import type { AnovaTwoWayResult, TukeyPair } from "../stats/index";
import { LAB_ANALYSIS_PLAN } from "./analysis-plan";
import { blockIndex, blockKey, distinctSorted, experimentsOf, mean, pick, sd } from "./columns";
import type { SecretionColumns } from "./columns";
import { readSecretion } from "./secretion-measure";
import type { SecretionMeasure, SecretionMeasureKind } from "./secretion-measure";
import { requireConfLevel } from "../stats/input";

export interface SecretionAnovaOptions {
  /** Pre-specified harvest time (default: the analysis plan's, 72 h). */
  hours?: number;
  /** Family-wise level of the Tukey intervals and level of the per-line intervals (default 0.95). */
  confLevel?: number;
  /** Measure (default: the plan's, the concentration). */
  measure?: SecretionMeasureKind;
  missing?: MissingPolicy;
}

export interface BlockedAnovaTerm {
  name: string;
  df: number;
  sumSq: number;
  meanSq: number | null;
  f: number | null;
  pValue: number | null;
}

export interface LineInduction {
  cellLine: string;
  /** Experiments with both doses; mean paired rise (log2) and 2^ of it with the paired t interval. */
  n: number;
  log2Induction: number;
  foldInduction: number;
  lower: number | null;
  upper: number | null;
  /** Paired t test of the rise (null below 2 experiments or when the rises are all equal). */
  pValue: number | null;
}

/** The ANOVA's residuals against its fitted values, with a normality test and the residual SD per line. */
export interface AnovaResiduals {
  fitted: number[];
  residuals: number[];
  line: string[];
  /** Shapiro-Wilk test of the residuals (null when it cannot be computed). */
  shapiro: { w: number; pValue: number; n: number } | null;
  /** Residual SD per line, sqrt(Σ r² / (n_line − p_line)) with the line's share of the residual df. */
  sdByLine: { cellLine: string; sd: number; n: number }[];
}

export interface SecretionAnovaResult {
  method: "Randomized-block two-way ANOVA of log2 secreted VEGF: experiment + dose (factor) x cell line, type I SS; Tukey-Kramer between lines' paired rises";
  measure: SecretionMeasure;
  hours: number;
  hoursRule: "pre-specified (analysis plan)" | "given";
  confLevel: number;
  doses: number[];
  lines: string[];
  /** Terms experiment, dose, dose:cell line (cell line is aliased with the experiments) and the residual. */
  anova: { terms: BlockedAnovaTerm[]; residual: { df: number; sumSq: number; meanSq: number } };
  /** The same data without the block term: anova(lm(y ~ dose * line)), for comparison. */
  unblocked: AnovaTwoWayResult;
  interaction: { f: number | null; df: number; dfResidual: number; pValue: number | null };
  induction: LineInduction[];
  inductionDose: number;
  controlDose: number;
  /** Pooled within-line variance of the paired rises and its df. */
  pooledMeanSq: number | null;
  pooledDf: number;
  /** Tukey–Kramer pairs of line rises (log2 scale; ratio = 2^diff). */
  lineComparisons: (TukeyPair & { ratio: number; ratioLower: number; ratioUpper: number })[];
  residuals: AnovaResiduals;
  notes: string[];
  dropped: number;
}

/** Randomized-block ANOVA dose × cell line on log2 VEGF with between-line comparisons; see the file comment. */
export function secretionAnova(columns: SecretionColumns, options: SecretionAnovaOptions = {}): SecretionAnovaResult {
  const confLevel = options.confLevel === undefined ? LAB_ANALYSIS_PLAN.confLevel : options.confLevel;
  requireConfLevel(confLevel);
  const s = readSecretion(columns, options.missing, true, options.measure === undefined ? LAB_ANALYSIS_PLAN.secretionMeasure : options.measure);
  const data = s.data;
  const hours = options.hours === undefined ? LAB_ANALYSIS_PLAN.secretionHours : options.hours;
  const idx: number[] = [];
  for (let k = 0; k < data.line.length; k++) if (data.hours[k] === hours) idx.push(k);
  if (idx.length === 0) throw new InputError("hours", null, hours, `has no samples (harvest times in the data: ${distinctSorted(data.hours).join(", ")} h)`);
  const y = pick(s.y, idx);
  const dose = Array.from(pick(data.dose, idx));
  const line = idx.map((k) => data.line[k]);
  const experiment = idx.map((k) => `${data.line[k]} #${(data.experiment as string[])[k]}`);
  const lines = data.lines.filter((l) => line.indexOf(l) >= 0);
  if (lines.length < 2) throw new InputError("cell_line", null, lines.join(", "), `needs at least 2 cell lines at ${hours} h`);
  const doses = distinctSorted(dose);
  if (doses.length < 2) throw new InputError("dose_gy", null, doses.join(", "), `needs at least 2 doses at ${hours} h`);

  const fit = linearModel({ y, experiment, dose, line }, "y ~ experiment + dose * line", { factors: ["dose"], levels: { dose: doses, line: lines } });
  const aov = anovaTable(fit);
  const label: Record<string, string> = { experiment: "experiment", dose: "dose", line: "cell line", "dose:line": "dose:cell line" };
  const terms: BlockedAnovaTerm[] = aov.terms.map((t) => ({ name: label[t.name] || t.name, df: t.df, sumSq: t.sumSq, meanSq: t.meanSq, f: t.f, pValue: t.pValue }));
  const residual = aov.residual;
  const inter = terms.find((t) => t.name === "dose:cell line");
  const unblocked = anovaTwoWay(y, dose, line, { levelsA: doses, levelsB: lines, names: ["dose", "cell line"] });

  // Paired rise from the lowest to the highest dose in each experiment.
  const controlDose = doses[0];
  const inductionDose = doses[doses.length - 1];
  const blocks = blockIndex(data);
  const notes: string[] = [];
  const dAll: number[] = [];
  const lAll: string[] = [];
  const induction: LineInduction[] = [];
  for (const cellLine of lines) {
    const d: number[] = [];
    for (const e of experimentsOf(data, cellLine)) {
      const hi = blocks.get(blockKey(cellLine, inductionDose, hours, e));
      const lo = blocks.get(blockKey(cellLine, controlDose, hours, e));
      if (hi !== undefined && lo !== undefined) d.push(s.y[hi] - s.y[lo]);
      else if (hi !== undefined || lo !== undefined) notes.push(`${cellLine}, experiment ${e}: no ${hi === undefined ? inductionDose : controlDose} Gy sample at ${hours} h, so this block is left out of the line's paired rise`);
    }
    if (d.length === 0) continue;
    const sdd = sd(d);
    let w: ReturnType<typeof tTest> | null = null;
    if (d.length >= 2 && sdd !== null && sdd > 0) {
      try {
        w = tTest(d, null, { confLevel });
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        notes.push(`${cellLine}: the experiments' rises are (essentially) equal, so no interval`);
      }
    }
    const m = mean(d);
    induction.push({ cellLine, n: d.length, log2Induction: m, foldInduction: Math.pow(2, m), lower: w === null ? null : Math.pow(2, w.lower), upper: w === null ? null : Math.pow(2, w.upper), pValue: w === null ? null : w.pValue });
    d.forEach((v) => {
      dAll.push(v);
      lAll.push(cellLine);
    });
  }
  const pooledDf = dAll.length - induction.length;
  let pooledMeanSq: number | null = null;
  let lineComparisons: SecretionAnovaResult["lineComparisons"] = [];
  if (pooledDf > 0) {
    let ss = 0;
    for (const i of induction) for (let k = 0; k < dAll.length; k++) if (lAll[k] === i.cellLine) ss += (dAll[k] - i.log2Induction) ** 2;
    pooledMeanSq = ss / pooledDf;
    if (induction.length >= 2 && pooledDf >= 2 && pooledMeanSq > 0) {
      const tk = tukeyKramerPairs(
        induction.map((i) => i.cellLine),
        induction.map((i) => i.log2Induction),
        induction.map((i) => 1 / i.n),
        pooledMeanSq,
        pooledDf,
        confLevel,
      );
      lineComparisons = tk.pairs.map((p) => ({ ...p, ratio: Math.pow(2, p.diff), ratioLower: Math.pow(2, p.lower), ratioUpper: Math.pow(2, p.upper) }));
    }
  }
  const residualLine = Array.from(fit.rows, (r) => line[r]);
  const res = Array.from(fit.residuals);
  let shapiro: AnovaResiduals["shapiro"] = null;
  try {
    const sw = shapiroWilk(res);
    shapiro = { w: sw.w, pValue: sw.pValue, n: sw.n };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
  }
  // Each line's share of the residual df: its observations minus its parameters (experiments + doses − 1 of the line's cells).
  const sdByLine = lines.map((l) => {
    const r = res.filter((_, i) => residualLine[i] === l);
    const cellsOfLine = new Set(Array.from(fit.rows, (k, i) => (residualLine[i] === l ? `${dose[k]}` : null)).filter((x) => x !== null)).size;
    const expsOfLine = new Set(Array.from(fit.rows, (k, i) => (residualLine[i] === l ? experiment[k] : null)).filter((x) => x !== null)).size;
    const df = r.length - (cellsOfLine + expsOfLine - 1);
    return { cellLine: l, sd: df > 0 ? Math.sqrt(r.reduce((a, b) => a + b * b, 0) / df) : NaN, n: r.length };
  });
  return {
    method: "Randomized-block two-way ANOVA of log2 secreted VEGF: experiment + dose (factor) x cell line, type I SS; Tukey-Kramer between lines' paired rises",
    measure: s.measure,
    hours,
    hoursRule: options.hours === undefined ? "pre-specified (analysis plan)" : "given",
    confLevel,
    doses,
    lines,
    anova: { terms, residual },
    unblocked,
    interaction: { f: inter === undefined ? null : inter.f, df: inter === undefined ? 0 : inter.df, dfResidual: residual.df, pValue: inter === undefined ? null : inter.pValue },
    induction,
    inductionDose,
    controlDose,
    pooledMeanSq,
    pooledDf,
    lineComparisons,
    residuals: { fitted: Array.from(fit.fitted), residuals: res, line: residualLine, shapiro, sdByLine },
    notes,
    dropped: data.dropped,
  };
}

