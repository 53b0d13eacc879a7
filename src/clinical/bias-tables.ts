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
import type { SequentialTrialsResult } from "./sequential-trials";
import type { MarginalResult } from "./sequential-trials-ipcw";
import type { WeightingSummary } from "./weighting-summary";
import type { MarginalTruth } from "../synth/clinical-truth";
import type { MarginalSimulationReport } from "../synth/marginal-simulations";
import type { MarginalSimulationComparison } from "../synth/marginal-simulation-comparison";

/**
 * A marginal measure as tables and sentences name it: its row `label`, its `name` in a sentence,
 * the `unit` written after its differences, and the `digits` they are shown with (survival 3,
 * restricted mean 2).
 */
export function marginalMeasureRow(measure: "survival" | "rmst", time: number): { label: string; name: string; unit: string; digits: number } {
  return measure === "survival"
    ? { label: `Survival at ${time} months`, name: `survival at ${time} months`, unit: "", digits: 3 }
    : { label: `Restricted mean survival to ${time} months, months`, name: `restricted mean survival to ${time} months`, unit: " months", digits: 2 };
}

/**
 * One row per estimate: analysis, HR (CI), P, variance, rows and events, adjustment, and the P of cox.zph for the exposure.
 * `labels` renames the rows and events columns (e.g. pooled trials, where a death counts once per trial).
 */
