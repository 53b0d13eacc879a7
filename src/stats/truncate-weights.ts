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

export interface TruncatedWeights {
  weights: number[];
  /** The quantiles requested and the weights they give. */
  quantiles: [number, number];
  bounds: [number, number];
  /** Rows whose weight was changed. */
  nTruncated: number;
}

/** R's quantile type 7 of ascending values. */
function quantile7(sorted: ArrayLike<number>, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
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
  const bounds: [number, number] = [quantile7(sorted, lower), quantile7(sorted, upper)];
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
