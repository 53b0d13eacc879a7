/**
 * The time at which a survival curve (or one of its confidence-limit curves)
 * first reaches 1/2, by the rule of R's `summary(survfit)$table` (`survmean`'s
 * internal `minmin`):
 *
 * - take the first time whose value is <= 0.5 (with tolerance sqrt(machine eps),
 *   as all.equal), skipping undefined (null) values;
 * - if that value equals 0.5 (within the tolerance), the curve sits on a flat
 *   stretch at exactly one half, and the median is the midpoint between that
 *   time and the first later time where the curve drops below it;
 * - null when the curve never reaches 0.5.
 *
 * Applied to the lower and upper confidence curves it gives the median's
 * confidence limits (lower curve -> lower limit).
 *
 * @example
 * survivalMedian([1, 2, 3, 4, 5], [0.8, 0.6, 0.5, 0.5, 0.2]); // (3 + 5) / 2 = 4
 * survivalMedian([1, 2], [0.9, 0.7]); // null
 */

/** sqrt(.Machine$double.eps), the tolerance of R's all.equal and of survmean. */
const TOLERANCE = Math.sqrt(Number.EPSILON);

export function survivalMedian(time: ArrayLike<number>, curve: ArrayLike<number | null>): number | null {
  const n = curve.length;
  let first = -1;
  for (let i = 0; i < n; i++) {
    const y = curve[i];
    if (y !== null && !Number.isNaN(y) && y < 0.5 + TOLERANCE) {
      first = i;
      break;
    }
  }
  if (first < 0) return null;
  const y0 = curve[first] as number;
  if (Math.abs(y0 - 0.5) < TOLERANCE) {
    for (let j = first + 1; j < n; j++) {
      const y = curve[j];
      if (y !== null && y < y0) return (time[first] + time[j]) / 2;
    }
  }
  return time[first];
}
