/**
 * Number formatting for the clinical tables and the sentences of notebooks 01–03, under
 * the names those use. One definition for all notebooks: src/display/format-number.ts
 * (true minus sign, " to " in intervals with a negative limit, journal-style P values).
 *
 * @example
 * formatP(0.6512);               // "0.65"
 * formatP(0.0000021);            // "<0.001"
 * formatCI(0.853, 0.61, 1.18);   // "0.85 (0.61–1.18)"
 * formatCI(-1.2, -6.4, 4.0, 1);  // "−1.2 (−6.4 to 4.0)"
 */
import { formatNumber } from "../display/format-number";

export {
  /** "estimate (lower–upper)", "estimate (lower to upper)" when a limit is negative. */
  formatEstimate as formatCI,
  /** "0.65", "0.012", "<0.001", ">0.99", "NA". */
  formatP,
  /** "P = 0.65" or "P < 0.001", for sentences. */
  formatPValue as formatPSentence,
  /** Two significant digits in scientific notation when tiny ("2.7e-15"), else formatP. */
  formatPExact,
} from "../display/format-number";

/** `x` to `digits` decimals (default 1): true minus sign, "∞" for Infinity, "NA" when missing. */
export function fmt(x: number | null | undefined, digits = 1): string {
  return formatNumber(x, digits);
}

/** "95% CI" for a confidence level of 0.95 ("97.5% CI" for 0.975): the column headers follow the level in use. */
export function ciLabel(confLevel = 0.95): string {
  const percent = 100 * confLevel;
  return `${formatNumber(percent, Math.abs(percent - Math.round(percent)) < 1e-9 ? 0 : 1)}% CI`;
}
