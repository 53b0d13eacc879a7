/**
 * Pearson's chi-square test of independence of the rows and columns of an r x c
 * contingency table, as R 4.2.2's `chisq.test(x)` with a matrix `x` (or
 * `chisq.test(factor1, factor2)`).
 *
 *   E_ij = (row total_i)(column total_j) / n
 *   X^2  = sum_ij (|O_ij - E_ij| - c_ij)^2 / E_ij,   df = (r - 1)(c - 1)
 *
 * c_ij = 0, except for a 2 x 2 table with `correct` (default true, as R), where
 * Yates' continuity correction c_ij = min(0.5, |O_ij - E_ij|) is used. P is the
 * upper chi-square tail. Pearson residuals (O - E) / sqrt(E) and standardized
 * residuals (O - E) / sqrt(E (1 - r_i/n)(1 - c_j/n)) as R's `residuals` and
 * `stdres`. When an expected count is below 5 R warns that the approximation may
 * be incorrect; `warning` carries that text (then Fisher's exact test is the
 * usual choice for a 2 x 2 table: fisherExactTest).
 * Unlike R, a row or column with no observations throws (R returns NaN).
 *
 * @example
 * const r = chiSquareTest([[12, 5], [7, 9]]); // Yates-corrected for 2 x 2
 * r.statistic; // 1.456 (R: X-squared = 1.456)
 * r.pValue;    // 0.2276
 */
import { InputError } from "../core/index";
import { chiSquareUpper } from "../distributions/index";

export interface ChiSquareTestOptions {
  /** Yates' continuity correction for 2 x 2 tables (default true, as R's chisq.test). */
  correct?: boolean;
}

export interface ChiSquareTestResult {
  method: "Pearson's Chi-squared test" | "Pearson's Chi-squared test with Yates' continuity correction";
  statistic: number;
  df: number;
  pValue: number;
  /** The table as given (rows x columns). */
  observed: number[][];
  expected: number[][];
  /** Pearson residuals (O - E) / sqrt(E). */
  residuals: number[][];
  /** Standardized residuals (R's stdres). */
  stdres: number[][];
  /** Total count. */
  n: number;
  /** Smallest expected count. */
  minExpected: number;
  /** R's warning when an expected count is below 5, else null. */
  warning: string | null;
}

/** Checks a table of non-negative finite counts with at least 2 rows and 2 columns of equal length. */
export function readCountTable(name: string, table: ReadonlyArray<ArrayLike<unknown>>): number[][] {
  if (!table || typeof table.length !== "number") throw new InputError(name, null, table, "must be an array of rows");
  if (table.length < 2) throw new InputError(name, null, table.length, "needs at least 2 rows");
  const out: number[][] = [];
  for (let i = 0; i < table.length; i++) {
    const row = table[i];
    if (!row || typeof row.length !== "number") throw new InputError(name, i, row, "must be a row of counts");
    if (row.length < 2) throw new InputError(name, i, row.length, "needs at least 2 columns");
    if (row.length !== table[0].length) throw new InputError(name, i, row.length, `has ${row.length} columns but row 0 has ${table[0].length}`);
    const values: number[] = [];
    for (let j = 0; j < row.length; j++) {
      const v = row[j];
      if (typeof v !== "number" || !Number.isFinite(v) || v < 0) throw new InputError(name, i, v, `column ${j} must be a non-negative finite count`);
      values.push(v);
    }
    out.push(values);
  }
  return out;
}

/** Row and column totals; throws on an empty row or column. */
export function marginsOf(name: string, x: number[][]): { rows: number[]; cols: number[]; n: number } {
  const rows = x.map((r) => r.reduce((s, v) => s + v, 0));
  const cols = x[0].map((_, j) => x.reduce((s, r) => s + r[j], 0));
  rows.forEach((t, i) => {
    if (t === 0) throw new InputError(name, i, t, "row has no observations (total 0)");
  });
  cols.forEach((t, j) => {
    if (t === 0) throw new InputError(name, null, j, `column ${j} has no observations (total 0)`);
  });
  return { rows, cols, n: rows.reduce((s, v) => s + v, 0) };
}

/** chisq.test of a contingency table; see the file comment. */
export function chiSquareTest(table: ReadonlyArray<ArrayLike<unknown>>, options: ChiSquareTestOptions = {}): ChiSquareTestResult {
  const x = readCountTable("table", table);
  const { rows, cols, n } = marginsOf("table", x);
  const r = x.length;
  const c = x[0].length;
  const yates = options.correct !== false && r === 2 && c === 2;
  const expected = x.map((row, i) => row.map((_, j) => (rows[i] * cols[j]) / n));
  let statistic = 0;
  let minExpected = Infinity;
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      const e = expected[i][j];
      const diff = Math.abs(x[i][j] - e);
      const term = diff - (yates ? Math.min(0.5, diff) : 0);
      statistic += (term * term) / e;
      if (e < minExpected) minExpected = e;
    }
  }
  const df = (r - 1) * (c - 1);
  const residuals = x.map((row, i) => row.map((o, j) => (o - expected[i][j]) / Math.sqrt(expected[i][j])));
  const stdres = x.map((row, i) =>
    row.map((o, j) => (o - expected[i][j]) / Math.sqrt(expected[i][j] * (1 - rows[i] / n) * (1 - cols[j] / n))),
  );
  return {
    method: yates ? "Pearson's Chi-squared test with Yates' continuity correction" : "Pearson's Chi-squared test",
    statistic,
    df,
    pValue: chiSquareUpper(statistic, df),
    observed: x,
    expected,
    residuals,
    stdres,
    n,
    minExpected,
    warning: minExpected < 5 ? "Chi-squared approximation may be incorrect" : null,
  };
}
