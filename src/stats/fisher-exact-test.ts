/**
 * Fisher's exact test of a 2 x 2 table, as R 4.2.2's `fisher.test(x)` for a
 * 2 x 2 matrix: p-value, conditional maximum-likelihood odds ratio and its exact
 * confidence interval.
 *
 * With the margins fixed, the top-left count X follows the (non-central)
 * hypergeometric distribution with odds ratio psi:
 *   P(X = u) proportional to C(m, u) C(n, k - u) psi^u,   u = max(0, k - n) ... min(k, m),
 * m, n the column totals and k the first row's total. The central weights come
 * from the ratio of successive terms, in logs (no factorials), then normalised.
 * - P (alternative "two.sided"): the sum of P(X = u; psi0) over the u no more
 *   likely than the observed count, "no more likely" allowing a relative
 *   1e-7 as R does; "less" / "greater": the lower / upper tail at psi0.
 * - Estimate: the psi with E[X; psi] = observed (0 or Infinity at the ends of the support).
 * - Interval: the psi where the upper tail P(X >= x; psi) and the lower tail
 *   P(X <= x; psi) equal alpha = (1 - confLevel) / 2 (two-sided) or 1 - confLevel
 *   (one-sided, the other limit 0 or Infinity).
 * Roots are solved by bisection on log(psi) to full double precision. R solves
 * the same equations with `uniroot` at its default tolerance (about 1.2e-4 on
 * psi or 1/psi), so fisher.test's printed estimate and limits can differ from
 * these in the 5th digit; the p-value is the same to rounding.
 * Tables larger than 2 x 2 are not supported (R uses a network algorithm there);
 * use chiSquareTest.
 *
 * @example
 * const f = fisherExactTest([[3, 1], [1, 3]]); // R's "tea tasting" table
 * f.pValue;   // 0.4857...
 * f.estimate; // 6.4083 (fisher.test prints 6.408309, solved to uniroot's tolerance)
 * [f.lower, f.upper]; // [0.2117, 626.24]
 */
import { InputError } from "../core/index";
import { marginsOf, readCountTable } from "./chi-square-test";
import type { Alternative } from "./input";
import { requireConfLevel } from "./input";

export interface FisherExactTestOptions {
  alternative?: Alternative;
  /** Confidence level of the odds-ratio interval (default 0.95). */
  confLevel?: number;
  /** Odds ratio under the null hypothesis (default 1). */
  oddsRatio?: number;
}

export interface FisherExactTestResult {
  method: "Fisher's Exact Test for Count Data";
  alternative: Alternative;
  pValue: number;
  /** Conditional maximum-likelihood estimate of the odds ratio (a d / b c for table [[a, b], [c, d]]). */
  estimate: number;
  lower: number;
  upper: number;
  confLevel: number;
  /** The null odds ratio. */
  oddsRatio: number;
  table: number[][];
  n: number;
}

const REL_ERR = 1 + 1e-7;

/** fisher.test of a 2 x 2 table; see the file comment. */
export function fisherExactTest(table: ReadonlyArray<ArrayLike<unknown>>, options: FisherExactTestOptions = {}): FisherExactTestResult {
  const x = readCountTable("table", table);
  if (x.length !== 2 || x[0].length !== 2) {
    throw new InputError("table", null, `${x.length} x ${x[0].length}`, "must be 2 x 2 (use chiSquareTest for larger tables)");
  }
  x.forEach((row, i) =>
    row.forEach((v, j) => {
      if (!Number.isInteger(v)) throw new InputError("table", i, v, `column ${j} must be a whole count`);
    }),
  );
  const alternative = options.alternative === undefined ? "two.sided" : options.alternative;
  if (alternative !== "two.sided" && alternative !== "less" && alternative !== "greater") {
    throw new InputError("alternative", null, alternative, 'must be "two.sided", "less" or "greater"');
  }
  const confLevel = options.confLevel === undefined ? 0.95 : options.confLevel;
  requireConfLevel(confLevel);
  const psi0 = options.oddsRatio === undefined ? 1 : options.oddsRatio;
  if (typeof psi0 !== "number" || Number.isNaN(psi0) || psi0 < 0) {
    throw new InputError("oddsRatio", null, psi0, "must be a number >= 0 (Infinity allowed)");
  }
  const { n } = marginsOf("table", x);
  const dist = new Hypergeometric(x[0][0] + x[1][0], x[0][1] + x[1][1], x[0][0] + x[0][1]);
  const obs = x[0][0];

  let pValue: number;
  if (alternative === "less") pValue = dist.lowerTail(obs, psi0);
  else if (alternative === "greater") pValue = dist.upperTail(obs, psi0);
  else if (psi0 === 0) pValue = obs === dist.lo ? 1 : 0;
  else if (psi0 === Infinity) pValue = obs === dist.hi ? 1 : 0;
  else {
    const d = dist.density(Math.log(psi0));
    const cut = d[obs - dist.lo] * REL_ERR;
    pValue = 0;
    for (let i = 0; i < d.length; i++) if (d[i] <= cut) pValue += d[i];
    pValue = Math.min(1, pValue);
  }

  const estimate = obs === dist.lo ? 0 : obs === dist.hi ? Infinity : Math.exp(dist.solve((t) => dist.mean(t), obs, true));
  // Limits: upper solves P(X <= obs) = alpha (decreasing in psi); lower solves P(X >= obs) = alpha (increasing).
  const upperLimit = (alpha: number): number =>
    obs === dist.hi ? Infinity : Math.exp(dist.solve((t) => dist.lowerTailLog(obs, t), alpha, false));
  const lowerLimit = (alpha: number): number =>
    obs === dist.lo ? 0 : Math.exp(dist.solve((t) => dist.upperTailLog(obs, t), alpha, true));
  let lower: number;
  let upper: number;
  if (alternative === "less") {
    lower = 0;
    upper = upperLimit(1 - confLevel);
  } else if (alternative === "greater") {
    lower = lowerLimit(1 - confLevel);
    upper = Infinity;
  } else {
    const alpha = (1 - confLevel) / 2;
    lower = lowerLimit(alpha);
    upper = upperLimit(alpha);
  }
  return { method: "Fisher's Exact Test for Count Data", alternative, pValue, estimate, lower, upper, confLevel, oddsRatio: psi0, table: x, n };
}

