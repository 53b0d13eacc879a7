/**
 * Number formatting for the clinical tables and the sentences of the notebooks:
 * fixed decimals with a true minus sign, "estimate (lower–upper)", and P values
 * as journals print them (two significant digits, "<0.001" below 0.001).
 *
 * @example
 * formatP(0.6512);               // "0.65"
 * formatP(0.0000021);            // "<0.001"
 * formatCI(0.853, 0.61, 1.18);   // "0.85 (0.61–1.18)"
 * formatCI(-1.2, -6.4, 4.0, 1);  // "−1.2 (−6.4 to 4.0)"
 */

/** `x` to `digits` decimals ("NA" when missing or not finite, "∞" for Infinity). */
export function fmt(x: number | null | undefined, digits = 1): string {
  if (x === Infinity) return "\u221e";
  if (x === null || x === undefined || !Number.isFinite(x)) return "NA";
  const s = x.toFixed(digits);
  return s.charAt(0) === "-" && Number(s) !== 0 ? "\u2212" + s.slice(1) : s.replace(/^-/, "");
}

/** "estimate (lower–upper)", or "estimate (lower to upper)" when a limit is negative (a dash would read as a minus). */
export function formatCI(estimate: number | null, lower: number | null, upper: number | null, digits = 2): string {
  const negative = (lower !== null && lower < 0) || (upper !== null && upper < 0);
  return `${fmt(estimate, digits)} (${fmt(lower, digits)}${negative ? " to " : "\u2013"}${fmt(upper, digits)})`;
}

/** "0.65", "0.012", "<0.001", ">0.99", "NA". */
export function formatP(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return "NA";
  if (p < 0.001) return "<0.001";
  if (p >= 0.995) return ">0.99";
  let text = p >= 0.1 ? p.toFixed(2) : p.toFixed(3);
  if (text === "0.100") text = "0.10";
  return text;
}

/** "P = 0.65" or "P < 0.001", for sentences. */
export function formatPSentence(p: number | null | undefined): string {
  const t = formatP(p);
  return t.charAt(0) === "<" || t.charAt(0) === ">" ? `P ${t.charAt(0)} ${t.slice(1)}` : `P = ${t}`;
}

/** A P value in scientific notation with two significant digits when tiny ("2.7e-15"), else formatP. */
export function formatPExact(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return "NA";
  return p < 0.001 ? p.toExponential(1) : formatP(p);
}
