/**
 * Simulated trials (SIMULATED data) checking the analytic sample sizes: for each scenario,
 * `simulations` trials from simulateTrial, each analysed as the trial would be —
 *   out-of-field progression: Gray's test of the cumulative incidence (cmprsk::cuminc) and the
 *     Fine-Gray model's Wald test of the arm (cmprsk::crr, sandwich variance);
 *   overall survival: the log-rank test (survival::survdiff) —
 * giving the rejection rate at `alpha` (two-sided) with its Monte Carlo standard error
 * √(r (1 − r) / simulations), beside the analytic power at the same size (expectedPower).
 *
 * Scenarios: each assumed effect at its own analytic sample size (power should be the design
 * power); no effect (ratio 1) at the design effect's size (type I error); and, when
 * frailtyVariance > 0, the design effect at its size with a gamma frailty (a model the formulas
 * do not assume). Each scenario has its own seeded stream "<seed>/<scenario id>", so adding a
 * scenario leaves the others unchanged; the result is the same on every run.
 *
 * @example
 * const report = runTrialSimulations({ seed: "trial-design-1", simulations: 1000, ... });
 * report.scenarios[0].tests[0]; // { test: "Gray", rejections, rate, mcse }
 */
import * as path from "path";
import seedrandom from "seedrandom";
import { InputError } from "../core/index";
import { repoRoot } from "../core/repo-root";
import { cumulativeIncidence, fineGray, logRank } from "../survival/index";
import { competingRisksSampleSize } from "./competing-risks-sample-size";
import { survivalSampleSize } from "./survival-sample-size";
import { expectedPower } from "./expected-power";
import { simulateTrial } from "./simulate-trial";
import type { SimulatedTrial, TrialEndpoint } from "./simulate-trial";
import type { TrialParameters } from "./check-trial-parameters";
import type { CohortTrialSimulationReport } from "./cohort-trial-simulations";
import { readJsonReport, writeJsonReport } from "../core/json-report-file";

/** The design parameters (checkTrialParameters) plus what the simulation needs. */
export interface TrialSimulationSettings extends TrialParameters {
  seed: string;
  simulations: number;
  /** Control-arm rates per month (trialDesignInputs(...).values). */
  inputs: { causeHazard: number; competingHazard: number; deathHazard: number };
  /** Gamma frailty variance of the misspecified scenarios (0: none run). */
  frailtyVariance: number;
}

export interface TrialTestRate {
  test: "Gray" | "Fine-Gray Wald" | "log-rank";
  rejections: number;
  /** Trials where the test gave no P value (no event in an arm, non-convergence). */
  failed: number;
  rate: number;
  mcse: number;
}

export interface TrialScenarioResult {
  id: string;
  endpoint: TrialEndpoint;
  /** True (subdistribution) hazard ratio in the simulation; 1 = no effect. */
  effect: number;
  frailtyVariance: number;
  kind: "power" | "type I error" | "misspecified";
  patients: number;
  /** Analytic power at this size (alpha for the null), and expected events of the endpoint. */
  analyticPower: number;
  analyticEvents: number;
  /** Mean events of the endpoint per simulated trial. */
  meanEvents: number;
  /** Median estimated effect: Fine-Gray sHR, or log-rank (O/E ratio) HR. */
  medianEstimate: number;
  tests: TrialTestRate[];
}

export interface TrialSimulationReport {
  simulated: true;
  description: string;
  command: string;
  settings: TrialSimulationSettings;
  scenarios: TrialScenarioResult[];
  /** The trials simulated with the project's cohort generator (npm run trial-simulations adds them). */
  cohortGenerator?: CohortTrialSimulationReport;
}

export function rate(test: TrialTestRate["test"], rejections: number, failed: number, n: number): TrialTestRate {
  const r = rejections / n;
  return { test, rejections, failed, rate: r, mcse: Math.sqrt((r * (1 - r)) / n) };
}