/** The (non-central) hypergeometric distribution of the top-left count given the margins. */
class Hypergeometric {
  readonly lo: number;
  readonly hi: number;
  /** log of the central weights C(m, u) C(n, k - u), up to a constant, for u = lo..hi. */
  private readonly logWeight: Float64Array;

  constructor(m: number, n: number, k: number) {
    this.lo = Math.max(0, k - n);
    this.hi = Math.min(k, m);
    const size = this.hi - this.lo + 1;
    this.logWeight = new Float64Array(size);
    for (let i = 1; i < size; i++) {
      const u = this.lo + i - 1;
      // ratio of the terms at u + 1 and u
      this.logWeight[i] = this.logWeight[i - 1] + Math.log(((m - u) * (k - u)) / ((u + 1) * (n - k + u + 1)));
    }
  }

  /** Probabilities of u = lo..hi at log odds ratio theta (finite). */
  density(theta: number): Float64Array {
    const size = this.logWeight.length;
    const d = new Float64Array(size);
    let max = -Infinity;
    for (let i = 0; i < size; i++) {
      d[i] = this.logWeight[i] + (this.lo + i) * theta;
      if (d[i] > max) max = d[i];
    }
    let sum = 0;
    for (let i = 0; i < size; i++) {
      d[i] = Math.exp(d[i] - max);
      sum += d[i];
    }
    for (let i = 0; i < size; i++) d[i] /= sum;
    return d;
  }

  mean(theta: number): number {
    const d = this.density(theta);
    let s = 0;
    for (let i = 0; i < d.length; i++) s += (this.lo + i) * d[i];
    return s;
  }

  /** P(X <= q) at log odds ratio theta. */
  lowerTailLog(q: number, theta: number): number {
    const d = this.density(theta);
    let s = 0;
    for (let u = this.lo; u <= Math.min(q, this.hi); u++) s += d[u - this.lo];
    return Math.min(1, s);
  }

  /** P(X >= q) at log odds ratio theta. */
  upperTailLog(q: number, theta: number): number {
    const d = this.density(theta);
    let s = 0;
    for (let u = Math.max(q, this.lo); u <= this.hi; u++) s += d[u - this.lo];
    return Math.min(1, s);
  }

  /** Tails at odds ratio psi, including psi = 0 (all mass at lo) and Infinity (at hi). */
  lowerTail(q: number, psi: number): number {
    if (psi === 0) return q >= this.lo ? 1 : 0;
    if (psi === Infinity) return q >= this.hi ? 1 : 0;
    return this.lowerTailLog(q, Math.log(psi));
  }

  upperTail(q: number, psi: number): number {
    if (psi === 0) return q <= this.lo ? 1 : 0;
    if (psi === Infinity) return q <= this.hi ? 1 : 0;
    return this.upperTailLog(q, Math.log(psi));
  }

  /**
   * The theta with f(theta) = target, f monotone (increasing when `increasing`):
   * a bracket grown by doubling from [-1, 1], then bisection to adjacent doubles.
   */
  solve(f: (theta: number) => number, target: number, increasing: boolean): number {
    const below = (t: number): boolean => (increasing ? f(t) < target : f(t) > target);
    let a = -1;
    let b = 1;
    while (!below(a) && a > -1e4) a *= 2;
    while (below(b) && b < 1e4) b *= 2;
    for (let iter = 0; iter < 400; iter++) {
      const mid = 0.5 * (a + b);
      if (mid <= a || mid >= b) break;
      if (below(mid)) a = mid;
      else b = mid;
    }
    return 0.5 * (a + b);
  }
}
