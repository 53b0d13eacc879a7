/**
 * Trials simulated with the project's clinical cohort generator (SIMULATED data), and the
 * population quantities behind them: the true event probabilities ψ and the true marginal
 * (population-level) effect of an applied within-patient hazard multiplier.
 *
 * Patients: a population of 100,000 made by the generator (cohortTrialPopulation, with
 * clinicalTrialCandidates, src/synth/clinical-cohort.ts): its patient mix, selected for RT as its
 * TACE+RT arm is, timed from the start of RT (= randomisation). Each trial draws its patients at
 * random from this population. Their
 * out-of-field and death hazards are the generator's: proportional in the covariates, with an
 * unmeasured normal frailty on death, death's hazard rising after each progression (so the
 * population hazards change with time). The first round(N·p) candidates are experimental, the
 * rest control; entry is uniform over the accrual period; censoring at
 * the analysis, accrual + follow-up; no dropout.
 *
 * The treatment effect is applied within patients, as multipliers of the hazards from
 * randomisation (TrialArmEffect): `outOfField` on the intrahepatic and extrahepatic progression
 * hazards (out-of-field endpoint), `death` on the death hazard in every state (overall-survival
 * endpoint). Because patients differ (covariates, frailty) and death depends on progression, the
 * population effect differs from the multiplier. The population effect is defined as what the
 * trial's analysis estimates in a very large trial with its censoring: the limit β* of the
 * Fine-Gray (subdistribution) or Cox (all-cause death) score equation with arm as the only
 * covariate,
 *
 *   Σ_arms k  w_k · mean_{i in k, event of interest} G(T_i) [Z_k − Ē(T_i, β)] = 0,
 *   Ē(t, β) = p e^β R1(t) / (p e^β R1(t) + (1 − p) R0(t)),
 *
 * with w_k = p or 1 − p, R_k(t) the share of arm k without the event of interest before t (for
 * the subdistribution: the competing deaths stay in), and G(t) = P(administrative censoring > t) =
 * 1 on [0, f], (a + f − t)/a on [f, a + f]. `calibrateCohortEffect` finds the multiplier whose
 * β* is log(target): the design's sHR / HR is then the population effect the trial estimates.
 *
 * @example
 * const pop = cohortTrialPopulation("trial-population");
 * const c = calibrateCohortEffect(pop, "out-of-field", 0.7, { accrualMonths: 36, followUpMonths: 24 });
 * const t = simulateCohortTrial({ endpoint: "out-of-field", patients: 329 }, { accrualMonths: 36, followUpMonths: 24 }, cohortArmOutcomes(pop, { outOfField: 1, death: 1 }), cohortArmOutcomes(pop, c.effect), seedrandom("trial/1"));
 */
import { InputError } from "../core/index";
import { clinicalTrialCandidates, clinicalTrialCourse, CLINICAL_PARAMS } from "../synth/clinical-cohort";
import type { ClinicalParams, TrialArmEffect, TrialCandidate } from "../synth/clinical-cohort";
import { checkAllocation, checkMonths } from "./trial-input";
import { accrualEndWithRamp, accrualEnteredShare, accrualEntryTime, checkRampMonths, lossToFollowUpTime } from "./simulate-trial";
import type { SimulatedTrial, TrialEndpoint } from "./simulate-trial";

export interface CohortTrialDesign {
  accrualMonths: number;
  followUpMonths: number;
  /** Fraction randomised to the experimental arm (default 0.5). */
  allocation?: number;
  /** Months of linear accrual ramp-up (simulateTrial's: accrualEntryTime; default 0, uniform accrual): the last patient enters at accrualEndWithRamp, the analysis f months later. */
  rampMonths?: number;
  /** Exponential dropout hazard per month, both arms (simulateTrial's: lossToFollowUpTime; default 0). */
  dropoutHazard?: number;
}

