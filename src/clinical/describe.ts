/**
 * Descriptive statistics of one sample as a Table 1 reports them: mean and
 * standard deviation (denominator n - 1, as R's sd), median and quartiles by R's
 * default `quantile(type = 7)` (linear interpolation between order statistics:
 * h = (n - 1) p, Q = x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h])),
 * and the number of missing values (NaN, null, undefined), which are left out.
 *
 * @example
 * describeNumbers([1, 2, 3, 4, NaN]);
 * // { n: 4, missing: 1, mean: 2.5, sd: 1.29..., median: 2.5, q1: 1.75, q3: 3.25, min: 1, max: 4 }
 */
import { isMissing } from "../core/index";
import type { ArrayLikeInput } from "../core/index";
import { quantileSorted } from "../stats/quantile-sorted";
import { sampleStandardDeviation } from "../stats/sample-standard-deviation";

export { quantileSorted };

export interface NumberSummary {
  /** Values present. */
  n: number;
  missing: number;
  /** null when there is no value (sd: fewer than two). */
  mean: number | null;
  sd: number | null;
  median: number | null;
  q1: number | null;
  q3: number | null;
  min: number | null;
  max: number | null;
}

/** Summary of the present values; see the file comment. */
export function describeNumbers(values: ArrayLikeInput<unknown>): NumberSummary {
  const kept: number[] = [];
  let missing = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (isMissing(v)) missing++;
    else kept.push(v as number);
  }
  const n = kept.length;
  if (n === 0) return { n, missing, mean: null, sd: null, median: null, q1: null, q3: null, min: null, max: null };
  const sorted = Float64Array.from(kept).sort();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i];
  const mean = sum / n;
  return {
    n,
    missing,
    mean,
    sd: sampleStandardDeviation(sorted),
    median: quantileSorted(sorted, 0.5),
    q1: quantileSorted(sorted, 0.25),
    q3: quantileSorted(sorted, 0.75),
    min: sorted[0],
    max: sorted[n - 1],
  };
}
