/**
 * Weight truncation (winsorizing): every weight below the `lower` quantile of the weights is
 * set to it, every weight above the `upper` quantile to that (Cole & Hernán 2008; Stürmer et
 * al. 2010, "truncated at the 1st and 99th percentiles"). Quantiles as R's default
 * `quantile(w, c(lower, upper), type = 7)`; R: `pmin(pmax(w, q[1]), q[2])`.
 * Only the rows where `include` is true (default all) set the quantiles and are truncated;
 * the others keep their weight (e.g. the treated rows of censoring weights, all 1).
 *
 * @example
 * truncateWeights([1, 2, 3, 100], [0.01, 0.99]).weights; // [1.03, 2, 3, 97.09]
 */
import { InputError } from "../core/index";
import { quantileSorted } from "./quantile-sorted";

export interface TruncatedWeights {
  weights: number[];
  /** The quantiles requested and the weights they give. */
  quantiles: [number, number];
  bounds: [number, number];
  /** Rows whose weight was changed. */
  nTruncated: number;
}

/** Weights truncated at two quantiles; see the file comment. */
export function truncateWeights(weights: readonly number[], quantiles: [number, number], include?: readonly boolean[]): TruncatedWeights {
  const [lower, upper] = quantiles;
  if (!(typeof lower === "number" && typeof upper === "number" && lower >= 0 && lower < upper && upper <= 1)) {
    throw new InputError("truncate", null, `${lower}, ${upper}`, "must be two quantiles 0 <= lower < upper <= 1");
  }
  const n = weights.length;
  for (let i = 0; i < n; i++) {
    const w = weights[i];
    if (typeof w !== "number" || !Number.isFinite(w) || w < 0) throw new InputError("weights", i + 1, w, "must be a finite number >= 0");
  }
  if (include !== undefined && include.length !== n) throw new InputError("include", null, include.length, `has length ${include.length} but weights has length ${n}`);
  let m = 0;
  for (let i = 0; i < n; i++) if (include === undefined || include[i]) m++;
  if (m === 0) throw new InputError("weights", null, null, "has no row to truncate");
  // A typed-array sort (fast) orders numbers as the comparator a - b does, except that it puts
  // -0 before 0 where the comparator keeps their input order: with a -0, the comparator.
  const used = new Float64Array(m);
  let negativeZero = false;
  for (let i = 0, k = 0; i < n; i++) {
    if (include !== undefined && !include[i]) continue;
    if (Object.is(weights[i], -0)) negativeZero = true;
    used[k++] = weights[i];
  }
  const sorted: ArrayLike<number> = negativeZero ? Array.from(used).sort((a, b) => a - b) : used.sort();
  const bounds: [number, number] = [quantileSorted(sorted, lower), quantileSorted(sorted, upper)];
  let nTruncated = 0;
  const out: number[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const w = weights[i];
    if (include !== undefined && !include[i]) {
      out[i] = w;
      continue;
    }
    const c = Math.min(Math.max(w, bounds[0]), bounds[1]);
    if (c !== w) nTruncated++;
    out[i] = c;
  }
  return { weights: out, quantiles: [lower, upper], bounds, nTruncated };
}

/**
 * The bounds truncateWeights(w, quantiles).weights would use for the weights `values[i]`, each
 * repeated `counts[i]` times (whole numbers >= 0; the first `n` entries): R's quantile type 7
 * of the repeated values, found without building them or sorting them. For bootstraps that
 * weight rows by how often their patient was drawn. Truncation quantiles lie in the tails, so
 * one pass sums the counts and puts aside the values at or below a low cut and at or above a
 * high cut (both read from a sorted sample of 512 values; the values kept in work spaces reused
 * between calls) and the order statistics are selected among those few;
 * when a cut misses (the sample was unlucky, or the quantiles are not in the tails) the
 * selection runs over all values. `values` and `counts` are left as they were.
 *
 * @example
 * repeatedQuantileBounds(Float64Array.of(1, 2, 3, 100), Float64Array.of(1, 1, 1, 1), 4, [0.01, 0.99]); // [1.03, 97.09]
 */
