/**
 * The figures of notebook 07 (bias and confounding) for `npm run figures`, computed with the
 * notebook's default parameters (BIAS_FIGURE_LANDMARK is its `params.propensityLandmark`; the
 * figure-files test checks that each figure is exactly one the notebook shows). A cohort
 * without the columns the propensity analysis needs (cohortCapabilities) gives none.
 */
import type { CohortData } from "../clinical/arms";
import { cohortArms } from "../clinical/arms";
import { cohortCapabilities } from "../clinical/capabilities";
import { propensityAnalysis } from "../clinical/propensity-analysis";
import { weightedComparison } from "../clinical/weighted-comparison";
import { adjustedCurves } from "../clinical/adjusted-curves";
import { propensityOverlapFigure, balanceFigure, weightedSurvivalFigure, adjustedCurvesFigure } from "../clinical/bias-figures";
import type { StudyFigure } from "./study-figures";

/** Landmark (months) of notebook 07's propensity analysis, as in its parameters cell. */
export const BIAS_FIGURE_LANDMARK = 6;

export function biasFigures(cohort: CohortData): StudyFigure[] {
  const caps = cohortCapabilities(cohort);
  if (!caps.rtStart.available || !caps.rtIndication.available) return [];
  const arms = cohortArms(cohort);
  const ps = propensityAnalysis(cohort, { landmark: BIAS_FIGURE_LANDMARK });
  const notebook = "07-bias-and-confounding";
  return [
    {
      name: "fig10-propensity-overlap",
      caption: `Propensity scores of RT by ${ps.landmark} months by arm (patients alive at ${ps.landmark} months)`,
      notebook,
      figure: propensityOverlapFigure(ps, arms),
      column: "single",
      height: 360,
    },
    {
      name: "fig11-love-plot",
      caption: "Standardized mean differences of the covariates before and after IPTW and overlap weighting (love plot)",
      notebook,
      figure: balanceFigure(ps),
      column: "double",
      // 448 px is a whole number of pixels at 300 dpi (x 3.125).
      height: 448,
    },
    {
      name: "fig12a-survival-iptw",
      caption: `Overall survival from ${ps.landmark} months by RT, weighted by stabilized inverse probability of treatment (robust 95% bands)`,
      notebook,
      figure: weightedSurvivalFigure(weightedComparison(cohort, ps, "ATE")),
      column: "single",
      height: 360,
    },
    {
      name: "fig12b-survival-overlap",
      caption: `Overall survival from ${ps.landmark} months by RT, overlap-weighted (robust 95% bands)`,
      notebook,
      figure: weightedSurvivalFigure(weightedComparison(cohort, ps, "overlap")),
      column: "single",
      height: 360,
    },
    {
      name: "fig13-adjusted-survival",
      caption: `Covariate-adjusted (directly standardized) overall survival from ${ps.landmark} months without and with RT`,
      notebook,
      figure: adjustedCurvesFigure(adjustedCurves(cohort, ps)),
      column: "single",
      height: 360,
    },
  ];
}
