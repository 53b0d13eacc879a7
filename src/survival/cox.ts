/**
 * Cox proportional hazards regression, matching R survival 3.5-3's
 * `coxph(Surv(time, event) ~ x1 + ..., ties = "efron" | "breslow")` and its
 * summary(), with R's options for (start, stop] data, strata, case weights
 * and the robust variance:
 *   coxph(Surv(start, time, event) ~ x1 + ... + strata(s), weights = w,
 *         cluster = id, robust = TRUE)
 *
 * Model: hazard h(t | x, stratum s) = h0_s(t) exp(x' beta). beta maximises the
 * partial likelihood (Efron's or Breslow's handling of tied event times,
 * weighted by the case weights, a separate baseline hazard per stratum) by
 * Newton-Raphson with step halving, as R's coxph.fit (right-censored data)
 * and agreg.fit ((start, stop] data) do (see ./cox-engine and
 * ./cox-general-engine for the likelihood, the centring and the stopping
 * rule: |1 - l_old / l_new| <= tol, default 1e-9, at most maxIter = 20 steps).
 * With `start`, row i is at risk at time t when start_i < t <= time_i: delayed
 * entry (left truncation), and time-varying covariates as several rows per
 * subject (one per interval with constant covariates).
 * Reported, as summary(coxph):
 *   se = sqrt(diag(I^-1)) (model-based; R's se(coef)),
 *   robustSe = sqrt(diag(V_robust)) when robust (R's "robust se", see ./cox-robust),
 *   z = beta / SE, p = 2 P(Z > |z|), hazard ratio exp(beta) with limits
 *   exp(beta -/+ q SE), q = qnorm((1 + confLevel) / 2), where SE is robustSe
 *   when robust, else se (as summary.coxph);
 *   likelihood-ratio test 2 (l(beta) - l(0)), Wald test beta' V^-1 beta (V the
 *   robust variance when robust; through its Cholesky factor, as coxph.wtest),
 *   score test U(0)' I(0)^-1 U(0), and when robust the robust score test
 *   (summary's "Robust = ..."); each chi-square on p df. The LR and score
 *   tests assume independent rows; the Wald and robust score tests of a
 *   robust fit do not (each test's `robust` says which it is);
 *   the concordance of the linear predictor (./cox-concordance, as
 *   fit$concordance["concordance"]: weighted, within strata, and over the
 *   rows at risk for (start, stop] data).
 * Options as R:
 *   - `weights`: case weights, positive and finite (R stops on zero or
 *     negative weights: "Invalid weights, must be >0").
 *   - `strata`: labels; a stratum with no events contributes nothing (R fits
 *     without a warning; `strata.nEvent` shows it).
 *   - `robust`: default as R's coxph, true when `cluster` is given or a weight
 *     is not a whole number, else false. Without `cluster` each row is its own
 *     cluster, except that (start, stop] data with `robust: true` need
 *     `cluster` (R: "one of cluster or id is needed"). `cluster` with
 *     `robust: false` is ignored with R's warning.
 * Times closer than sqrt(machine eps) are treated as tied first (R's default
 * timefix = TRUE; for (start, stop] data on the pooled start and stop times,
 * and an interval that collapses is an error, as R's aeqSurv). Unlike R, a
 * singular design (constant or collinear covariates) or a fit that does not
 * converge throws instead of returning NA coefficients with a warning, and a
 * start >= time is an error (R's Surv turns such rows into NA with a warning).
 *
 * The returned object is plain JSON-serialisable data; it also carries a
 * non-enumerable `model` field (the sorted data and linear predictor, typed
 * arrays) that proportionalHazardsTest, coxSurvival and coxAdjustedSurvival
 * use and JSON.stringify leaves out.
 *
 * @example
 * const fit = coxPH(lung.time, lung.status, lung.age.map((a, i) => [a, lung.sex[i]]), { names: ["age", "sex"] });
 * fit.hazardRatio; // [1.0172, 0.5986]
 * fit.lrTest;      // { chiSq: 14.12, df: 2, pValue: 0.00086, robust: false }
 * // Stanford heart transplant, transplant as a time-varying covariate (R: coxph(Surv(start, stop, event) ~ age + year + surgery + transplant, data = heart))
 * coxPH(heart.stop, heart.event, { age: heart.age, year: heart.year, surgery: heart.surgery, transplant: heart.transplant }, { start: heart.start }).coef;
 * // [0.02717, -0.14635, -0.63721, -0.01025]
 * // Weighted, stratified, robust variance clustered on patient (R: coxph(Surv(t, d) ~ arm + strata(site), weights = w, cluster = id))
 * coxPH(t, d, { arm }, { strata: site, weights: w, cluster: id }).robustSe;
 */