/** The design's accrual ramp-up, dropout and analysis time (accrual end with the ramp-up + follow-up), checked. */
function trialTiming(design: CohortTrialDesign): { a: number; f: number; ramp: number; eta: number; analysis: number } {
  const a = checkMonths("accrualMonths", design.accrualMonths);
  const f = checkMonths("followUpMonths", design.followUpMonths);
  const ramp = checkRampMonths(design.rampMonths);
  const eta = design.dropoutHazard === undefined ? 0 : design.dropoutHazard;
  if (typeof eta !== "number" || !(eta >= 0) || eta === Infinity) throw new InputError("dropoutHazard", null, eta, "must be a non-negative, finite hazard per month, the same in both arms");
  return { a, f, ramp, eta, analysis: accrualEndWithRamp(a, ramp) + f };
}

export interface CohortTrialSpec {
  endpoint: TrialEndpoint;
  patients: number;
}

const NO_EFFECT: TrialArmEffect = { outOfField: 1, death: 1 };

function checkEffectMultipliers(effect: TrialArmEffect): TrialArmEffect {
  for (const key of ["outOfField", "death"] as const) {
    const v = effect === null || typeof effect !== "object" ? undefined : effect[key];
    if (typeof v !== "number" || !(v > 0) || v === Infinity) throw new InputError(`effect.${key}`, null, v, "must be a positive, finite hazard multiplier (1 for none)");
  }
  return effect;
}

/** Status of one patient's course for the endpoint, censored at `censor` months. */
function observed(endpoint: TrialEndpoint, k: { outOfField: number; death: number }, censor: number): { time: number; status: number } {
  if (endpoint === "overall-survival") return k.death <= censor ? { time: k.death, status: 1 } : { time: censor, status: 0 };
  if (k.outOfField <= k.death && k.outOfField <= censor) return { time: k.outOfField, status: 1 };
  if (k.death < k.outOfField && k.death <= censor) return { time: k.death, status: 2 };
  return { time: censor, status: 0 };
}

/**
 * A population of trial candidates from the cohort generator (clinicalTrialCandidates with
 * `patients` of them, seed `seed`): the source population every simulated trial samples its
 * patients from, and on which the true ψ and population effects are computed.
 */
export interface CohortTrialPopulation {
  seed: string;
  candidates: TrialCandidate[];
  params: ClinicalParams;
}

export function cohortTrialPopulation(seed: string, patients = 100000, params: ClinicalParams = CLINICAL_PARAMS): CohortTrialPopulation {
  return { seed, candidates: clinicalTrialCandidates(seed, patients, params), params };
}

/** Each population patient's course in one arm (months from randomisation), computed once and reused by every trial. */
export interface CohortArmOutcomes {
  effect: TrialArmEffect;
  outOfField: Float64Array;
  death: Float64Array;
}

export function cohortArmOutcomes(pop: CohortTrialPopulation, effect: TrialArmEffect): CohortArmOutcomes {
  checkEffectMultipliers(effect);
  const n = pop.candidates.length;
  const out: CohortArmOutcomes = { effect, outOfField: new Float64Array(n), death: new Float64Array(n) };
  pop.candidates.forEach((c, i) => {
    const k = clinicalTrialCourse(c, effect, pop.params);
    out.outOfField[i] = k.outOfField;
    out.death[i] = k.death;
  });
  return out;
}

/**
 * One trial from the cohort generator's population: `patients` drawn at random (with
 * replacement) from the population with the given uniform generator, then per patient, in a
 * fixed order, the population index and the entry time (uniform over the accrual period); the
 * first round(N·p) patients are experimental (their course from `experimental`), the rest
 * control (`control`, the population's courses without the effect). A seeded generator gives the
 * same trial every time.
 */
