/**
 * Shared test inputs: the project's simulated laboratory files, the unbalanced "user"
 * data set written by test/fixtures/r/laboratory-analyses.R, and that script's R results.
 */
import * as fs from "fs";
import * as path from "path";
import { loadLaboratory } from "../../src/data/laboratory";
import { repoRoot } from "../helpers/reference";

export const USER_DATA_DIR = path.join(repoRoot, "test", "fixtures", "r", "laboratory-user-data");

export type LabData = ReturnType<typeof loadLaboratory>;

let shipped: LabData | null = null;
let user: LabData | null = null;

export function shippedData(): LabData {
  if (shipped === null) shipped = loadLaboratory(path.join(repoRoot, "data"));
  return shipped;
}

export function userData(): LabData {
  if (user === null) user = loadLaboratory(USER_DATA_DIR);
  return user;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type RCase = Record<string, any>;

let reference: { shipped: RCase; user: RCase } | null = null;

/** R's results (test/fixtures/r/laboratory-analyses.json) for the "shipped" and "user" data sets. */
export function rReference(): { shipped: RCase; user: RCase } {
  if (reference === null) reference = JSON.parse(fs.readFileSync(path.join(repoRoot, "test", "fixtures", "r", "laboratory-analyses.json"), "utf8"));
  return reference as { shipped: RCase; user: RCase };
}

export const CASES: { name: "shipped" | "user"; data: () => LabData }[] = [
  { name: "shipped", data: shippedData },
  { name: "user", data: userData },
];

/** The pre-specified harvest times used for each data set (the plan's on the shipped data; the user data have other times). */
export const PLAN_HOURS: Record<"shipped" | "user", { mrna: number; secretion: number }> = {
  shipped: { mrna: 6, secretion: 72 },
  user: { mrna: 4, secretion: 36 },
};
