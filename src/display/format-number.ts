/**
 * Numbers as text, one definition for the tables, sentences and figures of every notebook
 * (src/clinical/format.ts, src/laboratory/format.ts and src/plots/format.ts re-export these
 * under their own names):
 * - a number to fixed decimals with a true minus sign (U+2212), "∞" for an infinite limit,
 *   "NA" for a missing value;
 * - an estimate with its interval, "0.85 (0.61–1.18)", with " to " instead of the en dash
 *   when a limit is negative (a dash beside a minus sign reads as a range of negatives);
 * - P values two ways. Journal style: two significant digits, "<0.001" below 0.001 and
 *   ">0.99" from 0.995 (as R's format.pval with digits = 2 and eps = 0.001, but never
 *   "0.100" for 0.0996). Exact style: the same down to 0.001, then the value itself with
 *   two significant digits ("3.4e-6"), so a reader can check it; a P value that underflowed
 *   to 0 is "<1e-300".
 *
 * @example
 * formatNumber(-1.25, 1);               // "−1.3"
 * formatEstimate(0.853, 0.61, 1.18);    // "0.85 (0.61–1.18)"
 * formatEstimate(-1.2, -6.4, 4.0, 1);   // "−1.2 (−6.4 to 4.0)"
 * formatP(0.0000034);                   // "<0.001"
 * formatPExact(0.0000034);              // "3.4e-6"
 * formatPValue(0.0123, "Log-rank P");   // "Log-rank P = 0.012"
 * withPLabel(formatPExact(0));          // "P < 1e-300"
 */

/** True for null, undefined and NaN: a value that is not there. */
export function isMissingNumber(x: number | null | undefined): x is null | undefined {
  return x === null || x === undefined || Number.isNaN(x);
}

/** `x` to `digits` decimals with a true minus sign; "∞" / "−∞" for infinite values, "NA" when missing. */
export function formatNumber(x: number | null | undefined, digits = 2): string {
  if (isMissingNumber(x)) return "NA";
  if (x === Infinity) return "\u221e";
  if (x === -Infinity) return "\u2212\u221e";
  const s = x.toFixed(digits);
  // "-0.00" is zero: no sign.
  return s.charAt(0) === "-" && Number(s) !== 0 ? "\u2212" + s.slice(1) : s.replace(/^-/, "");
}

/**
 * "estimate (lower–upper)"; "estimate (lower to upper)" when a limit is negative; the
 * estimate alone when both limits are missing (one missing limit shows as "NA").
 */
export function formatEstimate(estimate: number | null | undefined, lower: number | null | undefined, upper: number | null | undefined, digits = 2): string {
  if (isMissingNumber(lower) && isMissingNumber(upper)) return formatNumber(estimate, digits);
  const negative = (!isMissingNumber(lower) && lower < 0) || (!isMissingNumber(upper) && upper < 0);
  return `${formatNumber(estimate, digits)} (${formatNumber(lower, digits)}${negative ? " to " : "\u2013"}${formatNumber(upper, digits)})`;
}

/** Journal-style P value: "0.65", "0.012", "0.10", "<0.001", ">0.99", "NA". */
export function formatP(p: number | null | undefined): string {
  if (isMissingNumber(p) || !Number.isFinite(p)) return "NA";
  if (p < 0.001) return "<0.001";
  if (p >= 0.995) return ">0.99";
  const text = p >= 0.1 ? p.toFixed(2) : p.toFixed(3);
  // 0.0996 rounds to "0.100": keep two significant digits.
  return text === "0.100" ? "0.10" : text;
}

/** Exact-style P value: formatP down to 0.001, then "3.4e-6"; "<1e-300" for 0; "NA" when missing. */
export function formatPExact(p: number | null | undefined): string {
  if (isMissingNumber(p) || !Number.isFinite(p)) return "NA";
  if (p === 0) return "<1e-300";
  if (p >= 0.001) return formatP(p);
  const [mantissa, exponent] = p.toExponential(1).split("e");
  return `${mantissa}e${exponent.replace("+", "")}`;
}

/** A formatted P value in a sentence: "P = 0.65", or "P < 0.001" / "P > 0.99" for a bound. */
export function withPLabel(text: string, label = "P"): string {
  const c = text.charAt(0);
  return c === "<" || c === ">" ? `${label} ${c} ${text.slice(1)}` : `${label} = ${text}`;
}

/** Journal-style P value with its label: "P = 0.65", "P < 0.001", "Log-rank P = 0.050", "P = NA". */
export function formatPValue(p: number | null | undefined, label = "P"): string {
  return withPLabel(formatP(p), label);
}