export function simulateCohortTrial(spec: CohortTrialSpec, design: CohortTrialDesign, control: CohortArmOutcomes, experimental: CohortArmOutcomes, random: () => number): SimulatedTrial {
  if (spec.endpoint !== "out-of-field" && spec.endpoint !== "overall-survival") throw new InputError("endpoint", null, spec.endpoint, 'must be "out-of-field" or "overall-survival"');
  const n = spec.patients;
  if (!Number.isInteger(n) || n < 2) throw new InputError("patients", null, n, "must be a whole number of patients, at least 2");
  const { a, ramp, eta, analysis } = trialTiming(design);
  const p = checkAllocation(design.allocation === undefined ? 0.5 : design.allocation);
  if (typeof random !== "function") throw new InputError("random", null, random, "must be a function giving uniforms in [0, 1)");
  const size = control.death.length;
  if (experimental.death.length !== size) throw new InputError("experimental", null, experimental.death.length, `must hold the same population as control (${size} patients)`);
  const nExp = Math.round(n * p);
  const out: SimulatedTrial = { arm: [], time: [], status: [], entry: [] };
  for (let i = 0; i < n; i++) {
    const j = Math.min(size - 1, Math.floor(random() * size));
    const isExp = i < nExp;
    const entry = accrualEntryTime(random(), a, ramp);
    const arm = isExp ? experimental : control;
    // The loss time is drawn only with dropout, so trials without it keep their draws.
    const loss = lossToFollowUpTime(eta, random);
    const o = observed(spec.endpoint, { outOfField: arm.outOfField[j], death: arm.death[j] }, Math.min(analysis - entry, loss));
    out.arm.push(isExp ? "experimental" : "control");
    out.entry.push(entry);
    out.time.push(o.time);
    out.status.push(o.status);
  }
  return out;
}

/** Uncensored times of the endpoint's event of interest (Infinity when it never happens) per candidate, under `effect`. */
function eventTimes(pop: CohortTrialPopulation, endpoint: TrialEndpoint, effect: TrialArmEffect): number[] {
  const o = cohortArmOutcomes(pop, effect);
  return Array.from(o.death, (d, i) => (endpoint === "overall-survival" ? d : o.outOfField[i] <= d ? o.outOfField[i] : Infinity));
}

/** P(still followed at t): not censored by the analysis (entered by analysis − t, with the ramp-up) and not lost (e^(−ηt)). */
function censoringSurvival(t: number, timing: ReturnType<typeof trialTiming>): number {
  return accrualEnteredShare(timing.analysis - t, timing.a, timing.ramp) * Math.exp(-timing.eta * t);
}

/**
 * The limit β* of the Fine-Gray / Cox score for arm (see the file comment), from the uncensored
 * event-of-interest times of a large control and experimental population (Infinity: never);
 * returns exp(β*), the population (sub)distribution hazard ratio the trial estimates.
 */
export function marginalRatioLimit(control: number[], experimental: number[], design: CohortTrialDesign): number {
  const timing = trialTiming(design);
  const p = checkAllocation(design.allocation === undefined ? 0.5 : design.allocation);
  const t0 = control.filter((t) => t < timing.analysis).sort((x, y) => x - y);
  const t1 = experimental.filter((t) => t < timing.analysis).sort((x, y) => x - y);
  const n0 = control.length;
  const n1 = experimental.length;
  if (t0.length === 0 || t1.length === 0) throw new InputError("control/experimental", null, null, "need events of interest before the analysis in both arms");
  // Events in time order with each arm's share still free of the event just before them (typed
  // arrays: the bisection below passes over them 60 times).
  const m = t0.length + t1.length;
  const eventArm = new Uint8Array(m);
  const r0 = new Float64Array(m);
  const r1 = new Float64Array(m);
  const g = new Float64Array(m);
  let i = 0;
  let j = 0;
  for (let k = 0; k < m; k++) {
    const arm: 0 | 1 = j >= t1.length || (i < t0.length && t0[i] <= t1[j]) ? 0 : 1;
    const t = arm === 0 ? t0[i] : t1[j];
    eventArm[k] = arm;
    r0[k] = 1 - i / n0;
    r1[k] = 1 - j / n1;
    g[k] = censoringSurvival(t, timing);
    if (arm === 0) i++;
    else j++;
  }
  const score = (beta: number): number => {
    const eb = Math.exp(beta);
    let u = 0;
    for (let k = 0; k < m; k++) {
      const ebar = (p * eb * r1[k]) / (p * eb * r1[k] + (1 - p) * r0[k]);
      u += eventArm[k] === 1 ? (p / n1) * g[k] * (1 - ebar) : -((1 - p) / n0) * g[k] * ebar;
    }
    return u;
  };
  // score is decreasing in β: bisect on [-5, 5].
  let lo = -5;
  let hi = 5;
  for (let k = 0; k < 60 && hi - lo > 1e-12; k++) {
    const mid = (lo + hi) / 2;
    if (score(mid) > 0) lo = mid;
    else hi = mid;
  }
  return Math.exp((lo + hi) / 2);
}

