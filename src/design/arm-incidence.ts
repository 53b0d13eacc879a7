/**
 * One trial arm's probability of an *observed* event of interest by follow-up time t, G(t), when
 * patients can also be lost to follow-up at a constant (exponential) dropout hazard η,
 * independent of everything else, as rpact's dropoutRate / dropoutTime assume:
 *
 *   G(t) = ∫_0^t e^(−ηu) dF(u),
 *
 * F the arm's cumulative incidence of the event without loss (death competing). With η = 0,
 * G = F. Two models of F:
 *   exponentialArmIncidence: constant cause-specific hazards λ1 (the cause) and λ2 (competing)
 *     in the control arm, F0(t) = λ1/Λ (1 − e^(−Λt)), Λ = λ1 + λ2, and F = 1 − (1 − F0)^r under a
 *     subdistribution hazard ratio r (Fine & Gray 1999); λ2 = 0 is plain exponential survival
 *     with hazard λ1 · r for r applied as a hazard ratio (S1 = S0^r). The control arm has the
 *     closed form G0(t) = λ1/(Λ+η) (1 − e^(−(Λ+η)t)); the other arm is integrated numerically.
 *   curveArmIncidence: F0 an estimated step function (Aalen-Johansen, 1 − Kaplan-Meier), F =
 *     1 − (1 − F0)^r, so G jumps by e^(−η u_j) ΔF(u_j) at each jump u_j (exact), and F is held
 *     at its last value beyond the curve's follow-up.
 *
 * What the design needs is the integral of G over a window, W(L, U) = ∫_L^U G(s) ds: with uniform
 * accrual over a months and analysis f months after the last entry, ψ = W(f, a + f) / a (the
 * probability a patient's event is observed by the analysis), and with accrual at rate r from
 * calendar time 0 to A, the expected number of events by calendar time τ is r W(max(0, τ − A), τ)
 * (trialEventTimeline). Swapping the integrals,
 *
 *   W(L, U) = ∫_0^U e^(−ηu) (U − max(u, L)) dF(u),
 *
 * a single integral: exact for a step F, composite Simpson's rule on [0, L] and [L, U] (2048
 * intervals each, where the integrand is smooth) for the exponential model's experimental arm.
 * An accrual ramp-up (trialEventTimeline's rampMonths) also needs the first moment
 *
 *   M(L, U) = ∫_L^U (U − s) G(s) ds = ∫_0^U e^(−ηu) (U − max(u, L))² / 2 dF(u),
 *
 * computed the same way (`windowMoment`).
 *
 * @example
 * const c = exponentialArmIncidence({ causeHazard: 0.067, competingHazard: 0.011, dropoutHazard: 0.0056 });
 * c.windowIntegral(24, 60) / 36; // ψ0 with dropout, 36 months of accrual, 24 of follow-up
 */
import { InputError } from "../core/index";
import { checkRate } from "./trial-input";
import type { StepCurve } from "./curve-sample-size";

export interface ArmIncidence {
  /** ∫_from^to G(s) ds, G the probability an event of interest is observed by follow-up s. */
  windowIntegral(from: number, to: number): number;
  /** ∫_from^to (to − s) G(s) ds (for accrual that is not uniform). */
  windowMoment(from: number, to: number): number;
  /** G(t). */
  observed(t: number): number;
  /** The event time without loss, by inverse transform of F: u uniform on (0, 1); Infinity when the patient never has the event (u ≥ F(∞)). */
  eventTime(u: number): number;
  /** The dropout hazard per month. */
  dropoutHazard: number;
}

export interface ExponentialArmOptions {
  /** Control arm's cause-specific hazard of the event of interest per month (λ1 > 0). */
  causeHazard: number;
  /** Control arm's cause-specific hazard of the competing event per month (λ2 ≥ 0; 0 for overall survival). */
  competingHazard?: number;
  /** Subdistribution hazard ratio of this arm against the control (1 = the control arm). */
  ratio?: number;
  /** Dropout hazard per month (≥ 0, default 0). */
  dropoutHazard?: number;
}

function checkRatio(value: unknown): number {
  if (typeof value !== "number" || !(value > 0) || value === Infinity) throw new InputError("ratio", null, value, "must be a positive, finite hazard ratio");
  return value;
}

/** ∫_lo^hi h(u) du by composite Simpson's rule. */
function simpson(h: (u: number) => number, lo: number, hi: number, intervals = 2048): number {
  if (!(hi > lo)) return 0;
  const w = (hi - lo) / intervals;
  let sum = h(lo) + h(hi);
  for (let k = 1; k < intervals; k++) sum += (k % 2 === 1 ? 4 : 2) * h(lo + k * w);
  return (sum * w) / 3;
}