export function effectRows(effects: readonly ArmEffect[], confLevel = 0.95, labels: { rows?: string; events?: string } = {}): TableLike {
  return {
    columns: ["Analysis", `Hazard ratio of RT (${ciLabel(confLevel)})`, "P", "Variance", labels.rows ?? "Rows", labels.events ?? "Deaths", "Adjusted for", "PH test P (cox.zph)"],
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

/** Covariate balance: standardized difference before and after each weighting; then ECOG by level (multi-level SMD, unsigned). */
export function balanceRows(ps: PropensityAnalysisResult): TableLike {
  return {
    columns: ["Covariate", "Unweighted", "IPTW (stabilized)", "Overlap weights"],
    values: ps.balance
      .map((b) => [b.label, fmt(b.before, 2), fmt(b.after.ATE, 2), fmt(b.after.overlap, 2)])
      // Covariates entered per point, also by level: the multi-level SMD (unsigned, Yang & Dalton).
      .concat(ps.levelBalance.map((b) => [`${b.label} (multi-level SMD, unsigned)`, fmt(b.before, 2), fmt(b.after.ATE, 2), fmt(b.after.overlap, 2)])),
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

/**
 * Pooled sequential trials: a patient is a control in several trials, so its death is an event
 * in each of them. The table gives the patient-trials and the deaths across trials beside the
 * distinct patients and distinct deaths they come from.
 */
export function sequentialTrialsRows(results: readonly SequentialTrialsResult[], confLevel = 0.95): TableLike {
  const base = effectRows(
    results.map((r) => r.effect),
    confLevel,
    { rows: "Patient-trials", events: "Deaths across trials (once per trial)" },
  );
  const at = base.columns.indexOf("Deaths across trials (once per trial)") + 1;
  const columns = base.columns.slice(0, at).concat(["Distinct patients", "Distinct deaths"], base.columns.slice(at));
  const values = (base.values as string[][]).map((row, k) => row.slice(0, at).concat([String(results[k].patients), String(results[k].uniqueDeaths)], row.slice(at)));
  return { columns, values };
}

/** Weightings side by side: per arm the patients, effective sample size and weight distribution; the balance and the weighted HR. */
export function weightingRows(summaries: readonly WeightingSummary[], confLevel = 0.95): TableLike {
  const values: string[][] = [];
  const levelColumns = summaries.length === 0 ? [] : summaries[0].levelBalance.map((b) => b.label);
  for (const w of summaries) {
    w.arms.forEach((a, k) => {
      values.push([
        k === 0 ? w.label : "",
        a.arm,
        String(a.n),
        fmt(a.ess, 1),
        `${fmt(a.min, 2)} / ${fmt(a.p01, 2)} / ${fmt(a.median, 2)} / ${fmt(a.p99, 2)} / ${fmt(a.max, 2)}`,
        k === 0 ? fmt(w.maxAbsSmd, 2) : "",
        k === 0 ? String(w.imbalanced.length) : "",
        ...(levelColumns.length === 0 ? [] : [k === 0 ? w.levelBalance.map((b) => fmt(b.smd, 2)).join(" / ") : ""]),
        k === 0 ? formatCI(w.effect.hazardRatio, w.effect.lower, w.effect.upper) : "",
      ]);
    });
  }
  return {
    columns: ["Weighting", "Exposure group", "Patients", "Effective sample size", "Weights: min / 1st pct / median / 99th pct / max", "Largest |SMD|", "Covariates with |SMD| ≥ threshold"]
      .concat(levelColumns.length === 0 ? [] : [`${levelColumns.join("; ")}: multi-level SMD`])
      .concat([`Weighted HR of RT (${ciLabel(confLevel)})`]),
    values,
  };
}

/** Marginal survival and RMST of the sequential trials beside the simulation's truth (when known). */
export function marginalRows(m: MarginalResult, truth: MarginalTruth | null = null): TableLike {
  const columns = [
    "Measure",
    "Without RT",
    "With RT",
    `Difference, with − without (bootstrap ${ciLabel(m.confLevel)})`,
    "Difference without censoring weights",
  ];
  if (truth !== null) columns.push("True difference (simulation)");
  return {
    columns,
    values: m.estimates.map((e) => {
      const { label, digits } = marginalMeasureRow(e.measure, e.time);
      const row = [
        label,
        fmt(e.without, digits),
        fmt(e.with, digits),
        `${fmt(e.difference, digits)} (${fmt(e.lower, digits)} to ${fmt(e.upper, digits)})`,
        fmt(e.differenceUnweighted, digits),
      ];
      if (truth !== null) {
        const t = (e.measure === "survival" ? truth.survival : truth.rmst).find((x) => x.time === e.time);
        row.push(t === undefined ? "—" : fmt(t.difference, digits));
      }
      return row;
    }),
  };
}

/**
 * The simulation study of the marginal comparison (data/marginal-simulations.json,
 * runMarginalSimulations) as a table: per measure the truth, the mean estimate, bias, empirical
 * and mean bootstrap standard errors and their ratio, and the coverage of the percentile
 * intervals, each with its Monte Carlo standard error.
 */
export function marginalSimulationRows(report: MarginalSimulationReport): TableLike {
  const level = ciLabel(report.settings.confLevel);
  return {
    columns: [
      "Measure",
      "True difference",
      "Mean estimate",
      "Bias (MC SE)",
      "Empirical SE (MC SE)",
      "Mean bootstrap SE",
      "Bootstrap / empirical SE (MC SE)",
      `Coverage of the ${level}, % (MC SE)`,
    ],
    values: report.summary.map((s) => {
      const { label, digits: d } = marginalMeasureRow(s.measure, s.time);
      return [
        label,
        fmt(s.truth, d),
        fmt(s.mean, d),
        `${fmt(s.bias, d + 1)} (${fmt(s.biasMcse, d + 1)})`,
        `${fmt(s.empiricalSe, d)} (${fmt(s.empiricalSeMcse, d)})`,
        fmt(s.meanBootstrapSe, d),
        `${fmt(s.seRatio, 2)} (${fmt(s.seRatioMcse, 2)})`,
        `${fmt(100 * s.coverage, 1)} (${fmt(100 * s.coverageMcse, 1)})`,
      ];
    }),
  };
}

/** Table of marginalSimulationComparison: per measure the bias and coverage of the ML and Firth runs and their paired difference. */
export function marginalSimulationComparisonRows(c: MarginalSimulationComparison, confLevel: number): TableLike {
  const level = ciLabel(confLevel);
  return {
    columns: [
      "Measure",
      "True difference",
      "Bias, ML (MC SE)",
      "Bias, Firth (MC SE)",
      "Firth − ML, paired mean (MC SE)",
      `Coverage of the ${level}, % (MC SE): ML / Firth`,
      "Cohorts covered by one run only: Firth / ML",
    ],
    values: c.measures.map((m) => {
      const { label, digits: d } = marginalMeasureRow(m.measure, m.time);
      return [
        label,
        fmt(m.truth, d),
        `${fmt(m.ml.bias, d + 1)} (${fmt(m.ml.biasMcse, d + 1)})`,
        `${fmt(m.firth.bias, d + 1)} (${fmt(m.firth.biasMcse, d + 1)})`,
        `${fmt(m.pairedDifference, d + 1)} (${fmt(m.pairedDifferenceMcse, d + 1)})`,
        `${fmt(100 * m.ml.coverage, 1)} (${fmt(100 * m.ml.coverageMcse, 1)}) / ${fmt(100 * m.firth.coverage, 1)} (${fmt(100 * m.firth.coverageMcse, 1)})`,
        `${m.coveredFirthOnly} / ${m.coveredMlOnly}`,
      ];
    }),
  };
}
