/**
 * Trials simulated with the project's clinical cohort generator (SIMULATED data;
 * src/design/cohort-trial.ts), for the design effects at two sizes — the exponential-model size
 * (competingRisksSampleSize, survivalSampleSize) and the size with ψ from the data's own control
 * curve (curveSampleSize) — each analysed as the trial would be (analyseTrial: Gray's test and
 * Fine-Gray for out-of-field progression, log-rank for overall survival), `simulations` trials
 * per scenario with Monte Carlo standard errors.
 *
 * Scenarios per endpoint (design effect r = the design sHR or HR):
 *   "power", exponential size and curve size: the within-patient multiplier calibrated so the
 *     population effect the trial estimates is r (calibrateCohortEffect);
 *   "type I error": no effect (multiplier 1) at the curve size;
 *   "within-patient effect": the multiplier set to r itself, uncalibrated, at the curve size (the
 *     population effect is then weaker than r; its value is computed and recorded).
 * Beside each simulated power: the analytic power at that size with the exponential ψ, with the
 * curve ψ (both at r), and with the population's true ψ and true population effect ("truth").
 *
 *   "as planned" (settings.asPlanned; ids ending "/dropout-ramp"): the calibrated design effect and
 *     no effect at the curve size with dropout, each patient lost at the endpoint's dropout hazard
 *     (both arms) and accrual ramping up, as the simple generator's trials are (simulateCohortTrial
 *     with rampMonths and dropoutHazard); the calibration and the true ψ under that censoring.
 *
 * Streams: the population `${seed}/population` (patients `populationSize`); each scenario's trials
 * `${seed}/${scenario id}` (seedrandom ARC4). Same settings, same results, byte for byte.
 */
import seedrandom from "seedrandom";
import { InputError } from "../core/index";
import { calibrateCohortEffect, cohortArmOutcomes, cohortEffectTruth, cohortTrialPopulation, simulateCohortTrial } from "./cohort-trial";
import type { CohortTrialPopulation } from "./cohort-trial";
import { simulateScenarioTrials } from "./trial-simulations";
import type { TrialTestRate } from "./trial-simulations";
import { expectedPower } from "./expected-power";
import type { TrialEndpoint } from "./simulate-trial";

export interface DesignSize {
  patients: number;
  /** ψ of the size's model: control, experimental, overall. */
  eventProbability: { control: number; experimental: number; overall: number };
}

export interface CohortTrialSimulationSettings {
  seed: string;
  simulations: number;
  populationSize: number;
  allocation: number;
  accrualMonths: number;
  followUpMonths: number;
  alpha: number;
  power: number;
  designSubdistributionHR: number;
  designHazardRatio: number;
  /** The sizes at the design effects: exponential model and the data's control curve (Aalen-Johansen / Kaplan-Meier). */
  sizes: Record<TrialEndpoint, { exponential: DesignSize; curve: DesignSize }>;
  /**
   * The trials run as the design is planned (scenarios ".../curve-size/dropout-ramp"), as the simple
   * generator's are: each endpoint's dropout hazard in both arms, the accrual ramp-up (months), and
   * the sizes with that dropout (absent: none run).
   */
  asPlanned?: { dropout: { outOfField: number; survival: number }; rampMonths: number; sizes: Record<TrialEndpoint, { exponential: DesignSize; curve: DesignSize }> };
}

export interface CohortScenarioResult {
  id: string;
  endpoint: TrialEndpoint;
  kind: "power" | "type I error" | "within-patient effect";
  /** Which design size the trial has. */
  size: "exponential" | "curve";
  patients: number;
  /** The assumed (design) effect, and the within-patient hazard multiplier applied in the experimental arm. */
  designRatio: number;
  multiplier: number;
  /** The population effect the trial estimates (sHR or HR), and the true ψ, from the population. */
  trueRatio: number;
  trueEventProbability: { control: number; experimental: number; overall: number };
  /** Analytic power at this size: exponential ψ and design effect; curve ψ and design effect; true ψ and true effect (alpha for the null). */
  analyticPower: { exponential: number; curve: number; truth: number };
  /** Expected events of the endpoint: N ψ for each ψ. */
  expectedEvents: { exponential: number; curve: number; truth: number };
  meanEvents: number;
  medianEstimate: number;
  tests: TrialTestRate[];
  /** As-planned scenarios only: the dropout hazard per month (both arms) and the accrual ramp-up (months) the trials had. */
  dropoutHazard?: number;
  rampMonths?: number;
}

