/**
 * When will an event-driven trial reach its events? Patients enter at `accrualPerMonth` from
 * calendar month 0 until `patients` have entered (A = patients / rate months), a fraction p to
 * the experimental arm; each arm's probability that a patient's event of interest is observed by
 * follow-up s is G(s) (ArmIncidence: the control hazards from the data, the effect, death
 * competing, dropout). The expected number of events by calendar time τ is
 *
 *   E(τ) = rate · ∫_(max(0, τ − A))^τ [p G1(s) + (1 − p) G0(s)] ds,
 *
 * and the time at which the expected number of events reaches d solves E(τ) = d (bisection; E
 * increases with τ; not the expected time of the d-th event, which simulateEventTimeline gives). It is the
 * calendar time from the first patient in to the analysis, under deterministic uniform accrual;
 * null when E never reaches d (too few patients: the plateau times the patients is below d).
 * Checked against base R (integrate and uniroot) in test/fixtures/r/design-trial-planning.R.
 *
 * Ramp-up (options.rampMonths = R > 0): the accrual rate rises linearly from 0 to `accrualPerMonth`
 * (r) over the first R months, then stays at r until `patients` (n) have entered, at
 * A = n/r + R/2 (or √(2Rn/r) when all enter during the ramp). With entry density a(x),
 * E(τ) = ∫_0^τ a(x) G(τ − x) dx; writing a(x) = r·1{x ≤ A} − r(1 − x/R)·1{x ≤ m}, m = min(R, A),
 *
 *   E(τ) = r W(max(0, τ − A), τ) − r [W(L, τ) − M(L, τ)/R],   L = τ − min(m, τ),
 *
 * W and M = ∫_L^τ (τ − s) G(s) ds the arms' windowIntegral and windowMoment. The simulation
 * draws arrivals from the same non-homogeneous Poisson process (checked against base R's nested
 * integrate and uniroot in the same fixture).
 *
 * simulateEventTimeline gives its spread (SIMULATED, seeded: stream `${seed}/${k}` for trial k):
 * arrivals a Poisson process at the accrual rate until `patients` have entered, exactly
 * round(patients · p) of them experimental (drawn without replacement), each patient's event time
 * by inverse transform of the arm's F and an exponential loss at the arm's dropout hazard; the
 * event is observed if it comes before the loss, at entry + event time; the trial's time to d
 * events is the d-th smallest of these calendar times.
 *
 * @example
 * const control = exponentialArmIncidence({ causeHazard: 0.067, competingHazard: 0.011, dropoutHazard: 0.0056 });
 * const experimental = exponentialArmIncidence({ causeHazard: 0.067, competingHazard: 0.011, ratio: 0.7, dropoutHazard: 0.0056 });
 * trialEventTimeline({ events: 247, patients: 370, accrualPerMonth: 370 / 36, control, experimental }).expectedMonths;
 */
import seedrandom from "seedrandom";
import { InputError } from "../core/index";
import { checkAllocation } from "./trial-input";
import type { ArmIncidence } from "./arm-incidence";
import { quantileSorted } from "../stats/quantile-sorted";

export interface TrialEventTimelineOptions {
  /** Events of interest the analysis waits for. */
  events: number;
  /** Patients to accrue. */
  patients: number;
  /** Patients entering per month (all centres). */
  accrualPerMonth: number;
  allocation?: number;
  control: ArmIncidence;
  experimental: ArmIncidence;
  /** Longest calendar time searched, months (default 600). */
  maxMonths?: number;
  /** Months over which the accrual rate rises linearly from 0 to accrualPerMonth (default 0: the full rate from the start). */
  rampMonths?: number;
}

export interface TrialEventTimeline {
  method: "expected events by calendar time under uniform accrual, E(τ) = d solved by bisection";
  events: number;
  patients: number;
  accrualPerMonth: number;
  allocation: number;
  /** When the last patient enters: patients / accrualPerMonth, plus rampMonths / 2 with a ramp-up. */
  accrualMonths: number;
  rampMonths: number;
  /** Expected calendar months from the first patient in to the d-th event (null: never within maxMonths). */
  expectedMonths: number | null;
  /** expectedMonths − accrualMonths: follow-up after the last patient in (negative: reached during accrual). */
  followUpAfterLastPatient: number | null;
  /** Expected events when accrual ends, and by maxMonths (≈ ever). */
  eventsAtAccrualEnd: number;
  eventsByMaxMonths: number;
  maxMonths: number;
}

function checkPositive(name: string, value: unknown): number {
  if (typeof value !== "number" || !(value > 0) || value === Infinity) throw new InputError(name, null, value, "must be a positive, finite number");
  return value;
}

