/**
 * FLIC: Firth's logistic regression with intercept correction (Puhr, Heinze, Nold, Lusa &
 * Geroldinger 2017, "Firth's logistic regression with rare events: accurate effect estimates
 * and predictions?", Stat Med 36:2302-17). Firth's penalty (firthLogistic) removes the O(1/n)
 * bias of the coefficients but pulls the fitted probabilities towards 1/2: with rare events
 * their mean exceeds the observed event rate. FLIC keeps Firth's slopes beta_F and refits the
 * intercept alone by maximum likelihood, with the Firth linear predictor without intercept as
 * an offset:
 *
 *   alpha_FLIC = argmax_alpha sum_i w_i [y_i log mu_i + (1 - y_i) log(1 - mu_i)],
 *   logit(mu_i) = alpha + offset_i + x_i' beta_F   (x_i without the intercept column),
 *
 * so that sum_i w_i mu_i = sum_i w_i y_i (the fitted probabilities average to the observed
 * proportion) while the slopes, and so the odds ratios, stay Firth's. R (logistf has no Debian
 * package; by hand): fit <- glm(y ~ X, binomial, method = "brglmFit", type = "AS_mean")
 * (brglm2), then glm(y ~ 1, offset = X[, -1] %*% coef(fit)[-1], family = binomial);
 * test/fixtures/r/stats-flic-logistic.R, matched to 1e-10.
 *
 * Standard errors as logistf::flic: the slopes' from Firth's fit (firthLogistic's, the inverse
 * unpenalised information at the Firth estimate); the intercept's sqrt([I(beta_FLIC)^-1]_11),
 * I = X' diag(w mu (1 - mu)) X at the FLIC fitted values (full design). `variance` is that
 * I(beta_FLIC)^-1; z, P values and intervals are Wald's from `se`. `logLik` is the unpenalised
 * log-likelihood at the FLIC estimate; `firth` the underlying Firth fit. Needs an intercept.
 * Where this differs from logistf::flic's other outputs: logistf reports the slopes' intervals and
 * P values from Firth's fit, by default profile penalised likelihood (pl = TRUE), and the
 * intercept's P value from the one-parameter glm (slopes held fixed), not from the SE above; its
 * intercept information leaves out case weights (W = mu (1 - mu)); here w mu (1 - mu), as rows
 * repeated w times; and its `var` is solve(X' diag(mu) X), where `variance` here has mu (1 - mu).
 * Bad input: as firthLogistic (InputError naming argument and row). No finite FLIC intercept
 * (no events or no non-events among the rows with positive weight): FitError.
 *
 * @example
 * const fit = flicLogistic(y, { x1, x2 });
 * fit.coef;    // [alpha_FLIC, Firth's slopes]
 * fit.fitted;  // average = mean(y)
 */
import { InputError, missingRows, finiteColumn, weightsColumn } from "../core/index";
import type { ArrayLikeInput } from "../core/index";
import { covariateColumns } from "../core/covariates";
import type { Covariates } from "../core/covariates";
import { requireMissingPolicy } from "./input";
import { waldCoefficients } from "./wald-coefficients";
import { choleskyInverse } from "./dense";
import { cholesky } from "./firth-logistic-fit";
import { FitError } from "./fit-error";
import { firthLogistic } from "./firth-logistic";
import type { FirthLogisticOptions, FirthLogisticResult } from "./firth-logistic";
import { flicIntercept } from "./flic-intercept";
import type { LogisticFitTable } from "./logistic-regression";

export interface FlicLogisticResult extends LogisticFitTable {
  /** I(beta)^-1 at the FLIC fitted values (its [0][0] gives the intercept's SE). */
  variance: number[][];
  /** The Firth fit whose slopes FLIC keeps. */
  firth: FirthLogisticResult;
  /** FLIC intercept minus Firth's. */
  interceptShift: number;
}