import {
  InputError,
  missingRows,
  finiteColumn,
  timeColumn,
  eventColumn,
  factorColumn,
  requireLength,
  requireSameLength,
  sortOrder,
  type ArrayLikeInput,
  type MissingPolicy,
} from "../core/index";
import { chiSquareUpper, normalQuantile, normalTwoSided } from "../distributions/index";
import { concordanceOfRanks, coxConcordance, coxConcordanceGeneral, type CoxConcordance } from "./cox-concordance";
import { fitCox, sortCoxData, type CoxSortedData, type CoxEngineResult } from "./cox-engine";
import { fitCoxGeneral } from "./cox-general-engine";
import { choleskyFactor, choleskySolve } from "./cox-linalg";
import { buildCoxRiskData, riskDataOfSorted, subsetRiskData, timefixInPlace, usedRows, type CoxRiskData } from "./cox-risk-data";
import { robustScoreTest, robustVariance, scoreResiduals } from "./cox-robust";
import { covariateColumns } from "../core/covariates";
import { ProjectError } from "../core/project-error";
import { requireConfLevel } from "../stats/input";

/** Covariates: one row per subject (number[][]), or one column per covariate ({ age: [...], sex: [...] }). */
export type CoxCovariates = ArrayLikeInput<ArrayLikeInput<unknown>> | Readonly<Record<string, ArrayLikeInput<unknown>>>;

export interface CoxPHOptions {
  /** Handling of tied event times: "efron" (default, as R) or "breslow". */
  ties?: "efron" | "breslow";
  /** Covariate names; default the column keys, or "x1", "x2", ... for rows. */
  names?: readonly string[];
  /** Confidence level of the hazard-ratio limits (default 0.95). */
  confLevel?: number;
  /** "error" (default) throws on a missing value; "drop" drops the row and reports the count. */
  missing?: MissingPolicy;
  /** Most Newton-Raphson steps (R's iter.max, default 20); 0 reports the model at beta = 0 (R's iter = 0). */
  maxIter?: number;
  /** Convergence tolerance on the relative change of the log-likelihood (R's eps, default 1e-9). */
  tol?: number;
  /** Merge times that differ by less than sqrt(machine eps), as R's coxph (default true). */
  timefix?: boolean;
  /** Entry times: row i covers (start[i], time[i]] (R's Surv(start, stop, event)); must be < time. */
  start?: ArrayLikeInput<unknown>;
  /** Stratum labels: a separate baseline hazard per stratum (R's strata() term). */
  strata?: ArrayLikeInput<unknown>;
  /** Case weights, positive and finite (R's weights =). */
  weights?: ArrayLikeInput<unknown>;
  /** Robust (sandwich) variance; default true when `cluster` is given or a weight is not a whole number (R's default). */
  robust?: boolean;
  /** Cluster (subject) labels for the robust variance: rows of one subject are summed before the sandwich (R's cluster =). */
  cluster?: ArrayLikeInput<unknown>;
  /**
   * (start, stop] rows that repeat a few covariate rows (follow-up split at many times, e.g. between
   * the censoring times of inverse-probability-of-censoring weights): sum the information matrix by
   * distinct covariate row (./cox-general-patterns), O(n p) per Newton step instead of O(n p^2).
   * Default false. The log-likelihood and score are the same doubles; the information is added in
   * another order, so estimates and variances can differ from the default's in the last digits
   * (about 1e-14 relative): not bit-identical to a fit without it.
   */
  informationByPattern?: boolean;
  /**
   * Compute the estimates and what follows from them and their variances only, for callers that
   * fit many models and read the estimates (landmark draws, weights, bootstraps): the result has no
   * `concordance`, `concordanceCounts` or `robustScoreTest` (neither is computed: the concordance
   * pass and, for a robust fit, the second pass of score residuals at beta = 0 are skipped). Every
   * field it does have is the same double as coxPH gives without the option, the model data
   * (`model`) included, so proportionalHazardsTest and coxSurvival work on it. Default false.
   */
  estimatesOnly?: boolean;
}

/** A chi-square test. */
export interface CoxTest {
  chiSq: number;
  df: number;
  pValue: number;
  /** Whether the test allows for correlated rows within clusters (the Wald and robust score tests of a robust fit). */
  robust: boolean;
}

/** Rows and events per stratum of a stratified fit. */
export interface CoxStrata {
  /** Stratum labels, in R's factor order (numbers by value, else text). */
  levels: string[];
  n: number[];
  nEvent: number[];
}

