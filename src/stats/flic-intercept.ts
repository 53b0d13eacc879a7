/**
 * The intercept step of FLIC (Firth's logistic regression with intercept correction; Puhr,
 * Heinze, Nold, Lusa & Geroldinger 2017, Stat Med 36:2302-17): with the other coefficients held
 * at their Firth estimates, the intercept alpha is refitted by maximum likelihood, i.e. the root of
 *
 *   U(alpha) = sum_i w_i (y_i - mu_i),  mu_i = 1 / (1 + exp(-(alpha + eta0_i))),
 *
 * eta0 the Firth linear predictor without its intercept (offset included). R:
 * glm(y ~ 1, offset = eta0, weights = w, family = binomial). At the root the fitted
 * probabilities sum (weighted) to the observed events, which Firth's estimate does not do (its
 * penalty pulls fitted probabilities towards 1/2). U is strictly decreasing in alpha: the root is
 * bracketed by doubling steps from `start`, then found by Newton's steps
 * alpha <- alpha + U / sum w mu (1 - mu), bisecting where a step would leave the bracket (so any
 * start converges); stops when |step| < tolerance (default 1e-12). Rows with weight 0 take no part.
 * Returns null when no finite root exists: no events (sum w y = 0) or no non-events.
 *
 * @example
 * flicIntercept([0, 0, 1, 0], [1, 1, 1, 1], [0.2, -0.1, 0.4, 0], -1).intercept; // ML intercept with eta0 as offset
 */
export interface FlicInterceptResult {
  intercept: number;
  /** Fitted probabilities of every row (weight-0 rows included). */
  fitted: Float64Array;
  iterations: number;
  converged: boolean;
}

/** The ML intercept given the offset eta0; see the file comment. */
export function flicIntercept(
  y: ArrayLike<number>,
  w: ArrayLike<number>,
  eta0: ArrayLike<number>,
  start = 0,
  options: { maxIter?: number; tolerance?: number } = {},
): FlicInterceptResult | null {
  const root = flicInterceptRoot(y, w, eta0, start, options);
  if (root === null) return null;
  const n = eta0.length;
  const alpha = root.intercept;
  const fitted = new Float64Array(n);
  for (let i = 0; i < n; i++) fitted[i] = 1 / (1 + Math.exp(-(alpha + eta0[i])));
  return { intercept: alpha, fitted, iterations: root.iterations, converged: root.converged };
}

/**
 * flicIntercept without the fitted probabilities (the same intercept, steps and convergence):
 * for a caller that needs only the intercept, e.g. a bootstrap draw. Rows with weight 0 take no
 * part, so passing only the rows with positive weight (in their order) gives the same doubles.
 */
export function flicInterceptRoot(
  y: ArrayLike<number>,
  w: ArrayLike<number>,
  eta0: ArrayLike<number>,
  start = 0,
  options: { maxIter?: number; tolerance?: number } = {},
): Omit<FlicInterceptResult, "fitted"> | null {
  const maxIter = options.maxIter ?? 100;
  const tolerance = options.tolerance ?? 1e-12;
  const n = eta0.length;
  let events = 0;
  let nonEvents = 0;
  for (let i = 0; i < n; i++) {
    if (!(w[i] > 0)) continue;
    events += w[i] * y[i];
    nonEvents += w[i] * (1 - y[i]);
  }
  if (!(events > 0) || !(nonEvents > 0)) return null;
  // Score and information at alpha.
  const at = (alpha: number): [number, number] => {
    let u = 0;
    let info = 0;
    for (let i = 0; i < n; i++) {
      const wi = w[i];
      if (!(wi > 0)) continue;
      const m = 1 / (1 + Math.exp(-(alpha + eta0[i])));
      u += wi * (y[i] - m);
      info += wi * m * (1 - m);
    }
    return [u, info];
  };
  let alpha = Number.isFinite(start) ? start : 0;
  let [u, info] = at(alpha);
  // Bracket the root (U(lo) > 0 > U(hi)) by doubling steps from the start.
  let lo = alpha;
  let hi = alpha;
  if (u > 0) {
    for (let d = 1; ; d *= 2) {
      hi = alpha + d;
      if (at(hi)[0] <= 0) break;
      lo = hi;
    }
  } else if (u < 0) {
    for (let d = 1; ; d *= 2) {
      lo = alpha - d;
      if (at(lo)[0] >= 0) break;
      hi = lo;
    }
  }
  let converged = u === 0;
  let iterations = 0;
  for (let iter = 1; iter <= maxIter && !converged; iter++) {
    iterations = iter;
    // Newton's step, or bisection where it would leave the bracket.
    let next = info > 0 ? alpha + u / info : NaN;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    const step = Math.abs(next - alpha);
    alpha = next;
    [u, info] = at(alpha);
    if (u > 0) lo = alpha;
    else if (u < 0) hi = alpha;
    if (step < tolerance || u === 0 || hi - lo < tolerance) converged = true;
  }
  return { intercept: alpha, iterations, converged };
}