export interface CohortTrialSimulationReport {
  description: string;
  settings: CohortTrialSimulationSettings;
  scenarios: CohortScenarioResult[];
}

interface CohortPlan {
  id: string;
  endpoint: TrialEndpoint;
  kind: CohortScenarioResult["kind"];
  size: CohortScenarioResult["size"];
  /** "calibrated" to the design effect, "none" (1), or "raw" (the design effect as the multiplier). */
  effect: "calibrated" | "none" | "raw";
  /** Run as planned: settings.asPlanned's dropout and ramp-up, at its sizes. */
  asPlanned?: boolean;
}

/** The scenario ids and what each is, without simulating. */
export function cohortScenarioPlan(s: Pick<CohortTrialSimulationSettings, "designSubdistributionHR" | "designHazardRatio" | "asPlanned">): CohortPlan[] {
  const plan: CohortPlan[] = [];
  for (const endpoint of ["out-of-field", "overall-survival"] as TrialEndpoint[]) {
    const r = endpoint === "out-of-field" ? `sHR=${s.designSubdistributionHR}` : `HR=${s.designHazardRatio}`;
    plan.push({ id: `cohort/${endpoint}/${r}/exponential-size`, endpoint, kind: "power", size: "exponential", effect: "calibrated" });
    plan.push({ id: `cohort/${endpoint}/${r}/curve-size`, endpoint, kind: "power", size: "curve", effect: "calibrated" });
    plan.push({ id: `cohort/${endpoint}/null/curve-size`, endpoint, kind: "type I error", size: "curve", effect: "none" });
    plan.push({ id: `cohort/${endpoint}/within-patient-${r}/curve-size`, endpoint, kind: "within-patient effect", size: "curve", effect: "raw" });
  }
  if (s.asPlanned !== undefined) {
    // As planned: the design effect and no effect at the curve size with dropout, with the dropout and the ramp-up.
    for (const endpoint of ["out-of-field", "overall-survival"] as TrialEndpoint[]) {
      const r = endpoint === "out-of-field" ? `sHR=${s.designSubdistributionHR}` : `HR=${s.designHazardRatio}`;
      plan.push({ id: `cohort/${endpoint}/${r}/curve-size/dropout-ramp`, endpoint, kind: "power", size: "curve", effect: "calibrated", asPlanned: true });
      plan.push({ id: `cohort/${endpoint}/null/curve-size/dropout-ramp`, endpoint, kind: "type I error", size: "curve", effect: "none", asPlanned: true });
    }
  }
  return plan;
}

export interface RunCohortTrialSimulationsOptions {
  progress?: (id: string, done: number) => void;
  /** Run only these scenario ids (each has its own stream: same results as in a full run). */
  only?: string[];
  /** A population already made with these settings (the same seed and size), to save its time. */
  population?: CohortTrialPopulation;
}

