/**
 * One simulated randomised trial (SIMULATED data) under the design's assumptions, for the
 * simulation check of the sample-size formulas. Time zero is randomisation at the start of
 * RT. `patients` are split by `allocation` (round(N p) experimental, the rest control), enter
 * uniformly over `accrualMonths`, and are analysed `followUpMonths` after the last entry:
 * a patient entering at u is censored at accrual + follow-up − u.
 *
 * The design as planned (both optional, default off):
 * - `rampMonths` R > 0: the accrual rate rises linearly from 0 to its full rate N / a over the
 *   first R months (trialEventTimeline's ramp-up), so the same N patients enter until
 *   A = a + R/2 (√(2Ra) when R > 2a) and the analysis is at A + f. Each entry time is drawn i.i.d.
 *   from that entry density by inverse transform (accrualEntryTime), from the same uniform as
 *   uniform accrual (R = 0 gives exactly a·u).
 * - `dropoutHazard` η (a number for both arms, or { control, experimental }): each patient is
 *   also lost to follow-up at an exponential time with the arm's hazard, independent of the
 *   events and of the frailty (rpact's dropoutRate / dropoutTime; the sizing's `dropoutHazard`);
 *   a loss before the event and before the analysis censors the patient at the loss.
 *
 * Endpoint "out-of-field" (competing risks; status 1 out-of-field progression, 2 death without
 * it, 0 censored). Control: constant cause-specific hazards λ1, λ2, so the first event comes at
 * Exp(λ1 + λ2) and is out-of-field with probability π = λ1 / (λ1 + λ2). Experimental: the
 * cumulative incidence is 1 − (1 − F0(t))^s (proportional subdistribution hazards with the
 * true ratio s = `effect`), drawn as Fine & Gray (1999, §5) do: out-of-field with probability
 * 1 − (1 − π)^s, at the time solving F1(t) = v (1 − (1 − π)^s); otherwise death at Exp(λ1 + λ2),
 * the control's conditional distribution (so s = 1 is exactly the control arm).
 *
 * Endpoint "overall-survival" (status 1 death, 0 censored): exponential with hazard λD in the
 * control arm and λD · HR (HR = `effect`) in the experimental arm: rpact's assumptions.
 *
 * `frailtyVariance` θ > 0 (a misspecified scenario): each patient's hazards are multiplied by a
 * gamma frailty with mean 1 and variance θ, the treatment effect acting within patients. The
 * population hazards then fall over time and the marginal effect is weaker than `effect` and
 * not proportional, as with unmeasured prognostic heterogeneity (the project's cohort
 * generator has it: its unmeasured prognosis z).
 *
 * Random numbers come from the given uniform generator in a fixed order per patient (entry,
 * frailty, event, then the loss time when the arm has dropout), so a seeded generator gives the same trial every time.
 *
 * @example
 * const rng = seedrandom("trial/1");
 * const t = simulateTrial({ endpoint: "overall-survival", effect: 0.8, patients: 400 }, { causeHazard: 0.04, competingHazard: 0.03, deathHazard: 0.04, accrualMonths: 36, followUpMonths: 24 }, rng);
 * logRank(t.time, t.status, t.arm).pValue;
 */
import { InputError } from "../core/index";
import { normalQuantile } from "../distributions/index";
import { checkAllocation, checkMonths, checkRate, dropoutHazards } from "./trial-input";

export type TrialEndpoint = "out-of-field" | "overall-survival";

export interface TrialScenarioSpec {
  endpoint: TrialEndpoint;
  /** True subdistribution HR (out-of-field) or HR of death (overall survival); 1 = no effect. */
  effect: number;
  patients: number;
  /** Gamma frailty variance (default 0: none). */
  frailtyVariance?: number;
}

export interface TrialModel {
  causeHazard: number;
  competingHazard: number;
  deathHazard: number;
  accrualMonths: number;
  followUpMonths: number;
  /** Fraction randomised to the experimental arm (default 0.5). */
  allocation?: number;
  /** Months over which the accrual rate rises linearly from 0 to its full rate (default 0: uniform accrual). */
  rampMonths?: number;
  /** Exponential dropout hazard per month, both arms or per arm (default 0: no dropout). */
  dropoutHazard?: number | { control: number; experimental: number };
}

export interface SimulatedTrial {
  /** "experimental" or "control" per patient. */
  arm: string[];
  /** Months from randomisation to event or censoring. */
  time: number[];
  /** 0 censored; out-of-field: 1 progression, 2 death without it; overall survival: 1 death. */
  status: number[];
  /** Month of entry (from the trial's start). */
  entry: number[];
}

/** When the last patient enters: a with uniform accrual, a + R/2 with a linear ramp-up over R months (√(2Ra) when R > 2a). */
export function accrualEndWithRamp(accrualMonths: number, rampMonths = 0): number {
  const a = checkMonths("accrualMonths", accrualMonths);
  const R = checkRampMonths(rampMonths);
  if (R === 0) return a;
  return a >= R / 2 ? a + R / 2 : Math.sqrt(2 * R * a);
}

/**
 * The entry time of a patient whose accrual quantile is u ∈ [0, 1): patients planned to enter
 * uniformly over a months at full rate, the rate rising linearly from 0 over the first R months.
 * The entered share by x is x² / (2Ra) on [0, R], then (x − R/2) / a; inverted, x = √(2Rau) when
 * ua ≤ R/2, else ua + R/2 (R = 0: ua).
 */