export function median(x: number[]): number {
  const s = x.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** One simulated trial analysed as the trial would be. */
export interface TrialAnalysis {
  /** Events of the endpoint (status 1). */
  events: number;
  /** Per test (out-of-field: Gray, Fine-Gray Wald; overall survival: log-rank): rejected at alpha, or null when the test gave no P value. */
  rejected: Array<boolean | null>;
  /** Fine-Gray sHR, or the log-rank (O/E ratio) HR; null when not estimable. */
  estimate: number | null;
}

/**
 * Analyses one trial: out-of-field progression by Gray's test (cmprsk::cuminc) and the Fine-Gray
 * Wald test of arm (cmprsk::crr, sandwich variance); overall survival by the log-rank test.
 */
export function analyseTrial(trial: SimulatedTrial, endpoint: TrialEndpoint, alpha: number): TrialAnalysis {
  const events = trial.status.filter((st) => st === 1).length;
  if (endpoint === "out-of-field") {
    const gray = cumulativeIncidence(trial.time, trial.status, trial.arm).grayTest;
    const g = gray === null ? undefined : gray.find((r) => r.cause === 1);
    const grayRejected = g === undefined || g.pValue === null ? null : g.pValue < alpha;
    let fg: boolean | null = null;
    let estimate: number | null = null;
    try {
      const fit = fineGray(trial.time, trial.status, { experimental: trial.arm.map((a) => (a === "experimental" ? 1 : 0)) }, { failCode: 1 });
      if (fit.converged && Number.isFinite(fit.pValue[0])) {
        fg = fit.pValue[0] < alpha;
        estimate = fit.hazardRatio[0];
      }
    } catch {
      fg = null;
    }
    return { events, rejected: [grayRejected, fg], estimate };
  }
  const lr = logRank(trial.time, trial.status, trial.arm);
  const e = lr.groups.indexOf("experimental");
  const c = lr.groups.indexOf("control");
  const ratio = lr.observed[e] / lr.expected[e] / (lr.observed[c] / lr.expected[c]);
  return { events, rejected: [lr.pValue === null ? null : lr.pValue < alpha], estimate: Number.isFinite(ratio) ? ratio : null };
}

/**
 * `n` trials drawn one after another by `draw` and analysed (analyseTrial): each test's rejection
 * rate with its Monte Carlo standard error, the mean number of endpoint events, and the median
 * estimated ratio. `progress` is called with the number of trials done after each.
 */
export function simulateScenarioTrials(n: number, endpoint: TrialEndpoint, alpha: number, draw: () => SimulatedTrial, progress?: (done: number) => void): { meanEvents: number; medianEstimate: number; tests: TrialTestRate[] } {
  let events = 0;
  const estimates: number[] = [];
  const rejected = [0, 0];
  const failed = [0, 0];
  for (let k = 0; k < n; k++) {
    const a = analyseTrial(draw(), endpoint, alpha);
    events += a.events;
    a.rejected.forEach((r, j) => {
      if (r === null) failed[j]++;
      else if (r) rejected[j]++;
    });
    if (a.estimate !== null) estimates.push(a.estimate);
    if (progress) progress(k + 1);
  }
  const tests = endpoint === "out-of-field" ? [rate("Gray", rejected[0], failed[0], n), rate("Fine-Gray Wald", rejected[1], failed[1], n)] : [rate("log-rank", rejected[0], failed[0], n)];
  return { meanEvents: events / n, medianEstimate: median(estimates), tests };
}

/** The scenarios of a settings object (ids, endpoints, effects, sizes), without simulating. */
export function trialScenarioPlan(s: TrialSimulationSettings): Array<Omit<TrialScenarioResult, "meanEvents" | "medianEstimate" | "tests">> {
  const design = { allocation: s.allocation, accrualMonths: s.accrualMonths, followUpMonths: s.followUpMonths, alpha: s.alpha, power: s.power };
  const crSize = (shr: number) => competingRisksSampleSize({ ...design, subdistributionHR: shr, causeHazard: s.inputs.causeHazard, competingHazard: s.inputs.competingHazard });
  const osSize = (hr: number) => survivalSampleSize({ ...design, hazardRatio: hr, controlHazard: s.inputs.deathHazard });
  const plan: Array<Omit<TrialScenarioResult, "meanEvents" | "medianEstimate" | "tests">> = [];
  const power = (patients: number, psi: number, effect: number) => expectedPower({ patients, eventProbability: psi, hazardRatio: effect, allocation: s.allocation, alpha: s.alpha });
  for (const shr of s.subdistributionHRs) {
    const ss = crSize(shr);
    plan.push({ id: `out-of-field/sHR=${shr}`, endpoint: "out-of-field", effect: shr, frailtyVariance: 0, kind: "power", patients: ss.patientsRounded, analyticPower: power(ss.patientsRounded, ss.eventProbability.overall, shr), analyticEvents: ss.patientsRounded * ss.eventProbability.overall });
  }
  const crDesign = crSize(s.designSubdistributionHR);
  plan.push({ id: "out-of-field/null", endpoint: "out-of-field", effect: 1, frailtyVariance: 0, kind: "type I error", patients: crDesign.patientsRounded, analyticPower: s.alpha, analyticEvents: crDesign.patientsRounded * crDesign.eventProbability.control });
  if (s.frailtyVariance > 0) {
    plan.push({ id: `out-of-field/sHR=${s.designSubdistributionHR}/frailty=${s.frailtyVariance}`, endpoint: "out-of-field", effect: s.designSubdistributionHR, frailtyVariance: s.frailtyVariance, kind: "misspecified", patients: crDesign.patientsRounded, analyticPower: power(crDesign.patientsRounded, crDesign.eventProbability.overall, s.designSubdistributionHR), analyticEvents: crDesign.patientsRounded * crDesign.eventProbability.overall });
  }
  for (const hr of s.hazardRatios) {
    const ss = osSize(hr);
    plan.push({ id: `overall-survival/HR=${hr}`, endpoint: "overall-survival", effect: hr, frailtyVariance: 0, kind: "power", patients: ss.patientsRounded, analyticPower: power(ss.patientsRounded, ss.eventProbability.overall, hr), analyticEvents: ss.patientsRounded * ss.eventProbability.overall });
  }
  const osDesign = osSize(s.designHazardRatio);
  plan.push({ id: "overall-survival/null", endpoint: "overall-survival", effect: 1, frailtyVariance: 0, kind: "type I error", patients: osDesign.patientsRounded, analyticPower: s.alpha, analyticEvents: osDesign.patientsRounded * osDesign.eventProbability.control });
  if (s.frailtyVariance > 0) {
    plan.push({ id: `overall-survival/HR=${s.designHazardRatio}/frailty=${s.frailtyVariance}`, endpoint: "overall-survival", effect: s.designHazardRatio, frailtyVariance: s.frailtyVariance, kind: "misspecified", patients: osDesign.patientsRounded, analyticPower: power(osDesign.patientsRounded, osDesign.eventProbability.overall, s.designHazardRatio), analyticEvents: osDesign.patientsRounded * osDesign.eventProbability.overall });
  }
  return plan;
}

export interface RunTrialSimulationsOptions {
  /** The command recorded in the report. */
  command?: string;
  /** Called every 100 trials. */
  progress?: (id: string, done: number) => void;
  /** Run only these scenario ids (each has its own stream, so they give the same results as in a full run). */
  only?: string[];
}

export function runTrialSimulations(settings: TrialSimulationSettings, options: RunTrialSimulationsOptions = {}): TrialSimulationReport {
  const nSim = settings.simulations;
  if (!Number.isInteger(nSim) || nSim < 1) throw new InputError("simulations", null, nSim, "must be a whole number of trials, at least 1");
  if (typeof settings.seed !== "string" || settings.seed === "") throw new InputError("seed", null, settings.seed, "must be a non-empty text");
  const model = { ...settings.inputs, accrualMonths: settings.accrualMonths, followUpMonths: settings.followUpMonths, allocation: settings.allocation };
  const scenarios: TrialScenarioResult[] = [];
  for (const plan of trialScenarioPlan(settings)) {
    if (options.only !== undefined && options.only.indexOf(plan.id) < 0) continue;
    const rng = seedrandom(`${settings.seed}/${plan.id}`);
    const random = () => rng();
    const tally = simulateScenarioTrials(nSim, plan.endpoint, settings.alpha, () => simulateTrial({ endpoint: plan.endpoint, effect: plan.effect, patients: plan.patients, frailtyVariance: plan.frailtyVariance }, model, random), (k) => {
      if (options.progress && k % 100 === 0) options.progress(plan.id, k);
    });
    scenarios.push({ ...plan, ...tally });
  }
  return {
    simulated: true,
    description:
      "SIMULATED trials of TACE+RT+anti-VEGF vs TACE+RT from the simple exponential generator (src/design/simulate-trial.ts), built from the design's own assumptions: constant control-arm hazards estimated from the cohort, uniform accrual, fixed follow-up, the assumed effects applied; rejection rates at alpha with Monte Carlo standard errors.",
    command: options.command ?? "npm run trial-simulations",
    settings,
    scenarios,
  };
}

/** data/trial-simulations.json of the repository. */
export function trialSimulationFile(root: string = repoRoot()): string {
  return path.join(root, "data", "trial-simulations.json");
}

/** The committed report, or null when it has not been generated. */
export function readTrialSimulations(file: string = trialSimulationFile()): TrialSimulationReport | null {
  const report = readJsonReport<TrialSimulationReport>(file);
  if (report === null) return null;
  if (report.simulated !== true || !Array.isArray(report.scenarios)) throw new Error(`${file} is not a trial-simulations report`);
  return report;
}

/** Writes the report as stable, indented JSON (same settings, same bytes). */
export function writeTrialSimulations(report: TrialSimulationReport, file: string = trialSimulationFile()): string {
  return writeJsonReport(file, report, 2);
}
