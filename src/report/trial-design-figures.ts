/**
 * The trial-design figures of notebook 08, computed from a data folder for `npm run figures`:
 * power against sample size for each endpoint (analytic curves per assumed effect, with the
 * simulated points of the notebook's simulation file when they were simulated under the same
 * assumptions), and the expected cumulative incidence of out-of-field progression under the
 * design's assumptions.
 *
 * Every setting comes from notebook 08's committed parameters cell (readNotebookParameters):
 * the design (allocation, accrual, follow-up, alpha, power, the assumed effects), the fallback
 * rates, the ψ the design summary sizes on (params.sizing: the data's control curves or the
 * exponential model; params.sizeWithDropout with params.lossWindowMonths and
 * params.fallbackDropoutPer100PersonYears: each endpoint's loss to follow-up over its own time at
 * risk as dropout) and the simulation file (params.simulationFile, relative to notebooks/). The
 * notebook is their single source of truth: a cell that cannot be read, or a parameter missing
 * or of the wrong kind, stops `npm run figures` with an error naming the file, the parameter and
 * its line in the cell, each once.
 */
import * as path from "path";
import { InputError } from "../core/index";
import { loadCohort } from "../data/clinical";
import { repoRoot } from "../core/repo-root";
import { checkTrialParameters } from "../design/check-trial-parameters";
import type { TrialParameters } from "../design/check-trial-parameters";
import { trialDesignInputs } from "../design/trial-design-inputs";
import type { TrialDesignFallback } from "../design/trial-design-inputs";
import { readTrialSimulations } from "../design/trial-simulations";
import { trialPowerFigure } from "../design/trial-power-figure";
import { trialIncidenceFigure } from "../design/trial-incidence-figure";
import { trialControlCurves } from "../design/trial-size-uncertainty";
import { sizingDropoutHazards } from "../design/sizing-dropout";
import { readNotebookParametersCell } from "./notebook-parameters";
import type { ParameterValue } from "./notebook-parameters";
import type { StudyFigure } from "./study-figures";

export const TRIAL_DESIGN_NOTEBOOK = "08-trial-design";

/** What the figures take from notebook 08's parameters cell. */
export interface TrialFigureParameters extends TrialParameters {
  fallback: TrialDesignFallback;
  sizing: "curve" | "exponential";
  sizeWithDropout: boolean;
  lossWindowMonths: number;
  fallbackDropoutPer100PersonYears: number;
  /** The simulation report, resolved against notebooks/ as the notebook resolves it. */
  simulationFile: string;
}

/**
 * Notebook 08's parameters as the figures need them, read from `file` (default the committed
 * notebooks/08-trial-design.ipynb); an error names the file, the parameter that is missing or
 * of the wrong kind and its line in the cell (for a missing one, the closing brace's), each once.
 */
export function trialFigureParameters(file: string = path.join(repoRoot(), "notebooks", `${TRIAL_DESIGN_NOTEBOOK}.ipynb`)): TrialFigureParameters {
  const cell = readNotebookParametersCell(file);
  const p = cell.values;
  const need = (key: string, ok: (v: ParameterValue) => boolean, what: string): ParameterValue => {
    if (!(key in p)) throw cell.error(`params.${key}`, "missing from the parameters cell (npm run figures reads it)");
    if (!ok(p[key])) throw cell.error(`params.${key}`, `${JSON.stringify(p[key])} must be ${what}`);
    return p[key];
  };
  const isNumber = (v: ParameterValue) => typeof v === "number" && Number.isFinite(v);
  for (const key of ["allocation", "accrualMonths", "followUpMonths", "alpha", "power", "designSubdistributionHR", "designHazardRatio"]) need(key, isNumber, "a number");
  for (const key of ["subdistributionHRs", "hazardRatios"]) need(key, (v) => Array.isArray(v) && v.every(isNumber), "a list of numbers");
  const fallback = need("fallback", (v) => v !== null && typeof v === "object" && !Array.isArray(v) && ["causeHazard", "competingHazard", "deathHazard", "accrualPerMonth"].every((k) => isNumber((v as Record<string, ParameterValue>)[k])), "{ causeHazard, competingHazard, deathHazard, accrualPerMonth } of numbers");
  const sizing = need("sizing", (v) => v === "curve" || v === "exponential", '"curve" or "exponential"');
  const sizeWithDropout = need("sizeWithDropout", (v) => typeof v === "boolean", "true or false");
  const lossWindowMonths = need("lossWindowMonths", (v) => isNumber(v) && (v as number) >= 0, "a non-negative number of months");
  const fallbackDropout = need("fallbackDropoutPer100PersonYears", (v) => isNumber(v) && (v as number) >= 0, "a non-negative rate per 100 person-years");
  const simulationFile = need("simulationFile", (v) => typeof v === "string" && v !== "", "a file name relative to notebooks/");
  let design: TrialParameters;
  try {
    design = checkTrialParameters(
      {
        allocation: p.allocation as number,
        accrualMonths: p.accrualMonths as number,
        followUpMonths: p.followUpMonths as number,
        alpha: p.alpha as number,
        power: p.power as number,
        subdistributionHRs: p.subdistributionHRs as number[],
        designSubdistributionHR: p.designSubdistributionHR as number,
        hazardRatios: p.hazardRatios as number[],
        designHazardRatio: p.designHazardRatio as number,
      },
      "params",
    );
  } catch (error) {
    // checkTrialParameters names the parameter (params.x, params.list[i]); the file and line are added here, once
    if (!(error instanceof InputError)) throw error;
    const name = error.index === null ? error.argument : `${error.argument}[${error.index}]`;
    const rule = error.message.slice(error.message.indexOf(": ") + 2);
    throw cell.error(name, `${JSON.stringify(error.value)} ${rule}`);
  }
  return {
    ...design,
    fallback: fallback as unknown as TrialDesignFallback,
    sizing: sizing as "curve" | "exponential",
    sizeWithDropout: sizeWithDropout as boolean,
    lossWindowMonths: lossWindowMonths as number,
    fallbackDropoutPer100PersonYears: fallbackDropout as number,
    simulationFile: path.resolve(path.dirname(file), simulationFile as string),
  };
}

