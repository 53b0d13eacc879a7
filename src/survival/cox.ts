/**
 * Cox proportional hazards regression, matching R survival 3.5-3's
 * `coxph(Surv(time, event) ~ x1 + ..., ties = "efron" | "breslow")` and its
 * summary().
 *
 * Model: hazard h(t | x) = h0(t) exp(x' beta). beta maximises the partial
 * likelihood (Efron's or Breslow's handling of tied event times) by
 * Newton-Raphson with step halving, as R's coxph.fit does (see
 * ./cox-engine for the likelihood, the centring and the stopping rule:
 * |1 - l_old / l_new| <= tol, default 1e-9, at most maxIter = 20 steps).
 * Reported, as summary(coxph):
 *   se = sqrt(diag(I^-1)), z = beta / se, p = 2 P(Z > |z|),
 *   hazard ratio exp(beta) with limits exp(beta -/+ q se), q = qnorm((1 + confLevel) / 2),
 *   likelihood-ratio test 2 (l(beta) - l(0)), Wald test beta' I beta (from the
 *   variance's Cholesky factor, as coxph.wtest), score test U(0)' I(0)^-1 U(0),
 *   each chi-square on p df, and the concordance of the linear predictor
 *   (./cox-concordance, as fit$concordance["concordance"]).
 * Times closer than sqrt(machine eps) are treated as tied first (R's default
 * timefix = TRUE). Unlike R, a singular design (constant or collinear
 * covariates) or a fit that does not converge throws instead of returning NA
 * coefficients with a warning.
 *
 * The returned object is plain JSON-serialisable data; it also carries a
 * non-enumerable `model` field (the sorted data and linear predictor, typed
 * arrays) that proportionalHazardsTest uses and JSON.stringify leaves out.
 *
 * @example
 * const fit = coxPH(lung.time, lung.status, lung.age.map((a, i) => [a, lung.sex[i]]), { names: ["age", "sex"] });
 * fit.hazardRatio; // [1.0172, 0.5986]
 * fit.lrTest;      // { chiSq: 14.12, df: 2, pValue: 0.00086 }
 */
import {
  InputError,
  missingRows,
  finiteColumn,
  timeColumn,
  eventColumn,
  requireLength,
  requireSameLength,
  type ArrayLikeInput,
  type MissingPolicy,
} from "../core/index";
import { chiSquareUpper, normalQuantile, normalTwoSided } from "../distributions/index";
import { coxConcordance } from "./cox-concordance";
import { fitCox, sortCoxData, type CoxSortedData } from "./cox-engine";
import { choleskyFactor, choleskySolve } from "./cox-linalg";
import { ProjectError } from "../core/project-error";

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
  /** Most Newton-Raphson steps (R's iter.max, default 20). */
  maxIter?: number;
  /** Convergence tolerance on the relative change of the log-likelihood (R's eps, default 1e-9). */
  tol?: number;
  /** Merge times that differ by less than sqrt(machine eps), as R's coxph (default true). */
  timefix?: boolean;
}

/** A chi-square test. */
export interface CoxTest {
  chiSq: number;
  df: number;
  pValue: number;
}

/** Internal data kept (non-enumerable) for proportionalHazardsTest. */
export interface CoxModelData {
  sorted: CoxSortedData;
  /** x' beta - sum(beta * means), in sorted order, as R's fit$linear.predictors. */
  linearPredictor: Float64Array;
  coef: Float64Array;
  efron: boolean;
}

