export { InputError, confLevelError } from "./input-error";
export { covariateColumns } from "./covariates";
export type { Covariates, CovariateColumnsOptions } from "./covariates";
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
export { weightsColumn, allWholeNumbers } from "./case-weights";
