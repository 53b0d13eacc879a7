/**
 * The simulation study of notebook 07's marginal comparison run twice, with the censoring model
 * fitted by maximum likelihood (data/marginal-simulations.json) and by Firth's penalised
 * likelihood (data/marginal-simulations-firth.json, `npm run marginal-simulations --
 * --censoring-model firth`), set side by side. Both runs analyse the same simulated cohorts
 * with the same bootstrap seeds, so they are paired: per measure, besides each run's bias and
 * coverage (with their Monte Carlo SEs, from the runs' summaries), the mean paired difference
 * of the estimates Firth − ML over the cohorts both analysed, with its Monte Carlo SE
 * SD(differences) / sqrt(R), and the cohorts whose interval covers the truth in one run only,
 * b (Firth's only) and c (ML's only), with the paired coverage difference (b − c) / R and its
 * Monte Carlo SE sqrt(b + c − (b − c)^2 / R) / R (the SD of the per-cohort coverage differences,
 * divisor R, over sqrt(R)). Since both runs have the same truth, the difference of the biases is
 * the mean paired difference, so its Monte Carlo SE is the paired one, not either run's bias
 * MCSE (Morris, White & Crowther 2019 for the measures).
 *
 * @example
 * const c = marginalSimulationComparison(readMarginalSimulations(), readMarginalSimulations(marginalSimulationFile(undefined, "firth")));
 * c.measures[0].pairedDifference; // mean Firth − ML estimate, survival at 12 months
 */
import { InputError } from "../core/index";
import { sampleStandardDeviation } from "../stats/sample-standard-deviation";
import type { MarginalSimulationReport, MarginalSimulationSummary } from "./marginal-simulations";

export interface MarginalSimulationComparison {
  /** Cohorts analysed by both runs. */
  cohorts: number;
  bootstrap: number;
  measures: {
    measure: "survival" | "rmst";
    time: number;
    truth: number;
    ml: MarginalSimulationSummary;
    firth: MarginalSimulationSummary;
    /** Mean of Firth − ML over the paired cohorts, its Monte Carlo SE, and the largest |Firth − ML|. */
    pairedDifference: number;
    pairedDifferenceMcse: number;
    largestDifference: number;
    /** Cohorts whose interval covers the truth with Firth's censoring model only, with ML's only. */
    coveredFirthOnly: number;
    coveredMlOnly: number;
    /** Firth's coverage minus ML's over the paired cohorts, (b − c) / R, and its paired Monte Carlo SE. */
    coverageDifference: number;
    coverageDifferenceMcse: number;
  }[];
}

/** The two runs side by side; see the file comment. Refuses runs of different cohorts, bootstrap or analysis settings. */
export function marginalSimulationComparison(ml: MarginalSimulationReport, firth: MarginalSimulationReport): MarginalSimulationComparison {
  if ((ml.settings.censoringModel ?? "ml") !== "ml") throw new InputError("ml", null, ml.settings.censoringModel, 'must be a run with the ML censoring model');
  if (firth.settings.censoringModel !== "firth") throw new InputError("firth", null, firth.settings.censoringModel ?? "ml", 'must be a run with censoringModel "firth"');
  const { censoringModel: _a, ...mlSettings } = ml.settings;
  const { censoringModel: _b, ...firthSettings } = firth.settings;
  if (JSON.stringify(mlSettings) !== JSON.stringify(firthSettings)) throw new InputError("firth", null, JSON.stringify(firthSettings), `must have the ML run's settings but its censoring model (${JSON.stringify(mlSettings)})`);
  if (JSON.stringify(ml.truth) !== JSON.stringify(firth.truth)) throw new InputError("firth", null, null, "must have the ML run's truth");
  const bySeed = new Map(firth.cohorts.map((c) => [c.seed, c]));
  const pairs = ml.cohorts
    .map((c) => [c, bySeed.get(c.seed)] as const)
    .filter(([a, b]) => b !== undefined && a.estimates !== null && b.estimates !== null) as [typeof ml.cohorts[number], typeof ml.cohorts[number]][];
  return {
    cohorts: pairs.length,
    bootstrap: ml.settings.bootstrap,
    measures: ml.truth.measures.map((t, j) => {
      const d = pairs.map(([a, b]) => (b.estimates as number[][])[j][0] - (a.estimates as number[][])[j][0]);
      const covers = (e: number[]) => e[1] <= t.difference && t.difference <= e[2];
      const firthOnly = pairs.filter(([a, b]) => covers((b.estimates as number[][])[j]) && !covers((a.estimates as number[][])[j])).length;
      const mlOnly = pairs.filter(([a, b]) => !covers((b.estimates as number[][])[j]) && covers((a.estimates as number[][])[j])).length;
      const R = pairs.length;
      return {
        measure: t.measure,
        time: t.time,
        truth: t.difference,
        ml: ml.summary[j],
        firth: firth.summary[j],
        pairedDifference: d.reduce((s, x) => s + x, 0) / d.length,
        pairedDifferenceMcse: (sampleStandardDeviation(d) ?? NaN) / Math.sqrt(d.length),
        largestDifference: d.reduce((m, x) => Math.max(m, Math.abs(x)), 0),
        coveredFirthOnly: firthOnly,
        coveredMlOnly: mlOnly,
        coverageDifference: (firthOnly - mlOnly) / R,
        coverageDifferenceMcse: Math.sqrt(Math.max(0, firthOnly + mlOnly - (firthOnly - mlOnly) ** 2 / R)) / R,
      };
    }),
  };
}
