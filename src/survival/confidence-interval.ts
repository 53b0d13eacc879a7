/**
 * Pointwise confidence limits for a survival probability S(t), as R's
 * `survival:::survfit_confint` (the `conf.type` argument of `survfit`).
 *
 * Input is S and the standard error of log S (Greenwood: sqrt(sum d/(n(n-d)))),
 * z = qnorm(1 - (1 - confLevel)/2):
 * - "plain":   S -/+ z se S, clipped to [0, 1];
 * - "log":     exp(log S -/+ z se), upper clipped to 1; undefined (null) when S = 0;
 * - "log-log": exp(-exp(log(-log S) -/+ z se / log S)); undefined when S is 0 or 1;
 * - "logit":   1 - 1 / (1 + exp(log(S / (1 - S)) -/+ z se / (1 - S))); undefined when S is 0 or 1;
 * - "arcsin":  sin^2(asin(sqrt S) -/+ z se sqrt(S / (1 - S)) / 2), clipped to [0, pi/2]
 *              inside; undefined when S is 0 or 1.
 * (logit and arcsin: `SurvfitConfidenceType`, used by coxSurvival as survfit.coxph.)
 * Where R gives NA or NaN (S = 0 after the last subject dies: se is infinite)
 * the limit is NaN here and null in the results.
 *
 * @example
 * survivalConfidenceLimits([0.8], [0.1], "log", 1.959963984540054); // { lower: Float64Array [0.6576...], upper: Float64Array [0.9733...] }
 */
import { confLevelError, InputError } from "../core/index";
import { normalQuantile } from "../distributions/index";

/** The confidence-interval transforms of R's survfit that this library implements. */
export type ConfidenceType = "log" | "log-log" | "plain";

const CONF_TYPES: readonly ConfidenceType[] = ["log", "log-log", "plain"];

/** All of survfit's conf.type values (survfit_confint), "none" for no limits. */
export type SurvfitConfidenceType = ConfidenceType | "logit" | "arcsin" | "none";

const SURVFIT_CONF_TYPES: readonly SurvfitConfidenceType[] = ["log", "log-log", "plain", "logit", "arcsin", "none"];

/** Validates a survfit `confType` (default "log") and returns it. */
export function checkSurvfitConfidenceType(confType: unknown): SurvfitConfidenceType {
  if (confType === undefined) return "log";
  if (typeof confType === "string" && (SURVFIT_CONF_TYPES as readonly string[]).indexOf(confType) >= 0) return confType as SurvfitConfidenceType;
  throw new InputError("confType", null, confType, 'must be "log", "log-log", "plain", "logit", "arcsin" or "none"');
}

/** Validates `confType` (default "log") and returns it. */
export function checkConfidenceType(confType: unknown): ConfidenceType {
  if (confType === undefined) return "log";
  if (typeof confType === "string" && (CONF_TYPES as readonly string[]).indexOf(confType) >= 0) return confType as ConfidenceType;
  throw new InputError("confType", null, confType, 'must be "log", "log-log" or "plain"');
}

/** Validates `confLevel` (default 0.95) and returns the two-sided normal quantile z with it. */
export function checkConfidenceLevel(confLevel: unknown): { confLevel: number; z: number } {
  const level = confLevel === undefined ? 0.95 : confLevel;
  if (typeof level !== "number" || !(level > 0 && level < 1)) {
    throw confLevelError(confLevel);
  }
  return { confLevel: level, z: normalQuantile(1 - (1 - level) / 2) };
}

/**
 * Lower and upper limits for each S[j] with log-scale standard error seLog[j];
 * NaN where R gives NA/NaN (callers turn these into null).
 */
export function survivalConfidenceLimits(
  surv: ArrayLike<number>,
  seLog: ArrayLike<number>,
  confType: ConfidenceType | "logit" | "arcsin",
  z: number,
): { lower: Float64Array; upper: Float64Array } {
  const m = surv.length;
  const lower = new Float64Array(m);
  const upper = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const s = surv[j];
    let lo = NaN;
    let hi = NaN;
    if (confType === "plain") {
      const half = seLog[j] * s * z;
      // Math.max/min give NaN for NaN input, as R's pmax/pmin do.
      lo = Math.max(s - half, 0);
      hi = Math.min(s + half, 1);
    } else if (confType === "log") {
      if (s !== 0) {
        const half = z * seLog[j];
        const logS = Math.log(s);
        lo = Math.exp(logS - half);
        hi = Math.min(Math.exp(logS + half), 1);
      }
    } else if (confType === "logit") {
      if (s !== 0 && s !== 1) {
        const half = z * seLog[j] * (1 + s / (1 - s));
        const logit = Math.log(s / (1 - s));
        lo = 1 - 1 / (1 + Math.exp(logit - half));
        hi = 1 - 1 / (1 + Math.exp(logit + half));
      }
    } else if (confType === "arcsin") {
      if (s !== 0 && s !== 1) {
        const half = 0.5 * z * seLog[j] * Math.sqrt(s / (1 - s));
        const a = Math.asin(Math.sqrt(s));
        lo = Math.pow(Math.sin(Math.max(0, a - half)), 2);
        hi = Math.pow(Math.sin(Math.min(Math.PI / 2, a + half)), 2);
      }
    } else if (s !== 0 && s !== 1) {
      const logS = Math.log(s);
      const half = (z * seLog[j]) / logS;
      const loglog = Math.log(-logS);
      lo = Math.exp(-Math.exp(loglog - half));
      hi = Math.exp(-Math.exp(loglog + half));
    }
    lower[j] = lo;
    upper[j] = hi;
  }
  return { lower, upper };
}
