/**
 * The trial-design figures of notebook 08, computed from a data folder for `npm run figures`:
 * power against sample size for each endpoint (analytic curves per assumed effect, with the
 * simulated points of data/trial-simulations.json when it was simulated for these inputs),
 * and the expected cumulative incidence of out-of-field progression under the design's
 * assumptions. The settings are TRIAL_DESIGN_DEFAULTS (the notebook's parameters cell holds
 * the same values). The power figures use the ψ the notebook's design summary sizes on
 * (FIGURE_SIZING: the data's control curves, with the control arm's loss to follow-up from the
 * data as dropout, each endpoint's over its own time at risk; the notebook's params.sizing and
 * params.sizeWithDropout), and say so on the
 * x axis.
 */
import { loadCohort } from "../data/clinical";
import { TRIAL_DESIGN_DEFAULTS } from "../design/trial-design-defaults";
import { trialDesignInputs } from "../design/trial-design-inputs";
import { readTrialSimulations } from "../design/trial-simulations";
import { trialPowerFigure } from "../design/trial-power-figure";
import { trialIncidenceFigure } from "../design/trial-incidence-figure";
import { trialControlCurves } from "../design/trial-size-uncertainty";
import { trialLossToFollowUp } from "../design/trial-loss-to-follow-up";

/** How the power figures take ψ: notebook 08's params.sizing, params.sizeWithDropout and params.lossWindowMonths. */
export const FIGURE_SIZING = { sizing: "curve" as "curve" | "exponential", sizeWithDropout: true, lossWindowMonths: 1 };
import type { StudyFigure } from "./study-figures";

export function trialDesignFigures(dir: string): StudyFigure[] {
  const d = TRIAL_DESIGN_DEFAULTS;
  const cohort = loadCohort(dir);
  const inputs = trialDesignInputs(cohort, { fallback: d.fallback });
  const v = inputs.values;
  const curves = FIGURE_SIZING.sizing === "curve" ? trialControlCurves(inputs) : { outOfField: null, death: null };
  // Each endpoint's loss over its own time at risk (notebook 08, §3c).
  const lossOf = (endpoint: "out-of-field" | "overall-survival") => (FIGURE_SIZING.sizeWithDropout ? (trialLossToFollowUp(cohort, { adminWindowMonths: FIGURE_SIZING.lossWindowMonths, endpoint }).hazardPerMonth ?? 0) : 0);
  const dropout = { outOfField: lossOf("out-of-field"), survival: lossOf("overall-survival") };
  const dropoutHazard = Math.max(dropout.outOfField, dropout.survival);
  const psiText = `ψ from ${curves.outOfField !== null ? "the control curves" : "the exponential model"}${dropoutHazard > 0 ? ", with the control arm's loss to follow-up as dropout (over the endpoint's time at risk)" : ""}`;
  const report = readTrialSimulations();
  const matches =
    report !== null &&
    report.settings.inputs.causeHazard === v.causeHazard &&
    report.settings.inputs.competingHazard === v.competingHazard &&
    report.settings.inputs.deathHazard === v.deathHazard &&
    (["allocation", "accrualMonths", "followUpMonths", "alpha", "power"] as const).every((k) => report.settings[k] === d[k]);
  const design = { inputs: v, allocation: d.allocation, accrualMonths: d.accrualMonths, followUpMonths: d.followUpMonths, alpha: d.alpha, power: d.power };
  const simulated = matches && dropoutHazard === 0 ? ", simulated trials ± 1.96 Monte Carlo SE (SIMULATED)" : "";
  return [
    {
      name: "fig14a-trial-power-out-of-field",
      caption: `Power against patients randomised, out-of-field progression (Fine-Gray, Latouche et al. 2004) per assumed subdistribution HR; ${psiText}${simulated}`,
      notebook: "08-trial-design",
      figure: trialPowerFigure("out-of-field", { ...design, effects: d.subdistributionHRs, controlCurve: curves.outOfField, dropoutHazard: dropout.outOfField }, matches ? report : null),
      column: "single",
      height: 360,
    },
    {
      name: "fig14b-trial-power-overall-survival",
      caption: `Power against patients randomised, overall survival (log-rank, Schoenfeld) per assumed HR of death; ${psiText}${simulated}`,
      notebook: "08-trial-design",
      figure: trialPowerFigure("overall-survival", { ...design, effects: d.hazardRatios, controlCurve: curves.death, dropoutHazard: dropout.survival }, matches ? report : null),
      column: "single",
      height: 360,
    },
    {
      name: "fig14c-trial-expected-incidence",
      caption: "Expected cumulative incidence of out-of-field progression from randomisation at the start of RT: control (TACE+RT) and each assumed subdistribution HR, with the control data's Aalen-Johansen estimate",
      notebook: "08-trial-design",
      figure: trialIncidenceFigure(inputs, { subdistributionHRs: d.subdistributionHRs, months: d.accrualMonths + d.followUpMonths }),
      column: "single",
      height: 360,
    },
  ];
}