export function accrualEntryTime(u: number, accrualMonths: number, rampMonths = 0): number {
  const a = accrualMonths;
  const R = rampMonths;
  if (R === 0) return a * u;
  const ua = u * a;
  return ua <= R / 2 ? Math.sqrt(2 * R * ua) : ua + R / 2;
}

/**
 * The share of the patients entered by month x, the inverse of accrualEntryTime: x² / (2Ra) on
 * [0, R], then (x − R/2) / a, within [0, 1] (R = 0: x / a). Censoring by the analysis at A + f
 * leaves a patient followed past t with probability accrualEnteredShare(A + f − t).
 */
export function accrualEnteredShare(x: number, accrualMonths: number, rampMonths = 0): number {
  const a = accrualMonths;
  const R = rampMonths;
  const share = x <= 0 ? 0 : R > 0 && x <= R ? (x * x) / (2 * R * a) : (x - R / 2) / a;
  return Math.min(1, Math.max(0, share));
}

/** A patient's time to loss to follow-up: exponential with hazard η, drawn only when η > 0 (else Infinity and no draw, so trials without dropout keep their draws). */
export function lossToFollowUpTime(eta: number, random: () => number): number {
  return eta > 0 ? -Math.log(1 - random()) / eta : Infinity;
}

export function checkRampMonths(value: unknown): number {
  if (value === undefined) return 0;
  if (typeof value !== "number" || !(value >= 0) || value === Infinity) throw new InputError("rampMonths", null, value, "must be a non-negative, finite number of months (0: uniform accrual)");
  return value;
}

/** Gamma(shape k, scale 1) by Marsaglia & Tsang (2000), with normals by inverse transform. */
function gammaVariate(k: number, u: () => number): number {
  if (k < 1) return gammaVariate(k + 1, u) * Math.pow(1 - u(), 1 / k);
  const d = k - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normalQuantile(Math.min(Math.max(u(), 1e-300), 1 - 1e-16));
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const w = 1 - u();
    if (Math.log(w) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

export function simulateTrial(spec: TrialScenarioSpec, model: TrialModel, random: () => number): SimulatedTrial {
  if (spec.endpoint !== "out-of-field" && spec.endpoint !== "overall-survival") throw new InputError("endpoint", null, spec.endpoint, 'must be "out-of-field" or "overall-survival"');
  const effect = spec.effect;
  if (typeof effect !== "number" || !(effect > 0) || effect === Infinity) throw new InputError("effect", null, effect, "must be a positive, finite hazard ratio (1 for no effect)");
  const n = spec.patients;
  if (!Number.isInteger(n) || n < 2) throw new InputError("patients", null, n, "must be a whole number of patients, at least 2");
  const theta = spec.frailtyVariance ?? 0;
  if (typeof theta !== "number" || !(theta >= 0) || theta === Infinity) throw new InputError("frailtyVariance", null, theta, "must be a non-negative, finite variance");
  const l1 = checkRate("causeHazard", model.causeHazard);
  const l2 = checkRate("competingHazard", model.competingHazard, true);
  const lD = checkRate("deathHazard", model.deathHazard);
  const a = checkMonths("accrualMonths", model.accrualMonths);
  const f = checkMonths("followUpMonths", model.followUpMonths);
  const p = checkAllocation(model.allocation === undefined ? 0.5 : model.allocation);
  const ramp = checkRampMonths(model.rampMonths);
  const eta = dropoutHazards(model);
  if (typeof random !== "function") throw new InputError("random", null, random, "must be a function giving uniforms in [0, 1)");
  const analysis = accrualEndWithRamp(a, ramp) + f;

  const nExp = Math.round(n * p);
  const total = l1 + l2;
  const pi = l1 / total;
  const p1 = 1 - Math.pow(1 - pi, effect);
  const out: SimulatedTrial = { arm: [], time: [], status: [], entry: [] };
  for (let i = 0; i < n; i++) {
    const experimental = i < nExp;
    const entry = accrualEntryTime(random(), a, ramp);
    const z = theta > 0 ? gammaVariate(1 / theta, random) * theta : 1;
    let t: number;
    let status: number;
    if (spec.endpoint === "overall-survival") {
      t = -Math.log(1 - random()) / (z * lD * (experimental ? effect : 1));
      status = 1;
    } else if (!experimental) {
      t = -Math.log(1 - random()) / (z * total);
      status = random() < pi ? 1 : 2;
    } else {
      const u = random();
      const v = random();
      if (u < p1) {
        // F1(t) = 1 − (1 − π(1 − e^(−zΛt)))^s = v p1
        const g = (1 - Math.pow(1 - v * p1, 1 / effect)) / pi;
        t = -Math.log1p(-g) / (z * total);
        status = 1;
      } else {
        t = -Math.log(1 - v) / (z * total);
        status = 2;
      }
    }
    // The loss time is drawn only when the arm has dropout, so trials without it keep their draws.
    const loss = lossToFollowUpTime(experimental ? eta.experimental : eta.control, random);
    const censor = Math.min(analysis - entry, loss);
    out.arm.push(experimental ? "experimental" : "control");
    out.entry.push(entry);
    if (t <= censor) {
      out.time.push(t);
      out.status.push(status);
    } else {
      out.time.push(censor);
      out.status.push(0);
    }
  }
  return out;
}
