/**
 * Tail probabilities and quantiles used across the library, wrapping maintained
 * implementations (stdlib's incomplete gamma/beta and quantiles, jstat's
 * studentized range). Upper tails are computed directly, not as 1 - cdf, so tiny
 * p-values keep their relative precision (as R's lower.tail = FALSE does).
 */
import gammainc from "@stdlib/math-base-special-gammainc";
import betainc from "@stdlib/math-base-special-betainc";
import erfc from "@stdlib/math-base-special-erfc";
import normalQuantileStd from "@stdlib/stats-base-dists-normal-quantile";
import tQuantileStd from "@stdlib/stats-base-dists-t-quantile";
import { jStat } from "jstat";
import { InputError } from "../core/input-error";

/** P(X > x) for X ~ chi-square(df): the regularized upper incomplete gamma Q(df/2, x/2). R: pchisq(x, df, lower.tail = FALSE). */
export function chiSquareUpper(x: number, df: number): number {
  if (x <= 0) return 1;
  return gammainc(x / 2, df / 2, true, true);
}

/** P(Z > z) for a standard normal Z: erfc(z / sqrt 2) / 2. R: pnorm(z, lower.tail = FALSE). */
export function normalUpper(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/** Two-sided normal p-value 2 P(Z > |z|). */
export function normalTwoSided(z: number): number {
  return erfc(Math.abs(z) / Math.SQRT2);
}

/** Standard normal quantile. R: qnorm(p). */
export function normalQuantile(p: number): number {
  return normalQuantileStd(p, 0, 1);
}

/** P(T > t) for Student's t with df degrees of freedom, via the incomplete beta I_{df/(df+t^2)}(df/2, 1/2) / 2. R: pt(t, df, lower.tail = FALSE). */
export function tUpper(t: number, df: number): number {
  const tail = 0.5 * betainc(df / (df + t * t), df / 2, 0.5, true, false);
  return t >= 0 ? tail : 1 - tail;
}

/** Two-sided t p-value 2 P(T > |t|). */
export function tTwoSided(t: number, df: number): number {
  return betainc(df / (df + t * t), df / 2, 0.5, true, false);
}

/** Student's t quantile. R: qt(p, df). */
export function tQuantile(p: number, df: number): number {
  return tQuantileStd(p, df);
}

/** P(F > f) for F(df1, df2): I_{df2/(df2 + df1 f)}(df2/2, df1/2). R: pf(f, df1, df2, lower.tail = FALSE). */
export function fUpper(f: number, df1: number, df2: number): number {
  if (f <= 0) return 1;
  return betainc(df2 / (df2 + df1 * f), df2 / 2, df1 / 2, true, false);
}

/** P(Q > q) for the studentized range with `groups` means and df degrees of freedom. R: ptukey(q, groups, df, lower.tail = FALSE). */
export function studentizedRangeUpper(q: number, groups: number, df: number): number {
  return 1 - jStat.tukey.cdf(q, groups, df);
}

/** Studentized range quantile. R: qtukey(p, groups, df). */
export function studentizedRangeQuantile(p: number, groups: number, df: number): number {
  return jStat.tukey.inv(p, groups, df);
}

/** P(T <= t) for T ~ noncentral t(df, ncp) (jstat's series). R: pt(t, df, ncp). */
export function noncentralTCdf(t: number, df: number, ncp: number): number {
  return jStat.noncentralt.cdf(t, df, ncp);
}

/** The p-quantile of a gamma(shape, 1) distribution: solves P(shape, x) = p by bisection on the regularized incomplete gamma. R: qgamma(p, shape). */
export function gammaQuantile(p: number, shape: number): number {
  if (!(p > 0 && p < 1)) throw new InputError("p", null, p, "must be a probability strictly between 0 and 1");
  if (!(shape > 0) || !Number.isFinite(shape)) throw new InputError("shape", null, shape, "must be positive and finite");
  let lo = 0;
  let hi = Math.max(1, shape);
  while (gammainc(hi, shape) < p) hi *= 2;
  for (let k = 0; k < 200 && hi - lo > 1e-15 * hi; k++) {
    const mid = 0.5 * (lo + hi);
    if (gammainc(mid, shape) < p) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}
