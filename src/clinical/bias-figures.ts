/**
 * The figures of notebook 07 (bias and confounding), built from its analysis results;
 * `npm run figures` renders the same functions (src/report/study-figures.ts).
 */
import type { PlotlyFigure } from "../plots/figure";
import { histogramFigure } from "../plots/histogram";
import { lovePlotFigure } from "../plots/love-plot";
import { survivalCurveFigure } from "../plots/survival-curve";
import type { KaplanMeierResult } from "../survival/kaplan-meier";
import type { AdjustedCurvesResult } from "./adjusted-curves";
import type { PropensityAnalysisResult } from "./propensity-analysis";
import type { WeightedComparisonResult } from "./weighted-comparison";

/** Propensity scores by exposure at the landmark, overlaid histograms (bins of 0.05): where the groups overlap. */
export function propensityOverlapFigure(ps: PropensityAnalysisResult, arms: readonly string[]): PlotlyFigure {
  return histogramFigure(ps.score, {
    group: ps.treated.map((t) => arms[t]),
    groups: [arms[0], arms[1]],
    binWidth: 0.05,
    start: 0,
    barmode: "overlay",
    xTitle: `Propensity score of RT by ${ps.landmark} months`,
    yTitle: "Patients",
  });
}

/** Love plot: standardized differences before weighting, after IPTW and after overlap weighting, rows by imbalance before. */
export function balanceFigure(ps: PropensityAnalysisResult): PlotlyFigure {
  const rows = ps.balance
    .slice()
    .sort((a, b) => Math.abs(b.before ?? 0) - Math.abs(a.before ?? 0))
    .map((b) => ({ label: b.label, values: { Unweighted: b.before, "IPTW (stabilized)": b.after.ATE, "Overlap weights": b.after.overlap } }));
  return lovePlotFigure(rows, { series: ["Unweighted", "IPTW (stabilized)", "Overlap weights"] });
}

/** Weighted Kaplan-Meier curves by exposure from the landmark (no number-at-risk table: the counts are weighted). */
export function weightedSurvivalFigure(wc: WeightedComparisonResult): PlotlyFigure {
  return survivalCurveFigure(wc.km, { riskTable: false, censorMarks: false, xTitle: "Months from the landmark" });
}

/** Covariate-adjusted (directly standardized) survival curves by exposure from the landmark. */
export function adjustedCurvesFigure(adj: AdjustedCurvesResult): PlotlyFigure {
  const curves = adj.curves.curves.map((c) => {
    const zeros = c.time.map(() => 0);
    const km: KaplanMeierResult = {
      method: "Kaplan-Meier",
      time: c.time,
      nRisk: zeros,
      nEvent: zeros,
      nCensor: zeros,
      survival: c.survival,
      stdErr: c.stdErr,
      variance: "greenwood",
      lower: c.lower,
      upper: c.upper,
      median: null,
      medianLower: null,
      medianUpper: null,
      confType: "log",
      confLevel: adj.curves.confLevel,
      n: adj.curves.n,
      dropped: 0,
    };
    return { name: c.label, km };
  });
  return survivalCurveFigure(curves, { riskTable: false, censorMarks: false, xTitle: "Months from the landmark", yTitle: "Adjusted survival probability" });
}
