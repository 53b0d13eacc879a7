/**
 * Quantiles of the event-time distribution read off a survival curve, with
 * confidence limits, as R survival 3.5-3's `quantile(survfit(...), probs)`
 * (quantile.survfit).
 *
 * The p-quantile is where the curve 1 - S(t) first reaches p, i.e. the first
 * time with S(t) <= 1 - p (p = 0.5: the median; p = 0.25: the time by which a
 * quarter have had the event, S = 0.75). R's rules, with tol = sqrt(machine eps):
 * - duplicated values of 1 - S (censoring times) are dropped first, the curve
 *   starts at (0, 0);
 * - on a flat stretch at p (|1 - S - p| < tol) the quantile is the midpoint
 *   of the stretch: the mean of its first time and the next time the curve
 *   drops; a flat stretch at p that runs to the end of the curve uses the
 *   curve's last time (censored or not) as the end;
 * - p = 0 gives the start of the curve (0);
 * - null when the curve never reaches p.
 * The limits apply the same rule to the curves of the lower and upper
 * pointwise limits (lower curve -> lower limit), so they follow the
 * confidence-interval type of the fit. Where R's limits are NA (S = 0 on the
 * "log" scale) those points are skipped, as approx() does.
 *
 * kaplanMeier's `median` is summary(fit)$table's median, whose rule differs
 * from quantile.survfit in one case: a curve ending on a flat stretch at
 * exactly 0.5 (the table gives the stretch's first time, quantile its
 * midpoint with the last time); everywhere else they agree.
 *
 * @example
 * const km = kaplanMeier([9, 1, 1, 6, 6, 8, 10], [1, 1, 0, 1, 1, 0, 0]); // S = 6/7, 18/35, 9/35 at 1, 6, 9
 * survivalQuantiles(km, [0.25, 0.5, 0.75]);
 * // { probs: [0.25, 0.5, 0.75], quantile: [6, 9, null], lower: [...], upper: [...] }
 */
import { InputError, requireLength } from "../core/index";
import type { ArrayLikeInput } from "../core/index";
import type { KaplanMeierByGroupResult, KaplanMeierResult } from "./kaplan-meier";

/** sqrt(.Machine$double.eps), quantile.survfit's default tolerance. */
const TOLERANCE = Math.sqrt(Number.EPSILON);

export interface SurvivalQuantilesResult {
  /** Probabilities of having had the event (0.5 = median). */
  probs: number[];
  /** Time at which 1 - S(t) reaches each probability (null when it never does). */
  quantile: (number | null)[];
  /** From the lower pointwise-limit curve. */
  lower: (number | null)[];
  /** From the upper pointwise-limit curve. */
  upper: (number | null)[];
  confType: string;
  confLevel: number;
}

export interface SurvivalQuantilesByGroupResult {
  groups: string[];
  /** One result per group, same order. */
  results: SurvivalQuantilesResult[];
}

/** A survival curve: times with S(t) and its pointwise limits (null where undefined). */
interface CurveLike {
  time: ArrayLike<number>;
  survival: ArrayLike<number>;
  lower: ArrayLike<number | null>;
  upper: ArrayLike<number | null>;
  confType: string;
  confLevel: number;
}

/** Quantiles of one curve or of each curve of a by-group fit; see the file comment. */
export function survivalQuantiles(fit: KaplanMeierResult, probs?: ArrayLikeInput<unknown>): SurvivalQuantilesResult;
export function survivalQuantiles(fit: KaplanMeierByGroupResult, probs?: ArrayLikeInput<unknown>): SurvivalQuantilesByGroupResult;
export function survivalQuantiles(
  fit: KaplanMeierResult | KaplanMeierByGroupResult,
  probs: ArrayLikeInput<unknown> = [0.25, 0.5, 0.75],
): SurvivalQuantilesResult | SurvivalQuantilesByGroupResult {
  const p = checkProbs(probs);
  if (fit !== null && typeof fit === "object" && Array.isArray((fit as KaplanMeierByGroupResult).curves)) {
    const byGroup = fit as KaplanMeierByGroupResult;
    return { groups: byGroup.groups.slice(), results: byGroup.curves.map((c) => curveQuantiles(checkCurve(c), p)) };
  }
  return curveQuantiles(checkCurve(fit), p);
}

