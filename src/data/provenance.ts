import * as path from "path";
import { repoRoot } from "../core/repo-root";
import { dataDir } from "./load";

export interface DataProvenance {
  /** True when the data folder is the project's own data/ (simulated). */
  simulated: boolean;
  dir: string;
  /** One line for the banner at the top of a notebook. */
  banner: string;
}

/**
 * Where the notebook's data come from, for its banner: the project's simulated data
 * (labelled as such, per data/README.md), or the user's folder given by DATA_DIR.
 */
export function dataProvenance(dir: string = dataDir()): DataProvenance {
  const own = path.resolve(dir) === path.join(repoRoot(), "data");
  const banner = own
    ? "Simulated data. The study's patient-level records and raw measurements were never published: every data file here comes from a seeded generator calibrated to the published aggregates (assumptions in data/README.md)."
    : `Data from ${path.resolve(dir)} (DATA_DIR), not the project's simulated data.`;
  return { simulated: own, dir: path.resolve(dir), banner };
}