/** Internal data kept (non-enumerable) for proportionalHazardsTest, coxSurvival and coxAdjustedSurvival. */
export interface CoxModelData {
  /** Plain fits (right-censored, one stratum, no weights): the rows sorted by time as the fitter used them; else null. */
  sorted: CoxSortedData | null;
  /** Other fits: the rows by stratum and decreasing time (./cox-risk-data); null for plain fits (see coxRiskData). */
  risk: CoxRiskData | null;
  /** x' beta - sum(beta * means), as R's fit$linear.predictors, in `sorted` order (plain fits) or `risk` order. */
  linearPredictor: Float64Array;
  coef: Float64Array;
  efron: boolean;
  /** R's fit$means. */
  means: Float64Array;
  /** R's fit$var: the robust variance of a robust fit, else the model-based one (p x p, row-major). */
  variance: Float64Array;
  /** Covariate names. */
  names: string[];
  /** (start, stop] data. */
  counting: boolean;
}

export interface CoxPHResult {
  method: string;
  ties: "efron" | "breslow";
  names: string[];
  coef: number[];
  /** Model-based standard errors (R's se(coef)). */
  se: number[];
  /** R's "robust se" when robust, else null. */
  robustSe: number[] | null;
  hazardRatio: number[];
  /** Limits of the hazard ratio (with robustSe when robust). */
  lower: number[];
  upper: number[];
  confLevel: number;
  /** beta / robustSe when robust, else beta / se. */
  z: number[];
  pValue: number[];
  /** Model-based variance: inverse information at the estimate (R's fit$var, or fit$naive.var of a robust fit). */
  variance: number[][];
  /** Robust (sandwich) variance when robust (R's fit$var of a robust fit), else null. */
  robustVariance: number[][] | null;
  /** Whether the robust variance was computed (see the file comment for the default). */
  robust: boolean;
  /** Clusters in the robust variance (rows, without `cluster`); null when not robust. */
  nCluster: number | null;
  /** Centring values (0 for columns coded within {-1, 0, 1}); the linear predictor is x'beta - sum(beta * means). */
  means: number[];
  logLikNull: number;
  logLik: number;
  lrTest: CoxTest;
  /** Wald test (with the robust variance when robust, as R). */
  waldTest: CoxTest;
  /** Score (log-rank) test, model-based. */
  scoreTest: CoxTest;
  /** Robust score test (summary.coxph's "Robust = ..."), null when not robust. */
  robustScoreTest: CoxTest | null;
  /** Harrell's C as fit$concordance["concordance"]. */
  concordance: number;
  concordanceCounts: { concordant: number; discordant: number; tiedX: number; tiedY: number; tiedXY: number };
  /** Rows used (subjects, or (start, stop] intervals). */
  n: number;
  /** Events (unweighted count, as R's nevent). */
  nEvent: number;
  /** (start, stop] data (the `start` option). */
  countingProcess: boolean;
  /** Case weights were given. */
  weighted: boolean;
  /** Strata of a stratified fit, else null. */
  strata: CoxStrata | null;
  iterations: number;
  dropped: number;
  /** R's warnings: a coefficient that may be infinite; a cluster ignored with robust: false. */
  warnings: string[];
  /** Non-enumerable: the data proportionalHazardsTest and coxSurvival need. */
  readonly model?: CoxModelData;
}

/** What coxPH returns with `estimatesOnly: true`: every field but the concordance and the robust score test. */
export type CoxPHEstimates = Omit<CoxPHResult, "concordance" | "concordanceCounts" | "robustScoreTest">;

/** Thrown when Newton-Raphson does not converge within maxIter steps. */
export class CoxConvergenceError extends ProjectError {
  readonly iterations: number;
  readonly coef: number[];
  constructor(message: string, iterations: number, coef: number[]) {
    super(message);
    this.name = "CoxConvergenceError";
    this.iterations = iterations;
    this.coef = coef;
  }
}

const TOLER_CHOL = Math.pow(Number.EPSILON, 0.75);

