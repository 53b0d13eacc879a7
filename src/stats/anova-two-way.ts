import { InputError, requireLength, requireSameLength, missingRows, finiteColumn, factorColumn } from "../core/index";
import type { ArrayLikeInput, MissingPolicy } from "../core/index";
import { fUpper } from "../distributions/index";
import { isConstant, keptRows, meanOf, requireMissingPolicy, resolveLevels, sumSqDev } from "./input";
import { qrLeastSquares } from "./qr";

export interface AnovaTwoWayOptions {
  missing?: MissingPolicy;
  /** Level order of factor a (R's factor(levels = )); affects only which column is dropped when cells are empty. */
  levelsA?: readonly (string | number)[];
  levelsB?: readonly (string | number)[];
  /** Names used for the terms, default ["a", "b"] giving "a", "b", "a:b". */
  names?: readonly [string, string];
}

export interface AnovaTerm {
  name: string;
  /** Degrees of freedom after removing aliased columns; 0 when the whole term is aliased. */
  df: number;
  sumSq: number;
  /** null (with f and pValue) when df is 0: R leaves such a term out of its table. */
  meanSq: number | null;
  f: number | null;
  pValue: number | null;
}

export interface AnovaTwoWayResult {
  method: "Two-way ANOVA with interaction, sequential (type I) sums of squares";
  /** a, then b adjusted for a, then a:b adjusted for both: the rows of anova(lm(y ~ a * b)). */
  terms: AnovaTerm[];
  residual: { df: number; sumSq: number; meanSq: number };
  levelsA: string[];
  levelsB: string[];
  /** Observations per cell, cellCounts[i][j] for level i of a and j of b. */
  cellCounts: number[][];
  /** Cell means (null for an empty cell). */
  cellMeans: (number | null)[][];
  nTotal: number;
  dropped: number;
}

/**
 * Two-way ANOVA with interaction, matching R's `anova(lm(y ~ a * b))` with the
 * default treatment contrasts, balanced or not.
 *
 * The model is fitted by Householder QR (see qr.ts): columns intercept, a (levels 2..),
 * b (levels 2..), a:b (products, a varying fastest, as R's model.matrix). Sequential sums
 * of squares are the squared QR effects of each term's columns, so order matters for
 * unbalanced data: SS(a), SS(b | a), SS(a:b | a, b); swap a and b to get the other order.
 * Columns that are linear combinations of earlier ones (empty cells) are dropped as R
 * does, reducing the term's df. The design is constant within cells, so the QR runs on
 * one row per non-empty cell weighted by √n_cell (same projections, O(cells) memory);
 * the residual sum of squares is the pooled within-cell sum of squares.
 * F = MS_term / MS_residual, p = P(F_{df, df_res} > F).
 *
 * Throws if y is constant or there are no replicates (no residual degrees of freedom).
 *
 * @example
 * anovaTwoWay(vegf, cellLine, dose, { names: ["cellLine", "dose"] }).terms
 */
