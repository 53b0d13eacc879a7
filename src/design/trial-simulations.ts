/**
 * Simulated trials (SIMULATED data) checking the analytic sample sizes: for each scenario,
 * `simulations` trials from simulateTrial, each analysed as the trial would be —
 *   out-of-field progression: Gray's test of the cumulative incidence (cmprsk::cuminc) and the
 *     Fine-Gray model's Wald test of the arm (cmprsk::crr, sandwich variance);
 *   overall survival: the log-rank test (survival::survdiff) —
 * giving the rejection rate at `alpha` (two-sided) with its Monte Carlo standard error
 * √(r (1 − r) / simulations), beside the analytic power at the same size (expectedPower).
 *
 * The trials are simulated as the design is planned: each endpoint's dropout hazards
 * (`settings.dropout`, per arm: the ones the sizing uses, from the control arm's loss to follow-up
 * over that endpoint's time at risk) and the accrual ramp-up (`settings.rampMonths`: the rate
 * rising linearly from 0 over the first R months, the last patient in at a + R/2, the analysis
 * f months later).
 *
 * Scenarios: each assumed effect at its own analytic sample size with dropout
 * (competingRisksSampleSize / survivalSampleSize with `dropoutHazard`: uniform accrual, so its
 * power is the design power); no effect (ratio 1) at the design effect's size (type I error);
 * when dropoutExperimentalMultiplier ≠ 1 and there is dropout, the design effect at the size
 * sized with the experimental arm's dropout that many times the control's ("unequal dropout");
 * for out-of-field progression also at dropoutStressMultiplier (≠ 1) times the control's, and no
 * effect (sHR 1, "type I error") at each of these multipliers (sized for the design effect with
 * that dropout): the Fine-Gray model weights both arms by one pooled censoring distribution, so
 * loss that depends on arm is where its type I error and estimate could move;
 * and, when frailtyVariance > 0, the design effect at its size with a gamma frailty (a model the
 * formulas do not assume). Beside each simulated rate: the power the sizing promises at that size
 * (`sizingPower`, uniform accrual) and the analytic power of the trial as simulated
 * (`analyticPower`: Schoenfeld with ψ under the dropout and the ramp-up, ψ = E(A + f) / N from
 * expectedEventsByMonth; = sizingPower without a ramp). Each scenario has its own seeded stream "<seed>/<scenario id>", so adding a
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
import { accrualEndWithRamp, simulateTrial } from "./simulate-trial";
import { exponentialArmIncidence } from "./arm-incidence";
import { expectedEventsByMonth } from "./trial-event-timeline";
import { dropoutHazards } from "./trial-input";
import { EVENT_DRIVEN_FOLLOW_UP_MONTHS, eventDrivenCut } from "./event-driven-cut";
import type { EventDrivenCut } from "./event-driven-cut";
import { quantileSorted } from "../stats/quantile-sorted";
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
  /** Dropout hazards per month of each endpoint's trials, per arm: the sizing's (absent in files from before dropout was simulated: none). */
  dropout?: Record<"outOfField" | "survival", ArmDropout>;
  /** The experimental arm's dropout as a multiple of the control's in the "unequal dropout" scenarios (1 or absent: none run). */
  dropoutExperimentalMultiplier?: number;
  /** A larger multiple for a stress test of the Fine-Gray model's pooled censoring weights (out-of-field only; 1 or absent: none run). */
  dropoutStressMultiplier?: number;
  /** Months of linear accrual ramp-up (0 or absent: uniform accrual). */
  rampMonths?: number;
  /**
   * The planned design analysed event-driven (out-of-field progression): `patients` accrued (with
   * the ramp-up and the out-of-field dropout), the data cut at the calendar date of the `events`-th
   * out-of-field progression (absent: no event-driven scenarios).
   */
  eventDriven?: { patients: number; events: number };
}