export function coxPH(
  time: ArrayLikeInput<unknown>,
  event: ArrayLikeInput<unknown>,
  covariates: CoxCovariates,
  options: CoxPHOptions & { estimatesOnly: true },
): CoxPHEstimates;
export function coxPH(
  time: ArrayLikeInput<unknown>,
  event: ArrayLikeInput<unknown>,
  covariates: CoxCovariates,
  options?: CoxPHOptions & { estimatesOnly?: false },
): CoxPHResult;
export function coxPH(time: ArrayLikeInput<unknown>, event: ArrayLikeInput<unknown>, covariates: CoxCovariates, options: CoxPHOptions): CoxPHEstimates;
export function coxPH(
  time: ArrayLikeInput<unknown>,
  event: ArrayLikeInput<unknown>,
  covariates: CoxCovariates,
  options: CoxPHOptions = {},
): CoxPHResult | CoxPHEstimates {
  const ties = options.ties ?? "efron";
  if (ties !== "efron" && ties !== "breslow") throw new InputError("ties", null, ties, 'must be "efron" or "breslow"');
  const confLevel = options.confLevel ?? 0.95;
  requireConfLevel(confLevel);
  const maxIter = options.maxIter ?? 20;
  if (!Number.isInteger(maxIter) || maxIter < 0) throw new InputError("maxIter", null, maxIter, "must be a non-negative integer (0: the model at beta = 0, as R's iter.max = 0)");
  const tol = options.tol ?? 1e-9;
  if (typeof tol !== "number" || !(tol > 0 && tol < 1)) throw new InputError("tol", null, tol, "must be a number between 0 and 1");
  const policy = options.missing ?? "error";
  if (policy !== "error" && policy !== "drop") throw new InputError("missing", null, policy, 'must be "error" or "drop"');
  if (options.informationByPattern !== undefined && typeof options.informationByPattern !== "boolean") {
    throw new InputError("informationByPattern", null, options.informationByPattern, "must be true or false");
  }
  if (options.estimatesOnly !== undefined && typeof options.estimatesOnly !== "boolean") {
    throw new InputError("estimatesOnly", null, options.estimatesOnly, "must be true or false");
  }
  const estimatesOnly = options.estimatesOnly === true;
  if (options.robust !== undefined && typeof options.robust !== "boolean") {
    throw new InputError("robust", null, options.robust, "must be true or false");
  }
  const timefix = options.timefix ?? true;

  requireLength("time", time);
  requireLength("event", event);
  const { columns: rawColumns, names } = covariateColumns("covariates", covariates, time.length, options.names, { lengthOf: "time" });
  const extra: Record<string, ArrayLikeInput<unknown>> = {};
  for (const key of ["start", "strata", "weights", "cluster"] as const) {
    const v = options[key];
    if (v === undefined) continue;
    requireLength(key, v);
    extra[key] = v;
  }
  requireSameLength({ time, event, ...extra });

  const p = names.length;
  const labelled: Record<string, ArrayLikeInput<unknown>> = {};
  if (extra.start) labelled.start = extra.start;
  labelled.time = time;
  labelled.event = event;
  names.forEach((name, j) => (labelled[`covariates.${name}`] = rawColumns[j]));
  for (const key of ["strata", "weights", "cluster"]) if (extra[key]) labelled[key] = extra[key];
  // missingRows names the first missing cell (or lists the rows to drop); complete data cost one scan per column.
  const dropped = missingRows(labelled, policy);
  const counting = extra.start !== undefined;
  const t = counting ? finiteColumn("time", time, dropped) : timeColumn("time", time, dropped);
  const startTimes = counting ? finiteColumn("start", extra.start, dropped) : null;
  const e = eventColumn("event", event, dropped);
  const cols = rawColumns.map((c, j) => finiteColumn(`covariates.${names[j]}`, c, dropped));
  const n = t.length;
  if (n === 0) throw new InputError("time", null, time.length, "no rows left after dropping rows with missing values");
  const rowOf = inputRows(time.length, dropped);
  if (startTimes !== null) {
    for (let k = 0; k < n; k++) {
      if (!(startTimes[k] < t[k])) {
        throw new InputError("start", rowOf(k), startTimes[k], `must be less than time[${rowOf(k)}] = ${t[k]} (each row covers (start, time]; R's Surv makes such rows NA)`);
      }
    }
  }
  let weights: Float64Array | null = null;
  let wholeWeights = true;
  if (extra.weights) {
    weights = finiteColumn("weights", extra.weights, dropped);
    for (let k = 0; k < n; k++) {
      const v = weights[k];
      if (!(v > 0)) {
        throw new InputError("weights", rowOf(k), v, "must be a positive case weight (R's coxph stops on zero or negative weights: \"Invalid weights, must be >0\")");
      }
      if (v !== Math.floor(v)) wholeWeights = false;
    }
  }
  let strataCodes: Int32Array | null = null;
  let strataLevels: string[] = [];
  if (extra.strata) {
    const f = factorColumn("strata", extra.strata, dropped);
    strataCodes = f.codes;
    strataLevels = f.levels;
  }
  let clusterCodes: Int32Array | null = null;
  let nCluster = 0;
  if (extra.cluster) {
    const c = clusterColumn(extra.cluster, dropped);
    clusterCodes = c.codes;
    nCluster = c.count;
  }

  const nEvent = sumOf(e);
  if (nEvent === 0) throw new InputError("event", null, 0, "has no events (all censored): a Cox model needs at least one");
  for (let j = 0; j < p; j++) {
    const c = cols[j];
    let k = 1;
    while (k < n && c[k] === c[0]) k++;
    if (k === n) {
      throw new InputError(`covariates.${names[j]}`, null, c[0], `is constant (every value is ${c[0]}): its coefficient cannot be estimated (singular design)`);
    }
  }

  // R's default: robust when there is a cluster or a weight that is not a whole number.
  const warnings: string[] = [];
  let robust = options.robust ?? (clusterCodes !== null || !wholeWeights);
  if (clusterCodes !== null && !robust) {
    warnings.push("cluster specified with robust=FALSE, cluster ignored");
    clusterCodes = null;
  }
  if (robust && clusterCodes === null && counting && options.robust === true) {
    throw new InputError(
      "cluster",
      null,
      undefined,
      "is needed for the robust variance of (start, stop] data: give the subject of each row (R: \"one of cluster or id is needed\")",
    );
  }

  const efron = ties === "efron";
  const plain = !counting && strataCodes === null && weights === null;
  let sorted: CoxSortedData | null = null;
  let risk: CoxRiskData | null = null;
  let fit: CoxEngineResult;
  let means: Float64Array;
  if (plain) {
    sorted = sortCoxData(t, e, cols, timefix);
    fit = fitCox(sorted, efron, maxIter, tol, TOLER_CHOL);
    means = fit.means;
  } else {
    if (timefix) timefixInPlace(t, startTimes);
    risk = buildCoxRiskData(t, startTimes, e, cols, weights, strataCodes, strataLevels);
    const doscale = new Uint8Array(p);
    for (let j = 0; j < p; j++) {
      const c = cols[j];
      for (let k = 0; k < n; k++) {
        const v = c[k];
        if (v !== 0 && v !== 1 && v !== -1) {
          doscale[j] = 1;
          break;
        }
      }
    }
    const used = counting ? usedRows(risk) : null;
    fit = fitCoxGeneral(used === null ? risk : subsetRiskData(risk, used), { efron, maxIter, eps: tol, tolerChol: TOLER_CHOL, counting, doscale }, options.informationByPattern === true);
    // R's fit$means: coxph.fit's weighted means; agreg.fit's plain column means (0 for columns coded within {-1, 0, 1}).
    means = new Float64Array(p);
    let wsum = 0;
    for (let k = 0; k < n; k++) wsum += counting || weights === null ? 1 : weights[k];
    for (let j = 0; j < p; j++) {
      if (!doscale[j]) continue;
      let s = 0;
      const c = cols[j];
      for (let k = 0; k < n; k++) s += (counting || weights === null ? 1 : (weights as Float64Array)[k]) * c[k];
      means[j] = s / wsum;
    }
  }
  if (fit.singular.length > 0) {
    const bad = fit.singular.map((j) => names[j]);
    throw new InputError(
      `covariates.${bad[0]}`,
      null,
      null,
      `makes the design singular: it is a linear combination of ${p > 1 ? "the other covariates" : "a constant"} within the risk sets` +
        (bad.length > 1 ? ` (redundant columns: ${bad.join(", ")})` : ""),
    );
  }
  const coef = Array.from(fit.coef);
  if (!fit.converged) {
    // Name the covariate with the largest effect per standard deviation: the likely runaway.
    let worst = 0;
    let worstSize = -1;
    for (let j = 0; j < p; j++) {
      const size = Math.abs(coef[j]) * columnSd(cols[j]);
      if (size > worstSize) {
        worstSize = size;
        worst = j;
      }
    }
    throw new CoxConvergenceError(
      `coxPH did not converge in ${maxIter} iterations (log-likelihood ${fit.logLik}); ` +
        `covariates.${names[worst]} has coefficient ${coef[worst]}, which may be infinite ` +
        `(a covariate that separates events from survivors); raise maxIter or check the data`,
      fit.iterations,
      coef,
    );
  }

  const variance: number[][] = [];
  for (let i = 0; i < p; i++) variance.push(Array.from(fit.variance.subarray(i * p, (i + 1) * p)));
  const se = variance.map((row, i) => Math.sqrt(row[i]));

  // R's "Loglik converged before variable ..." warning (toler.inf = sqrt(eps)): coxph.fit's and agreg.fit's forms.
  if (maxIter > 1) {
    const inf: string[] = [];
    for (let i = 0; i < p; i++) {
      let s = 0;
      for (let j = 0; j < p; j++) s += fit.score[j] * fit.variance[j * p + i];
      s = Math.abs(s);
      const flagged = counting ? s > Math.sqrt(tol) * (1 + Math.abs(coef[i])) : s > tol && s > Math.sqrt(tol) * Math.abs(coef[i]);
      if (!Number.isFinite(fit.score[i]) || flagged) inf.push(names[i]);
    }
    if (inf.length > 0) {
      warnings.push(`Loglik converged before variable ${inf.join(", ")}; ${counting ? "beta" : "coefficient"} may be infinite.`);
    }
  }

  // Linear predictor, as R: x %*% beta - sum(beta * means), in the fitter's row order.
  let shift = 0;
  for (let j = 0; j < p; j++) shift += coef[j] * means[j];
  const lp = new Float64Array(n);
  let conc: CoxConcordance | null = null;
  if (plain && (sorted as CoxSortedData).pattern !== null) {
    // Few distinct covariate rows: the predictor and its rank once per pattern (the same doubles).
    const sd = sorted as CoxSortedData;
    const pattern = sd.pattern as Uint32Array;
    const px = sd.patternX as Float64Array;
    const patternLp = new Float64Array(sd.patterns);
    for (let q = 0; q < sd.patterns; q++) {
      let s = 0;
      for (let j = 0; j < p; j++) s += px[q * p + j] * coef[j];
      patternLp[q] = s - shift;
    }
    if (estimatesOnly) spreadPredictor(pattern, patternLp, lp);
    else {
      const ranks = denseRanksOf(patternLp);
      const rank = new Uint32Array(n);
      spreadPatterns(pattern, patternLp, ranks.rank, lp, rank);
      conc = concordanceOfRanks(sd.status, rank, ranks.distinct, sd.groupStart, sd.groups);
    }
  } else {
    linearPredictor(plain ? (sorted as CoxSortedData).x : (risk as CoxRiskData).x, p, coef, shift, lp);
    if (!estimatesOnly) {
      conc = plain
        ? coxConcordance((sorted as CoxSortedData).status, lp, (sorted as CoxSortedData).groupStart, (sorted as CoxSortedData).groups)
        : coxConcordanceGeneral(risk as CoxRiskData, lp);
    }
  }

  // Robust variance and robust score test on the risk-set layout.
  let robustVar: Float64Array | null = null;
  let robustScore: number | null = null;
  if (robust) {
    let rd: CoxRiskData;
    let rlp: Float64Array;
    if (plain) {
      const conv = riskDataOfSorted(sorted as CoxSortedData);
      rd = conv.data;
      rlp = new Float64Array(n);
      for (let k = 0; k < n; k++) rlp[k] = lp[conv.fromSorted[k]];
    } else {
      rd = risk as CoxRiskData;
      rlp = lp;
    }
    let cl: Int32Array | null = null;
    if (clusterCodes !== null) {
      cl = new Int32Array(n);
      for (let k = 0; k < n; k++) cl[k] = clusterCodes[rd.order[k]];
    } else {
      nCluster = n;
    }
    const resid = scoreResiduals(rd, rlp, efron, means);
    robustVar = robustVariance(rd, resid, fit.variance, cl, nCluster);
    if (!estimatesOnly) {
      const resid0 = scoreResiduals(rd, new Float64Array(n), efron, means);
      robustScore = robustScoreTest(rd, resid0, cl, nCluster, TOLER_CHOL);
    }
  } else {
    nCluster = 0;
  }
  const robustVariance2: number[][] | null = robustVar === null ? null : [];
  if (robustVar !== null) for (let i = 0; i < p; i++) (robustVariance2 as number[][]).push(Array.from(robustVar.subarray(i * p, (i + 1) * p)));
  const robustSe = robustVariance2 === null ? null : robustVariance2.map((row, i) => Math.sqrt(row[i]));
  const useSe = robustSe ?? se;
  const q = normalQuantile((1 + confLevel) / 2);
  const z = coef.map((b, i) => b / useSe[i]);

  // Wald test through the Cholesky factor of the (robust when robust) variance (R's coxph.wtest).
  const vf = Float64Array.from(robustVar ?? fit.variance);
  choleskyFactor(vf, p, TOLER_CHOL);
  let waldDf = 0;
  for (let i = 0; i < p; i++) if (vf[i * p + i] > 0) waldDf++;
  const sol = Float64Array.from(fit.coef);
  choleskySolve(vf, p, sol);
  let wald = 0;
  for (let i = 0; i < p; i++) wald += coef[i] * sol[i];

  let strata: CoxStrata | null = null;
  if (strataCodes !== null) {
    const sn = new Array<number>(strataLevels.length).fill(0);
    const se2 = new Array<number>(strataLevels.length).fill(0);
    for (let k = 0; k < n; k++) {
      sn[strataCodes[k]]++;
      se2[strataCodes[k]] += e[k];
    }
    strata = { levels: strataLevels.slice(), n: sn, nEvent: se2 };
  }

  const lr = 2 * (fit.logLik - fit.logLikNull);
  const described = [
    counting ? "(start, stop] data" : "",
    strata !== null ? `${strata.levels.length} strata` : "",
    weights !== null ? "case weights" : "",
    robust ? `robust variance (${clusterCodes !== null ? `${nCluster} clusters` : "each row a cluster"})` : "",
  ].filter((x) => x !== "");
  const result: CoxPHResult = {
    method:
      `Cox proportional hazards, partial likelihood with ${ties === "efron" ? "Efron" : "Breslow"} ties, Newton-Raphson` +
      (described.length > 0 ? `; ${described.join(", ")}` : ""),
    ties,
    names: names.slice(),
    coef,
    se,
    robustSe,
    hazardRatio: coef.map((b) => Math.exp(b)),
    lower: coef.map((b, i) => Math.exp(b - q * useSe[i])),
    upper: coef.map((b, i) => Math.exp(b + q * useSe[i])),
    confLevel,
    z,
    pValue: z.map((v) => normalTwoSided(v)),
    variance,
    robustVariance: robustVariance2,
    robust,
    nCluster: robust ? nCluster : null,
    means: Array.from(means),
    logLikNull: fit.logLikNull,
    logLik: fit.logLik,
    lrTest: { chiSq: lr, df: p, pValue: chiSquareUpper(lr, p), robust: false },
    waldTest: { chiSq: wald, df: waldDf, pValue: chiSquareUpper(wald, waldDf), robust },
    scoreTest: { chiSq: fit.scoreTest, df: p, pValue: chiSquareUpper(fit.scoreTest, p), robust: false },
    robustScoreTest: robustScore === null ? null : { chiSq: robustScore, df: p, pValue: chiSquareUpper(robustScore, p), robust: true },
    concordance: conc === null ? NaN : conc.concordance,
    concordanceCounts: {
      concordant: conc === null ? NaN : conc.concordant,
      discordant: conc === null ? NaN : conc.discordant,
      tiedX: conc === null ? NaN : conc.tiedX,
      tiedY: conc === null ? NaN : conc.tiedY,
      tiedXY: conc === null ? NaN : conc.tiedXY,
    },
    n,
    nEvent,
    countingProcess: counting,
    weighted: weights !== null,
    strata,
    iterations: fit.iterations,
    dropped: dropped.size,
    warnings,
  };
  const model: CoxModelData = {
    sorted,
    risk,
    linearPredictor: lp,
    coef: fit.coef,
    efron,
    means,
    variance: robustVar ?? fit.variance,
    names: names.slice(),
    counting,
  };
  if (estimatesOnly) {
    // The same fields in the same order, without those not computed.
    const { concordance: _c, concordanceCounts: _cc, robustScoreTest: _r, ...estimates } = result;
    Object.defineProperty(estimates, "model", { value: model, enumerable: false });
    return estimates;
  }
  Object.defineProperty(result, "model", { value: model, enumerable: false });
  return result;
}