export function runCohortTrialSimulations(s: CohortTrialSimulationSettings, options: RunCohortTrialSimulationsOptions = {}): CohortTrialSimulationReport {
  if (!Number.isInteger(s.simulations) || s.simulations < 1) throw new InputError("simulations", null, s.simulations, "must be a whole number of trials, at least 1");
  if (!Number.isInteger(s.populationSize) || s.populationSize < 1000) throw new InputError("populationSize", null, s.populationSize, "must be a whole number of patients, at least 1000");
  if (typeof s.seed !== "string" || s.seed === "") throw new InputError("seed", null, s.seed, "must be a non-empty text");
  const design = { accrualMonths: s.accrualMonths, followUpMonths: s.followUpMonths, allocation: s.allocation };
  const description =
    "SIMULATED trials from the project's clinical cohort generator (src/synth/clinical-cohort.ts via src/design/cohort-trial.ts): a population of its TACE+RT-like patients timed from RT start, each trial sampling its patients from it; the experimental arm's out-of-field (or death) hazards multiplied within patients by a multiplier calibrated so the population sHR (HR) the trial estimates is the design's, or set to the design ratio itself; uniform accrual, analysis at accrual + follow-up, no dropout, except in the as-planned scenarios (ids ending dropout-ramp: settings.asPlanned's dropout hazard in both arms and accrual ramp-up, the sizes with that dropout, the effect calibrated under that censoring).";
  // Nothing of this generator selected (a partial run of the simple generator's scenarios): no population to make.
  if (options.only !== undefined && !cohortScenarioPlan(s).some((plan) => options.only!.indexOf(plan.id) >= 0)) return { description, settings: s, scenarios: [] };
  const pop = options.population ?? cohortTrialPopulation(`${s.seed}/population`, s.populationSize);
  if (pop.seed !== `${s.seed}/population` || pop.candidates.length !== s.populationSize) throw new InputError("options.population", null, pop.seed, `must be the population of seed "${s.seed}/population" with ${s.populationSize} patients`);
  const controlArm = cohortArmOutcomes(pop, { outOfField: 1, death: 1 });
  const calibrations = new Map<string, ReturnType<typeof calibrateCohortEffect>>();
  const scenarios: CohortScenarioResult[] = [];
  for (const plan of cohortScenarioPlan(s)) {
    if (options.only !== undefined && options.only.indexOf(plan.id) < 0) continue;
    const r = plan.endpoint === "out-of-field" ? s.designSubdistributionHR : s.designHazardRatio;
    // As planned: the endpoint's dropout in both arms and the ramp-up (the same code as the simple generator's), and the sizes with that dropout.
    const planned = plan.asPlanned === true && s.asPlanned !== undefined ? s.asPlanned : null;
    const eta = planned === null ? 0 : planned.dropout[plan.endpoint === "out-of-field" ? "outOfField" : "survival"];
    const trialDesign = planned === null ? design : { ...design, rampMonths: planned.rampMonths, dropoutHazard: eta };
    const sizes = planned === null ? s.sizes : planned.sizes;
    let multiplier = 1;
    if (plan.effect === "calibrated") {
      const key = `${plan.endpoint}/${planned === null ? "plain" : "as planned"}`;
      if (!calibrations.has(key)) calibrations.set(key, calibrateCohortEffect(pop, plan.endpoint, r, trialDesign));
      multiplier = (calibrations.get(key) as ReturnType<typeof calibrateCohortEffect>).multiplier;
    } else if (plan.effect === "raw") multiplier = r;
    const effect = plan.endpoint === "out-of-field" ? { outOfField: multiplier, death: 1 } : { outOfField: 1, death: multiplier };
    const truth = cohortEffectTruth(pop, plan.endpoint, effect, trialDesign);
    const size = sizes[plan.endpoint][plan.size];
    const N = size.patients;
    const p = s.allocation;
    const trueOverall = p * truth.eventProbability.experimental + (1 - p) * truth.eventProbability.control;
    const powerAt = (psi: number, ratio: number) => (plan.kind === "type I error" ? s.alpha : expectedPower({ patients: N, eventProbability: psi, hazardRatio: ratio, allocation: p, alpha: s.alpha }));
    const expOverall = sizes[plan.endpoint].exponential.eventProbability;
    const curveOverall = sizes[plan.endpoint].curve.eventProbability;
    // Under no effect both arms have the control ψ.
    const psiOf = (e: DesignSize["eventProbability"]) => (plan.kind === "type I error" ? e.control : e.overall);
    const experimentalArm = multiplier === 1 ? controlArm : cohortArmOutcomes(pop, effect);
    const rng = seedrandom(`${s.seed}/${plan.id}`);
    const random = () => rng();
    const tally = simulateScenarioTrials(s.simulations, plan.endpoint, s.alpha, () => simulateCohortTrial({ endpoint: plan.endpoint, patients: N }, trialDesign, controlArm, experimentalArm, random), (k) => {
      if (options.progress && k % 100 === 0) options.progress(plan.id, k);
    });
    scenarios.push({
      id: plan.id,
      endpoint: plan.endpoint,
      kind: plan.kind,
      size: plan.size,
      patients: N,
      designRatio: plan.kind === "type I error" ? 1 : r,
      multiplier,
      trueRatio: truth.marginalRatio,
      trueEventProbability: { ...truth.eventProbability, overall: trueOverall },
      analyticPower: { exponential: powerAt(expOverall.overall, r), curve: powerAt(curveOverall.overall, r), truth: plan.kind === "type I error" ? s.alpha : expectedPower({ patients: N, eventProbability: trueOverall, hazardRatio: truth.marginalRatio, allocation: p, alpha: s.alpha }) },
      expectedEvents: { exponential: N * psiOf(expOverall), curve: N * psiOf(curveOverall), truth: N * trueOverall },
      ...tally,
      ...(planned === null ? {} : { dropoutHazard: eta, rampMonths: planned.rampMonths }),
    });
  }
  return { description, settings: s, scenarios };
}
