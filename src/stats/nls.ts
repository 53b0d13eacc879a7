/**
 * Nonlinear least squares for src/stats (dose-response curves): Levenberg-Marquardt from
 * the maintained `ml-levenberg-marquardt` package (4.1.3: CommonJS with types, which tslab's
 * module resolution finds; 5.x is ES-module only), then
 * Gauss-Newton steps with step halving — R's nls algorithm — polishing to the optimum
 * and giving R's convergence criterion. Internal (not re-exported).
 *
 * R's criterion ("relative offset", Bates & Watts): with QR = qr(J) and r the residuals,
 * sqrt(Σ_{k≤p} (Qᵀr)_k² / Σ_{k>p} (Qᵀr)_k²); nls stops when it is below 1e-5. Here the
 * Gauss-Newton polishing continues until it is below 1e-10 (or stops improving at
 * rounding level), so the estimates are R's to well within nls's own tolerance.
 */
import { levenbergMarquardt } from "ml-levenberg-marquardt";
import { FitError } from "./fit-error";
import { qrCoefficients, qrLeastSquares } from "./qr";
import type { QrFit } from "./qr";

export interface NlsProblem {
  /** Model name for errors. */
  model: string;
  parameterNames: string[];
  y: Float64Array;
  /** Model values at theta into out (length n). */
  evaluate(theta: Float64Array, out: Float64Array): void;
  /** ∂model/∂theta into out, column-major n × p. */
  jacobian(theta: Float64Array, out: Float64Array): void;
  /** Optional bounds for the Levenberg-Marquardt phase (e.g. a positive EC50). */
  lower?: Float64Array;
  upper?: Float64Array;
}

export interface NlsFit {
  theta: Float64Array;
  rss: number;
  fitted: Float64Array;
  residuals: Float64Array;
  /** Unscaled covariance (JᵀJ)⁻¹ at the optimum (multiply by σ²). */
  unscaledCovariance: Float64Array;
  /** Levenberg-Marquardt iterations, then Gauss-Newton iterations. */
  iterations: { levenbergMarquardt: number; gaussNewton: number };
  /** R's relative-offset criterion at the returned estimates. */
  criterion: number;
}

/** Tolerance of the Gauss-Newton polishing on R's relative-offset criterion. */
const POLISH_TOLERANCE = 1e-10;
// (R's criterion bottoms out near 1e-8 in double precision; the loop also stops when the RSS stops falling.)
/** Accept a fit whose criterion stalls above POLISH_TOLERANCE only if below R's own default tol. */
const R_TOLERANCE = 1e-5;

function rssOf(problem: NlsProblem, theta: Float64Array, fitted: Float64Array): number {
  problem.evaluate(theta, fitted);
  let s = 0;
  for (let i = 0; i < fitted.length; i++) {
    const e = problem.y[i] - fitted[i];
    s += e * e;
  }
  return s;
}

function named(problem: NlsProblem, theta: ArrayLike<number>): Record<string, number> {
  const out: Record<string, number> = {};
  problem.parameterNames.forEach((name, k) => (out[name] = theta[k]));
  return out;
}

/** Sum of squares of the response about its mean (scale for tolerances). */
function totalSs(y: Float64Array): number {
  let m = 0;
  for (let i = 0; i < y.length; i++) m += y[i];
  m /= y.length;
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (y[i] - m) * (y[i] - m);
  return s;
}

