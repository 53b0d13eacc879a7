/**
 * Case weights column: every value a finite number >= 0, and not all zero, as
 * R's model functions require (survfit: "weights must be finite", "weights
 * must be non-negative"; glm: "negative weights not allowed"). Rows in
 * `dropped` (missing values removed by the caller) are skipped; errors name
 * the argument and the row's index in the input.
 *
 * @example
 * weightsColumn("weights", [1, 0.5, 2]); // Float64Array [1, 0.5, 2]
 * weightsColumn("weights", [1, -1]);     // InputError: weights[1] = -1: must be a finite number >= 0
 */
import { InputError } from "./input-error";
import type { ArrayLikeInput } from "./validate";

export function weightsColumn(name: string, values: ArrayLikeInput<unknown>, dropped: Set<number> = new Set<number>()): Float64Array {
  const n = values.length;
  const out = new Float64Array(n - dropped.size);
  const skip = dropped.size > 0;
  let k = 0;
  let positive = false;
  for (let i = 0; i < n; i++) {
    if (skip && dropped.has(i)) continue;
    const v = values[i];
    if (typeof v !== "number" || !(v >= 0) || v === Infinity) {
      throw new InputError(name, i, v, "must be a finite number >= 0");
    }
    if (v > 0) positive = true;
    out[k++] = v;
  }
  if (!positive && k > 0) throw new InputError(name, null, values, "are all zero: at least one row needs a positive weight");
  return out;
}

/** True when every weight is a whole number (R's survfit then keeps the Greenwood variance). */
export function allWholeNumbers(weights: ArrayLike<number>): boolean {
  for (let i = 0; i < weights.length; i++) if (weights[i] !== Math.floor(weights[i])) return false;
  return true;
}
