/**
 * Text for computed numbers in the laboratory notebooks and claim values, under the names
 * those use: a P value with enough digits to be checked ("P = 0.012", "P = 3.4e-6"), a
 * number with a true minus sign, an estimate with its interval. The formatting itself is
 * src/display/format-number.ts (shared by all notebooks); what is added here is the
 * laboratory wording for a test that could not be run ("P not computed"), mean ± SD and
 * lists.
 *
 * @example
 * pText(0.0000034);              // "P = 3.4e-6"
 * pNumber(0.0123);               // "0.012"
 * estimateText(2.73, 1.8, 4.12); // "2.73 (1.80–4.12)"
 */
import { formatNumber, formatPExact, isMissingNumber, withPLabel } from "../display/format-number";

/** "95% CI" for a confidence level of 0.95: the project's one label for intervals (src/clinical/format.ts). */
export { ciLabel } from "../clinical/format";

export {
  /** x to `digits` decimals (default 2) with a true minus sign; "NA" for a missing value. */
  formatNumber as num,
  /** "estimate (lower–upper)", " to " when a limit is negative, the estimate alone without limits. */
  formatEstimate as estimateText,
} from "../display/format-number";

/** A P value alone: "0.65", "0.012", "3.4e-6" (formatPExact); "not computed" when missing. */
export function pNumber(p: number | null | undefined): string {
  return isMissingNumber(p) || !Number.isFinite(p) ? "not computed" : formatPExact(p);
}

/** "P = 0.65", "P = 3.4e-6", "P < 1e-300"; "P not computed" when missing. */
export function pText(p: number | null | undefined, label = "P"): string {
  return isMissingNumber(p) || !Number.isFinite(p) ? `${label} not computed` : withPLabel(formatPExact(p), label);
}

/** "12.3 ± 4.5" (mean ± SD). */
export function meanSdText(mean: number, sd: number | null, digits = 1): string {
  return sd === null ? formatNumber(mean, digits) : `${formatNumber(mean, digits)} \u00B1 ${formatNumber(sd, digits)}`;
}

/** A list "a, b and c". */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