function checkArm(name: string, arm: unknown): ArmIncidence {
  const a = arm as ArmIncidence;
  if (a === null || typeof a !== "object" || typeof a.windowIntegral !== "function" || typeof a.eventTime !== "function") {
    throw new InputError(name, null, arm, "must be an ArmIncidence (exponentialArmIncidence or curveArmIncidence)");
  }
  return a;
}

function checkRamp(value: unknown): number {
  if (value === undefined) return 0;
  if (typeof value !== "number" || !(value >= 0) || value === Infinity) throw new InputError("rampMonths", null, value, "must be a non-negative, finite number of months");
  return value;
}

/** When the last of `patients` enters at full rate `accrualPerMonth` after a linear ramp-up over `rampMonths` (see the file comment). */
export function accrualEndMonths(patients: number, accrualPerMonth: number, rampMonths = 0): number {
  const n = checkPositive("patients", patients);
  const r = checkPositive("accrualPerMonth", accrualPerMonth);
  const R = checkRamp(rampMonths);
  if (R === 0) return n / r;
  return n >= (r * R) / 2 ? n / r + R / 2 : Math.sqrt((2 * R * n) / r);
}

/** Expected events by calendar time τ (see the file comment). */
export function expectedEventsByMonth(options: Omit<TrialEventTimelineOptions, "events" | "maxMonths">, tau: number): number {
  const rate = checkPositive("accrualPerMonth", options.accrualPerMonth);
  const n = checkPositive("patients", options.patients);
  const p = checkAllocation(options.allocation === undefined ? 0.5 : options.allocation);
  const c = checkArm("control", options.control);
  const e = checkArm("experimental", options.experimental);
  const ramp = checkRamp(options.rampMonths);
  if (typeof tau !== "number" || !(tau >= 0) || tau === Infinity) throw new InputError("tau", null, tau, "must be a non-negative, finite number of months");
  if (ramp === 0) {
    const from = Math.max(0, tau - n / rate);
    return rate * (p * e.windowIntegral(from, tau) + (1 - p) * c.windowIntegral(from, tau));
  }
  if (typeof c.windowMoment !== "function" || typeof e.windowMoment !== "function") throw new InputError("rampMonths", null, ramp, "needs arms with windowMoment (exponentialArmIncidence or curveArmIncidence)");
  const W = (lo: number, hi: number) => p * e.windowIntegral(lo, hi) + (1 - p) * c.windowIntegral(lo, hi);
  const M = (lo: number, hi: number) => p * e.windowMoment(lo, hi) + (1 - p) * c.windowMoment(lo, hi);
  const A = accrualEndMonths(n, rate, ramp);
  const m = Math.min(ramp, A, tau);
  const L = tau - m;
  return rate * W(Math.max(0, tau - A), tau) - (m > 0 ? rate * (W(L, tau) - M(L, tau) / ramp) : 0);
}

export function trialEventTimeline(options: TrialEventTimelineOptions): TrialEventTimeline {
  const d = checkPositive("events", options.events);
  const rate = checkPositive("accrualPerMonth", options.accrualPerMonth);
  const n = checkPositive("patients", options.patients);
  const p = checkAllocation(options.allocation === undefined ? 0.5 : options.allocation);
  const maxMonths = checkPositive("maxMonths", options.maxMonths ?? 600);
  const ramp = checkRamp(options.rampMonths);
  const accrual = accrualEndMonths(n, rate, ramp);
  const E = (tau: number) => expectedEventsByMonth(options, tau);
  const atMax = E(maxMonths);
  let expected: number | null = null;
  if (atMax >= d) {
    let lo = 0;
    let hi = maxMonths;
    for (let k = 0; k < 200 && hi - lo > 1e-11 * Math.max(1, hi); k++) {
      const mid = 0.5 * (lo + hi);
      if (E(mid) < d) lo = mid;
      else hi = mid;
    }
    expected = 0.5 * (lo + hi);
  }
  return {
    method: "expected events by calendar time under uniform accrual, E(τ) = d solved by bisection",
    events: d,
    patients: n,
    accrualPerMonth: rate,
    allocation: p,
    accrualMonths: accrual,
    rampMonths: ramp,
    expectedMonths: expected,
    followUpAfterLastPatient: expected === null ? null : expected - accrual,
    eventsAtAccrualEnd: E(accrual),
    eventsByMaxMonths: atMax,
    maxMonths,
  };
}

export interface SimulateEventTimelineOptions extends Omit<TrialEventTimelineOptions, "maxMonths"> {
  simulations: number;
  seed: string;
}