/** FLIC; see the file comment. `options` as firthLogistic's (an intercept is required). */
export function flicLogistic(y: ArrayLikeInput<unknown>, covariates: Covariates, options: FirthLogisticOptions = {}): FlicLogisticResult {
  if (options.intercept === false) throw new InputError("intercept", null, false, "must be true: FLIC corrects the intercept");
  const firth = firthLogistic(y, covariates, options);
  const n = firth.n;
  const p = firth.names.length;
  // The rows firthLogistic used (it has validated everything): y, weights and the covariate columns, as it read them.
  const n0 = y.length;
  const { columns: raw, names: covNames } = covariateColumns("X", covariates, n0, options.names, { allowNone: true });
  const labelled: Record<string, ArrayLikeInput<unknown>> = { y };
  covNames.forEach((name, j) => (labelled[`X.${name}`] = raw[j]));
  if (options.weights !== undefined) labelled.weights = options.weights;
  if (options.offset !== undefined) labelled.offset = options.offset;
  const dropped = missingRows(labelled, requireMissingPolicy(options.missing));
  const yv = new Float64Array(n);
  for (let i = 0, k = 0; i < n0; i++) {
    if (dropped.has(i)) continue;
    const v = y[i];
    yv[k++] = v === true ? 1 : v === false ? 0 : (v as number);
  }
  const w = options.weights === undefined ? new Float64Array(n).fill(1) : weightsColumn("weights", options.weights, dropped);
  const x: Float64Array[] = [new Float64Array(n).fill(1), ...raw.map((c, j) => finiteColumn(`X.${covNames[j]}`, c, dropped))];
  // Firth's linear predictor without its intercept (offset included).
  const eta0 = Float64Array.from(firth.linearPredictor, (e) => e - firth.coef[0]);
  const refit = flicIntercept(yv, w, eta0, firth.coef[0]);
  if (refit === null) throw new FitError("flic", "no-convergence", "the intercept has no finite maximum-likelihood estimate: the rows with positive weight are all events or all non-events");
  const coef = [refit.intercept, ...firth.coef.slice(1)];
  const fitted = Array.from(refit.fitted);
  const linearPredictor = Array.from(eta0, (e) => e + refit.intercept);
  // I(beta) at the FLIC fitted values: X' diag(w mu (1 - mu)) X.
  const info = new Float64Array(p * p);
  for (let i = 0; i < n; i++) {
    const v = w[i] * fitted[i] * (1 - fitted[i]);
    if (!(v > 0)) continue;
    for (let a = 0; a < p; a++) for (let b = 0; b <= a; b++) info[a * p + b] += v * x[a][i] * x[b][i];
  }
  if (cholesky(info, p) >= 0) throw new FitError("flic", "singular-gradient", "the information matrix at the FLIC estimate is singular");
  const inverse = choleskyInverse(info, p);
  const variance: number[][] = [];
  for (let a = 0; a < p; a++) variance.push(Array.from(inverse.subarray(a * p, (a + 1) * p)));
  const se = [Math.sqrt(variance[0][0]), ...firth.se.slice(1)];
  let logLik = 0;
  for (let i = 0; i < n; i++) {
    if (!(w[i] > 0)) continue;
    if (yv[i] > 0) logLik += w[i] * yv[i] * Math.log(fitted[i]);
    if (yv[i] < 1) logLik += w[i] * (1 - yv[i]) * Math.log(1 - fitted[i]);
  }
  const warnings = firth.warnings.slice();
  if (!refit.converged) warnings.push(`FLIC's intercept refit did not converge in ${refit.iterations} steps`);
  return {
    method: "FLIC: Firth's logistic regression (brglm2 AS_mean) with the intercept refitted by maximum likelihood (Puhr et al. 2017); Wald confidence intervals",
    names: firth.names.slice(),
    ...waldCoefficients(coef, se, firth.confLevel),
    confLevel: firth.confLevel,
    variance,
    logLik,
    iterations: firth.iterations + refit.iterations,
    converged: firth.converged && refit.converged,
    fitted,
    linearPredictor,
    n,
    dropped: firth.dropped,
    warnings,
    firth,
    interceptShift: refit.intercept - firth.coef[0],
  };
}
