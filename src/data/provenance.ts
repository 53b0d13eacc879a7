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
 * (labelled as such, per data/README.md), or the user's folder given by DATA_DIR. Either
 * way the banner names the folder, and only the project's own data/ is called simulated.
 */
export function dataProvenance(dir: string = dataDir()): DataProvenance {
  const own = path.resolve(dir) === path.join(repoRoot(), "data");
  const banner = own
    ? "Simulated data, from the project's data/ folder. The study's patient-level records and raw measurements were never published: every file in data/ comes from a seeded generator calibrated to the published aggregates (assumptions in data/README.md)."
    : `Data from ${path.resolve(dir)} (DATA_DIR): your own data, not the project's simulated data.`;
  return { simulated: own, dir: path.resolve(dir), banner };
}