export function repeatedQuantileBounds(values: Float64Array, counts: Float64Array, n: number, quantiles: [number, number]): [number, number] {
  if (!(n > 0)) throw new InputError("weights", null, null, "has no row to truncate");
  const [pLow, pHigh] = quantiles;
  // Cuts from a sorted sample, a margin of 16 sample values beyond each quantile.
  const size = Math.min(n, 512);
  const sample = new Float64Array(size);
  for (let k = 0; k < size; k++) sample[k] = values[Math.floor((k * n) / size)];
  sample.sort();
  const margin = 16;
  const lowCut = sample[Math.min(size - 1, Math.floor(pLow * size) + margin)];
  const highCut = sample[Math.max(0, Math.ceil(pHigh * size) - 1 - margin)];
  const useCuts = lowCut < highCut;
  // One pass: the total count and, when the cuts are usable, the values at or below the low cut
  // and at or above the high cut (with a count > 0), into work spaces kept between calls.
  if (useCuts && tailSpace.length < n) tailSpace = { lowV: new Float64Array(n), lowC: new Float64Array(n), highV: new Float64Array(n), highC: new Float64Array(n), length: n };
  const { lowV, lowC, highV, highC } = tailSpace;
  let total = 0;
  let nLow = 0;
  let nHigh = 0;
  let countLow = 0;
  let countHigh = 0;
  if (useCuts) {
    for (let i = 0; i < n; i++) {
      const c = counts[i];
      total += c;
      if (!(c > 0)) continue;
      const x = values[i];
      if (x <= lowCut) {
        lowV[nLow] = x;
        lowC[nLow++] = c;
        countLow += c;
      } else if (x >= highCut) {
        highV[nHigh] = x;
        highC[nHigh++] = c;
        countHigh += c;
      }
    }
  } else for (let i = 0; i < n; i++) total += counts[i];
  if (!(total > 0)) throw new InputError("weights", null, null, "has no row to truncate");
  const position = (p: number): [number, number, number] => {
    const h = (total - 1) * p;
    const lo = Math.floor(h);
    return [h, lo, Math.min(lo + 1, total - 1)];
  };
  const [hLow, loLow, hiLow] = position(pLow);
  const [hHigh, loHigh, hiHigh] = position(pHigh);
  const interpolate = (h: number, lo: number, a: number, b: number) => a + (h - lo) * (b - a);
  // The low part holds the repeated values of positions 0 .. countLow - 1, the high part those from total - countHigh on.
  const offset = total - countHigh;
  if (useCuts && hiLow < countLow && loHigh >= offset) {
    return [
      interpolate(hLow, loLow, ...pairAtRank(lowV, lowC, nLow, loLow, hiLow)),
      interpolate(hHigh, loHigh, ...pairAtRank(highV, highC, nHigh, loHigh - offset, hiHigh - offset)),
    ];
  }
  const v = new Float64Array(n);
  const c = new Float64Array(n);
  const all = (lo: number, hi: number): [number, number] => {
    v.set(values.subarray(0, n));
    c.set(counts.subarray(0, n));
    return pairAtRank(v, c, n, lo, hi);
  };
  return [interpolate(hLow, loLow, ...all(loLow, hiLow)), interpolate(hHigh, loHigh, ...all(loHigh, hiHigh))];
}

/** repeatedQuantileBounds' work spaces for the tails, grown as needed and reused (a bootstrap calls it once per draw). */
let tailSpace = { lowV: new Float64Array(0), lowC: new Float64Array(0), highV: new Float64Array(0), highC: new Float64Array(0), length: 0 };

/** The repeated values at positions lo and hi = lo or lo + 1 (v and c, the first n entries, are reordered). */
function pairAtRank(v: Float64Array, c: Float64Array, n: number, lo: number, hi: number): [number, number] {
  const a = valueAtRank(v, c, n, lo);
  if (hi === lo) return [a, a];
  // The next repeated value: a again if a's copies reach position hi, else the smallest value above a.
  let upTo = 0;
  let next = Infinity;
  for (let i = 0; i < n; i++) {
    const x = v[i];
    if (x <= a) upTo += c[i];
    else if (x < next && c[i] > 0) next = x;
  }
  return [a, hi < upTo ? a : next];
}

/** The value at 0-based position `rank` of the values repeated counts times (quickselect; v and c are reordered). */
function valueAtRank(v: Float64Array, c: Float64Array, n: number, rank: number): number {
  let lo = 0;
  let hi = n - 1;
  let target = rank;
  for (;;) {
    if (lo >= hi) return v[lo];
    const mid = (lo + hi) >>> 1;
    const a = v[lo];
    const b = v[mid];
    const d = v[hi];
    const pivot = a < b ? (b < d ? b : a < d ? d : a) : a < d ? a : b < d ? d : b;
    // Three-way partition of [lo, hi]: < pivot, = pivot, > pivot.
    let lt = lo;
    let i = lo;
    let gt = hi;
    let less = 0;
    let equal = 0;
    while (i <= gt) {
      const x = v[i];
      if (x < pivot) {
        less += c[i];
        const y = c[i];
        v[i] = v[lt];
        c[i] = c[lt];
        v[lt] = x;
        c[lt] = y;
        lt++;
        i++;
      } else if (x > pivot) {
        const y = c[i];
        v[i] = v[gt];
        c[i] = c[gt];
        v[gt] = x;
        c[gt] = y;
        gt--;
      } else {
        equal += c[i];
        i++;
      }
    }
    if (target < less) hi = lt - 1;
    else if (target < less + equal) return pivot;
    else {
      target -= less + equal;
      lo = gt + 1;
    }
  }
}