function checkWindow(from: number, to: number): void {
  if (typeof from !== "number" || typeof to !== "number" || !(from >= 0) || !(to >= from) || to === Infinity) throw new InputError("window", null, [from, to], "must be finite times 0 ≤ from ≤ to");
}

export function exponentialArmIncidence(options: ExponentialArmOptions): ArmIncidence {
  const l1 = checkRate("causeHazard", options.causeHazard);
  const l2 = checkRate("competingHazard", options.competingHazard ?? 0, true);
  const r = checkRatio(options.ratio ?? 1);
  const eta = checkRate("dropoutHazard", options.dropoutHazard ?? 0, true);
  const total = l1 + l2;
  const plateau0 = l1 / total;
  const f0 = (t: number) => plateau0 * -Math.expm1(-total * t);
  const density = (u: number) => (r === 1 ? l1 * Math.exp(-total * u) : r * Math.pow(1 - f0(u), r - 1) * l1 * Math.exp(-total * u));
  const k = total + eta;
  const observed = (t: number): number => {
    if (r === 1) return (l1 / k) * -Math.expm1(-k * t);
    return simpson((u) => Math.exp(-eta * u) * density(u), 0, t);
  };
  const windowIntegral = (from: number, to: number): number => {
    checkWindow(from, to);
    if (r === 1) return (l1 / k) * (to - from - (Math.exp(-k * from) - Math.exp(-k * to)) / k); // closed form of ∫ G0
    const h = (u: number, cap: number) => Math.exp(-eta * u) * density(u) * cap;
    return simpson((u) => h(u, to - from), 0, from) + simpson((u) => h(u, to - u), from, to);
  };
  const windowMoment = (from: number, to: number): number => {
    checkWindow(from, to);
    const h = (u: number, cap: number) => Math.exp(-eta * u) * (r === 1 ? l1 * Math.exp(-total * u) : density(u)) * cap;
    return simpson((u) => h(u, ((to - from) * (to - from)) / 2), 0, from) + simpson((u) => h(u, ((to - u) * (to - u)) / 2), from, to);
  };
  const plateau = 1 - Math.pow(1 - plateau0, r);
  const eventTime = (u: number): number => {
    if (!(u < plateau)) return Infinity;
    const g = 1 - Math.pow(1 - u, 1 / r); // F0 at the event time
    return -Math.log1p(-g / plateau0) / total;
  };
  return { windowIntegral, windowMoment, observed, eventTime, dropoutHazard: eta };
}

export function curveArmIncidence(curve: StepCurve, options: { ratio?: number; dropoutHazard?: number } = {}): ArmIncidence {
  if (curve === null || typeof curve !== "object" || !Array.isArray(curve.time) || !Array.isArray(curve.value) || curve.time.length !== curve.value.length) {
    throw new InputError("controlCurve", null, curve, "must give time and value arrays of the same length");
  }
  const r = checkRatio(options.ratio ?? 1);
  const eta = checkRate("dropoutHazard", options.dropoutHazard ?? 0, true);
  const g = (v: number) => (r === 1 ? v : 1 - Math.pow(1 - v, r));
  // Jumps of F = g(F0) and of G (weighted by e^(−ηu)).
  const times: number[] = [];
  const jumps: number[] = [];
  const levels: number[] = [];
  let prev = 0;
  curve.time.forEach((t, i) => {
    const v = g(curve.value[i]);
    if (v > prev) {
      times.push(t);
      jumps.push(Math.exp(-eta * t) * (v - prev));
      levels.push(v);
      prev = v;
    }
  });
  const observed = (t: number): number => {
    let s = 0;
    for (let j = 0; j < times.length && times[j] <= t; j++) s += jumps[j];
    return s;
  };
  const windowIntegral = (from: number, to: number): number => {
    checkWindow(from, to);
    let s = 0;
    for (let j = 0; j < times.length && times[j] < to; j++) s += jumps[j] * (to - Math.max(times[j], from));
    return s;
  };
  const windowMoment = (from: number, to: number): number => {
    checkWindow(from, to);
    let s = 0;
    for (let j = 0; j < times.length && times[j] < to; j++) {
      const span = to - Math.max(times[j], from);
      s += (jumps[j] * span * span) / 2;
    }
    return s;
  };
  // The first jump whose level exceeds u (levels increase strictly): a binary search, the same jump as a scan.
  const eventTime = (u: number): number => {
    let lo = 0;
    let hi = levels.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (u < levels[mid]) hi = mid;
      else lo = mid + 1;
    }
    return lo < times.length ? times[lo] : Infinity;
  };
  return { windowIntegral, windowMoment, observed, eventTime, dropoutHazard: eta };
}
