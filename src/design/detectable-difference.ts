/**
 * The smallest true difference a t test with a given standard error and degrees of freedom
 * detects with the given power: the δ > 0 at which
 *   power(δ) = P(T > t_(1−α/2, df)) + P(T < −t_(1−α/2, df)),   T ~ noncentral t(df, δ / se),
 * reaches `power` (two-sided; `sided: 1` uses t_(1−α, df) and the upper tail only). This is the
 * calculation of R's power.t.test (with strict = TRUE for two-sided tests), written for any
 * estimate with a t distribution: a contrast of group means with a pooled variance
 * (se = s·sqrt(Σ c²/n)), a paired mean, a regression slope. It answers a reviewer's "no
 * difference — but what difference could these data have detected?".
 *
 * @example
 * // two groups of 4 with SD 0.3: power.t.test(n = 4, sd = 0.3, power = 0.8, strict = TRUE)$delta
 * detectableDifference(0.3 * Math.sqrt(2 / 4), 6).difference;
 */
import { InputError } from "../core/index";
import { noncentralTCdf, tQuantile } from "../distributions/index";

export interface DetectableDifferenceOptions {
  /** Type I error (default 0.05). */
  alpha?: number;
  /** Power, 1 − β (default 0.8). */
  power?: number;
  /** 2 (default): two-sided test at alpha; 1: one-sided at alpha. */
  sided?: 1 | 2;
}

export interface DetectableDifferenceResult {
  /** Smallest difference detected with the given power (on the estimate's scale). */
  difference: number;
  stdErr: number;
  df: number;
  alpha: number;
  power: number;
  sided: 1 | 2;
}

/** Power of the t test at a true difference `delta`. */
export function tTestPower(delta: number, stdErr: number, df: number, alpha = 0.05, sided: 1 | 2 = 2): number {
  const crit = tQuantile(1 - alpha / sided, df);
  const ncp = delta / stdErr;
  const upper = 1 - noncentralTCdf(crit, df, ncp);
  return sided === 2 ? upper + noncentralTCdf(-crit, df, ncp) : upper;
}

export function detectableDifference(stdErr: number, df: number, options: DetectableDifferenceOptions = {}): DetectableDifferenceResult {
  if (typeof stdErr !== "number" || !(stdErr > 0) || !Number.isFinite(stdErr)) throw new InputError("stdErr", null, stdErr, "must be a positive finite number");
  if (typeof df !== "number" || !(df > 0) || !Number.isFinite(df)) throw new InputError("df", null, df, "must be a positive finite number");
  const alpha = options.alpha === undefined ? 0.05 : options.alpha;
  if (typeof alpha !== "number" || !(alpha > 0 && alpha < 1)) throw new InputError("alpha", null, alpha, "must be a probability strictly between 0 and 1");
  const power = options.power === undefined ? 0.8 : options.power;
  const sided = options.sided === undefined ? 2 : options.sided;
  if (sided !== 1 && sided !== 2) throw new InputError("sided", null, sided, "must be 1 or 2");
  if (typeof power !== "number" || !(power > alpha / sided && power < 1)) throw new InputError("power", null, power, `must be between alpha${sided === 2 ? "/2" : ""} and 1`);
  // Bisection on δ/se: power is increasing in it.
  let lo = 0;
  let hi = 1;
  while (tTestPower(hi * stdErr, stdErr, df, alpha, sided) < power) hi *= 2;
  for (let k = 0; k < 200 && hi - lo > 1e-12 * hi; k++) {
    const mid = (lo + hi) / 2;
    if (tTestPower(mid * stdErr, stdErr, df, alpha, sided) < power) lo = mid;
    else hi = mid;
  }
  return { difference: ((lo + hi) / 2) * stdErr, stdErr, df, alpha, power, sided };
}