/** Fits from `start`; throws FitError on a singular gradient or when it does not converge. */
export function nlsFit(problem: NlsProblem, start: Float64Array, maxIterations = 200): NlsFit {
  const n = problem.y.length;
  const p = start.length;
  const scale = totalSs(problem.y) || 1;
  const indices = Float64Array.from({ length: n }, (_, i) => i);
  // Levenberg-Marquardt (ml-levenberg-marquardt, central-difference Jacobian with steps scaled to
  // each parameter): x is the observation index, so the model closure can read any covariates;
  // model values are computed once per parameter vector.
  const values = new Float64Array(n);
  let largest = 0;
  for (let k = 0; k < p; k++) largest = Math.max(largest, Math.abs(start[k]));
  const steps = Array.from(start, (v) => 1e-6 * Math.max(Math.abs(v), 1e-3 * largest, 1e-12));
  let lm = { parameterValues: Array.from(start), iterations: 0 };
  try {
    lm = levenbergMarquardt(
      { x: indices, y: problem.y },
      (params: number[]) => {
        problem.evaluate(Float64Array.from(params), values);
        const snapshot = values.slice();
        return (i: number) => snapshot[i];
      },
      {
        initialValues: Array.from(start),
        // The package stops only at an absolute RSS; a few dozen steps reach the optimum's basin and Gauss-Newton finishes.
        maxIterations: Math.min(maxIterations, 60),
        errorTolerance: 1e-14 * scale,
        damping: 1e-3,
        gradientDifference: steps,
        centralDifference: true,
        minValues: problem.lower ? Array.from(problem.lower) : undefined,
        maxValues: problem.upper ? Array.from(problem.upper) : undefined,
      },
    );
  } catch (e) {
    throw new FitError(problem.model, "optimizer", `the Levenberg-Marquardt optimizer failed (${(e as Error).message})`, named(problem, start));
  }
  let theta = Float64Array.from(lm.parameterValues);
  const fitted = new Float64Array(n);
  let rss = rssOf(problem, theta, fitted);
  if (!Number.isFinite(rss)) {
    // the optimizer wandered where the model is undefined: polish from the start instead
    theta = start.slice();
    rss = rssOf(problem, theta, fitted);
  }
  if (!Number.isFinite(rss)) throw new FitError(problem.model, "no-convergence", "the model is not finite at the starting values", named(problem, start));

  // Gauss-Newton with step halving (R's nls) and the analytic Jacobian, to R's optimum.
  const jac = new Float64Array(n * p);
  const residuals = new Float64Array(n);
  const trial = new Float64Array(n);
  let criterion = Infinity;
  let qr: QrFit | null = null;
  let gn = 0;
  for (; gn <= maxIterations; gn++) {
    for (let i = 0; i < n; i++) residuals[i] = problem.y[i] - fitted[i];
    problem.jacobian(theta, jac);
    qr = qrLeastSquares(jac, n, p, residuals);
    if (qr.rank < p) {
      throw new FitError(
        problem.model,
        "singular-gradient",
        `singular gradient: the parameters (${problem.parameterNames.join(", ")}) are not all identifiable from these data (R's nls: "singular gradient"); e.g. too few distinct doses, a flat response, or a curve whose midpoint or slope runs off the dose range`,
        named(problem, theta),
      );
    }
    let top = 0;
    let rest = 0;
    for (let k = 0; k < n; k++) {
      const e2 = qr.effects[k] * qr.effects[k];
      if (k < p) top += e2;
      else rest += e2;
    }
    criterion = rest > 0 ? Math.sqrt(top / rest) : top === 0 ? 0 : Infinity;
    if (criterion < POLISH_TOLERANCE || rss <= 1e-28 * scale) break;
    const delta = qrCoefficients(qr).beta;
    const previous = rss;
    let factor = 1;
    let accepted = false;
    const candidate = new Float64Array(p);
    while (factor >= 1 / 1024) {
      for (let k = 0; k < p; k++) candidate[k] = theta[k] + factor * delta[k];
      const newRss = rssOf(problem, candidate, trial);
      if (Number.isFinite(newRss) && newRss <= rss) {
        accepted = newRss < rss || factor === 1;
        theta = candidate.slice();
        rss = newRss;
        fitted.set(trial);
        break;
      }
      factor /= 2;
    }
    // No step lowers the RSS, or only at rounding level: at the optimum, judged by the criterion below.
    if (!accepted || previous - rss <= 1e-14 * previous) break;
  }
  if (!(criterion < R_TOLERANCE) && !(rss <= 1e-28 * scale)) {
    throw new FitError(
      problem.model,
      "no-convergence",
      `did not converge (R's relative-offset criterion ${criterion.toPrecision(3)} after ${lm.iterations} Levenberg-Marquardt and ${gn} Gauss-Newton iterations; nls needs < 1e-5): the data may not determine a sigmoid curve (e.g. no plateau, or a step between two doses)`,
      named(problem, theta),
    );
  }
  for (let i = 0; i < n; i++) residuals[i] = problem.y[i] - fitted[i];
  // (JᵀJ)⁻¹ = R⁻¹R⁻ᵀ at the optimum
  problem.jacobian(theta, jac);
  qr = qrLeastSquares(jac, n, p, residuals);
  if (qr.rank < p) throw new FitError(problem.model, "singular-gradient", "singular gradient at the optimum: the parameters are not all identifiable from these data", named(problem, theta));
  const unscaled = qrCoefficients(qr).inverseGram;
  return { theta, rss, fitted, residuals: residuals.slice(), unscaledCovariance: unscaled, iterations: { levenbergMarquardt: lm.iterations, gaussNewton: gn }, criterion };
}
