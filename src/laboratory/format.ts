/**
 * Text for computed numbers in the laboratory notebooks and claim values: a P value
 * with enough digits to be checked ("P = 0.012", "P = 3.4e-6"), a number with a true
 * minus sign, and an estimate with its interval.
 *
 * @example
 * pText(0.0000034);            // "P = 3.4e-6"
 * pNumber(0.0123);              // "0.012"
 * estimateText(2.73, 1.8, 4.12); // "2.73 (1.80–4.12)"
 */

/** A P value alone: "0.65", "0.012", "3.4e-6" (three decimals down to 0.001, then one significant digit in scientific form). */
export function pNumber(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return "not computed";
  if (p === 0) return "< 1e-300";
  if (p >= 0.001) return p >= 0.1 ? p.toFixed(2) : p.toFixed(3);
  const [mantissa, exponent] = p.toExponential(1).split("e");
  return `${mantissa}e${exponent.replace("+", "")}`;
}

/** "P = 0.65", "P = 3.4e-6" (see pNumber). */
export function pText(p: number | null | undefined, label = "P"): string {
  const text = pNumber(p);
  if (text === "not computed") return `${label} not computed`;
  return text.charAt(0) === "<" ? `${label} ${text}` : `${label} = ${text}`;
}

/** x to `digits` decimals with a true minus sign; "NA" for a missing value. */
export function num(x: number | null | undefined, digits = 2): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "NA";
  const s = x.toFixed(digits);
  return s.charAt(0) === "-" && Number(s) !== 0 ? "\u2212" + s.slice(1) : s.replace(/^-/, "");
}

/** "estimate (lower–upper)", or "estimate (lower to upper)" when a limit is negative (a dash beside a minus sign misreads). */
export function estimateText(estimate: number | null, lower: number | null, upper: number | null, digits = 2): string {
  if (lower === null || upper === null) return num(estimate, digits);
  const sep = lower < 0 || upper < 0 ? " to " : "\u2013";
  return `${num(estimate, digits)} (${num(lower, digits)}${sep}${num(upper, digits)})`;
}

/** "12.3 ± 4.5" (mean ± SD). */
export function meanSdText(mean: number, sd: number | null, digits = 1): string {
  return sd === null ? num(mean, digits) : `${num(mean, digits)} \u00B1 ${num(sd, digits)}`;
}

/** A list "a, b and c". */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