// The loops over all rows live in small functions: V8 optimises a small function whole, while a
// loop in a long function that runs a few times may stay in a slower tier.

/** The sum of a 0/1 column. */
function sumOf(values: Uint8Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s;
}

/** lp[k] = x_k' coef - shift (columns summed in order, as R's x %*% beta - sum(beta * means)). */
function linearPredictor(x: Float64Array, p: number, coef: readonly number[], shift: number, lp: Float64Array): void {
  for (let k = 0; k < lp.length; k++) {
    let s = 0;
    for (let j = 0; j < p; j++) s += x[k * p + j] * coef[j];
    lp[k] = s - shift;
  }
}

/** Each row's linear predictor and its rank from its pattern's. */
function spreadPatterns(pattern: Uint32Array, patternLp: Float64Array, patternRank: Uint32Array, lp: Float64Array, rank: Uint32Array): void {
  for (let k = 0; k < pattern.length; k++) {
    const q = pattern[k];
    lp[k] = patternLp[q];
    rank[k] = patternRank[q];
  }
}

/** Each row's linear predictor from its pattern's. */
function spreadPredictor(pattern: Uint32Array, patternLp: Float64Array, lp: Float64Array): void {
  for (let k = 0; k < pattern.length; k++) lp[k] = patternLp[pattern[k]];
}

