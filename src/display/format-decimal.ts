/**
 * A number to fixed decimals, rounded as it is written in decimal: the shortest decimal that
 * reads back as the same double (what `String(x)` and a JSON file show), rounded half away from
 * zero. For values that are exact decimals, such as a rejection rate 121 / 2000 = 0.0605 read
 * from a simulation file, it gives what rounding by hand gives ("0.061"), where formatNumber
 * (toFixed, like R's sprintf and round) rounds the binary double just below 0.0605 down
 * ("0.060"). Elsewhere the two agree: the rule differs only for a decimal tie that the double
 * cannot hold exactly. True minus sign, "∞", "NA" as formatNumber.
 *
 * @example
 * formatDecimal(0.0605, 3);  // "0.061" (formatNumber: "0.060")
 * formatDecimal(0.0535, 3);  // "0.054"
 * formatDecimal(-0.0605, 3); // "−0.061"
 * formatDecimal(0.8125, 3);  // "0.813"
 */
import { formatNumber, isMissingNumber } from "./format-number";

/** `digits` (0–20) decimals of the shortest decimal form of `x`, half away from zero; see the file comment. */
export function formatDecimal(x: number | null | undefined, digits: number): string {
  if (!Number.isInteger(digits) || digits < 0 || digits > 20) throw new RangeError(`formatDecimal: digits must be a whole number from 0 to 20, got ${digits}`);
  if (isMissingNumber(x) || !Number.isFinite(x)) return formatNumber(x, digits);
  const written = Math.abs(x).toString();
  // Exponent form (below 1e-6 or from 1e21): no decimal tie at these digits that toFixed would miss in practice; leave it to formatNumber.
  if (/e/i.test(written)) return formatNumber(x, digits);
  const [whole, fraction = ""] = written.split(".");
  if (fraction.length <= digits) return formatNumber(x, digits);
  // Digits kept (whole part and `digits` decimals) as a decimal string; add one in the last place when the next digit is 5 or more.
  const kept = (whole + fraction.slice(0, digits)).split("").map(Number);
  if (Number(fraction.charAt(digits)) >= 5) {
    let k = kept.length - 1;
    while (k >= 0 && kept[k] === 9) kept[k--] = 0;
    if (k < 0) kept.unshift(1);
    else kept[k]++;
  }
  const text = kept.join("");
  const wholeDigits = text.length - digits;
  const magnitude = digits === 0 ? text : `${text.slice(0, wholeDigits)}.${text.slice(wholeDigits)}`;
  const zero = /^[0.]*$/.test(magnitude);
  return x < 0 && !zero ? `\u2212${magnitude}` : magnitude;
}
