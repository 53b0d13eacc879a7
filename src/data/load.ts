import * as fs from "fs";
import * as path from "path";
import { DataValidationError, WHOLE_FILE } from "./issues";
import { Table, TableSchema } from "./schema";
import { validateTable } from "./validate";
import { repoRoot } from "../core/repo-root";

/**
 * Reads a CSV file and validates it against `schema`. Returns the typed table, or
 * throws a DataValidationError listing every issue (an unreadable file is one issue).
 * The file is only read, never modified.
 *
 * @example
 * const table = loadTable(path.join(dataDir(), "clinical", "cohort.csv"), cohortSchema);
 */
export function loadTable(file: string, schema: TableSchema): Table {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === "ENOENT" ? "file not found" : `cannot read the file (${(e as Error).message})`;
    const hint = process.env.DATA_DIR ? ` (DATA_DIR=${process.env.DATA_DIR})` : " (set DATA_DIR to use another data folder)";
    throw new DataValidationError(file, [{ row: null, line: null, column: WHOLE_FILE, value: file, rule: reason + hint }]);
  }
  const { table, issues } = validateTable(text, schema, file);
  if (issues.length > 0) throw new DataValidationError(file, issues);
  return table;
}

/**
 * The data folder: the DATA_DIR environment variable (resolved against the
 * current directory) when set, otherwise `data/` in the repository root.
 *
 * @example
 * // DATA_DIR=/home/me/my-cohort npm run notebook  -> "/home/me/my-cohort"
 * dataDir();
 */
export function dataDir(): string {
  const fromEnv = process.env.DATA_DIR;
  if (fromEnv !== undefined && fromEnv.trim() !== "") return path.resolve(process.cwd(), fromEnv);
  return path.join(repoRoot(), "data");
}
