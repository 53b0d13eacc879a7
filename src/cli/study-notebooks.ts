/**
 * The study notebooks `npm run reproduce` runs, in reading order, and the data files each
 * reads (keys of src/data's DATA_FILES). Other .ipynb files in notebooks/ (Jupyter's "Make a
 * Copy", a user's scratch notebook) are not part of the study: reproduce leaves them alone
 * and says so in one line, and the notebook tests ignore them.
 *
 * To add a notebook to the study: put it in notebooks/ and add one entry here, in reading
 * order. `data` lists what it loads, so that reproduce can check those files before starting
 * any kernel, and skip the notebook when a user's data folder has none of them.
 *
 * Order of execution: reproduce runs up to two notebooks at a time (each in its own kernel),
 * so a notebook may start before the ones above it have finished. That is safe because no
 * study notebook reads what another writes: each loads data/ and computes what it shows
 * (06 judges the claims itself with evaluateClaims on the data folder; it does not read the
 * other notebooks' outputs). A notebook that does need another's results first says so in
 * `after`; reproduce then starts it only when those have finished. The report lists the
 * notebooks in the order of this list, whatever order they finished in.
 */
import type { DataFileKey } from "../data/check-folder";

export interface StudyNotebook {
  /** File name in notebooks/ without ".ipynb". */
  name: string;
  /** The data files it reads; [] for a notebook that reads none or only reports what it can. */
  data: readonly DataFileKey[];
  /** Notebooks (names in this list) that must have finished before this one starts; none by default. */
  after?: readonly string[];
}

export const STUDY_NOTEBOOKS: readonly StudyNotebook[] = [
  { name: "00-environment", data: ["cohort"] },
  { name: "01-clinical-cohort", data: ["cohort"] },
  { name: "02-overall-survival", data: ["cohort"] },
  { name: "03-failure-patterns", data: ["cohort"] },
  { name: "04-vegf-in-vitro", data: ["vegfMrna", "vegfSecretion"] },
  { name: "05-in-vivo-angiogenesis", data: ["tumorGrowth", "endpoint"] },
  // The claims ledger: it judges every claim it has the data for and marks the others "not evaluated".
  { name: "06-reproduction-summary", data: [] },
  // Bias and confounding in the clinical comparison (issue 12).
  { name: "07-bias-and-confounding", data: ["cohort"] },
  // The trial design the study calls for (issue 15): inputs from the cohort's TACE+RT arm.
  { name: "08-trial-design", data: ["cohort"] },
];

/** The manifest entry of a notebook name (with or without ".ipynb" or a folder), or undefined. */
export function studyNotebook(name: string): StudyNotebook | undefined {
  const base = name.replace(/^.*[\\/]/, "").replace(/\.ipynb$/, "");
  return STUDY_NOTEBOOKS.find((n) => n.name === base);
}
