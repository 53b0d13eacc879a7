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
import { InputError, isMissing, labelColumn, levelsOf, requireLength, requireSameLength } from "../core/index";
import type { ArrayLikeInput, MissingPolicy } from "../core/index";

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
    for (const [name, col] of [["rows", rows], ["columns", columns]] as Array<[string, ArrayLikeInput<unknown>]>) {
      if (missingLabel(col[i])) {
        if (policy === "error") throw new InputError(name, i, col[i], 'is missing (pass { missing: "drop" } to drop such rows)');
        dropped.add(i);
      }
    }
  }
  const r = labelColumn("rows", rows, dropped);
  const c = labelColumn("columns", columns, dropped);
  const rowLevels = checkLevels("rows", "rowLevels", r, rows, dropped, options.rowLevels);
  const columnLevels = checkLevels("columns", "columnLevels", c, columns, dropped, options.columnLevels);
  const rowIndex = new Map<string, number>();
  rowLevels.forEach((l, i) => rowIndex.set(l, i));
  const colIndex = new Map<string, number>();
  columnLevels.forEach((l, j) => colIndex.set(l, j));
  const counts = rowLevels.map(() => columnLevels.map(() => 0));
  for (let k = 0; k < r.length; k++) counts[rowIndex.get(r[k]) as number][colIndex.get(c[k]) as number]++;
  return { rowLevels, columnLevels, counts, n: r.length, dropped: dropped.size };
}

function checkLevels(
  name: string,
  optionName: string,
  labels: string[],
  original: ArrayLikeInput<unknown>,
  dropped: Set<number>,
  given: readonly string[] | undefined,
): string[] {
  if (given === undefined) return levelsOf(labels);
  const levels = given.map(String);
  const known = new Set(levels);
  if (known.size !== levels.length) throw new InputError(optionName, null, levels.join(", "), "repeats a level");
  let k = 0;
  for (let i = 0; i < original.length; i++) {
    if (dropped.has(i)) continue;
    if (!known.has(labels[k])) throw new InputError(name, i, labels[k], `is not one of ${optionName} (${levels.join(", ")})`);
    k++;
  }
  return levels;
}
