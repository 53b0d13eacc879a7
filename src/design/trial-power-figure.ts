/**
 * The power-against-sample-size figure of a trial design, for one endpoint: for each assumed
 * effect, the analytic power (expectedPower with the design's event probability ψ, which does
 * not depend on the number of patients) over a log-spaced range of trial sizes, and, when a
 * simulation report is given, the simulated power at the scenario's size with ± 1.96 Monte
 * Carlo standard errors (Fine-Gray Wald test for out-of-field progression, log-rank for
 * overall survival). Used by notebook 08 and `npm run figures`.
 *
 * ψ is the one the design is sized on: the exponential model's (competingRisksSampleSize,
 * survivalSampleSize) or, with `controlCurve`, the estimated control curve's (curveSampleSize);
 * with `dropoutHazard`, net of that loss. The legend title names which. Simulated points are
 * drawn only where they were simulated under the same assumptions: the simple generator's for
 * the exponential ψ when its trials had this dropout in both arms and uniform accrual (no
 * ramp-up), the cohort generator's trials (no dropout) at the curve size for the curve ψ without
 * dropout.
 *
 * @example
 * show(trialPowerFigure("out-of-field", { inputs, allocation: 0.5, accrualMonths: 36, followUpMonths: 24, alpha: 0.05, power: 0.8, effects: [0.5, 0.6, 0.7, 0.8] }, report));
 */
import { InputError } from "../core/index";
import { powerCurveFigure } from "../plots/power-curve";
import type { PowerCurveOptions, PowerPoint } from "../plots/power-curve";
import type { PlotlyFigure } from "../plots/figure";
import { competingRisksSampleSize } from "./competing-risks-sample-size";
import { survivalSampleSize } from "./survival-sample-size";
import { expectedPower } from "./expected-power";
import { curveSampleSize } from "./curve-sample-size";
import type { StepCurve } from "./curve-sample-size";
import type { TrialEndpoint } from "./simulate-trial";
import type { TrialSimulationReport } from "./trial-simulations";
import type { TrialParameters } from "./check-trial-parameters";

export interface TrialPowerDesign extends Pick<TrialParameters, "allocation" | "accrualMonths" | "followUpMonths" | "alpha" | "power"> {
  inputs: { causeHazard: number; competingHazard: number; deathHazard: number };
  /** Subdistribution HRs (out-of-field) or HRs of death (overall survival). */
  effects: number[];
  /** The control curve ψ comes from (trialControlCurves: Aalen-Johansen for out-of-field, 1 − Kaplan-Meier for death); absent or null: the exponential model. */
  controlCurve?: StepCurve | null;
  /** Dropout hazard per month, both arms (default 0). */
  dropoutHazard?: number;
}

function formatRate(x: number): string {
  return x.toPrecision(2);
}

export function trialPowerFigure(endpoint: TrialEndpoint, design: TrialPowerDesign, report: TrialSimulationReport | null = null, options: Omit<PowerCurveOptions, "points"> = {}): PlotlyFigure {
  if (endpoint !== "out-of-field" && endpoint !== "overall-survival") throw new InputError("endpoint", null, endpoint, 'must be "out-of-field" or "overall-survival"');
  if (!Array.isArray(design.effects) || design.effects.length === 0) throw new InputError("effects", null, design.effects, "must list at least one effect");
  const dropout = design.dropoutHazard ?? 0;
  const settings = { allocation: design.allocation, accrualMonths: design.accrualMonths, followUpMonths: design.followUpMonths, alpha: design.alpha, power: design.power, dropoutHazard: dropout };
  const curve = design.controlCurve ?? null;
  const sizes = design.effects.map((e) =>
    curve !== null
      ? curveSampleSize({ ...settings, ratio: e, controlCurve: curve })
      : endpoint === "out-of-field"
        ? competingRisksSampleSize({ ...settings, subdistributionHR: e, causeHazard: design.inputs.causeHazard, competingHazard: design.inputs.competingHazard })
        : survivalSampleSize({ ...settings, hazardRatio: e, controlHazard: design.inputs.deathHazard }),
  );
  const label = (e: number) => (endpoint === "out-of-field" ? `sHR ${e}` : `HR ${e}`);
  const lo = Math.max(10, Math.min(...sizes.map((s) => s.patients)) / 4);
  const hi = Math.max(...sizes.map((s) => s.patients)) * 2;
  const grid = Array.from({ length: 81 }, (_, k) => Math.exp(Math.log(lo) + (k / 80) * (Math.log(hi) - Math.log(lo))));
  const curves = design.effects.map((e, i) => ({
    name: label(e),
    x: grid.map((n) => Math.round(n * 10) / 10),
    y: grid.map((n) => expectedPower({ patients: n, eventProbability: sizes[i].eventProbability.overall, hazardRatio: e, allocation: design.allocation, alpha: design.alpha })),
  }));
  const points: PowerPoint[] = [];
  const testName = endpoint === "out-of-field" ? "Fine-Gray Wald" : "log-rank";
  // The simple generator's trials lie on these lines only if simulated with this dropout in both arms and uniform accrual.
  const simulatedEta = report === null ? null : report.settings.dropout?.[endpoint === "out-of-field" ? "outOfField" : "survival"] ?? { control: 0, experimental: 0 };
  const sameAssumptions = report !== null && simulatedEta !== null && curve === null && (report.settings.rampMonths ?? 0) === 0 && simulatedEta.control === dropout && simulatedEta.experimental === dropout;
  if (report !== null && sameAssumptions) {
    for (const s of report.scenarios) {
      if (s.endpoint !== endpoint || s.kind !== "power" || design.effects.indexOf(s.effect) < 0) continue;
      const t = s.tests.find((x) => x.test === testName);
      if (t) points.push({ name: label(s.effect), x: s.patients, y: t.rate, error: t.mcse });
    }
  }
  if (report !== null && dropout === 0 && curve !== null && report.cohortGenerator) {
    for (const s of report.cohortGenerator.scenarios) {
      // Not the as-planned trials (dropout and a ramp-up): these lines assume neither.
      if (s.endpoint !== endpoint || s.kind !== "power" || s.size !== "curve" || s.dropoutHazard !== undefined || design.effects.indexOf(s.designRatio) < 0) continue;
      const t = s.tests.find((x) => x.test === testName);
      if (t) points.push({ name: label(s.designRatio), x: s.patients, y: t.rate, error: t.mcse });
    }
  }
  const psiSource = `ψ from ${curve === null ? "the exponential model" : endpoint === "out-of-field" ? "the control curve (Aalen-Johansen)" : "the control curve (Kaplan-Meier)"}`;
  const dropoutLabel = dropout > 0 ? `dropout ${formatRate(dropout)}/month` : "no dropout";
  return powerCurveFigure(curves, {
    points,
    targetPower: design.power,
    legendTitle: endpoint === "out-of-field" ? "Out-of-field progression" : "Overall survival",
    // Three short lines: on one line the ψ source and dropout ran past a journal's single-column width.
    xTitle: `Patients randomised<br>${psiSource}<br>${dropoutLabel}`,
    pointLabel: "simulated (± 1.96 MCSE)",
    ...options,
  });
}
