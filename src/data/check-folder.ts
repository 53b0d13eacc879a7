import * as fs from "fs";
import * as path from "path";
import { COHORT_FILE, loadCohort } from "./clinical";
import type { CohortOptions } from "./clinical";
import { DataValidationError, formatIssueList, ValidationIssue, WHOLE_FILE } from "./issues";
import { checkXenograftMice, LABORATORY_FILES, loadEndpoint, loadTumorGrowth, loadVegfMrna, loadVegfSecretion } from "./laboratory";
import type { Endpoint, TumorGrowth } from "./laboratory";

/**
 * Every data file of a data folder checked at once, before anything is analysed: what
 * `npm run reproduce` does before it starts a kernel, so that a bad file is reported in
 * seconds, once, as one list (file, row, line, column, value, rule), instead of by each
 * notebook that reads it.
 *
 * Each file is checked by its own loader (the rules the notebooks apply), plus the
 * cross-file check of the xenograft files (every end-point mouse in the growth file,
 * same group) when both load.
 *
 * @example
 * const checks = checkDataFolder("my-data", ["cohort"], { cutoff: "2012-12-31" });
 * if (checks.some((c) => c.issues.length > 0)) console.error(formatDataFolderCheck("my-data", checks));
 */

/** The data files of the study, by key, as paths relative to a data folder. */
export const DATA_FILES = {
  cohort: COHORT_FILE,
  ...LABORATORY_FILES,
} as const;

export type DataFileKey = keyof typeof DATA_FILES;

export const DATA_FILE_KEYS: readonly DataFileKey[] = Object.keys(DATA_FILES) as DataFileKey[];

/** The outcome for one file. */
export interface DataFileCheck {
  key: DataFileKey;
  /** Path relative to the data folder, e.g. "clinical/cohort.csv". */
  file: string;
  /** Absolute path. */
  path: string;
  /** False when the file is not there (then `issues` holds "file not found"). */
  exists: boolean;
  /** Data rows, when the file loaded. */
  rows: number | null;
  issues: ValidationIssue[];
  /** Advice printed once after the file's issues (e.g. how to set another data cut-off). */
  notes: string[];
}

/** Checks the files `keys` (default: all) of the data folder `dir`. Never throws for bad data. */
export function checkDataFolder(dir: string, keys: readonly DataFileKey[] = DATA_FILE_KEYS, options: CohortOptions = {}): DataFileCheck[] {
  const wanted = DATA_FILE_KEYS.filter((k) => keys.indexOf(k) >= 0);
  const loaded: Partial<Record<DataFileKey, unknown>> = {};
  const checks = wanted.map((key): DataFileCheck => {
    const file = DATA_FILES[key];
    const full = path.join(dir, file);
    const check: DataFileCheck = { key, file, path: full, exists: fs.existsSync(full), rows: null, issues: [], notes: [] };
    try {
      const table = LOADERS[key](dir, options);
      loaded[key] = table;
      check.rows = table.nRows;
    } catch (error) {
      if (!(error instanceof DataValidationError)) {
        check.issues = [{ row: null, line: null, column: WHOLE_FILE, value: "", rule: error instanceof Error ? error.message : String(error) }];
      } else {
        check.issues = error.issues;
        check.notes = error.notes;
      }
    }
    return check;
  });
  if (loaded.tumorGrowth !== undefined && loaded.endpoint !== undefined) {
    const cross = checkXenograftMice(loaded.tumorGrowth as TumorGrowth, loaded.endpoint as Endpoint);
    const endpoint = checks.find((c) => c.key === "endpoint") as DataFileCheck;
    endpoint.issues = endpoint.issues.concat(cross);
    if (cross.length > 0) endpoint.rows = null;
  }
  return checks;
}

const LOADERS: Record<DataFileKey, (dir: string, options: CohortOptions) => { nRows: number }> = {
  cohort: (dir, options) => loadCohort(dir, options),
  vegfMrna: (dir) => loadVegfMrna(dir),
  vegfSecretion: (dir) => loadVegfSecretion(dir),
  tumorGrowth: (dir) => loadTumorGrowth(dir),
  endpoint: (dir) => loadEndpoint(dir),
};

/**
 * The checks as one list for a terminal: a line per file with problems, its issues
 * indented under it (at most `limit` per file, then a count), its notes after them.
 */
export function formatDataFolderCheck(dir: string, checks: readonly DataFileCheck[], limit = 50): string {
  const bad = checks.filter((c) => c.issues.length > 0);
  const total = bad.reduce((s, c) => s + c.issues.length, 0);
  const lines = [`${total} problem${total === 1 ? "" : "s"} in ${bad.length} of ${checks.length} data file${checks.length === 1 ? "" : "s"} in ${dir}:`];
  for (const c of bad) {
    lines.push(`  ${c.file}: ${c.issues.length} problem${c.issues.length === 1 ? "" : "s"}`);
    for (const line of formatIssueList(c.issues.slice(0, limit))) lines.push(`    ${line}`);
    if (c.issues.length > limit) lines.push(`    ... and ${c.issues.length - limit} more`);
    for (const note of c.notes) lines.push(`    ${note}`);
  }
  return lines.join("\n");
}