/** A dropout hazard per month for each arm. */
export interface ArmDropout {
  control: number;
  experimental: number;
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
  kind: "power" | "type I error" | "unequal dropout" | "misspecified" | "event-driven";
  patients: number;
  /** The dropout hazards per month the trials were simulated (and sized) with. */
  dropoutHazard: ArmDropout;
  /** The power the sizing formula gives at this size (uniform accrual, the dropout above; alpha for the null). */
  sizingPower: number;
  /** Analytic power of the trial as simulated (the dropout and the accrual ramp-up; alpha for the null), and its expected events of the endpoint. */
  analyticPower: number;
  analyticEvents: number;
  /** Mean events of the endpoint per simulated trial. */
  meanEvents: number;
  /** Median estimated effect: Fine-Gray sHR, or log-rank (O/E ratio) HR. */
  medianEstimate: number;
  tests: TrialTestRate[];
  /**
   * Out-of-field scenarios with unequal dropout, and those at the design effect or without effect
   * (fixed-time and event-driven; not the misspecified one): the Fine-Gray Wald test refitted with
   * arm-specific censoring weights (crr's cengroup = arm): its rejections at alpha, the median sHR
   * and the trials where it and the pooled fit disagree, on the same trials as `tests`.
   */
  armCensoringFineGray?: ArmCensoringFineGray;
  /** Event-driven scenarios only: the data cut at the calendar date of the target event (eventDrivenCut). */
  eventDriven?: EventDrivenSummary;
}

/** Where the event-driven trials were cut: calendar months from the trial's start, and the patients analysed. */
export interface EventDrivenSummary {
  /** The target number of endpoint events (the cut is at the calendar date of this one). */
  events: number;
  /** Trials that reached the target (the others are analysed at their last follow-up). */
  reached: number;
  /** Calendar month of the data cut over the trials: mean, median, 2.5% and 97.5% points (type 7), minimum and maximum. */
  analysisMonth: { mean: number; median: number; q025: number; q975: number; min: number; max: number };
  /** Patients enrolled before the cut (analysed): mean, minimum and maximum over the trials. */
  enrolled: { mean: number; min: number; max: number };
}

/** The Fine-Gray Wald test with censoring weights estimated within each arm (cmprsk::crr(..., cengroup = arm)). */
export interface ArmCensoringFineGray extends TrialTestRate {
  /** Median sHR of the arm-weighted fits. */
  medianEstimate: number;
  /**
   * The paired comparison with the pooled-weights fit on the same trials (trials where both gave a
   * P value): rejected by the arm-weighted fit only, and by the pooled fit only. The difference in
   * rejection rates is (armOnly − pooledOnly) / n, with Monte Carlo SE √(b + c − (b − c)²/n) / n.
   */
  discordant: { armOnly: number; pooledOnly: number };
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
  /** With `armCensoring` (out-of-field only): the Fine-Gray fit with arm-specific censoring weights, rejected at alpha and its sHR (null when no P value / not estimable). */
  armCensoring?: { rejected: boolean | null; estimate: number | null };
}

/** Fine-Gray Wald test of arm (failCode 1), optionally with censoring weights within each arm. */
function fineGrayArm(trial: SimulatedTrial, alpha: number, byArm: boolean): { rejected: boolean | null; estimate: number | null } {
  try {
    const fit = fineGray(trial.time, trial.status, { experimental: trial.arm.map((a) => (a === "experimental" ? 1 : 0)) }, byArm ? { failCode: 1, cenGroup: trial.arm } : { failCode: 1 });
    if (fit.converged && Number.isFinite(fit.pValue[0])) return { rejected: fit.pValue[0] < alpha, estimate: fit.hazardRatio[0] };
  } catch {
    // no estimate: counted as failed
  }
  return { rejected: null, estimate: null };
}

/**
 * Analyses one trial: out-of-field progression by Gray's test (cmprsk::cuminc) and the Fine-Gray
 * Wald test of arm (cmprsk::crr, sandwich variance; with `armCensoring` also refitted with
 * censoring weights within each arm, crr's cengroup = arm); overall survival by the log-rank test.
 */
