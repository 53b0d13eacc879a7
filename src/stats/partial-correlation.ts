import { InputError } from "../core/index";
import type { ArrayLikeInput, MissingPolicy } from "../core/index";
import { requireAlternative, requireConfLevel } from "./input";
import type { Alternative } from "./input";
import { linearModel } from "./linear-model";
import { clampUnit, fisherZInterval, pOf, tStatistic } from "./correlation";

export interface PartialCorrelationOptions {
  confLevel?: number;
  alternative?: Alternative;
  /** "drop" keeps rows complete in x, y and every covariate. */
  missing?: MissingPolicy;
  /** Numeric covariates to treat as factors. */
  factors?: readonly string[];
  /** Level order of factor covariates (does not change the result, only how it is coded). */
  levels?: Readonly<Record<string, readonly (string | number)[]>>;
}

export interface PartialCorrelationResult {
  method: "Partial (covariate-adjusted) Pearson correlation: correlation of residuals, t test on n - 2 - k df, Fisher z interval";
  /** Correlation of the residuals of x and of y, each regressed on the covariates. */
  r: number;
  t: number;
  /** n − 2 − k, with k the number of covariate columns (a factor with m levels counts m − 1). */
  df: number;
  pValue: number;
  /** tanh(atanh(r) ± z/sqrt(n − 3 − k)); null when n − 3 − k < 1. One-sided: -1 or 1 on the open side. */
  lower: number | null;
  upper: number | null;
  /** Number of covariate columns adjusted for. */
  k: number;
  n: number;
  alternative: Alternative;
  confLevel: number;
  dropped: number;
}

/**
 * Partial correlation of x and y given covariates (numeric columns, or factors such as a
 * treatment group: "the within-group association"), with a t test and a Fisher-z interval.
 *
 * r = cor(e_x, e_y), the Pearson correlation of the residuals of lm(x ~ covariates) and
 * lm(y ~ covariates); t = r·sqrt(df/(1 − r²)) on df = n − 2 − k, where k is the number of
 * covariate columns (rank of the covariates' design without the intercept). The t test is
 * exactly the test of x's coefficient in lm(y ~ covariates + x). This matches R's
 * `ppcor::pcor.test(x, y, z)` (r, statistic, p; numeric z) and
 * `cor.test(resid(lm(x ~ z)), resid(lm(y ~ z)))` for r — but cor.test on residuals uses
 * n − 2 df, which overstates the evidence; we use n − 2 − k. Interval:
 * tanh(atanh(r) ± z_{1−α/2}/sqrt(n − 3 − k)) (Fisher z with the partial correlation's
 * n − k; cor.test on residuals would use n − 3).
 *
 * @example
 * partialCorrelation(endpoint.serum_vegf_pg_ml, endpoint.mvd_per_hpf, { group: endpoint.group }).r
 */
export function partialCorrelation(
  x: ArrayLikeInput<unknown>,
  y: ArrayLikeInput<unknown>,
  covariates: Readonly<Record<string, ArrayLikeInput<unknown>>>,
  options: PartialCorrelationOptions = {},
): PartialCorrelationResult {
  const confLevel = options.confLevel === undefined ? 0.95 : options.confLevel;
  const alternative = options.alternative === undefined ? "two.sided" : options.alternative;
  requireConfLevel(confLevel);
  requireAlternative(alternative);
  if (covariates === null || typeof covariates !== "object" || Array.isArray(covariates)) {
    throw new InputError("covariates", null, covariates, "must be an object of named columns, e.g. { group: [...] }");
  }
  const names = Object.keys(covariates);
  if (names.length === 0) throw new InputError("covariates", null, covariates, "names no covariate (use correlation() for the plain correlation)");
  const data: Record<string, ArrayLikeInput<unknown>> = {};
  for (const name of names) {
    if (name.includes("`")) throw new InputError("covariates", null, name, "has a backtick in its name");
    if (name === "x" || name === "y") throw new InputError("covariates", null, name, 'may not be named "x" or "y"');
    data[name] = covariates[name];
  }
  data.x = x;
  data.y = y;
  const rhs = names.map((n) => "`" + n + "`").join(" + ");
  const modelOptions = { missing: options.missing, factors: options.factors, levels: options.levels };
  // Both fits use the same complete rows: drop on every column at once.
  const fy = linearModel(data, `y ~ ${rhs} + x`, modelOptions);
  const fx = linearModel(data, `x ~ ${rhs} + y`, modelOptions);
  // Residuals of x and y on the covariates, on the complete rows of the full fit.
  const complete: Record<string, unknown[]> = {};
  for (const name of Object.keys(data)) complete[name] = Array.from(fy.rows, (row) => data[name][row]);
  const completeOptions = { ...modelOptions, missing: "error" as const };
  const ex = linearModel(complete, `x ~ ${rhs}`, completeOptions).residuals;
  const ey = linearModel(complete, `y ~ ${rhs}`, completeOptions).residuals;
  const xCoefficient = fy.coefficients[fy.coefficients.length - 1];
  const yCoefficient = fx.coefficients[fx.coefficients.length - 1];
  if (xCoefficient.aliased || yCoefficient.aliased) {
    throw new InputError(xCoefficient.aliased ? "x" : "y", null, null, "is a linear function of the covariates: its residuals are all zero, the partial correlation is undefined");
  }
  const n = fy.n;
  const k = fy.rank - 2;
  const df = n - 2 - k;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += ex[i] * ey[i];
    sxx += ex[i] * ex[i];
    syy += ey[i] * ey[i];
  }
  const r = clampUnit(sxy / Math.sqrt(sxx * syy));
  const t = tStatistic(r, df);
  const { lower, upper } = fisherZInterval(r, n - 3 - k, alternative, confLevel);
  return {
    method: "Partial (covariate-adjusted) Pearson correlation: correlation of residuals, t test on n - 2 - k df, Fisher z interval",
    r,
    t,
    df,
    pValue: pOf(t, df, alternative),
    lower,
    upper,
    k,
    n,
    alternative,
    confLevel,
    dropped: fy.dropped,
  };
}
