/**
 * Cause codes of the competing-risks functions (fineGray, fineGrayRows,
 * fineGrayCox, causeSpecificCox): `failCode` (default 1) is the failure of
 * interest, `censCode` (default 0) censoring, every other integer a competing
 * failure, as cmprsk's failcode / cencode.
 *
 * @example
 * causeCodes({ failCode: 2 });                 // { failCode: 2, censCode: 0 }
 * throw failCodeAbsent(3, [0, 1, 2]);          // InputError: failCode: does not occur in cause (codes present: 0, 1, 2)
 */
import { InputError } from "../core/index";

/** Validated failCode and censCode (integers, different). */
export function causeCodes(options: { failCode?: unknown; censCode?: unknown }): { failCode: number; censCode: number } {
  const failCode = options.failCode ?? 1;
  const censCode = options.censCode ?? 0;
  if (typeof failCode !== "number" || !Number.isInteger(failCode)) throw new InputError("failCode", null, failCode, "must be an integer cause code");
  if (typeof censCode !== "number" || !Number.isInteger(censCode)) throw new InputError("censCode", null, censCode, "must be an integer code");
  if (failCode === censCode) throw new InputError("failCode", null, failCode, "must differ from censCode");
  return { failCode, censCode };
}

/** The error for a failCode that no row has. */
export function failCodeAbsent(failCode: number, present: Iterable<number>): InputError {
  const codes = Array.from(new Set(present)).sort((a, b) => a - b);
  return new InputError("failCode", null, failCode, `does not occur in cause (codes present: ${codes.join(", ")})`);
}
