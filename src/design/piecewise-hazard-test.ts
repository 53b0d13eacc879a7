/**
 * Is a cause's hazard constant in time? Exponential (one rate) against piecewise exponential
 * (one rate per interval between the cut points), by the likelihood-ratio test.
 *
 * With d_k events of the cause and exposure E_k (person-time) in interval k, the rates are
 * λ_k = d_k / E_k and the statistic is 2 Σ_k d_k log(λ_k / λ), λ = Σd / ΣE, referred to χ² with
 * (intervals − 1) degrees of freedom (the same as R's Poisson GLM `glm(d ~ offset(log(E)) +
 * interval, family = poisson)` against the intercept-only model; an interval with no events
 * contributes 0). Other causes and censoring end the exposure; they are not events.
 *
 * @example
 * // Deaths without progression from RT start (cause 2) before and after 6 months:
 * piecewiseHazardTest(time, cause.map((c) => (c === 2 ? 1 : 0)), [6]);
 * // { intervals: [{ from: 0, to: 6, events, exposure, rate }, …], statistic, df: 1, pValue }
 */
import { InputError } from "../core/index";
import { chiSquareUpper } from "../distributions/index";

export interface HazardInterval {
  from: number;
  to: number;
  events: number;
  exposure: number;
  /** Events per unit of exposure (null without exposure). */
  rate: number | null;
}

export interface PiecewiseHazardTest {
  intervals: HazardInterval[];
  /** Events per unit of exposure over the whole follow-up. */
  overallRate: number;
  statistic: number;
  df: number;
  pValue: number;
}

export function piecewiseHazardTest(time: ArrayLike<number>, event: ArrayLike<number>, cuts: ReadonlyArray<number>): PiecewiseHazardTest {
  if (time.length !== event.length) throw new InputError("event", null, event.length, `must have one value per time (${time.length} times)`);
  if (cuts.length === 0) throw new InputError("cuts", null, "[]", "needs at least one cut point");
  for (let j = 0; j < cuts.length; j++) {
    if (!(Number.isFinite(cuts[j]) && cuts[j] > 0) || (j > 0 && !(cuts[j] > cuts[j - 1]))) throw new InputError("cuts", j + 1, cuts[j], "cut points must be positive, finite and increasing");
  }
  const bounds = [0, ...cuts, Infinity];
  const intervals: HazardInterval[] = bounds.slice(0, -1).map((from, k) => ({ from, to: bounds[k + 1], events: 0, exposure: 0, rate: null }));
  for (let i = 0; i < time.length; i++) {
    const t = time[i];
    const e = event[i];
    if (!(Number.isFinite(t) && t >= 0)) throw new InputError("time", i + 1, t, "must be a finite time of at least 0");
    if (e !== 0 && e !== 1) throw new InputError("event", i + 1, e, "must be 0 or 1");
    for (const iv of intervals) {
      if (t <= iv.from) break;
      iv.exposure += Math.min(t, iv.to) - iv.from;
      if (e === 1 && t <= iv.to) iv.events++;
    }
  }
  let events = 0;
  let exposure = 0;
  for (const iv of intervals) {
    events += iv.events;
    exposure += iv.exposure;
    iv.rate = iv.exposure > 0 ? iv.events / iv.exposure : null;
  }
  if (events === 0) throw new InputError("event", null, 0, "has no events: a hazard cannot be compared across intervals");
  const overallRate = events / exposure;
  let statistic = 0;
  for (const iv of intervals) if (iv.events > 0) statistic += 2 * iv.events * Math.log((iv.rate as number) / overallRate);
  const df = intervals.filter((iv) => iv.exposure > 0).length - 1;
  return { intervals, overallRate, statistic, df, pValue: df > 0 ? chiSquareUpper(statistic, df) : 1 };
}
