/**
 * Sample standard deviation, the denominator n − 1 (R's `sd(x)`):
 *   x̄ = (x₁ + … + xₙ) / n,   s = sqrt( Σ (xᵢ − x̄)² / (n − 1) ),
 * two passes, each summed left to right in the order given (so callers that summed this way
 * themselves get the same bits). null below two values (R gives NA).
 *
 * @example
 * sampleStandardDeviation([2, 4, 4, 4, 5, 5, 7, 9]);  // sqrt(32 / 7) = 2.138...
 * sampleStandardDeviation([3]);                        // null
 */
export function sampleStandardDeviation(values: ArrayLike<number>): number | null {
  const n = values.length;
  if (n < 2) return null;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - mean) * (values[i] - mean);
  return Math.sqrt(ss / (n - 1));
}
