/**
 * The weightings of a propensity analysis side by side (notebook 07): stabilized IPTW as
 * fitted, the same weights truncated at two quantiles (default the 1st and 99th percentiles,
 * over both arms: truncateWeights), and overlap weights; for each, per arm the number of
 * patients, Kish's effective sample size (sum w)^2 / sum w^2, the sum and the distribution of
 * the weights (minimum, 1st percentile, quartiles, 99th percentile, maximum; R's quantile type
 * 7), the balance it buys (standardized difference of every covariate, as propensityAnalysis
 * computes it; the largest |SMD| and the covariates at or above `smdThreshold`; ECOG also by level,
 * `levelBalance`: the multi-level SMD of ECOG 0 / 1 / 2–4, level-balance.ts) and the weighted
 * Cox model of death from the landmark (weightedComparison: robust variance).
 * R: test/fixtures/r/clinical-weighting.R (truncated IPTW).
 *
 * @example
 * const ps = propensityAnalysis(cohort, { landmark: 6 });
 * weightingSummary(cohort, ps).map((w) => [w.label, w.arms[1].ess, w.maxAbsSmd]);
 */
import { standardizedDifference } from "../stats/standardized-difference";
import { truncateWeights } from "../stats/truncate-weights";
import type { ArmEffect } from "./arm-effect";
import type { CohortData } from "./arms";
import { cohortArms } from "./arms";
import { biasCovariates, covariateRows } from "./bias-covariates";
import { quantileSorted } from "./describe";
import type { PropensityAnalysisResult, PropensityWeighting } from "./propensity-analysis";
import { weightedComparison } from "./weighted-comparison";
import { covariateLevels, levelBalance } from "./level-balance";
import type { LevelBalance } from "./level-balance";

export interface ArmWeights {
  arm: string;
  n: number;
  ess: number;
  sum: number;
  /** min, 1st percentile, quartiles, 99th percentile, max. */
  min: number;
  p01: number;
  q1: number;
  median: number;
  q3: number;
  p99: number;
  max: number;
}

export interface WeightingSummary {
  label: string;
  weighting: PropensityWeighting;
  /** Truncation quantiles and the weights they give, and how many patients were truncated (null: not truncated). */
  truncation: { quantiles: [number, number]; bounds: [number, number]; nTruncated: number } | null;
  weights: number[];
  /** [no RT by the landmark, RT by the landmark]. */
  arms: [ArmWeights, ArmWeights];
  balance: { name: string; label: string; smd: number | null }[];
  maxAbsSmd: number;
  /** Labels of the covariates with |SMD| >= smdThreshold. */
  imbalanced: string[];
  /** Covariates entered per point, by level (ECOG 0 / 1 / 2–4): multi-level SMD under these weights (not in maxAbsSmd / imbalanced). */
  levelBalance: LevelBalance[];
  effect: ArmEffect;
}

export interface WeightingSummaryOptions {
  /** Quantiles of the truncated IPTW (default [0.01, 0.99]). */
  truncate?: [number, number];
  /** |SMD| at or above which a covariate counts as imbalanced (default 0.1). */
  smdThreshold?: number;
  confLevel?: number;
}

function armWeights(arm: string, w: readonly number[]): ArmWeights {
  const s = w.slice().sort((a, b) => a - b);
  const sum = s.reduce((a, b) => a + b, 0);
  const sumSq = s.reduce((a, b) => a + b * b, 0);
  const q = (p: number) => quantileSorted(s, p);
  return { arm, n: s.length, ess: (sum * sum) / sumSq, sum, min: s[0], p01: q(0.01), q1: q(0.25), median: q(0.5), q3: q(0.75), p99: q(0.99), max: s[s.length - 1] };
}

/** IPTW, truncated IPTW and overlap weights side by side; see the file comment. */
export function weightingSummary(cohort: CohortData, ps: PropensityAnalysisResult, options: WeightingSummaryOptions = {}): WeightingSummary[] {
  const truncate = options.truncate ?? [0.01, 0.99];
  const threshold = options.smdThreshold ?? 0.1;
  const arms = cohortArms(cohort);
  const cov = biasCovariates(cohort);
  const x = covariateRows(cov, ps.rows);
  const cut = truncateWeights(ps.weights.ATE.weights, truncate);
  const pct = (p: number) => `${Math.round(100 * p * 10) / 10}`;
  const specs: { label: string; weighting: PropensityWeighting; weights: number[]; truncation: WeightingSummary["truncation"] }[] = [
    { label: "IPTW (stabilized)", weighting: "ATE", weights: ps.weights.ATE.weights, truncation: null },
    {
      label: `IPTW truncated at percentiles ${pct(truncate[0])} and ${pct(truncate[1])}`,
      weighting: "ATE",
      weights: cut.weights,
      truncation: { quantiles: truncate, bounds: cut.bounds, nTruncated: cut.nTruncated },
    },
    { label: "overlap weights", weighting: "overlap", weights: ps.weights.overlap.weights, truncation: null },
  ];
  const levelCovariates = covariateLevels(cohort, ps.rows);
  return specs.map((sp) => {
    const balance = ps.covariates.map((name) => ({ name, label: cov.labels[name], smd: standardizedDifference(x[name], ps.treated, { weights: sp.weights }).smd }));
    const maxAbsSmd = balance.reduce((m, b) => (b.smd === null ? m : Math.max(m, Math.abs(b.smd))), 0);
    const byArm = (g: number) => sp.weights.filter((_, k) => ps.treated[k] === g);
    const effect = weightedComparison(cohort, ps, sp.weighting, { confLevel: options.confLevel, weights: sp.weights, label: sp.label }).effect;
    return {
      label: sp.label,
      weighting: sp.weighting,
      truncation: sp.truncation,
      weights: sp.weights,
      arms: [armWeights(arms[0], byArm(0)), armWeights(arms[1], byArm(1))],
      balance,
      maxAbsSmd,
      imbalanced: balance.filter((b) => b.smd !== null && Math.abs(b.smd) >= threshold).map((b) => b.label),
      levelBalance: levelBalance(levelCovariates, Array.from(ps.treated), sp.weights),
      effect,
    };
  });
}
