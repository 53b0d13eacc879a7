export { InputError } from "./input-error";
export { ProjectError } from "./project-error";
export { repoRoot } from "./repo-root";
export { sortOrder } from "./sort-order";
export {
  isMissing,
  requireLength,
  requireSameLength,
  missingRows,
  finiteColumn,
  timeColumn,
  eventColumn,
  labelColumn,
  factorColumn,
  levelsOf,
  requireLevels,
} from "./validate";
export type { MissingPolicy, ArrayLikeInput, Factor } from "./validate";