export interface CoxPHResult {
  method: string;
  ties: "efron" | "breslow";
  names: string[];
  coef: number[];
  /** Model-based standard errors. */
  se: number[];
  hazardRatio: number[];
  lower: number[];
  upper: number[];
  confLevel: number;
  z: number[];
  pValue: number[];
  /** Inverse information matrix at the estimate (R's fit$var). */
  variance: number[][];
  /** Centring values (0 for columns coded within {-1, 0, 1}); the linear predictor is x'beta - sum(beta * means). */
  means: number[];
  logLikNull: number;
  logLik: number;
  lrTest: CoxTest;
  waldTest: CoxTest;
  scoreTest: CoxTest;
  /** Harrell's C as fit$concordance["concordance"]. */
  concordance: number;
  concordanceCounts: { concordant: number; discordant: number; tiedX: number; tiedY: number; tiedXY: number };
  n: number;
  nEvent: number;
  iterations: number;
  dropped: number;
  /** R's warning when the log-likelihood converged while a coefficient kept growing (possibly infinite). */
  warnings: string[];
  /** Non-enumerable: the data proportionalHazardsTest needs. */
  readonly model?: CoxModelData;
}

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
  options: CoxPHOptions = {},
): CoxPHResult {
  const ties = options.ties ?? "efron";
  if (ties !== "efron" && ties !== "breslow") throw new InputError("ties", null, ties, 'must be "efron" or "breslow"');
  const confLevel = options.confLevel ?? 0.95;
  if (typeof confLevel !== "number" || !(confLevel > 0 && confLevel < 1)) {
    throw new InputError("confLevel", null, confLevel, "must be a number between 0 and 1");
  }
  const maxIter = options.maxIter ?? 20;
  if (!Number.isInteger(maxIter) || maxIter < 1) throw new InputError("maxIter", null, maxIter, "must be a positive integer");
  const tol = options.tol ?? 1e-9;
  if (typeof tol !== "number" || !(tol > 0 && tol < 1)) throw new InputError("tol", null, tol, "must be a number between 0 and 1");
  const policy = options.missing ?? "error";
  if (policy !== "error" && policy !== "drop") throw new InputError("missing", null, policy, 'must be "error" or "drop"');

  requireLength("time", time);
  requireLength("event", event);
  const { columns: rawColumns, names } = covariateColumns(covariates, time.length, options.names);
  requireSameLength({ time, event });

  const p = names.length;
  const labelled: Record<string, ArrayLikeInput<unknown>> = { time, event };
  names.forEach((name, j) => (labelled[`covariates.${name}`] = rawColumns[j]));
  // missingRows names the first missing cell (or lists the rows to drop); complete data cost one scan per column.
  const dropped = missingRows(labelled, policy);
  const t = timeColumn("time", time, dropped);
  const e = eventColumn("event", event, dropped);
  const cols = rawColumns.map((c, j) => finiteColumn(`covariates.${names[j]}`, c, dropped));
  const n = t.length;
  if (n === 0) throw new InputError("time", null, time.length, "no rows left after dropping rows with missing values");
  let nEvent = 0;
  for (let i = 0; i < n; i++) nEvent += e[i];
  if (nEvent === 0) throw new InputError("event", null, 0, "has no events (all censored): a Cox model needs at least one");
  for (let j = 0; j < p; j++) {
    const c = cols[j];
    let k = 1;
    while (k < n && c[k] === c[0]) k++;
    if (k === n) {
      throw new InputError(`covariates.${names[j]}`, null, c[0], `is constant (every value is ${c[0]}): its coefficient cannot be estimated (singular design)`);
    }
  }

  const sorted = sortCoxData(t, e, cols, options.timefix ?? true);
  const efron = ties === "efron";
  const fit = fitCox(sorted, efron, maxIter, tol, TOLER_CHOL);
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
  const q = normalQuantile((1 + confLevel) / 2);
  const z = coef.map((b, i) => b / se[i]);

  // Wald test through the Cholesky factor of the variance (R's coxph.wtest).
  const vf = Float64Array.from(fit.variance);
  choleskyFactor(vf, p, TOLER_CHOL);
  let waldDf = 0;
  for (let i = 0; i < p; i++) if (vf[i * p + i] > 0) waldDf++;
  const sol = Float64Array.from(fit.coef);
  choleskySolve(vf, p, sol);
  let wald = 0;
  for (let i = 0; i < p; i++) wald += coef[i] * sol[i];

  // R's "Loglik converged before variable ..." warning (coxph.fit, toler.inf = sqrt(eps)).
  const warnings: string[] = [];
  if (maxIter > 1) {
    const inf: string[] = [];
    for (let i = 0; i < p; i++) {
      let s = 0;
      for (let j = 0; j < p; j++) s += fit.score[j] * fit.variance[j * p + i];
      s = Math.abs(s);
      if (!Number.isFinite(fit.score[i]) || (s > tol && s > Math.sqrt(tol) * Math.abs(coef[i]))) inf.push(names[i]);
    }
    if (inf.length > 0) warnings.push(`Loglik converged before variable ${inf.join(", ")}; coefficient may be infinite.`);
  }

  // Linear predictor in sorted order, as R: x %*% beta - sum(beta * means).
  let shift = 0;
  for (let j = 0; j < p; j++) shift += coef[j] * fit.means[j];
  const lp = new Float64Array(n);
  const sx = sorted.x;
  for (let k = 0; k < n; k++) {
    let s = 0;
    for (let j = 0; j < p; j++) s += sx[k * p + j] * coef[j];
    lp[k] = s - shift;
  }
  const conc = coxConcordance(sorted.status, lp, sorted.groupStart, sorted.groups);

  const lr = 2 * (fit.logLik - fit.logLikNull);
  const result: CoxPHResult = {
    method: `Cox proportional hazards, partial likelihood with ${ties === "efron" ? "Efron" : "Breslow"} ties, Newton-Raphson`,
    ties,
    names: names.slice(),
    coef,
    se,
    hazardRatio: coef.map((b) => Math.exp(b)),
    lower: coef.map((b, i) => Math.exp(b - q * se[i])),
    upper: coef.map((b, i) => Math.exp(b + q * se[i])),
    confLevel,
    z,
    pValue: z.map((v) => normalTwoSided(v)),
    variance,
    means: Array.from(fit.means),
    logLikNull: fit.logLikNull,
    logLik: fit.logLik,
    lrTest: { chiSq: lr, df: p, pValue: chiSquareUpper(lr, p) },
    waldTest: { chiSq: wald, df: waldDf, pValue: chiSquareUpper(wald, waldDf) },
    scoreTest: { chiSq: fit.scoreTest, df: p, pValue: chiSquareUpper(fit.scoreTest, p) },
    concordance: conc.concordance,
    concordanceCounts: {
      concordant: conc.concordant,
      discordant: conc.discordant,
      tiedX: conc.tiedX,
      tiedY: conc.tiedY,
      tiedXY: conc.tiedXY,
    },
    n,
    nEvent,
    iterations: fit.iterations,
    dropped: dropped.size,
    warnings,
  };
  const model: CoxModelData = { sorted, linearPredictor: lp, coef: fit.coef, efron };
  Object.defineProperty(result, "model", { value: model, enumerable: false });
  return result;
}

