import * as path from "path";
import { DataValidationError } from "./issues";
import { readDataFile } from "./text-file";
import { Table, TableSchema } from "./schema";
import { validateTable } from "./validate";
import { repoRoot } from "../core/repo-root";

/**
 * Reads a CSV file and validates it against `schema`. Returns the typed table, or
 * throws a DataValidationError listing every issue (an unreadable file, or one that is
 * not UTF-8 text, is one issue: see text-file.ts).
 * The file is only read, never modified.
 *
 * @example
 * const table = loadTable(path.join(dataDir(), "clinical", "cohort.csv"), cohortSchema);
 */
export function loadTable(file: string, schema: TableSchema): Table {
  const text = readDataFile(file);
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