export function analyseTrial(trial: SimulatedTrial, endpoint: TrialEndpoint, alpha: number, armCensoring = false): TrialAnalysis {
  const events = trial.status.filter((st) => st === 1).length;
  if (endpoint === "out-of-field") {
    const gray = cumulativeIncidence(trial.time, trial.status, trial.arm).grayTest;
    const g = gray === null ? undefined : gray.find((r) => r.cause === 1);
    const grayRejected = g === undefined || g.pValue === null ? null : g.pValue < alpha;
    const pooled = fineGrayArm(trial, alpha, false);
    const result: TrialAnalysis = { events, rejected: [grayRejected, pooled.rejected], estimate: pooled.estimate };
    if (armCensoring) result.armCensoring = fineGrayArm(trial, alpha, true);
    return result;
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
 * estimated ratio; with `armCensoring` (out-of-field) also the Fine-Gray test with arm-specific
 * censoring weights. `progress` is called with the number of trials done after each.
 */
export function simulateScenarioTrials(
  n: number,
  endpoint: TrialEndpoint,
  alpha: number,
  draw: () => SimulatedTrial,
  progress?: (done: number) => void,
  armCensoring = false,
): { meanEvents: number; medianEstimate: number; tests: TrialTestRate[]; armCensoringFineGray?: ArmCensoringFineGray } {
  let events = 0;
  const estimates: number[] = [];
  const rejected = [0, 0];
  const failed = [0, 0];
  const byArm = armCensoring && endpoint === "out-of-field";
  const armEstimates: number[] = [];
  let armRejected = 0;
  let armFailed = 0;
  const discordant = { armOnly: 0, pooledOnly: 0 };
  for (let k = 0; k < n; k++) {
    const a = analyseTrial(draw(), endpoint, alpha, byArm);
    if (a.armCensoring !== undefined) {
      if (a.armCensoring.rejected === null) armFailed++;
      else if (a.armCensoring.rejected) armRejected++;
      if (a.armCensoring.estimate !== null) armEstimates.push(a.armCensoring.estimate);
      const pooled = a.rejected[1];
      if (a.armCensoring.rejected !== null && pooled !== null && a.armCensoring.rejected !== pooled) discordant[pooled ? "pooledOnly" : "armOnly"]++;
    }
    events += a.events;
    a.rejected.forEach((r, j) => {
      if (r === null) failed[j]++;
      else if (r) rejected[j]++;
    });
    if (a.estimate !== null) estimates.push(a.estimate);
    if (progress) progress(k + 1);
  }
  const tests = endpoint === "out-of-field" ? [rate("Gray", rejected[0], failed[0], n), rate("Fine-Gray Wald", rejected[1], failed[1], n)] : [rate("log-rank", rejected[0], failed[0], n)];
  const out: { meanEvents: number; medianEstimate: number; tests: TrialTestRate[]; armCensoringFineGray?: ArmCensoringFineGray } = { meanEvents: events / n, medianEstimate: median(estimates), tests };
  if (byArm) out.armCensoringFineGray = { ...rate("Fine-Gray Wald", armRejected, armFailed, n), medianEstimate: median(armEstimates), discordant };
  return out;
}

/** The calendar months of the data cuts and the patients analysed, over a scenario's event-driven trials. */
export function summariseCuts(cuts: EventDrivenCut[], events: number): EventDrivenSummary {
  const months = cuts.map((c) => c.cutMonth).sort((a, b) => a - b);
  const enrolled = cuts.map((c) => c.enrolled);
  return {
    events,
    reached: cuts.filter((c) => c.reached).length,
    analysisMonth: { mean: months.reduce((a, b) => a + b, 0) / months.length, median: quantileSorted(months, 0.5), q025: quantileSorted(months, 0.025), q975: quantileSorted(months, 0.975), min: months[0], max: months[months.length - 1] },
    enrolled: { mean: enrolled.reduce((a, b) => a + b, 0) / enrolled.length, min: Math.min(...enrolled), max: Math.max(...enrolled) },
  };
}

/** ψ of the trial as simulated: expected events by the analysis (last entry + follow-up, with the ramp-up) over N, the exponential model with each arm's dropout. */
export function plannedEventProbability(s: TrialSimulationSettings, endpoint: TrialEndpoint, effect: number, patients: number, eta: ArmDropout): number {
  const hazards = endpoint === "out-of-field" ? { causeHazard: s.inputs.causeHazard, competingHazard: s.inputs.competingHazard } : { causeHazard: s.inputs.deathHazard, competingHazard: 0 };
  const control = exponentialArmIncidence({ ...hazards, dropoutHazard: eta.control });
  const experimental = exponentialArmIncidence({ ...hazards, ratio: effect, dropoutHazard: eta.experimental });
  const ramp = s.rampMonths ?? 0;
  const tau = accrualEndWithRamp(s.accrualMonths, ramp) + s.followUpMonths;
  return expectedEventsByMonth({ patients, accrualPerMonth: patients / s.accrualMonths, allocation: s.allocation, control, experimental, rampMonths: ramp }, tau) / patients;
}

type ScenarioPlan = Omit<TrialScenarioResult, "meanEvents" | "medianEstimate" | "tests">;

/** The scenarios of a settings object (ids, endpoints, effects, sizes, analytic powers), without simulating. */
export function trialScenarioPlan(s: TrialSimulationSettings): ScenarioPlan[] {
  const design = { allocation: s.allocation, accrualMonths: s.accrualMonths, followUpMonths: s.followUpMonths, alpha: s.alpha, power: s.power };
  const none = { control: 0, experimental: 0 };
  const etaOf = (endpoint: TrialEndpoint): ArmDropout => (s.dropout === undefined ? none : dropoutHazards({ dropoutHazard: s.dropout[endpoint === "out-of-field" ? "outOfField" : "survival"] }));
  const multiplier = s.dropoutExperimentalMultiplier ?? 1;
  if (typeof multiplier !== "number" || !(multiplier >= 0) || multiplier === Infinity) throw new InputError("dropoutExperimentalMultiplier", null, multiplier, "must be a non-negative, finite multiple of the control arm's dropout");
  const stress = s.dropoutStressMultiplier ?? 1;
  if (typeof stress !== "number" || !(stress >= 0) || stress === Infinity) throw new InputError("dropoutStressMultiplier", null, stress, "must be a non-negative, finite multiple of the control arm's dropout");
  const unequal = (eta: ArmDropout, m = multiplier): ArmDropout => ({ control: eta.control, experimental: m * eta.control });
  const size = (endpoint: TrialEndpoint, ratio: number, eta: ArmDropout) =>
    endpoint === "out-of-field"
      ? competingRisksSampleSize({ ...design, dropoutHazard: eta, subdistributionHR: ratio, causeHazard: s.inputs.causeHazard, competingHazard: s.inputs.competingHazard })
      : survivalSampleSize({ ...design, dropoutHazard: eta, hazardRatio: ratio, controlHazard: s.inputs.deathHazard });
  const power = (patients: number, psi: number, effect: number) => expectedPower({ patients, eventProbability: psi, hazardRatio: effect, allocation: s.allocation, alpha: s.alpha });
  const plan: ScenarioPlan[] = [];
  const add = (id: string, endpoint: TrialEndpoint, kind: ScenarioPlan["kind"], effect: number, sizedFor: number, eta: ArmDropout, frailtyVariance = 0) => {
    const ss = size(endpoint, sizedFor, eta);
    const N = ss.patientsRounded;
    const psi = plannedEventProbability(s, endpoint, effect, N, eta);
    const isNull = kind === "type I error";
    plan.push({ id, endpoint, effect, frailtyVariance, kind, patients: N, dropoutHazard: eta, sizingPower: isNull ? s.alpha : power(N, ss.eventProbability.overall, sizedFor), analyticPower: isNull ? s.alpha : power(N, psi, effect), analyticEvents: N * psi });
  };
  for (const endpoint of ["out-of-field", "overall-survival"] as TrialEndpoint[]) {
    const cr = endpoint === "out-of-field";
    const effects = cr ? s.subdistributionHRs : s.hazardRatios;
    const design = cr ? s.designSubdistributionHR : s.designHazardRatio;
    const name = cr ? "sHR" : "HR";
    const eta = etaOf(endpoint);
    for (const r of effects) add(`${endpoint}/${name}=${r}`, endpoint, "power", r, r, eta);
    add(`${endpoint}/null`, endpoint, "type I error", 1, design, eta);
    if (multiplier !== 1 && eta.control > 0) add(`${endpoint}/${name}=${design}/dropout-experimental-x${multiplier}`, endpoint, "unequal dropout", design, design, unequal(eta));
    if (cr && eta.control > 0) {
      // Fine-Gray under loss that depends on arm: a larger imbalance, and no effect at each imbalance.
      if (stress !== 1 && stress !== multiplier) add(`${endpoint}/${name}=${design}/dropout-experimental-x${stress}`, endpoint, "unequal dropout", design, design, unequal(eta, stress));
      for (const m of [multiplier, stress].filter((x, i, all) => x !== 1 && all.indexOf(x) === i)) add(`${endpoint}/null/dropout-experimental-x${m}`, endpoint, "type I error", 1, design, unequal(eta, m));
    }
    if (s.frailtyVariance > 0) add(`${endpoint}/${name}=${design}/frailty=${s.frailtyVariance}`, endpoint, "misspecified", design, design, eta, s.frailtyVariance);
  }
  if (s.eventDriven !== undefined) {
    // The planned design analysed at its target number of out-of-field progressions: power depends on the events (Schoenfeld with d events), not on ψ.
    const { patients, events } = s.eventDriven;
    if (!Number.isInteger(patients) || patients < 2) throw new InputError("eventDriven.patients", null, patients, "must be a whole number of patients, at least 2");
    if (!Number.isInteger(events) || events < 1 || events > patients) throw new InputError("eventDriven.events", null, events, `must be a whole number of events between 1 and the patients (${patients})`);
    const eta = etaOf("out-of-field");
    for (const effect of [s.designSubdistributionHR, 1]) {
      const analytic = effect === 1 ? s.alpha : power(events, 1, effect);
      plan.push({ id: `out-of-field/event-driven/${effect === 1 ? "null" : `sHR=${effect}`}`, endpoint: "out-of-field", effect, frailtyVariance: 0, kind: "event-driven", patients, dropoutHazard: eta, sizingPower: analytic, analyticPower: analytic, analyticEvents: events });
    }
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
  const model = { ...settings.inputs, accrualMonths: settings.accrualMonths, followUpMonths: settings.followUpMonths, allocation: settings.allocation, rampMonths: settings.rampMonths ?? 0 };
  const scenarios: TrialScenarioResult[] = [];
  for (const plan of trialScenarioPlan(settings)) {
    if (options.only !== undefined && options.only.indexOf(plan.id) < 0) continue;
    const rng = seedrandom(`${settings.seed}/${plan.id}`);
    const random = () => rng();
    // Out-of-field, also Fine-Gray with arm-specific censoring weights (no random draws, so the other numbers are unchanged): under unequal
    // dropout (does it remove the pooled weights' bias?), and with equal dropout at the design effect and without effect, fixed-time and
    // event-driven (does it cost power or type I error where the pooled weights are right?).
    const unequalDropout = plan.endpoint === "out-of-field" && plan.dropoutHazard.experimental !== plan.dropoutHazard.control;
    const armCensoring = plan.endpoint === "out-of-field" && plan.kind !== "misspecified" && (unequalDropout || plan.effect === settings.designSubdistributionHR || plan.effect === 1);
    const spec = { endpoint: plan.endpoint, effect: plan.effect, patients: plan.patients, frailtyVariance: plan.frailtyVariance };
    // Event-driven: drawn with follow-up beyond any cut, then cut at the calendar date of the target event.
    const eventDriven = plan.kind === "event-driven";
    const cuts: EventDrivenCut[] = [];
    const draw = eventDriven
      ? () => {
          const cut = eventDrivenCut(simulateTrial(spec, { ...model, followUpMonths: EVENT_DRIVEN_FOLLOW_UP_MONTHS, dropoutHazard: plan.dropoutHazard }, random), plan.analyticEvents, 1);
          cuts.push(cut);
          return cut.trial;
        }
      : () => simulateTrial(spec, { ...model, dropoutHazard: plan.dropoutHazard }, random);
    const tally = simulateScenarioTrials(
      nSim,
      plan.endpoint,
      settings.alpha,
      draw,
      (k) => {
        if (options.progress && k % 100 === 0) options.progress(plan.id, k);
      },
      armCensoring,
    );
    scenarios.push(eventDriven ? { ...plan, ...tally, eventDriven: summariseCuts(cuts, plan.analyticEvents) } : { ...plan, ...tally });
  }
  return {
    simulated: true,
    description:
      "SIMULATED trials of TACE+RT+anti-VEGF vs TACE+RT from the simple exponential generator (src/design/simulate-trial.ts), built from the design's own assumptions: constant control-arm hazards estimated from the cohort, the assumed effects applied, as the design is planned: each endpoint's dropout hazards per arm (the sizing's, from the control arm's loss to follow-up) and accrual ramping up linearly over settings.rampMonths, the analysis settings.followUpMonths after the last entry; rejection rates at alpha with Monte Carlo standard errors, beside the sizing's power and the analytic power with the dropout and the ramp-up.",
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
