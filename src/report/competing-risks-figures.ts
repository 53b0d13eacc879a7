/**
 * The failure-pattern figures of notebook 03 for `npm run figures` (studyFigures adds
 * them): the study's first failure from enrollment with the number at risk, and, when the
 * cohort has RT start and per-site progression times, every progression per site from RT
 * start / matched landmark, the state occupancy from there, and the hazard ratios per site
 * and analysis. The same functions and default choices as the notebook, so each figure is
 * exactly one the notebook shows (test/report/figure-files.test.ts).
 */
import { cohortCapabilities } from "../clinical/capabilities";
import { failurePatterns } from "../clinical/failure-patterns";
import { failureFromRtStart, firstFailureBias } from "../clinical/failure-from-rt";
import { firstFailurePanelFigure, fromRtIncidenceFigure, fromRtOccupancyFigure, failureHazardRatioFigure } from "../clinical/failure-figures";
import { fromRtPooledModels, withPooledEstimates } from "../clinical/from-rt-models";
import type { CohortData } from "../clinical/arms";
import { clinicalTrueHazardRatios } from "../synth/clinical-truth";
import type { StudyFigure } from "./study-figures";

/** Figures of notebook 03 from a cohort; `simulated`: add the simulation's true hazard ratios to the forest plot. */
export function failurePatternFigures(cohort: CohortData, simulated: boolean): StudyFigure[] {
  const figures: StudyFigure[] = [
    {
      name: "fig2-cumulative-incidence",
      caption: "Cumulative incidence of first failure by site and arm from enrollment (death without failure competing), with the number at risk: the study's analysis",
      notebook: "03-failure-patterns",
      figure: firstFailurePanelFigure(cohort, failurePatterns(cohort)),
      column: "double",
      height: 440,
    },
  ];
  const caps = cohortCapabilities(cohort);
  if (!caps.rtStart.available || !caps.progressionBySite.available) return figures;
  // Notebook 03's parameters: tumor size as log, the adjusted hazard ratios pooled over 50 landmark draws.
  const tumorScale = "log";
  const fr = failureFromRtStart(cohort, { tumorScale });
  const pooled = fromRtPooledModels(cohort, { draws: 50, seed: fr.seed, tumorScale, specs: [{ name: "full", covariates: "all" }] });
  const { local, intrahepatic, extrahepatic } = clinicalTrueHazardRatios();
  figures.push(
    {
      name: "fig2b-progression-from-rt",
      caption: "Cumulative incidence of every progression per site from RT start (TACE+RT) or a matched landmark (TACE), death before it competing",
      notebook: "03-failure-patterns",
      figure: fromRtIncidenceFigure(fr),
      column: "double",
      height: 440,
    },
    {
      name: "fig2c-state-occupancy-from-rt",
      caption: "State occupancy from RT start / matched landmark by arm: no progression, worst site so far, death (Aalen-Johansen)",
      notebook: "03-failure-patterns",
      figure: fromRtOccupancyFigure(fr),
      column: "double",
      height: 416,
    },
    {
      name: "fig2d-progression-hazard-ratios",
      caption: "Hazard ratios of progression per site, TACE+RT vs TACE: the study's first failure from enrollment against every progression from RT start (adjusted: pooled over 50 landmark draws)",
      notebook: "03-failure-patterns",
      figure: failureHazardRatioFigure(firstFailureBias(cohort, withPooledEstimates(fr, pooled)), withPooledEstimates(fr, pooled), simulated ? { local, intrahepatic, extrahepatic } : null),
      column: "double",
      height: 480,
    },
  );
  return figures;
}
