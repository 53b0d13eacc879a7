/**
 * The shape of the secretion dose-response per cell line (C13's curve, C15's comparison):
 * a four-parameter log-logistic (Emax / Hill) curve fitted by nonlinear least squares at
 * one pre-specified harvest time (default the analysis plan's 72 h).
 *
 * Response: log2 VEGF (the concentration in the medium by default; VEGF per 10^6 cells at
 * harvest with `measure: "per 10^6 cells"`), corrected for the experiment and expressed as
 * fold over the line's own sham:
 *   1. per line, lm(y ~ experiment + factor(dose)) (R) estimates each experiment's level
 *      (culture batch, ELISA run); each value minus its experiment's effect (the effects
 *      centred to average 0) removes the between-run differences, which a curve cannot model
 *      (for complete blocks this is centring each experiment on its mean);
 *   2. minus the line's mean corrected value at the lowest dose (0 Gy), so the curve starts
 *      near 0 and its plateau is the maximum log2 rise.
 * Curve (fitDoseResponse, model "ll4"; R: nls(z ~ c + (d - c) / (1 + (dose / e)^b))):
 *   z(x) = c + (d − c) / (1 + (x/e)^b): d the level at 0 Gy, c the plateau, e the EC50 (Gy),
 *   b the Hill slope. Maximum effect c − d (log2), reported also as the fold 2^(c−d).
 *   Wald intervals (R's confint.default), except the EC50's: a dose is positive and its Wald
 *   interval on the dose scale can reach below 0, so the EC50 interval is the Wald interval of
 *   log(e) (se(log e) = se(e)/e, the delta method) back-transformed, e·exp(∓z·se(e)/e).
 *   When the fitted curve reaches less than `plateauReached` (80 %) of its maximum at the highest
 *   dose, the plateau lies beyond the data: the maximum effect and the EC50 are extrapolated and
 *   poorly determined, and `poorlyDetermined` says so. The residual df of each fit do not subtract the
 *   experiment effects removed in step 1 (3 for 4 experiments), so its standard errors are a
 *   little optimistic; the claims rest on the blocked tests, the curves describe the shape.
 * A fit that does not converge, or whose gradient is singular (e.g. no plateau within the
 * doses), is reported per line with the reason (`error`), never as NaN.
 *
 * Comparison of lines (compareDoseResponse, extra-sum-of-squares F test; R: anova(nls, nls)):
 * do the lines whose curves were fitted share the EC50 (e)? A small P says the EC50 differs.
 * `detectableEc50Ratio`: for each pair of fitted lines, the EC50 ratio a two-sided Wald test of
 * log e_A − log e_B (se² = se_A² + se_B², the fits are independent) would detect with 80 % power
 * at alpha: exp((z_(1−α/2) + z_0.8) · se) — the answer to "no difference in EC50, but what
 * difference could these fits have shown?".
 * Whether the size of the rise differs between lines is C15's blocked ANOVA and the paired
 * rises (secretionAnova): a shared-plateau curve model is not used for it, because a curve
 * without a plateau in the dose range can take any plateau by stretching its EC50, which makes
 * that F test ill-posed (R's nls does not converge on it for the shipped data).
 *
 * @example
 * const dr = secretionDoseResponse(loadVegfSecretion().fields);
 * dr.lines.map((l) => [l.cellLine, l.fit?.ec50.estimate, l.maxFold]);
 */
import { InputError } from "../core/index";
import type { MissingPolicy } from "../core/index";
import { FitError, compareDoseResponse, fitDoseResponse, linearModel, predictDoseResponse, shapiroWilk } from "../stats/index";
import { normalQuantile } from "../distributions/index";
import type { CompareDoseResponseResult, DoseResponseEstimate, DoseResponseFit } from "../stats/index";
import { LAB_ANALYSIS_PLAN } from "./analysis-plan";
import { distinctSorted, mean, pick } from "./columns";
import type { SecretionColumns } from "./columns";
import { readSecretion } from "./secretion-measure";
import type { SecretionMeasure, SecretionMeasureKind } from "./secretion-measure";
import { requireConfLevel } from "../stats/input";

export interface SecretionDoseResponseOptions {
  /** Pre-specified harvest time (default: the analysis plan's, 72 h). */
  hours?: number;
  confLevel?: number;
  /** Significance level of the detectable EC50 ratio (default 0.05). */
  alpha?: number;
  /** Measure (default: the plan's, the concentration). */
  measure?: SecretionMeasureKind;
  missing?: MissingPolicy;
}

