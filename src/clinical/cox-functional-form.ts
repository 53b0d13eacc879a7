/**
 * Functional form of the continuous covariates of the adjusted Cox model of overall survival
 * (coxByArm, adjusted; notebook 02): is the log hazard linear in each, as the model assumes?
 *
 * For each covariate of the model with at least `minDistinct` distinct values among the
 * patients in the model (age per 10 years, tumor size on the model's scale, log10 AFP in the
 * shipped data; ECOG and the number of tumors have too few values and are listed in
 * `notChecked`), the model is refitted with that covariate as a natural cubic spline of `df`
 * degrees of freedom (naturalSplineBasis: R's splines::ns, boundary knots at the range,
 * df - 1 interior knots at quantiles, computed on the patients in the model as R computes
 * ns() inside a formula) and every other term unchanged. The likelihood-ratio test of
 * non-linearity is 2 (log partial likelihood of the spline model - of the linear one) on
 * df - 1 degrees of freedom, as R's anova(fit_linear, fit_spline) (the linear model is nested:
 * a straight line is a natural spline). Also one model with every checked covariate as a
 * spline at once, and the arm's hazard ratio in each model.
 *
 * The curve of each spline: the log hazard ratio against the covariate's median (R's type-7
 * quantile), (B(x) - B(median))' beta over an even grid of the observed range, with pointwise
 * Wald limits from the model-based variance of the spline coefficients; the linear model's
 * beta (x - median) beside it. Ties: Efron. R: test/fixtures/r/clinical-functional-form.R.
 *
 * @example
 * const ff = coxFunctionalForm(loadCohort(), { df: 4, tumorScale: "log" });
 * ff.terms.map((t) => [t.name, t.lrTest.pValue]);
 * ff.allSplines.arm.hazardRatio; // the arm's HR with every checked covariate as a spline
 */
import { InputError } from "../core/index";
import { chiSquareUpper, normalQuantile } from "../distributions/index";
import { naturalSplineBasis } from "../stats/natural-spline-basis";
import { quantileSorted } from "../stats/quantile-sorted";
import { coxPH } from "../survival/cox";
import type { CoxPHResult } from "../survival/cox";
import { cohortArms } from "./arms";
import type { CohortData } from "./arms";
import { adjustmentCovariates, coxByArm } from "./cox-by-arm";
import type { CoxByArmResult } from "./cox-by-arm";

export interface CoxFunctionalFormOptions {
  /** Degrees of freedom of each natural spline (default 4: 3 interior knots). */
  df?: number;
  /** Covariates with fewer distinct values among the patients in the model are not checked (default 10). */
  minDistinct?: number;
  /** Points of each curve's grid (default 41). */
  gridPoints?: number;
  confLevel?: number;
  tumorScale?: "linear" | "log";
  ecogScale?: "per point" | "categories";
}

export interface ArmEstimate {
  hazardRatio: number;
  lower: number;
  upper: number;
  pValue: number;
}

export interface FunctionalFormTerm {
  name: string;
  label: string;
  /** How the covariate enters the model (the scale of the knots and the curve's x), e.g. "age in years / 10". */
  coding: string;
  /** Distinct values among the patients in the model. */
  distinct: number;
  knots: number[];
  boundaryKnots: [number, number];
  /** 2 (log PL of the spline model - linear model) on df - 1. */
  lrTest: { chiSq: number; df: number; pValue: number };
  /** AIC (-2 log PL + 2 coefficients) of the spline model; the linear model's is CoxFunctionalForm.linearAic. */
  aic: number;
  /** Spline coefficients (R's coef for ns(x, df)1..df). */
  splineCoef: number[];
  /** The arm's hazard ratio in the spline model. */
  arm: ArmEstimate;
  /** The fitted form: log hazard ratio against `reference` (the median), spline with limits and the linear model's line. */
  curve: { x: number[]; logHazardRatio: number[]; lower: number[]; upper: number[]; linear: number[]; reference: number };
  /** The covariate's values among the patients in the model (for a rug). */
  observed: number[];
}

export interface CoxFunctionalForm {
  df: number;
  confLevel: number;
  /** The adjusted model with every covariate linear (coxByArm). */
  linear: CoxByArmResult;
  linearAic: number;
  /** The arm's hazard ratio in the linear model. */
  arm: ArmEstimate;
  terms: FunctionalFormTerm[];
  /** Covariates not checked, with why (too few distinct values; binary). */
  notChecked: { name: string; label: string; distinct: number; reason: string }[];
  /** Every checked covariate as a spline in one model: the arm's hazard ratio and the joint LR test against the linear model. */
  allSplines: { arm: ArmEstimate; lrTest: { chiSq: number; df: number; pValue: number }; aic: number } | null;
  n: number;
  nEvent: number;
}

function armOf(fit: CoxPHResult): ArmEstimate {
  return { hazardRatio: fit.hazardRatio[0], lower: fit.lower[0], upper: fit.upper[0], pValue: fit.pValue[0] };
}