/** The figures from the data in `dir`, with the parameters of notebook 08 (`notebookFile`, default the committed one). */
export function trialDesignFigures(dir: string, notebookFile?: string): StudyFigure[] {
  const d = trialFigureParameters(notebookFile);
  const cohort = loadCohort(dir);
  const inputs = trialDesignInputs(cohort, { fallback: d.fallback });
  const v = inputs.values;
  const curves = d.sizing === "curve" ? trialControlCurves(inputs) : { outOfField: null, death: null };
  // Each endpoint's loss over its own time at risk (notebook 08, §3c).
  const dropout = sizingDropoutHazards(cohort, d);
  const dropoutHazard = Math.max(dropout.outOfField, dropout.survival);
  const psiText = `ψ from ${curves.outOfField !== null ? "the control curves" : "the exponential model"}${dropoutHazard > 0 ? ", with the control arm's loss to follow-up as dropout (over the endpoint's time at risk)" : ""}`;
  const report = readTrialSimulations(d.simulationFile);
  const matches =
    report !== null &&
    report.settings.inputs.causeHazard === v.causeHazard &&
    report.settings.inputs.competingHazard === v.competingHazard &&
    report.settings.inputs.deathHazard === v.deathHazard &&
    (["allocation", "accrualMonths", "followUpMonths", "alpha", "power"] as const).every((k) => report.settings[k] === d[k]);
  const design = { inputs: v, allocation: d.allocation, accrualMonths: d.accrualMonths, followUpMonths: d.followUpMonths, alpha: d.alpha, power: d.power };
  const figures = [
    trialPowerFigure("out-of-field", { ...design, effects: d.subdistributionHRs, controlCurve: curves.outOfField, dropoutHazard: dropout.outOfField }, matches ? report : null),
    trialPowerFigure("overall-survival", { ...design, effects: d.hazardRatios, controlCurve: curves.death, dropoutHazard: dropout.survival }, matches ? report : null),
  ];
  const simulated = (k: number) => ((figures[k].data as Array<{ mode?: string }>).some((t) => t.mode === "markers") ? ", simulated trials ± 1.96 Monte Carlo SE (SIMULATED)" : "");
  return [
    {
      name: "fig14a-trial-power-out-of-field",
      caption: `Power against patients randomised, out-of-field progression (Fine-Gray, Latouche et al. 2004) per assumed subdistribution HR; ${psiText}${simulated(0)}`,
      notebook: TRIAL_DESIGN_NOTEBOOK,
      figure: figures[0],
      column: "single",
      height: 360,
    },
    {
      name: "fig14b-trial-power-overall-survival",
      caption: `Power against patients randomised, overall survival (log-rank, Schoenfeld) per assumed HR of death; ${psiText}${simulated(1)}`,
      notebook: TRIAL_DESIGN_NOTEBOOK,
      figure: figures[1],
      column: "single",
      height: 360,
    },
    {
      name: "fig14c-trial-expected-incidence",
      caption: "Expected cumulative incidence of out-of-field progression from randomisation at the start of RT: control (TACE+RT) and each assumed subdistribution HR, with the control data's Aalen-Johansen estimate",
      notebook: TRIAL_DESIGN_NOTEBOOK,
      figure: trialIncidenceFigure(inputs, { subdistributionHRs: d.subdistributionHRs, months: d.accrualMonths + d.followUpMonths }),
      column: "single",
      height: 360,
    },
  ];
}