export interface SimulatedEventTimeline {
  method: "SIMULATED trials: Poisson arrivals, inverse-transform event times, exponential loss; months to the d-th observed event";
  simulations: number;
  seed: string;
  /** Trials that never reached d events (all patients followed to the end). */
  neverReached: number;
  /** Over the trials that reached d: mean months and its Monte Carlo standard error, SD, and quantiles (R type 7). */
  mean: number | null;
  mcse: number | null;
  sd: number | null;
  quantiles: Array<{ q: number; months: number }>;
  /** Months of accrual (the last patient's entry): mean over trials. */
  meanAccrualMonths: number;
}

export const TIMELINE_QUANTILES = [0.025, 0.1, 0.5, 0.9, 0.975];

/**
 * The value at position k (0-based) of values[0..count) sorted ascending (quickselect: partitions
 * around a median of three until k's place is fixed; reorders `values`). For numbers without NaN
 * this is the double a full sort puts there.
 */
export function kthSmallest(values: Float64Array, count: number, k: number): number {
  let lo = 0;
  let hi = count - 1;
  while (hi > lo) {
    const mid = (lo + hi) >> 1;
    // median of values[lo], values[mid], values[hi] as the pivot
    const a = values[lo];
    const b = values[mid];
    const c = values[hi];
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const t = values[i];
        values[i] = values[j];
        values[j] = t;
        i++;
        j--;
      }
    }
    // now values[lo..j] <= pivot <= values[i..hi], and values strictly between j and i equal pivot
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k];
  }
  return values[k];
}

export function simulateEventTimeline(options: SimulateEventTimelineOptions): SimulatedEventTimeline {
  const d = checkPositive("events", options.events);
  if (!Number.isInteger(d)) throw new InputError("events", null, d, "must be a whole number of events for the simulation");
  const rate = checkPositive("accrualPerMonth", options.accrualPerMonth);
  const n = checkPositive("patients", options.patients);
  if (!Number.isInteger(n)) throw new InputError("patients", null, n, "must be a whole number of patients for the simulation");
  const p = checkAllocation(options.allocation === undefined ? 0.5 : options.allocation);
  const sims = options.simulations;
  if (!Number.isInteger(sims) || sims < 2) throw new InputError("simulations", null, sims, "must be a whole number ≥ 2");
  if (typeof options.seed !== "string" || options.seed === "") throw new InputError("seed", null, options.seed, "must be a non-empty string");
  const arms = [checkArm("control", options.control), checkArm("experimental", options.experimental)];
  const ramp = checkRamp(options.rampMonths);
  // With a ramp-up, arrivals are a unit-rate Poisson process on the cumulative intensity Λ(x) = r x²/(2R) (x < R), r(x − R/2) after, mapped back by Λ⁻¹.
  const entryAt = (cum: number) => (cum < (rate * ramp) / 2 ? Math.sqrt((2 * ramp * cum) / rate) : ramp / 2 + cum / rate);
  const nExp = Math.round(n * p);
  const times: number[] = [];
  let never = 0;
  let accrualSum = 0;
  // The observed event times of one trial; only the d-th smallest is read (kthSmallest: the value
  // the former ascending sort put at d − 1, without sorting the rest).
  const observed = new Float64Array(n);
  let count = 0;
  for (let k = 1; k <= sims; k++) {
    const rng = seedrandom(`${options.seed}/${k}`);
    count = 0;
    let entry = 0;
    let cum = 0;
    let expLeft = nExp;
    for (let i = 0; i < n; i++) {
      if (ramp === 0) entry += -Math.log(1 - rng()) / rate;
      else {
        cum += -Math.log(1 - rng());
        entry = entryAt(cum);
      }
      const experimental = rng() < expLeft / (n - i);
      if (experimental) expLeft--;
      const arm = arms[experimental ? 1 : 0];
      const t = arm.eventTime(rng());
      const loss = arm.dropoutHazard > 0 ? -Math.log(1 - rng()) / arm.dropoutHazard : Infinity;
      if (t < loss) observed[count++] = entry + t;
    }
    accrualSum += entry;
    if (count < d) {
      never++;
      continue;
    }
    times.push(kthSmallest(observed, count, d - 1));
  }
  const m = times.length;
  const mean = m > 0 ? times.reduce((s, x) => s + x, 0) / m : null;
  const sd = m > 1 && mean !== null ? Math.sqrt(times.reduce((s, x) => s + (x - mean) * (x - mean), 0) / (m - 1)) : null;
  const sorted = times.slice().sort((a, b) => a - b);
  return {
    method: "SIMULATED trials: Poisson arrivals, inverse-transform event times, exponential loss; months to the d-th observed event",
    simulations: sims,
    seed: options.seed,
    neverReached: never,
    mean,
    mcse: sd === null ? null : sd / Math.sqrt(m),
    sd,
    quantiles: m > 0 ? TIMELINE_QUANTILES.map((q) => ({ q, months: quantileSorted(sorted, q) })) : [],
    meanAccrualMonths: accrualSum / sims,
  };
}