export interface DoseResponseLine {
  cellLine: string;
  /** The corrected log2 fold over sham per sample (the points of the figure), with dose and experiment. */
  dose: number[];
  response: number[];
  experiment: string[];
  /** The fit, or null with `error` saying why it failed. */
  fit: DoseResponseFit | null;
  error: string | null;
  /** EC50 (Gy) with the back-transformed Wald interval of log EC50, maximum effect (log2) and 2^ of it with its interval. */
  ec50: DoseResponseEstimate | null;
  /** The fraction of the maximum effect the curve reaches at the highest dose, and whether it is below `plateauReached` (the plateau lies beyond the data). */
  atHighestDose: number | null;
  poorlyDetermined: boolean;
  maxEffect: DoseResponseEstimate | null;
  maxFold: number | null;
  maxFoldLower: number | null;
  maxFoldUpper: number | null;
  /** Hill slope b. */
  hill: DoseResponseEstimate | null;
  /** The fitted curve on a grid over the doses (for the figure). */
  curve: { x: number[]; y: number[] } | null;
  /** Fitted values and residuals of the fit, with the Shapiro-Wilk test of the residuals. */
  residuals: { fitted: number[]; residuals: number[]; shapiro: { w: number; pValue: number } | null } | null;
}

export interface SecretionDoseResponseResult {
  method: "Four-parameter log-logistic (Emax) curve per cell line by nonlinear least squares on experiment-corrected log2 fold over sham; extra-sum-of-squares F tests between lines";
  measure: SecretionMeasure;
  hours: number;
  confLevel: number;
  lines: DoseResponseLine[];
  /** Do the lines (those with a fitted curve) share the EC50? null with a note when it cannot be fitted. */
  sharedEc50: CompareDoseResponseResult | null;
  /** Per pair of fitted lines: the EC50 ratio detected with 80 % power (Wald test on log EC50). */
  detectableEc50Ratio: { lineA: string; lineB: string; ratio: number; seLog: number }[];
  /** Fraction of the maximum effect below which the plateau counts as beyond the data (0.8). */
  plateauReached: number;
  notes: string[];
  dropped: number;
}

const PLATEAU_REACHED = 0.8;

