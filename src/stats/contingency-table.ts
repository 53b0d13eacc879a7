/**
 * Counts of each combination of two label columns, as R's `table(rows, columns)`
 * with factor levels: the input of chiSquareTest and fisherExactTest.
 *
 * Levels: `rowLevels` / `columnLevels` when given (every label must be one of
 * them; a level may have no observations, giving a row or column of zeros, as a
 * factor level does in R), otherwise the distinct labels in `levelsOf` order
 * (numbers by value, else text). Missing labels (null, undefined, NaN, "") throw
 * unless `missing: "drop"`, which drops the row and reports the count.
 *
 * @example
 * contingencyTable(["a", "b", "a"], ["x", "x", "y"]);
 * // { rowLevels: ["a", "b"], columnLevels: ["x", "y"], counts: [[1, 1], [1, 0]], n: 3, dropped: 0 }
 */
import { InputError, isMissing, factorColumn, requireLength, requireSameLength } from "../core/index";
import type { ArrayLikeInput, Factor, MissingPolicy } from "../core/index";

export interface ContingencyTableOptions {
  rowLevels?: readonly string[];
  columnLevels?: readonly string[];
  /** "error" (default) throws on a missing label; "drop" drops the row and reports the count. */
  missing?: MissingPolicy;
}

export interface ContingencyTable {
  rowLevels: string[];
  columnLevels: string[];
  /** counts[i][j]: rows with label rowLevels[i] and columnLevels[j]. */
  counts: number[][];
  /** Complete rows counted. */
  n: number;
  /** Rows dropped for a missing label. */
  dropped: number;
}

function missingLabel(v: unknown): boolean {
  return isMissing(v) || v === "";
}

/** Cross-tabulation of two label columns; see the file comment. */
export function contingencyTable(
  rows: ArrayLikeInput<unknown>,
  columns: ArrayLikeInput<unknown>,
  options: ContingencyTableOptions = {},
): ContingencyTable {
  requireLength("rows", rows);
  requireLength("columns", columns);
  requireSameLength({ rows, columns });
  const policy = options.missing === undefined ? "error" : options.missing;
  if (policy !== "error" && policy !== "drop") throw new InputError("missing", null, policy, 'must be "error" or "drop"');
  const dropped = new Set<number>();
  for (let i = 0; i < rows.length; i++) {
    // The first missing label of a row names its column (rows before columns).
    const name = missingLabel(rows[i]) ? "rows" : missingLabel(columns[i]) ? "columns" : null;
    if (name === null) continue;
    if (policy === "error") {
      const col = name === "rows" ? rows : columns;
      throw new InputError(name, i, col[i], 'is missing (pass { missing: "drop" } to drop such rows)');
    }
    dropped.add(i);
  }
  // Labels coded without a string per row (core's factorColumn).
  const r = factorColumn("rows", rows, dropped);
  const c = factorColumn("columns", columns, dropped);
  const rowLevels = checkLevels("rows", "rowLevels", r, rows, dropped, options.rowLevels);
  const columnLevels = checkLevels("columns", "columnLevels", c, columns, dropped, options.columnLevels);
  const counts = rowLevels.map(() => columnLevels.map(() => 0));
  for (let k = 0; k < r.codes.length; k++) counts[r.codes[k]][c.codes[k]]++;
  return { rowLevels, columnLevels, counts, n: r.codes.length, dropped: dropped.size };
}

/** The levels of one margin (given or the factor's own); recodes `factor.codes` into them in place. */
function checkLevels(
  name: string,
  optionName: string,
  factor: Factor,
  original: ArrayLikeInput<unknown>,
  dropped: Set<number>,
  given: readonly string[] | undefined,
): string[] {
  if (given === undefined) return factor.levels;
  const levels = given.map(String);
  const known = new Map<string, number>();
  levels.forEach((l, j) => known.set(l, j));
  if (known.size !== levels.length) throw new InputError(optionName, null, levels.join(", "), "repeats a level");
  const givenOf = factor.levels.map((l) => {
    const j = known.get(l);
    return j === undefined ? -1 : j;
  });
  const codes = factor.codes;
  const skip = dropped.size > 0;
  let k = 0;
  for (let i = 0; i < original.length; i++) {
    if (skip && dropped.has(i)) continue;
    const j = givenOf[codes[k]];
    if (j < 0) throw new InputError(name, i, factor.levels[codes[k]], `is not one of ${optionName} (${levels.join(", ")})`);
    codes[k++] = j;
  }
  return levels;
}
