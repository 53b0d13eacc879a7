/**
 * Number formatting for figure text and axes: P values, numbers and estimates with their
 * interval (journal style, re-exported from src/display/format-number.ts, the one
 * definition all notebooks use), and axis breaks at round steps (plots only).
 *
 * @example
 * formatPValue(0.6512);          // "P = 0.65"
 * formatPValue(0.00002);         // "P < 0.001"
 * formatEstimate(0.853, 0.61, 1.18); // "0.85 (0.61–1.18)"
 * niceStep(100, 10, [6, 12, 24]);    // 12
 */

export {
  /** "P = 0.65", "P = 0.012", "P < 0.001", "P > 0.99"; two significant digits (journal style). */
  formatPValue,
  /** A number to `digits` decimals, with a true minus sign. */
  formatNumber,
  /** "estimate (lower–upper)", " to " when a limit is negative. */
  formatEstimate,
} from "../display/format-number";

/**
 * The smallest round step that puts at most `maxTicks` intervals in [0, span]:
 * from `preferred` (e.g. 6, 12, 24 months) when one fits, else from 1, 2, 2.5, 5 × 10^k.
 */
export function niceStep(span: number, maxTicks = 8, preferred: readonly number[] = []): number {
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const candidates: number[] = [];
  const top = Math.ceil(Math.log10(span)) + 1;
  for (let k = top - 4; k <= top; k++) {
    for (const m of [1, 2, 2.5, 5]) candidates.push(m * Math.pow(10, k));
  }
  const pref = preferred.filter((s) => s > 0 && span / s <= maxTicks).sort((a, b) => a - b);
  if (pref.length > 0) return pref[0];
  candidates.sort((a, b) => a - b);
  for (const c of candidates) if (span / c <= maxTicks) return c;
  return candidates[candidates.length - 1];
}

/** Breaks 0, step, 2·step, … up to and including `max` (with a tolerance for rounding). */
export function breaksTo(max: number, step: number, from = 0): number[] {
  const out: number[] = [];
  const n = Math.floor((max - from) / step + 1e-9);
  for (let i = 0; i <= n; i++) out.push(roundTo(from + i * step));
  return out;
}

/** Removes binary noise such as 0.30000000000000004. */
export function roundTo(x: number, digits = 10): number {
  return Number(x.toFixed(digits));
}

/** Escapes the characters plotly's text renderer treats as markup. */
export function escapeText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Breaks of a log axis covering [min, max] (both > 0): 1, 1.5, 2, 3, 5, 7 × 10^k
 * within one decade, 1, 2, 5 × 10^k up to two, 1 and 3 × 10^k up to four, else
 * powers of 10. `decadesForSpacing` picks the spacing for another span than
 * [min, max] (to list the breaks around a range).
 */
export function logBreaks(min: number, max: number, decadesForSpacing?: number): number[] {
  if (!(min > 0) || !(max > 0) || !Number.isFinite(min) || !Number.isFinite(max)) return [];
  const lo = Math.floor(Math.log10(Math.min(min, max)));
  const hi = Math.ceil(Math.log10(Math.max(min, max)));
  const decades = decadesForSpacing === undefined ? Math.log10(max / min) : decadesForSpacing;
  const mantissas = decades <= 1 ? [1, 1.5, 2, 3, 5, 7] : decades <= 2 ? [1, 2, 5] : decades <= 4 ? [1, 3] : [1];
  const out: number[] = [];
  for (let k = lo; k <= hi; k++) {
    for (const m of mantissas) {
      const v = roundTo(m * Math.pow(10, k), 12);
      if (v >= min / 1.0001 && v <= max * 1.0001) out.push(v);
    }
  }
  // Always show at least the neighbours of the range when it is narrow.
  if (out.length < 2) {
    const below = Math.pow(10, lo);
    const above = Math.pow(10, hi);
    return Array.from(new Set([roundTo(below, 12), ...out, roundTo(above, 12)])).sort((a, b) => a - b);
  }
  return out;
}
