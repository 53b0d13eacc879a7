/**
 * The clinical study figures, built from the analysis results. Notebooks 02 and 03 show
 * exactly these, and `npm run figures` renders the same functions to SVG/PNG.
 */
import type { PlotlyFigure } from "../plots/figure";
import { survivalCurveFigure } from "../plots/survival-curve";
import { cumulativeIncidenceFigure } from "../plots/cumulative-incidence";
import type { SurvivalByArmResult } from "./survival-by-arm";
import type { FailurePatternsResult } from "./failure-patterns";

/**
 * Kaplan-Meier overall survival by arm: confidence bands (os.confLevel), censor marks, medians,
 * log-rank P and the number-at-risk table, whose columns are the axis breaks plus the times
 * the survival table reports (its `times` option), so changing those horizons changes the figure too.
 */
export function overallSurvivalFigure(os: SurvivalByArmResult): PlotlyFigure {
  const plain = survivalCurveFigure(os.km, { logRank: os.logRank, medianLines: true, xTitle: "Months from enrollment" });
  const breaks = ((plain.layout?.xaxis as { tickvals?: number[] } | undefined)?.tickvals ?? []).slice();
  const reported = os.arms.length === 0 ? [] : os.arms[0].survivalAt.map((p) => p.time);
  const riskTimes = Array.from(new Set(breaks.concat(reported))).sort((a, b) => a - b);
  if (riskTimes.length === breaks.length) return plain;
  return survivalCurveFigure(os.km, { logRank: os.logRank, medianLines: true, xTitle: "Months from enrollment", riskTimes });
}

/** Cumulative incidence of local, intrahepatic and extrahepatic first failure by arm (death without failure competing), one panel per site with Gray's P. */
export function failureIncidenceFigure(fp: FailurePatternsResult): PlotlyFigure {
  const causeLabels: Record<string, string> = {};
  fp.causes.forEach((c) => (causeLabels[String(c.code)] = c.label));
  const failureCauses = fp.causes.filter((c) => c.site !== "death").map((c) => c.code);
  return cumulativeIncidenceFigure(fp.incidence, { causes: failureCauses, causeLabels, xTitle: "Months from enrollment", confLevel: fp.confLevel });
}