/** Dose-response curves per line and their comparison; see the file comment. */
export function secretionDoseResponse(columns: SecretionColumns, options: SecretionDoseResponseOptions = {}): SecretionDoseResponseResult {
  const confLevel = options.confLevel === undefined ? LAB_ANALYSIS_PLAN.confLevel : options.confLevel;
  requireConfLevel(confLevel);
  const alpha = options.alpha === undefined ? LAB_ANALYSIS_PLAN.alpha : options.alpha;
  if (typeof alpha !== "number" || !(alpha > 0 && alpha < 1)) throw new InputError("alpha", null, alpha, "must be between 0 and 1");
  const s = readSecretion(columns, options.missing, true, options.measure === undefined ? LAB_ANALYSIS_PLAN.secretionMeasure : options.measure);
  const zLevel = normalQuantile(1 - (1 - confLevel) / 2);
  const data = s.data;
  const hours = options.hours === undefined ? LAB_ANALYSIS_PLAN.secretionHours : options.hours;
  const experiment = data.experiment as string[];
  const notes: string[] = [];
  const lines: DoseResponseLine[] = [];
  const allDose: number[] = [];
  const allZ: number[] = [];
  const allLine: string[] = [];
  for (const cellLine of data.lines) {
    const idx: number[] = [];
    for (let k = 0; k < data.line.length; k++) if (data.line[k] === cellLine && data.hours[k] === hours) idx.push(k);
    if (idx.length === 0) {
      notes.push(`${cellLine}: no samples at ${hours} h`);
      continue;
    }
    const y = Array.from(pick(s.y, idx));
    const dose = Array.from(pick(data.dose, idx));
    const exps = idx.map((k) => experiment[k]);
    const z = experimentCorrected(y, dose, exps);
    const lowest = Math.min(...dose);
    const base = mean(z.filter((_, i) => dose[i] === lowest));
    const response = z.map((v) => v - base);
    const entry: DoseResponseLine = {
      cellLine, dose, response, experiment: exps, fit: null, error: null, ec50: null, atHighestDose: null, poorlyDetermined: false,
      maxEffect: null, maxFold: null, maxFoldLower: null, maxFoldUpper: null, hill: null, curve: null, residuals: null,
    };
    try {
      const fit = fitDoseResponse(dose, response, { model: "ll4", confLevel });
      entry.fit = fit;
      const e = fit.ec50;
      const seLog = e.se / e.estimate;
      entry.ec50 = { ...e, lower: e.estimate * Math.exp(-zLevel * seLog), upper: e.estimate * Math.exp(zLevel * seLog) };
      entry.maxEffect = fit.maxEffect;
      entry.maxFold = Math.pow(2, fit.maxEffect.estimate);
      entry.maxFoldLower = Math.pow(2, fit.maxEffect.lower);
      entry.maxFoldUpper = Math.pow(2, fit.maxEffect.upper);
      entry.hill = fit.parameters.find((p) => p.name === "b") || null;
      const hi = Math.max(...dose);
      const grid: number[] = [];
      for (let i = 0; i <= 100; i++) grid.push((hi * i) / 100);
      entry.curve = { x: grid, y: Array.from(predictDoseResponse(fit, grid)) };
      const par = (name: string) => (fit.parameters.find((p) => p.name === name) as { estimate: number }).estimate;
      const ratio = Math.pow(hi / par("e"), par("b"));
      entry.atHighestDose = ratio / (1 + ratio);
      entry.poorlyDetermined = entry.atHighestDose < PLATEAU_REACHED;
      for (const n of fit.notes) notes.push(`${cellLine}: ${n}`);
      if (entry.poorlyDetermined) {
        notes.push(
          `${cellLine}: at ${hi} Gy the fitted curve reaches ${Math.round(100 * entry.atHighestDose)} % of its maximum: the plateau lies beyond the doses studied, so the maximum rise and the EC50 are extrapolated and poorly determined`,
        );
      }
      let shapiro: { w: number; pValue: number } | null = null;
      try {
        const sw = shapiroWilk(fit.residuals);
        shapiro = { w: sw.w, pValue: sw.pValue };
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
      }
      entry.residuals = { fitted: Array.from(fit.fitted), residuals: Array.from(fit.residuals), shapiro };
    } catch (error) {
      if (error instanceof FitError || error instanceof InputError) {
        entry.error = error.message;
        notes.push(`${cellLine}: the dose-response curve could not be fitted (${error.message})`);
      } else throw error;
    }
    lines.push(entry);
    dose.forEach((d, i) => {
      allDose.push(d);
      allZ.push(response[i]);
      allLine.push(cellLine);
    });
  }
  // Lines are compared when their own curve was fitted: a line without a fit has no curve to share parameters with.
  const fitted = lines.filter((l) => l.fit !== null).map((l) => l.cellLine);
  const unfitted = lines.filter((l) => l.fit === null).map((l) => l.cellLine);
  if (unfitted.length > 0 && fitted.length >= 2) notes.push(`the comparison of lines uses ${fitted.join(", ")}: ${unfitted.join(", ")} had no fitted curve`);
  const keep = allLine.map((l) => fitted.indexOf(l) >= 0);
  const compare = (shared: string[], what: string): CompareDoseResponseResult | null => {
    if (fitted.length < 2) {
      notes.push(`no comparison of ${what}: fewer than 2 lines have a fitted curve`);
      return null;
    }
    try {
      return compareDoseResponse(
        allDose.filter((_, i) => keep[i]),
        allZ.filter((_, i) => keep[i]),
        allLine.filter((_, i) => keep[i]),
        { model: "ll4", shared, levels: fitted, confLevel },
      );
    } catch (error) {
      if (error instanceof FitError || error instanceof InputError) {
        notes.push(`no comparison of ${what}: ${error.message}`);
        return null;
      }
      throw error;
    }
  };
  const zPower = normalQuantile(1 - alpha / 2) + normalQuantile(0.8);
  const withFit = lines.filter((l) => l.fit !== null);
  const detectableEc50Ratio: SecretionDoseResponseResult["detectableEc50Ratio"] = [];
  for (let i = 0; i < withFit.length; i++) {
    for (let j = i + 1; j < withFit.length; j++) {
      const a = withFit[i].fit!.ec50;
      const b = withFit[j].fit!.ec50;
      const seLog = Math.sqrt((a.se / a.estimate) ** 2 + (b.se / b.estimate) ** 2);
      detectableEc50Ratio.push({ lineA: withFit[i].cellLine, lineB: withFit[j].cellLine, ratio: Math.exp(zPower * seLog), seLog });
    }
  }
  return {
    method:
      "Four-parameter log-logistic (Emax) curve per cell line by nonlinear least squares on experiment-corrected log2 fold over sham; extra-sum-of-squares F tests between lines",
    measure: s.measure,
    hours,
    confLevel,
    lines,
    sharedEc50: compare(["e"], "the EC50"),
    detectableEc50Ratio,
    plateauReached: PLATEAU_REACHED,
    notes,
    dropped: data.dropped,
  };
}

/** y minus its experiment's effect from lm(y ~ experiment + factor(dose)), the effects centred to mean 0 over experiments. */
function experimentCorrected(y: number[], dose: number[], experiment: string[]): number[] {
  const levels = Array.from(new Set(experiment));
  if (levels.length < 2) return y.slice();
  const doses = distinctSorted(dose);
  const fit = linearModel({ y, experiment, dose }, "y ~ experiment + dose", { factors: ["dose"], levels: { experiment: levels, dose: doses } });
  const effect = levels.map((l, j) => {
    if (j === 0) return 0;
    const c = fit.coefficients.find((x) => x.name === `experiment${l}`);
    return c === undefined || c.estimate === null ? 0 : c.estimate;
  });
  const centre = mean(effect);
  return y.map((v, i) => v - (effect[levels.indexOf(experiment[i])] - centre));
}