/** Splits the covariates into columns and settles their names, checking shapes. */
function covariateColumns(
  covariates: CoxCovariates,
  n: number,
  given: readonly string[] | undefined,
): { columns: ArrayLikeInput<unknown>[]; names: string[] } {
  if (covariates === null || typeof covariates !== "object") {
    throw new InputError("covariates", null, covariates, "must be an array of rows (one per subject) or an object of columns");
  }
  let columns: ArrayLikeInput<unknown>[];
  let names: string[];
  const isRows = Array.isArray(covariates) || typeof (covariates as { length?: unknown }).length === "number";
  if (isRows) {
    const rows = covariates as ArrayLikeInput<ArrayLikeInput<unknown>>;
    requireLength("covariates", rows);
    if (rows.length !== n) throw new InputError("covariates", null, rows.length, `has ${rows.length} rows but time has length ${n}`);
    const first = rows[0];
    if (first === null || first === undefined || typeof first !== "object" || typeof first.length !== "number") {
      throw new InputError("covariates", 0, first, "must be a row of covariate values (an array)");
    }
    const p = first.length;
    if (p === 0) throw new InputError("covariates", 0, "[]", "needs at least one covariate");
    const cols: unknown[][] = [];
    for (let j = 0; j < p; j++) cols.push(new Array(n));
    for (let i = 0; i < n; i++) {
      const row = rows[i];
      if (row === null || row === undefined || typeof row !== "object" || row.length !== p) {
        throw new InputError("covariates", i, row === null || row === undefined ? row : `[${Array.from(row as ArrayLike<unknown>).join(", ")}]`, `must be a row of ${p} covariate values, like row 0`);
      }
      for (let j = 0; j < p; j++) cols[j][i] = row[j];
    }
    columns = cols;
    names = Array.from({ length: p }, (_, j) => `x${j + 1}`);
  } else {
    const record = covariates as Record<string, ArrayLikeInput<unknown>>;
    names = Object.keys(record);
    if (names.length === 0) throw new InputError("covariates", null, "{}", "needs at least one covariate column");
    columns = names.map((name) => {
      const c = record[name];
      requireLength(`covariates.${name}`, c);
      if (c.length !== n) throw new InputError(`covariates.${name}`, null, c.length, `has length ${c.length} but time has length ${n}`);
      return c;
    });
  }
  if (given !== undefined) {
    if (!Array.isArray(given) || given.length !== columns.length) {
      throw new InputError("names", null, given, `must be an array of ${columns.length} names, one per covariate`);
    }
    const seen = new Set<string>();
    given.forEach((name, j) => {
      if (typeof name !== "string" || name === "") throw new InputError("names", j, name, "must be a non-empty string");
      if (seen.has(name)) throw new InputError("names", j, name, "is a duplicate name");
      seen.add(name);
    });
    names = given.slice();
  }
  return { columns, names };
}

function columnSd(c: Float64Array): number {
  let m = 0;
  for (let i = 0; i < c.length; i++) m += c[i];
  m /= c.length;
  let s = 0;
  for (let i = 0; i < c.length; i++) s += (c[i] - m) * (c[i] - m);
  return Math.sqrt(s / Math.max(1, c.length - 1));
}
