/**
 * The trial-design figures of notebook 08, computed from a data folder for `npm run figures`:
 * power against sample size for each endpoint (analytic curves per assumed effect, with the
 * simulated points of data/trial-simulations.json when it was simulated for these inputs),
 * and the expected cumulative incidence of out-of-field progression under the design's
 * assumptions. The settings are TRIAL_DESIGN_DEFAULTS (the notebook's parameters cell holds
 * the same values).
 */
import { loadCohort } from "../data/clinical";
import { TRIAL_DESIGN_DEFAULTS } from "../design/trial-design-defaults";
import { trialDesignInputs } from "../design/trial-design-inputs";
import { readTrialSimulations } from "../design/trial-simulations";
import { trialPowerFigure } from "../design/trial-power-figure";
import { trialIncidenceFigure } from "../design/trial-incidence-figure";
import type { StudyFigure } from "./study-figures";

export function trialDesignFigures(dir: string): StudyFigure[] {
  const d = TRIAL_DESIGN_DEFAULTS;
  const inputs = trialDesignInputs(loadCohort(dir), { fallback: d.fallback });
  const v = inputs.values;
  const report = readTrialSimulations();
  const matches =
    report !== null &&
    report.settings.inputs.causeHazard === v.causeHazard &&
    report.settings.inputs.competingHazard === v.competingHazard &&
    report.settings.inputs.deathHazard === v.deathHazard &&
    (["allocation", "accrualMonths", "followUpMonths", "alpha", "power"] as const).every((k) => report.settings[k] === d[k]);
  const design = { inputs: v, allocation: d.allocation, accrualMonths: d.accrualMonths, followUpMonths: d.followUpMonths, alpha: d.alpha, power: d.power };
  const simulated = matches ? ", simulated trials ± 1.96 Monte Carlo SE (SIMULATED)" : "";
  return [
    {
      name: "fig14a-trial-power-out-of-field",
      caption: `Power against patients randomised, out-of-field progression (Fine-Gray, Latouche et al. 2004) per assumed subdistribution HR${simulated}`,
      notebook: "08-trial-design",
      figure: trialPowerFigure("out-of-field", { ...design, effects: d.subdistributionHRs }, matches ? report : null),
      column: "single",
      height: 360,
    },
    {
      name: "fig14b-trial-power-overall-survival",
      caption: `Power against patients randomised, overall survival (log-rank, Schoenfeld) per assumed HR of death${simulated}`,
      notebook: "08-trial-design",
      figure: trialPowerFigure("overall-survival", { ...design, effects: d.hazardRatios }, matches ? report : null),
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
