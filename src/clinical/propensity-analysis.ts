/**
 * The propensity score of RT and the balance it buys, at a landmark (so that the weighted
 * comparison carries no immortal time): patients alive and followed past the landmark L,
 * exposed = RT started by L, time from L (as landmarkCox), complete cases of the bias
 * covariates (biasCovariates).
 * - Model: logistic regression of the exposure on the covariates, R's
 *   glm(rt_by ~ covariates, family = binomial) (logisticRegression).
 * - Weights (propensityWeights): "ATE" stabilized (IPTW: the whole landmark population as if
 *   everyone, then no one, had received RT) and "overlap" (Li, Morgan & Zaslavsky 2018: the
 *   patients for whom either choice was plausible; exact mean balance of every covariate in
 *   the model).
 * - Balance: the standardized mean difference of each covariate before and after each
 *   weighting (standardizedDifference: MatchIt's / cobalt's pooled SD of the unweighted
 *   groups), |d| < 0.1 the usual threshold; Kish's effective sample size and the largest
 *   weight. ECOG, entered per point, is also checked by level (`levelBalance`: the multi-level
 *   SMD of ECOG 0 / 1 / 2–4, level-balance.ts), since weights that balance its mean need not
 *   balance its levels.
 * A propensity model balances *measured* covariates only.
 * Needs `rt_start_months` and the columns behind the choice of RT (cohortCapabilities:
 * "rt-start" and "rt-indication"); covariates absent from the cohort are left out and listed.
 *
 * @example
 * const ps = propensityAnalysis(loadCohort(), { landmark: 6 });
 * ps.model.oddsRatio; ps.balance[0]; // { name: "age10", before: -0.2, after: { ATE: 0.03, overlap: 0 } }
 */
import { InputError } from "../core/index";
import { logisticRegression } from "../stats/logistic-regression";
import type { LogisticRegressionResult } from "../stats/logistic-regression";
import { propensityWeights } from "../stats/propensity-weights";
import type { PropensityWeightsResult } from "../stats/propensity-weights";
import { standardizedDifference } from "../stats/standardized-difference";
import type { CohortData } from "./arms";
import { biasCovariates, covariateRows } from "./bias-covariates";
import { rtStartColumn } from "./landmark-cox";
import { covariateLevels, levelBalance } from "./level-balance";

export type PropensityWeighting = "ATE" | "overlap";

export interface PropensityAnalysisOptions {
  /** Landmark, months: patients alive past it, exposed = RT started by it. */
  landmark: number;
  confLevel?: number;
}

export interface CovariateBalance {
  name: string;
  label: string;
  binary: boolean;
  /** Standardized difference (RT − no RT) before weighting, and after each weighting. */
  before: number | null;
  after: Record<PropensityWeighting, number | null>;
}

export interface PropensityAnalysisResult {
  landmark: number;
  /** Cohort rows in the analysis (alive past the landmark, covariates complete), ascending. */
  rows: number[];
  /** Patients alive past the landmark left out for a missing covariate. */
  dropped: number;
  /** Per row of `rows`: exposed (RT by the landmark), time from the landmark, death. */
  treated: number[];
  time: number[];
  death: number[];
  /** The propensity score of each row. */
  score: number[];
  covariates: string[];
  /** Cohort columns the model would use but the cohort lacks. */
  absent: string[];
  model: LogisticRegressionResult;
  weights: Record<PropensityWeighting, PropensityWeightsResult>;
  balance: CovariateBalance[];
  /**
   * Covariates entered per point, balanced by level (ECOG 0 / 1 / 2–4): multi-level SMD (unsigned)
   * before and after each weighting. Not part of `maxImbalance`, which is over the model's covariates.
   */
  levelBalance: { name: string; label: string; levels: string[]; before: number | null; after: Record<PropensityWeighting, number | null> }[];
  /** Largest |standardized difference| before and after each weighting. */
  maxImbalance: { before: number; after: Record<PropensityWeighting, number> };
  /** Range of the scores in each group (overlap). */
  scoreRange: { treated: [number, number]; control: [number, number] };
}

const WEIGHTINGS: PropensityWeighting[] = ["ATE", "overlap"];

/** Propensity model, weights and balance at a landmark; see the file comment. */
export function propensityAnalysis(cohort: CohortData, options: PropensityAnalysisOptions): PropensityAnalysisResult {
  const landmark = options.landmark;
  if (typeof landmark !== "number" || !(landmark > 0) || !Number.isFinite(landmark)) throw new InputError("landmark", null, landmark, "must be a positive number of months");
  const f = cohort.fields;
  const rtStart = rtStartColumn(cohort);
  const cov = biasCovariates(cohort);
  const alive = f.os_months.map((_, i) => i).filter((i) => f.os_months[i] > landmark);
  const rows = alive.filter((i) => cov.complete[i]);
  if (rows.length === 0) throw new InputError("landmark", null, landmark, "leaves no patient with every covariate recorded");
  const treated = rows.map((i) => (!Number.isNaN(rtStart[i]) && rtStart[i] <= landmark ? 1 : 0));
  const x = covariateRows(cov, rows);
  const model = logisticRegression(treated, x, { confLevel: options.confLevel });
  const score = model.fitted;
  const weights = {} as Record<PropensityWeighting, PropensityWeightsResult>;
  weights.ATE = propensityWeights(treated, score, { estimand: "ATE", stabilize: true });
  weights.overlap = propensityWeights(treated, score, { estimand: "overlap" });
  const balance: CovariateBalance[] = cov.names.map((name) => {
    const plain = standardizedDifference(x[name], treated);
    const after = {} as Record<PropensityWeighting, number | null>;
    for (const w of WEIGHTINGS) after[w] = standardizedDifference(x[name], treated, { weights: weights[w].weights }).smd;
    return { name, label: cov.labels[name], binary: plain.binary, before: plain.smd, after };
  });
  const levelCovariates = covariateLevels(cohort, rows);
  const levelBefore = levelBalance(levelCovariates, Array.from(treated));
  const levelAfter = WEIGHTINGS.map((w) => levelBalance(levelCovariates, Array.from(treated), weights[w].weights));
  const levelRows = levelBefore.map((b, k) => {
    const after = {} as Record<PropensityWeighting, number | null>;
    WEIGHTINGS.forEach((w, j) => (after[w] = levelAfter[j][k].smd));
    return { name: b.name, label: b.label, levels: b.levels, before: b.smd, after };
  });
  const maxAbs = (values: (number | null)[]) => values.reduce((m: number, v) => (v === null ? m : Math.max(m, Math.abs(v))), 0);
  const afterMax = {} as Record<PropensityWeighting, number>;
  for (const w of WEIGHTINGS) afterMax[w] = maxAbs(balance.map((b) => b.after[w]));
  const range = (g: number): [number, number] => {
    const s = score.filter((_, k) => treated[k] === g);
    return [Math.min(...s), Math.max(...s)];
  };
  return {
    landmark,
    rows,
    dropped: alive.length - rows.length,
    treated,
    time: rows.map((i) => f.os_months[i] - landmark),
    death: rows.map((i) => f.death[i]),
    score,
    covariates: cov.names,
    absent: cov.absent,
    model,
    weights,
    balance,
    levelBalance: levelRows,
    maxImbalance: { before: maxAbs(balance.map((b) => b.before)), after: afterMax },
    scoreRange: { treated: range(1), control: range(0) },
  };
}
