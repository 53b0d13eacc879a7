/**
 * Inverse-probability (balancing) weights from propensity scores e = P(T = 1 | X),
 * for a treated indicator T (1 treated, 0 control):
 *
 *   "ATE"     (whole population)     T / e + (1 - T) / (1 - e)
 *   "ATT"     (the treated)          T + (1 - T) e / (1 - e)
 *   "ATC"     (the controls)         T (1 - e) / e + (1 - T)
 *   "overlap" (overlap population)   T (1 - e) + (1 - T) e        (Li, Morgan & Zaslavsky 2018)
 *
 * `stabilize: true` (ATE only) multiplies by the marginal probability of the
 * group received, P(T = 1) = mean(T) for the treated and 1 - mean(T) for the
 * controls (Robins, Hernán & Brumback 2000; Xu et al. 2010), which keeps the
 * weighted sample size near n and the estimate unchanged. (R has no base
 * function for these; test/fixtures/r/stats-propensity.R writes the formulas
 * out and checks the weighted balance they give.)
 *
 * Also returned: Kish's effective sample size per group, (sum w)^2 / sum w^2,
 * and the largest weight, the usual diagnostics of extreme weights.
 * Treated must be 0/1 (or booleans) and every score strictly inside (0, 1);
 * both groups must occur. Weights are for rows in input order (e.g. for
 * kaplanMeier's or logisticRegression's `weights`).
 *
 * @example
 * const ps = logisticRegression(rt, { age, tumor_cm }).fitted;
 * const w = propensityWeights(rt, ps, { estimand: "ATE", stabilize: true });
 * kaplanMeierByGroup(os, death, rt, { weights: w.weights }); // weighted curves (robust se)
 */
import { InputError } from "../core/index";
import type { ArrayLikeInput } from "../core/index";
import { propensityColumn, requireBothGroups, treatmentColumn } from "./treatment-input";

export type Estimand = "ATE" | "ATT" | "ATC" | "overlap";

export interface PropensityWeightsOptions {
  /** Target population (default "ATE"). */
  estimand?: Estimand;
  /** Multiply ATE weights by the marginal probability of the group received (default false). */
  stabilize?: boolean;
}

export interface PropensityWeightsResult {
  /** One weight per row, input order. */
  weights: number[];
  estimand: Estimand;
  stabilized: boolean;
  /** Kish effective sample size (sum w)^2 / sum w^2 per group. */
  effectiveSampleSize: { treated: number; control: number };
  /** Sum of the weights per group. */
  sumWeights: { treated: number; control: number };
  nTreated: number;
  nControl: number;
  maxWeight: number;
}

const ESTIMANDS: readonly Estimand[] = ["ATE", "ATT", "ATC", "overlap"];

/** Balancing weights from propensity scores; see the file comment. */
export function propensityWeights(
  treated: ArrayLikeInput<unknown>,
  ps: ArrayLikeInput<unknown>,
  options: PropensityWeightsOptions = {},
): PropensityWeightsResult {
  const estimand = options.estimand === undefined ? "ATE" : options.estimand;
  if (ESTIMANDS.indexOf(estimand) < 0) throw new InputError("estimand", null, estimand, 'must be "ATE", "ATT", "ATC" or "overlap"');
  const stabilize = options.stabilize === undefined ? false : options.stabilize;
  if (typeof stabilize !== "boolean") throw new InputError("stabilize", null, stabilize, "must be true or false");
  if (stabilize && estimand !== "ATE") throw new InputError("stabilize", null, stabilize, `applies to ATE weights only (estimand is ${estimand})`);
  const t = treatmentColumn("treated", treated);
  const e = propensityColumn("ps", ps);
  if (e.length !== t.length) throw new InputError("ps", null, e.length, `has length ${e.length} but treated has length ${t.length}`);
  const { nTreated, nControl } = requireBothGroups("treated", t);
  const pTreated = nTreated / t.length;
  const n = t.length;
  const weights: number[] = new Array(n);
  const sum = [0, 0];
  const sumSq = [0, 0];
  let maxWeight = 0;
  for (let i = 0; i < n; i++) {
    const p = e[i];
    let w: number;
    if (t[i] === 1) {
      w = estimand === "ATE" ? 1 / p : estimand === "ATT" ? 1 : estimand === "ATC" ? (1 - p) / p : 1 - p;
      if (stabilize) w *= pTreated;
    } else {
      w = estimand === "ATE" ? 1 / (1 - p) : estimand === "ATT" ? p / (1 - p) : estimand === "ATC" ? 1 : p;
      if (stabilize) w *= 1 - pTreated;
    }
    weights[i] = w;
    sum[t[i]] += w;
    sumSq[t[i]] += w * w;
    if (w > maxWeight) maxWeight = w;
  }
  return {
    weights,
    estimand,
    stabilized: stabilize,
    effectiveSampleSize: { treated: (sum[1] * sum[1]) / sumSq[1], control: (sum[0] * sum[0]) / sumSq[0] },
    sumWeights: { treated: sum[1], control: sum[0] },
    nTreated,
    nControl,
    maxWeight,
  };
}
