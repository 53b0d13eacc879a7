/**
 * The study notebooks `npm run reproduce` runs, in reading order, and the data files each
 * reads (keys of src/data's DATA_FILES). Other .ipynb files in notebooks/ (Jupyter's "Make a
 * Copy", a user's scratch notebook) are not part of the study: reproduce leaves them alone
 * and says so in one line, and the notebook tests ignore them.
 *
 * To add a notebook to the study: put it in notebooks/ and add one entry here, in reading
 * order. `data` lists what it loads, so that reproduce can check those files before starting
 * any kernel, and skip the notebook when a user's data folder has none of them.
 */
import type { DataFileKey } from "../data/check-folder";

export interface StudyNotebook {
  /** File name in notebooks/ without ".ipynb". */
  name: string;
  /** The data files it reads; [] for a notebook that reads none or only reports what it can. */
  data: readonly DataFileKey[];
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
  { name: "07-bias-and-confounding", data: ["cohort"] },
];

/** The manifest entry of a notebook name (with or without ".ipynb" or a folder), or undefined. */
export function studyNotebook(name: string): StudyNotebook | undefined {
  const base = name.replace(/^.*[\\/]/, "").replace(/\.ipynb$/, "");
  return STUDY_NOTEBOOKS.find((n) => n.name === base);
}
