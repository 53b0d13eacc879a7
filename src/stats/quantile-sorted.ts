/**
 * Quantile of ascending values by R's default `quantile(type = 7)`: h = (n − 1)·p, then linear
 * interpolation between the order statistics x[⌊h⌋] and x[⌊h⌋ + 1]; NaN for no values.
 *
 * Example: quantileSorted([1, 2, 3, 4], 0.5) === 2.5
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
