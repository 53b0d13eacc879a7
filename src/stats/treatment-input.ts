/**
 * Treatment indicators and propensity scores for the propensity tools:
 * treated must be 0/1 (or booleans), propensity scores strictly between 0
 * and 1; errors name the argument and the first offending row. Internal to
 * src/stats.
 *
 * @example
 * treatmentColumn("treated", [1, 0, true]); // Uint8Array [1, 0, 1]
 */
import { InputError, requireLength } from "../core/index";
import type { ArrayLikeInput } from "../core/index";

export function treatmentColumn(name: string, values: ArrayLikeInput<unknown>, dropped?: Set<number>): Uint8Array {
  requireLength(name, values);
  const out = new Uint8Array(values.length - (dropped === undefined ? 0 : dropped.size));
  let k = 0;
  for (let i = 0; i < values.length; i++) {
    if (dropped !== undefined && dropped.has(i)) continue;
    const v = values[i];
    if (v === 1 || v === true) out[k++] = 1;
    else if (v === 0 || v === false) out[k++] = 0;
    else throw new InputError(name, i, v, "must be 1 (treated) or 0 (control)");
  }
  return out;
}

export function propensityColumn(name: string, values: ArrayLikeInput<unknown>): Float64Array {
  requireLength(name, values);
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== "number" || !(v > 0 && v < 1)) {
      throw new InputError(name, i, v, "must be a propensity score strictly between 0 and 1");
    }
    out[i] = v;
  }
  return out;
}

/** Throws unless both groups occur. */
export function requireBothGroups(name: string, treated: Uint8Array): { nTreated: number; nControl: number } {
  let nTreated = 0;
  for (let i = 0; i < treated.length; i++) nTreated += treated[i];
  const nControl = treated.length - nTreated;
  if (nTreated === 0 || nControl === 0) {
    throw new InputError(name, null, nTreated === 0 ? 0 : 1, `has no ${nTreated === 0 ? "treated (1)" : "control (0)"} rows: both groups are needed`);
  }
  return { nTreated, nControl };
}
