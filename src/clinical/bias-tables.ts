/**
 * Tables of notebook 07: hazard ratios of RT from the bias analyses side by side, and the
 * covariate balance of a propensity analysis.
 *
 * @example
 * showTable(effectRows([naiveCox(c).effect, timeDependentCox(c).effect]));
 */
import type { TableLike } from "../display/table-html";
import type { ArmEffect } from "./arm-effect";
import { exposureProportionalHazards } from "./arm-effect";
import { ciLabel, fmt, formatCI, formatP } from "./format";
import type { PropensityAnalysisResult } from "./propensity-analysis";

/** One row per estimate: analysis, HR (CI), P, variance, rows and events, adjustment, and the P of cox.zph for the exposure. */
export function effectRows(effects: readonly ArmEffect[], confLevel = 0.95): TableLike {
  return {
    columns: ["Analysis", `Hazard ratio of RT (${ciLabel(confLevel)})`, "P", "Variance", "Rows", "Deaths", "Adjusted for", "PH test P (cox.zph)"],
    values: effects.map((e) => [
      e.analysis,
      formatCI(e.hazardRatio, e.lower, e.upper),
      formatP(e.pValue),
      e.robust ? "robust" : "model-based",
      String(e.n),
      String(e.nEvent),
      e.adjustedFor.length === 0 ? "—" : `${e.adjustedFor.length} covariates`,
      formatP(exposureProportionalHazards(e)),
    ]),
  };
}

/** Covariate balance: standardized difference before and after each weighting. */
export function balanceRows(ps: PropensityAnalysisResult): TableLike {
  return {
    columns: ["Covariate", "Unweighted", "IPTW (stabilized)", "Overlap weights"],
    values: ps.balance.map((b) => [b.label, fmt(b.before, 2), fmt(b.after.ATE, 2), fmt(b.after.overlap, 2)]),
  };
}

/** The propensity model: odds ratio of RT by the landmark per covariate, with Wald limits. */
export function propensityModelRows(ps: PropensityAnalysisResult, labels: Record<string, string>): TableLike {
  const m = ps.model;
  return {
    columns: ["Covariate", `Odds ratio of RT (${ciLabel(m.confLevel)})`, "P"],
    values: m.names
      .map((name, j) => ({ name, j }))
      .filter((x) => x.name !== "(Intercept)")
      .map(({ name, j }) => [labels[name] ?? name, formatCI(m.oddsRatio[j], m.oddsRatioLower[j], m.oddsRatioUpper[j]), formatP(m.pValue[j])]),
  };
}