/** The functional-form check of the adjusted Cox model; see the file comment. */
export function coxFunctionalForm(cohort: CohortData, options: CoxFunctionalFormOptions = {}): CoxFunctionalForm {
  const df = options.df ?? 4;
  if (!Number.isInteger(df) || df < 2) throw new InputError("df", null, df, "must be a whole number >= 2 (a spline with 1 df is the straight line)");
  const minDistinct = options.minDistinct ?? 10;
  if (!Number.isInteger(minDistinct) || minDistinct < df + 1) throw new InputError("minDistinct", null, minDistinct, `must be a whole number > df (${df})`);
  const gridPoints = options.gridPoints ?? 41;
  if (!Number.isInteger(gridPoints) || gridPoints < 2) throw new InputError("gridPoints", null, gridPoints, "must be a whole number >= 2");
  const confLevel = options.confLevel ?? 0.95;
  const tumorScale = options.tumorScale ?? "linear";
  const linear = coxByArm(cohort, { adjusted: true, confLevel, tumorScale, ecogScale: options.ecogScale });
  const arms = cohortArms(cohort);
  const f = cohort.fields;
  const adj = adjustmentCovariates(cohort, undefined, { tumorScale, ecogScale: options.ecogScale });
  const columns: Record<string, number[]> = { arm: f.arm.map((a) => (a === arms[1] ? 1 : 0)) };
  for (const s of adj.specs) columns[s.name] = adj.columns[s.name];
  const names = Object.keys(columns);
  const n = f.arm.length;
  // The patients in the model (coxPH drops a row with any value missing, as R's model frame).
  const inModel = new Array<boolean>(n).fill(true);
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(f.os_months[i]) || Number.isNaN(f.death[i])) inModel[i] = false;
    for (const k of names) if (Number.isNaN(columns[k][i])) inModel[i] = false;
  }
  const rows = inModel.map((v, i) => (v ? i : -1)).filter((i) => i >= 0);
  const fit = (cols: Record<string, number[]>) => coxPH(f.os_months, f.death, cols, { ties: "efron", confLevel, missing: "drop" });
  const z = normalQuantile(1 - (1 - confLevel) / 2);
  const terms: FunctionalFormTerm[] = [];
  const notChecked: CoxFunctionalForm["notChecked"] = [];
  const splineColumns: Record<string, Record<string, number[]>> = {};
  for (const spec of adj.specs) {
    const values = rows.map((i) => columns[spec.name][i]);
    const distinct = new Set(values).size;
    if (distinct < minDistinct) {
      notChecked.push({ name: spec.name, label: spec.label, distinct, reason: distinct === 2 ? "binary" : `${distinct} distinct values (fewer than ${minDistinct})` });
      continue;
    }
    const basis = naturalSplineBasis(values, { df });
    const full: number[][] = Array.from({ length: df }, () => new Array<number>(n).fill(NaN));
    rows.forEach((i, r) => basis.basis[r].forEach((v, j) => (full[j][i] = v)));
    const mine: Record<string, number[]> = {};
    full.forEach((col, j) => (mine[`${spec.name}_ns${j + 1}`] = col));
    splineColumns[spec.name] = mine;
    const cols: Record<string, number[]> = {};
    for (const k of names) {
      if (k === spec.name) Object.assign(cols, mine);
      else cols[k] = columns[k];
    }
    const s = fit(cols);
    const at = names.indexOf(spec.name);
    const coef = s.coef.slice(at, at + df);
    const v = s.variance.slice(at, at + df).map((row) => row.slice(at, at + df));
    const sorted = values.slice().sort((a, b) => a - b);
    const reference = quantileSorted(sorted, 0.5);
    const lo = sorted[0];
    const hi = sorted[sorted.length - 1];
    const grid = Array.from({ length: gridPoints }, (_, k) => (k === gridPoints - 1 ? hi : lo + ((hi - lo) * k) / (gridPoints - 1)));
    const [bRef] = basis.at([reference]);
    const logHr: number[] = [];
    const lower: number[] = [];
    const upper: number[] = [];
    basis.at(grid).forEach((b) => {
      const d = b.map((x, j) => x - bRef[j]);
      let est = 0;
      let variance = 0;
      for (let j = 0; j < df; j++) {
        est += d[j] * coef[j];
        for (let k = 0; k < df; k++) variance += d[j] * v[j][k] * d[k];
      }
      const se = Math.sqrt(Math.max(variance, 0));
      logHr.push(est);
      lower.push(est - z * se);
      upper.push(est + z * se);
    });
    const beta = linear.fit.coef[at];
    const chiSq = 2 * (s.logLik - linear.fit.logLik);
    terms.push({
      name: spec.name,
      label: spec.label,
      coding: spec.coding,
      distinct,
      knots: basis.knots,
      boundaryKnots: basis.boundaryKnots,
      lrTest: { chiSq, df: df - 1, pValue: chiSquareUpper(Math.max(chiSq, 0), df - 1) },
      aic: -2 * s.logLik + 2 * s.coef.length,
      splineCoef: coef,
      arm: armOf(s),
      curve: { x: grid, logHazardRatio: logHr, lower, upper, linear: grid.map((x) => beta * (x - reference)), reference },
      observed: values,
    });
  }
  let allSplines: CoxFunctionalForm["allSplines"] = null;
  if (terms.length > 0) {
    const cols: Record<string, number[]> = {};
    for (const k of names) {
      if (splineColumns[k] !== undefined) Object.assign(cols, splineColumns[k]);
      else cols[k] = columns[k];
    }
    const s = fit(cols);
    const chiSq = 2 * (s.logLik - linear.fit.logLik);
    const extra = terms.length * (df - 1);
    allSplines = { arm: armOf(s), lrTest: { chiSq, df: extra, pValue: chiSquareUpper(Math.max(chiSq, 0), extra) }, aic: -2 * s.logLik + 2 * s.coef.length };
  }
  return { df, confLevel, linear, linearAic: linear.aic, arm: armOf(linear.fit), terms, notChecked, allSplines, n: linear.n, nEvent: linear.nEvent };
}
