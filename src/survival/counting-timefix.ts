/**
 * R's aeqSurv (survival's default `timefix = TRUE`) for right-censored or
 * (start, stop] data, in place: the distinct values of the time columns
 * (pooled start and stop values for counting-process data) that lie within
 * sqrt(eps) of the previous one, absolutely or relative to their mean absolute
 * value, take the first value of their run (see time-order's mergeNearTimes).
 * An interval that collapses to length 0 is an error, as in R.
 *
 * @example
 * const stop = Float64Array.of(2, 2 + 1e-12, 5);
 * timefixInPlace(stop, null); // stop = [2, 2, 5]
 */
import { InputError } from "../core/index";
import { sortOrder } from "../core/sort-order";
import { mergeNearTimes } from "./time-order";

export function timefixInPlace(stop: Float64Array, start: Float64Array | null): void {
  const n = stop.length;
  const pooled = new Float64Array(start === null ? n : 2 * n);
  if (start !== null) pooled.set(start);
  pooled.set(stop, start === null ? 0 : n);
  const ord = sortOrder(pooled);
  const sorted = new Float64Array(pooled.length);
  for (let k = 0; k < pooled.length; k++) sorted[k] = pooled[ord[k]];
  if (!mergeNearTimes(sorted)) return;
  for (let k = 0; k < pooled.length; k++) {
    const i = ord[k];
    if (start === null) stop[i] = sorted[k];
    else if (i < n) start[i] = sorted[k];
    else stop[i - n] = sorted[k];
  }
  if (start === null) return;
  for (let i = 0; i < n; i++) {
    if (!(start[i] < stop[i])) {
      throw new InputError(
        "stop",
        i,
        stop[i],
        `is within sqrt(machine eps) of start[${i}], so timefix (R's aeqSurv) merges them and the interval has length 0; separate the times or pass timefix: false`,
      );
    }
  }
}