/** Dense ranks (1 = smallest, equal values one rank, -0 = 0) of a few values, through one sort. */
function denseRanksOf(values: Float64Array): { rank: Uint32Array; distinct: number } {
  const order = sortOrder(values);
  const rank = new Uint32Array(values.length);
  let r = 0;
  for (let k = 0; k < values.length; k++) {
    const i = order[k];
    if (k === 0 || values[i] !== values[order[k - 1]]) r++;
    rank[i] = r;
  }
  return { rank, distinct: r };
}

/** Maps a position among the kept rows to its index in the caller's arrays. */
function inputRows(total: number, dropped: Set<number>): (k: number) => number {
  if (dropped.size === 0) return (k) => k;
  const rows = new Int32Array(total - dropped.size);
  let k = 0;
  for (let i = 0; i < total; i++) if (!dropped.has(i)) rows[k++] = i;
  return (m) => rows[m];
}

/** Cluster labels coded 0..count-1 (any order: only the grouping matters); strings, finite numbers or booleans. */
function clusterColumn(values: ArrayLikeInput<unknown>, dropped: Set<number>): { codes: Int32Array; count: number } {
  const n = values.length - dropped.size;
  const codes = new Int32Array(n);
  const skip = dropped.size > 0;
  let allNumbers = true;
  for (let i = 0; i < values.length && allNumbers; i++) {
    if (skip && dropped.has(i)) continue;
    const v = values[i];
    if (typeof v !== "number" || !Number.isFinite(v)) allNumbers = false;
  }
  if (allNumbers) {
    // Numeric ids: group through one sort (many distinct subjects are common).
    const nums = new Float64Array(n);
    let k = 0;
    for (let i = 0; i < values.length; i++) {
      if (skip && dropped.has(i)) continue;
      nums[k++] = (values[i] as number) + 0;
    }
    const ord = sortOrder(nums);
    let count = 0;
    for (let m = 0; m < n; m++) {
      if (m > 0 && nums[ord[m]] !== nums[ord[m - 1]]) count++;
      codes[ord[m]] = count;
    }
    return { codes, count: n === 0 ? 0 : count + 1 };
  }
  const seen = new Map<unknown, number>();
  let k = 0;
  for (let i = 0; i < values.length; i++) {
    if (skip && dropped.has(i)) continue;
    const v = values[i];
    if (!(typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v)))) {
      throw new InputError("cluster", i, v, "must be a cluster label (string or number)");
    }
    const key = typeof v === "number" ? String(v + 0) : typeof v === "boolean" ? String(v) : v;
    let c = seen.get(key);
    if (c === undefined) {
      c = seen.size;
      seen.set(key, c);
    }
    codes[k++] = c;
  }
  return { codes, count: seen.size };
}