export function anovaTwoWay(
  y: ArrayLikeInput<unknown>,
  a: ArrayLikeInput<unknown>,
  b: ArrayLikeInput<unknown>,
  options: AnovaTwoWayOptions = {},
): AnovaTwoWayResult {
  requireLength("y", y);
  requireLength("a", a);
  requireLength("b", b);
  requireSameLength({ y, a, b });
  const dropSet = missingRows({ y, a, b }, requireMissingPolicy(options.missing));
  const values = finiteColumn("y", y, dropSet);
  const fa = factorColumn("a", a, dropSet);
  const fb = factorColumn("b", b, dropSet);
  if (values.length === 0) throw new InputError("y", null, y.length, "has no complete rows once missing values are dropped");
  const rows = keptRows(y.length, dropSet);
  const { levels: levelsA, codes: ia } = resolveLevels("a", "levelsA", fa, rows, options.levelsA);
  const { levels: levelsB, codes: ib } = resolveLevels("b", "levelsB", fb, rows, options.levelsB);
  const [nameA, nameB] = options.names === undefined ? ["a", "b"] : options.names;
  const ka = levelsA.length;
  const kb = levelsB.length;
  const n = values.length;
  if (isConstant(values)) throw new InputError("y", null, values[0], "is constant: the F statistics are undefined (0/0)");

  // Cell summaries: counts, then the values grouped by cell, then means and within-cell sums of squares.
  const nCells = ka * kb;
  const counts = new Int32Array(nCells);
  for (let i = 0; i < n; i++) counts[ia[i] + ka * ib[i]]++;
  const start = new Int32Array(nCells + 1);
  for (let c = 0; c < nCells; c++) start[c + 1] = start[c] + counts[c];
  const sorted = new Float64Array(n);
  const fill = start.slice(0, nCells);
  for (let i = 0; i < n; i++) sorted[fill[ia[i] + ka * ib[i]]++] = values[i];
  const cellMean = new Float64Array(nCells);
  let ssWithin = 0;
  let nonEmpty = 0;
  for (let c = 0; c < nCells; c++) {
    if (counts[c] === 0) continue;
    nonEmpty++;
    const cell = sorted.subarray(start[c], start[c + 1]);
    cellMean[c] = meanOf(cell);
    ssWithin += sumSqDev(cell);
  }

  // Weighted cell-level design (one row per non-empty cell), column-major.
  const p = ka * kb;
  const x = new Float64Array(nonEmpty * p);
  const z = new Float64Array(nonEmpty);
  const termOf = new Int32Array(p); // 0 intercept, 1 a, 2 b, 3 a:b
  for (let j = 1; j < ka; j++) termOf[j] = 1;
  for (let j = 0; j < kb - 1; j++) termOf[ka + j] = 2;
  for (let j = ka + kb - 1; j < p; j++) termOf[j] = 3;
  let r = 0;
  for (let c = 0; c < nCells; c++) {
    if (counts[c] === 0) continue;
    const w = Math.sqrt(counts[c]);
    const i = c % ka;
    const jb = (c - i) / ka;
    x[r] = w;
    if (i > 0) x[i * nonEmpty + r] = w;
    if (jb > 0) x[(ka - 1 + jb) * nonEmpty + r] = w;
    if (i > 0 && jb > 0) x[(ka + kb - 1 + (i - 1) + (ka - 1) * (jb - 1)) * nonEmpty + r] = w;
    z[r] = w * cellMean[c];
    r++;
  }
  const fit = qrLeastSquares(x, nonEmpty, p, z);
  const df = [0, 0, 0, 0];
  const ss = [0, 0, 0, 0];
  for (let q = 0; q < fit.rank; q++) {
    const t = termOf[fit.accepted[q]];
    df[t]++;
    ss[t] += fit.effects[q] * fit.effects[q];
  }
  // Any leftover between-cell residual (zero for this saturated model up to rounding).
  for (let q = fit.rank; q < nonEmpty; q++) ssWithin += fit.effects[q] * fit.effects[q];
  const dfResidual = n - fit.rank;
  if (dfResidual < 1) throw new InputError("y", null, n, "has one observation per cell: no residual degrees of freedom for the F tests");
  const msResidual = ssWithin / dfResidual;
  const names = [nameA, nameB, `${nameA}:${nameB}`];
  const terms: AnovaTerm[] = names.map((name, t) => {
    const d = df[t + 1];
    if (d === 0) return { name, df: 0, sumSq: 0, meanSq: null, f: null, pValue: null };
    const meanSq = ss[t + 1] / d;
    const f = msResidual === 0 ? Infinity : meanSq / msResidual;
    return { name, df: d, sumSq: ss[t + 1], meanSq, f, pValue: f === Infinity ? 0 : fUpper(f, d, dfResidual) };
  });
  const cellCounts: number[][] = [];
  const cellMeans: (number | null)[][] = [];
  for (let i = 0; i < ka; i++) {
    cellCounts.push([]);
    cellMeans.push([]);
    for (let j = 0; j < kb; j++) {
      const c = i + ka * j;
      cellCounts[i].push(counts[c]);
      cellMeans[i].push(counts[c] > 0 ? cellMean[c] : null);
    }
  }
  return {
    method: "Two-way ANOVA with interaction, sequential (type I) sums of squares",
    terms,
    residual: { df: dfResidual, sumSq: ssWithin, meanSq: msResidual },
    levelsA,
    levelsB,
    cellCounts,
    cellMeans,
    nTotal: n,
    dropped: dropSet.size,
  };
}
