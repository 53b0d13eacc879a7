/**
 * Sample size with the event probability ψ taken from an estimated control curve instead of the
 * exponential model: the control arm's cumulative probability of the event of interest F0(t) —
 * the Aalen-Johansen cumulative incidence of out-of-field progression (death competing), or
 * 1 − Kaplan-Meier for death — as the step function the estimator gives. Under the design's
 * effect r (subdistribution HR for a cumulative incidence, HR for survival), proportional
 * (subdistribution) hazards give the experimental arm
 *
 *   F1(t) = 1 − (1 − F0(t))^r
 *
 * (for survival S1 = S0^r, the same formula), and with uniform accrual over a months and
 * analysis f months after the last entry, a patient's event is observed by the analysis with
 * probability
 *
 *   ψk = (1/a) ∫_f^(a+f) Fk(t) dt,
 *
 * computed exactly for the step function. The events are Schoenfeld's (Latouche et al. 2004 for
 * the subdistribution HR), the patients d / (p ψ1 + (1 − p) ψ0): the formulas of
 * competingRisksSampleSize and survivalSampleSize with ψ from the data's own curve, so a hazard
 * that falls or rises with time is taken as it is. Beyond `followUpEnd` (the last time the curve
 * is estimated) F0 is held at its last value: no event is assumed where the data saw none, which
 * lowers ψ and raises N (conservative); `extrapolatedShare` says how much of the accrual window
 * [f, a + f] lies beyond it.
 *
 * Dropout (options.dropoutHazard η): an event at u is observed only if the patient is not lost
 * before, so each jump of Fk is weighted by e^(−ηu) (curveArmIncidence) before averaging; the
 * curve itself already estimates the incidence net of the data's own censoring.
 *
 * @example
 * const aj = cumulativeIncidence(time, cause).curves.find((c) => c.cause === 1);
 * curveSampleSize({ ratio: 0.7, controlCurve: { time: aj.time, value: aj.estimate, followUpEnd: aj.followUpEnd }, accrualMonths: 36, followUpMonths: 24 });
 */
import { InputError } from "../core/index";
import { checkEffect, dropoutHazards, eventsFor, trialSettings, trialSize } from "./trial-input";
import { curveArmIncidence } from "./arm-incidence";
import type { TrialDesignOptions, TrialSizeFields } from "./trial-input";

export interface StepCurve {
  /** Times at which the curve jumps, ascending. */
  time: number[];
  /** Cumulative probability of the event of interest just after each time (non-decreasing, in [0, 1]). */
  value: number[];
  /** Last time the curve is estimated (default: its last jump). */
  followUpEnd?: number;
}

export interface CurveSampleSizeOptions extends TrialDesignOptions {
  /** The design's subdistribution HR or HR, experimental : control (≠ 1). */
  ratio: number;
  controlCurve: StepCurve;
}

export interface CurveSampleSizeResult extends TrialSizeFields {
  method: "Schoenfeld events; ψ from the estimated control curve (step function), F1 = 1 − (1 − F0)^ratio";
  ratio: number;
  /** Share of the window [f, a + f] beyond the curve's follow-up, where F0 was held at its last value. */
  extrapolatedShare: number;
  /** Dropout hazards per month (0: none). */
  dropoutHazard: { control: number; experimental: number };
}

function checkCurve(c: StepCurve): StepCurve {
  if (c === null || typeof c !== "object" || !Array.isArray(c.time) || !Array.isArray(c.value) || c.time.length !== c.value.length) {
    throw new InputError("controlCurve", null, c, "must give time and value arrays of the same length");
  }
  let prevT = -Infinity;
  let prevV = 0;
  c.time.forEach((t, i) => {
    if (typeof t !== "number" || !Number.isFinite(t) || t < 0 || t < prevT) throw new InputError("controlCurve.time", i, t, "must be finite, non-negative and ascending");
    const v = c.value[i];
    if (typeof v !== "number" || !(v >= 0 && v <= 1) || v < prevV - 1e-12) throw new InputError("controlCurve.value", i, v, "must be a cumulative probability in [0, 1], non-decreasing");
    prevT = t;
    prevV = v;
  });
  return c;
}

/** (1/a) ∫_f^(a+f) g(F(t)) dt for a right-continuous step function F (0 before its first time). */
export function stepCurveAverage(curve: StepCurve, accrualMonths: number, followUpMonths: number, g: (v: number) => number = (v) => v): number {
  const a = accrualMonths;
  const f = followUpMonths;
  const end = a + f;
  let total = 0;
  let from = f;
  let value = 0;
  let k = 0;
  while (k < curve.time.length && curve.time[k] <= f) value = curve.value[k++];
  for (; k < curve.time.length && curve.time[k] < end; k++) {
    total += g(value) * (curve.time[k] - from);
    from = curve.time[k];
    value = curve.value[k];
  }
  total += g(value) * (end - from);
  return total / a;
}

export function curveSampleSize(options: CurveSampleSizeOptions): CurveSampleSizeResult {
  const s = trialSettings(options);
  const r = checkEffect("ratio", options.ratio);
  const curve = checkCurve(options.controlCurve);
  const a = s.accrualMonths;
  const f = s.followUpMonths;
  const eta = dropoutHazards(options);
  const control = eta.control === 0 ? stepCurveAverage(curve, a, f) : curveArmIncidence(curve, { dropoutHazard: eta.control }).windowIntegral(f, a + f) / a;
  const experimental = eta.experimental === 0 ? stepCurveAverage(curve, a, f, (v) => 1 - Math.pow(1 - v, r)) : curveArmIncidence(curve, { ratio: r, dropoutHazard: eta.experimental }).windowIntegral(f, a + f) / a;
  if (!(control > 0)) throw new InputError("controlCurve", null, null, `has no event before the analysis (${a + f} months): ψ is 0 and no number of patients gives the events`);
  const end = curve.followUpEnd ?? (curve.time.length > 0 ? curve.time[curve.time.length - 1] : 0);
  const extrapolatedShare = Math.min(1, Math.max(0, (a + f - Math.max(end, f)) / a));
  return {
    method: "Schoenfeld events; ψ from the estimated control curve (step function), F1 = 1 − (1 − F0)^ratio",
    ratio: r,
    extrapolatedShare,
    dropoutHazard: eta,
    ...trialSize(eventsFor(Math.log(r), s), control, experimental, s),
  };
}