/** The model data of a coxPH result (for the functions that work on a fit); InputError when it is missing. */
export function coxModelOf(fit: CoxPHEstimates): CoxModelData {
  const model = fit === null || typeof fit !== "object" ? undefined : (fit.model as CoxModelData | undefined);
  if (!model) {
    throw new InputError(
      "fit",
      null,
      typeof fit,
      "must be the object returned by coxPH (its non-enumerable model data is lost in copies such as JSON round trips)",
    );
  }
  return model;
}

/** The risk-set layout of any fit and its linear predictor in that order (built from the sorted data for plain fits). */
export function coxRiskData(model: CoxModelData): { data: CoxRiskData; lp: Float64Array } {
  if (model.risk !== null) return { data: model.risk, lp: model.linearPredictor };
  const conv = riskDataOfSorted(model.sorted as CoxSortedData);
  const lp = new Float64Array(conv.data.n);
  for (let k = 0; k < lp.length; k++) lp[k] = model.linearPredictor[conv.fromSorted[k]];
  return { data: conv.data, lp };
}


function columnSd(c: Float64Array): number {
  let m = 0;
  for (let i = 0; i < c.length; i++) m += c[i];
  m /= c.length;
  let s = 0;
  for (let i = 0; i < c.length; i++) s += (c[i] - m) * (c[i] - m);
  return Math.sqrt(s / Math.max(1, c.length - 1));
}