function checkProbs(probs: ArrayLikeInput<unknown>): number[] {
  requireLength("probs", probs);
  const out: number[] = [];
  for (let i = 0; i < probs.length; i++) {
    const v = probs[i];
    if (typeof v !== "number" || !(v >= 0 && v <= 1)) throw new InputError("probs", i, v, "must be a probability between 0 and 1");
    out.push(v);
  }
  return out;
}

function checkCurve(fit: unknown): CurveLike {
  const c = fit as CurveLike;
  if (c === null || typeof c !== "object" || !c.time || !c.survival || !c.lower || !c.upper || c.time.length !== c.survival.length) {
    throw new InputError("fit", null, fit, "must be a kaplanMeier or kaplanMeierByGroup result");
  }
  return c;
}

function curveQuantiles(c: CurveLike, probs: number[]): SurvivalQuantilesResult {
  const m = c.time.length;
  const x = new Float64Array(m + 1);
  for (let i = 0; i < m; i++) x[i + 1] = c.time[i];
  const oneMinus = (values: ArrayLike<number | null>): (number | null)[] => {
    const y: (number | null)[] = [0];
    for (let i = 0; i < m; i++) {
      const v = values[i];
      y.push(v === null || v !== v ? null : 1 - v);
    }
    return y;
  };
  return {
    probs: probs.slice(),
    quantile: findQuantiles(x, oneMinus(c.survival), probs),
    lower: findQuantiles(x, oneMinus(c.lower), probs),
    upper: findQuantiles(x, oneMinus(c.upper), probs),
    confType: c.confType,
    confLevel: c.confLevel,
  };
}

/** quantile.survfit's findq: where the step curve (x, y), y = 1 - S rising from 0, crosses each p. */
function findQuantiles(xAll: Float64Array, yAll: (number | null)[], probs: number[]): (number | null)[] {
  let maxY = -Infinity;
  for (const v of yAll) if (v !== null && v > maxY) maxY = v;
  if (maxY < Math.min(...probs)) return probs.map(() => null);
  const xmax = xAll[xAll.length - 1];
  // Drop repeated y values (NA counts as one value), keeping the first.
  const x: number[] = [];
  const y: (number | null)[] = [];
  const seen = new Set<number | null>();
  for (let i = 0; i < yAll.length; i++) {
    const v = yAll[i];
    if (seen.has(v)) continue;
    seen.add(v);
    x.push(xAll[i]);
    y.push(v);
  }
  const n = y.length;
  const index1 = constantApprox(y, TOLERANCE, probs);
  const index2 = constantApprox(y, -TOLERANCE, probs);
  const last = y[n - 1];
  return probs.map((p, k) => {
    if (p === 0) return x[0];
    const i1 = index1[k];
    if (last !== null && Math.abs(p - last) < TOLERANCE) return i1 === null ? null : (x[i1] + xmax) / 2;
    const i2 = index2[k];
    return i1 === null || i2 === null ? null : (x[i1] + x[i2]) / 2;
  });
}

/**
 * R's approx(y + shift, seq_along(y), p, method = "constant", f = 1) as 0-based
 * indices: pairs with a missing y dropped, sorted by y + shift (ties averaged,
 * the index then truncated as R's subscripting does); null outside the range.
 */
function constantApprox(y: (number | null)[], shift: number, probs: number[]): (number | null)[] {
  const pairs: Array<{ x: number; i: number }> = [];
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (v !== null) pairs.push({ x: v + shift, i });
  }
  pairs.sort((a, b) => a.x - b.x || a.i - b.i);
  const xs: number[] = [];
  const idx: number[] = [];
  for (let k = 0; k < pairs.length; ) {
    let j = k;
    let sum = 0;
    while (j < pairs.length && pairs[j].x === pairs[k].x) sum += pairs[j++].i;
    xs.push(pairs[k].x);
    idx.push(sum / (j - k));
    k = j;
  }
  const n = xs.length;
  return probs.map((v) => {
    if (n === 0 || v < xs[0] || v > xs[n - 1]) return null;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi - 1) {
      const mid = (lo + hi) >>> 1;
      if (v < xs[mid]) hi = mid;
      else lo = mid;
    }
    const at = v === xs[hi] ? idx[hi] : v === xs[lo] ? idx[lo] : idx[hi];
    return Math.floor(at);
  });
}