/** The population quantities of one arm effect: the true ratio the trial estimates, and the true event probabilities ψ. */
export interface CohortEffectTruth {
  endpoint: TrialEndpoint;
  effect: TrialArmEffect;
  /** Population sHR (out-of-field) or HR (overall survival) under the trial's censoring. */
  marginalRatio: number;
  /** P(the event of interest is observed by the analysis), control and experimental arm (uniform entry). */
  eventProbability: { control: number; experimental: number };
}

/** ψ from uncensored times: mean over patients of P(still followed at their event time) (censoringSurvival: entered early enough for the analysis, not lost); without ramp-up and dropout (1/a) ∫_f^(a+f) F(t) dt. */
function observedShare(times: number[], timing: ReturnType<typeof trialTiming>): number {
  let s = 0;
  for (const t of times) if (t < timing.analysis) s += censoringSurvival(t, timing);
  return s / times.length;
}

export function cohortEffectTruth(pop: CohortTrialPopulation, endpoint: TrialEndpoint, effect: TrialArmEffect, design: CohortTrialDesign): CohortEffectTruth {
  checkEffectMultipliers(effect);
  const c = eventTimes(pop, endpoint, NO_EFFECT);
  const e = eventTimes(pop, endpoint, effect);
  const timing = trialTiming(design);
  return { endpoint, effect, marginalRatio: marginalRatioLimit(c, e, design), eventProbability: { control: observedShare(c, timing), experimental: observedShare(e, timing) } };
}

export interface CohortCalibration extends CohortEffectTruth {
  target: number;
  /** The within-patient hazard multiplier whose population ratio is the target. */
  multiplier: number;
}

/**
 * The within-patient multiplier (of the out-of-field hazards, or of the death hazard) whose
 * population ratio exp(β*) equals `target`,  with common random
 * numbers (the population's draws are fixed, so the ratio is monotone in the multiplier), by
 * regula falsi (Illinois) on log(multiplier) until |log ratio − log target| < 1e-10.
 */
export function calibrateCohortEffect(pop: CohortTrialPopulation, endpoint: TrialEndpoint, target: number, design: CohortTrialDesign): CohortCalibration {
  if (typeof target !== "number" || !(target > 0) || target === Infinity) throw new InputError("target", null, target, "must be a positive, finite ratio");
  const effectOf = (m: number): TrialArmEffect => (endpoint === "overall-survival" ? { outOfField: 1, death: m } : { outOfField: m, death: 1 });
  if (target === 1) return { target, multiplier: 1, ...cohortEffectTruth(pop, endpoint, NO_EFFECT, design) };
  const c = eventTimes(pop, endpoint, NO_EFFECT);
  const ratio = (logM: number) => marginalRatioLimit(c, eventTimes(pop, endpoint, effectOf(Math.exp(logM))), design);
  // The population ratio lies between 1 and the multiplier: g(x) = log ratio(e^x) − log target changes sign
  // between 6·log(target) and log(target)/6; regula falsi with the Illinois step finds its root.
  const g = (x: number) => Math.log(ratio(x)) - Math.log(target);
  let lo = Math.min(Math.log(target) * 6, Math.log(target) / 6);
  let hi = Math.max(Math.log(target) * 6, Math.log(target) / 6);
  let glo = g(lo);
  let ghi = g(hi);
  if (!(glo < 0 && ghi > 0)) throw new InputError("target", null, target, "cannot be reached by a within-patient multiplier between target^6 and target^(1/6)");
  let x = lo;
  let side = 0;
  for (let k = 0; k < 60; k++) {
    x = (lo * ghi - hi * glo) / (ghi - glo);
    const gx = g(x);
    if (Math.abs(gx) < 1e-10) break;
    if (gx < 0) {
      lo = x;
      glo = gx;
      if (side === -1) ghi /= 2;
      side = -1;
    } else {
      hi = x;
      ghi = gx;
      if (side === 1) glo /= 2;
      side = 1;
    }
  }
  const multiplier = Math.exp(x);
  return { target, multiplier, ...cohortEffectTruth(pop, endpoint, effectOf(multiplier), design) };
}
