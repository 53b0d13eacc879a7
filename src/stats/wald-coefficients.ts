/**
 * The Wald part of a logistic fit's coefficient table (logisticRegression, firthLogistic,
 * flicLogistic): z = b / se, two-sided normal P values, limits b ∓ z_(1+level)/2 · se, and the
 * odds ratios exp(b) with exp of the limits (R's confint.default on the log-odds scale).
 *
 * @example
 * waldCoefficients([0.5], [0.2], 0.95).oddsRatioLower; // [exp(0.5 - 1.96 * 0.2)]
 */
import { normalQuantile, normalTwoSided } from "../distributions/index";

/** Coefficients with their Wald statistics; `lower` / `upper` are the Wald confidence limits. */
export interface WaldCoefficients {
  coef: number[];
  se: number[];
  z: number[];
  pValue: number[];
  lower: number[];
  upper: number[];
  oddsRatio: number[];
  oddsRatioLower: number[];
  oddsRatioUpper: number[];
}

/** Wald z, P values and limits of `coef` with standard errors `se`, on the log-odds and odds-ratio scales. */
export function waldCoefficients(coef: number[], se: number[], confLevel: number): WaldCoefficients {
  const z = coef.map((b, j) => b / se[j]);
  const q = normalQuantile((1 + confLevel) / 2);
  const lower = coef.map((b, j) => b - q * se[j]);
  const upper = coef.map((b, j) => b + q * se[j]);
  return {
    coef,
    se,
    z,
    pValue: z.map((v) => normalTwoSided(v)),
    lower,
    upper,
    oddsRatio: coef.map(Math.exp),
    oddsRatioLower: lower.map(Math.exp),
    oddsRatioUpper: upper.map(Math.exp),
  };
}
