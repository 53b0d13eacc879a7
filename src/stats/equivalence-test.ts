/**
 * Equivalence by two one-sided tests (TOST; Schuirmann 1987): is a difference
 * demonstrably inside a margin (lower, upper) stated before the data?
 *
 * For an estimate θ̂ with standard error se on df degrees of freedom (t distribution):
 *   H01: θ ≤ lower  vs  θ > lower:  t_lower = (θ̂ − lower) / se,  P_lower = P(T_df ≥ t_lower)
 *   H02: θ ≥ upper  vs  θ < upper:  t_upper = (θ̂ − upper) / se,  P_upper = P(T_df ≤ t_upper)
 * Equivalence is concluded at level alpha when both are rejected: P_TOST = max(P_lower, P_upper) < alpha.
 * This decision is the same as the (1 − 2·alpha) confidence interval θ̂ ± t(1 − alpha, df)·se
 * lying strictly inside (lower, upper) (the "90% CI inclusion rule" for alpha = 0.05); the
 * result carries that interval too. The decision here is made by the two one-sided P values.
 * df = Infinity gives the normal (z) version.
 *
 * Matches R: the two P values are t.test(x, mu = lower, alternative = "greater")$p.value and
 * t.test(x, mu = upper, alternative = "less")$p.value for a one-sample, paired, Welch or
 * Student comparison (equivalenceTTest), and pt() on any estimate and se, e.g. a contrast of
 * lm coefficients (equivalenceTest). R fixture: test/fixtures/r/stats-equivalence.R.
 *
 * A margin on a ratio (e.g. fold changes within 2/3 to 3/2) is tested on the log scale:
 * pass log2 of the ratio's estimate and se, and log2(2/3), log2(3/2) as the margin.
 *
 * @example
 * equivalenceTest(0.05, 0.12, 8, { lower: Math.log2(2 / 3), upper: Math.log2(3 / 2) }).equivalent; // true
 * equivalenceTTest(after, before, { paired: true, lower: -0.5, upper: 0.5 }).pValue;
 */
import { InputError } from "../core/index";
import type { ArrayLikeInput, MissingPolicy } from "../core/index";
import { normalQuantile, normalUpper, tQuantile, tUpper } from "../distributions/index";
import { tTest } from "./t-test";
import type { TTestResult } from "./t-test";

export interface EquivalenceMargin {
  /** Lower and upper equivalence bounds for the estimate (lower < upper). */
  lower: number;
  upper: number;
  /** Level of each one-sided test (default 0.05); the matching interval has level 1 − 2·alpha. */
  alpha?: number;
}

export interface EquivalenceTestResult {
  method: "Two one-sided t tests (TOST)";
  estimate: number;
  stdErr: number;
  df: number;
  lower: number;
  upper: number;
  alpha: number;
  /** Test of H01 (estimate ≤ lower): t and P(T ≥ t). */
  tLower: number;
  pLower: number;
  /** Test of H02 (estimate ≥ upper): t and P(T ≤ t). */
  tUpper: number;
  pUpper: number;
  /** max(pLower, pUpper). */
  pValue: number;
  /** pValue < alpha. */
  equivalent: boolean;
  /** (1 − 2·alpha) interval of the estimate and its level. */
  ciLevel: number;
  ciLower: number;
  ciUpper: number;
}

function checkMargin(margin: EquivalenceMargin): number {
  if (margin === null || typeof margin !== "object") throw new InputError("margin", null, margin, "must be { lower, upper }");
  const { lower, upper } = margin;
  if (typeof lower !== "number" || !Number.isFinite(lower)) throw new InputError("lower", null, lower, "must be a finite number");
  if (typeof upper !== "number" || !Number.isFinite(upper)) throw new InputError("upper", null, upper, "must be a finite number");
  if (!(lower < upper)) throw new InputError("upper", null, upper, `must be greater than lower (${lower})`);
  const alpha = margin.alpha === undefined ? 0.05 : margin.alpha;
  if (typeof alpha !== "number" || !(alpha > 0 && alpha < 0.5)) throw new InputError("alpha", null, alpha, "must be between 0 and 0.5");
  return alpha;
}

/** TOST on an estimate with its standard error and t degrees of freedom; see the file comment. */
export function equivalenceTest(estimate: number, stdErr: number, df: number, margin: EquivalenceMargin): EquivalenceTestResult {
  const alpha = checkMargin(margin);
  if (typeof estimate !== "number" || !Number.isFinite(estimate)) throw new InputError("estimate", null, estimate, "must be a finite number");
  if (typeof stdErr !== "number" || !(stdErr > 0) || !Number.isFinite(stdErr)) throw new InputError("stdErr", null, stdErr, "must be a finite number > 0");
  if (typeof df !== "number" || !(df > 0)) throw new InputError("df", null, df, "must be > 0 (Infinity for a z test)");
  const upperTail = (t: number): number => (df === Infinity ? normalUpper(t) : tUpper(t, df));
  const tLower = (estimate - margin.lower) / stdErr;
  const tUp = (estimate - margin.upper) / stdErr;
  const pLower = upperTail(tLower);
  const pUpper = upperTail(-tUp);
  const pValue = Math.max(pLower, pUpper);
  const q = df === Infinity ? normalQuantile(1 - alpha) : tQuantile(1 - alpha, df);
  return {
    method: "Two one-sided t tests (TOST)",
    estimate,
    stdErr,
    df,
    lower: margin.lower,
    upper: margin.upper,
    alpha,
    tLower,
    pLower,
    tUpper: tUp,
    pUpper,
    pValue,
    equivalent: pValue < alpha,
    ciLevel: 1 - 2 * alpha,
    ciLower: estimate - q * stdErr,
    ciUpper: estimate + q * stdErr,
  };
}

export interface EquivalenceTTestOptions extends EquivalenceMargin {
  /** As tTest: paired differences x − y (default false), Student's pooled variance (default false: Welch). */
  paired?: boolean;
  varEqual?: boolean;
  missing?: MissingPolicy;
}

/**
 * TOST for a mean (y omitted), a paired mean difference or a difference of two means, as
 * two one-sided tTest calls at mu = lower ("greater") and mu = upper ("less").
 */
export function equivalenceTTest(
  x: ArrayLikeInput<unknown>,
  y: ArrayLikeInput<unknown> | null | undefined,
  options: EquivalenceTTestOptions,
): EquivalenceTestResult & { tTest: TTestResult } {
  checkMargin(options);
  const base = { paired: options.paired, varEqual: options.varEqual, missing: options.missing };
  const above = tTest(x, y, { ...base, mu: options.lower, alternative: "greater" });
  const below = tTest(x, y, { ...base, mu: options.upper, alternative: "less" });
  const result = equivalenceTest(above.estimate, above.stdErr, above.df, options);
  // The one-sided tTest P values are the same numbers; keep tTest's own (it is what R prints).
  result.pLower = above.pValue;
  result.pUpper = below.pValue;
  result.pValue = Math.max(above.pValue, below.pValue);
  result.equivalent = result.pValue < result.alpha;
  return { ...result, tTest: tTest(x, y, base) };
}
