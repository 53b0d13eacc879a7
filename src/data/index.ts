export type { ColumnSpec, RowRule, RowValues, TableSchema, Table } from "./schema";
export { MISSING_TOKENS } from "./schema";
export type { ValidationIssue } from "./issues";
export { DataValidationError, formatIssue, formatIssueList, WHOLE_ROW, WHOLE_HEADER, WHOLE_FILE, MESSAGE_ISSUE_LIMIT } from "./issues";
export { parseCsv } from "./csv";
export type { ParsedCsv } from "./csv";
export { parseNumber, isIsoDate, isoDateToDays, daysToIsoDate, checkCell, dateProblem, EARLIEST_YEAR } from "./values";
export { validateTable } from "./validate";
export { loadTable, dataDir } from "./load";
export { readDataFile, encodingIssue, firstInvalidUtf8 } from "./text-file";
export { toDataFrame } from "./dataframe";
export {
  cohortSchema,
  makeCohortSchema,
  loadCohort,
  cohortCutoff,
  COHORT_FILE,
  STUDY_DATA_CUTOFF,
  DAYS_PER_MONTH,
  ARMS,
  FAILURE_SITES,
  RESPONSES,
  OPTIONAL_COHORT_COLUMNS,
  PROGRESSION_COLUMNS,
} from "./clinical";
export type { Arm, FailureSite, Response, Cohort, CohortFields, CohortOptions } from "./clinical";
export { dataProvenance } from "./provenance";
export type { DataProvenance } from "./provenance";
export * from "./laboratory";
export { checkDataFolder, formatDataFolderCheck, DATA_FILES, DATA_FILE_KEYS } from "./check-folder";
export type { DataFileKey, DataFileCheck } from "./check-folder";
