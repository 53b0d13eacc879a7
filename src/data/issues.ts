import { ProjectError } from "../core/project-error";

/**
 * One broken rule in a data file. `row` is the 1-based data row (the first row
 * after the header is row 1) or null for a problem with the header or the whole
 * file; `line` is the line of the file where that row starts (the header is
 * line 1), which differs from row + 1 when quoted cells span lines.
 */
export interface ValidationIssue {
  row: number | null;
  line: number | null;
  column: string;
  value: string;
  rule: string;
}

/** Column label of issues that concern a whole row (e.g. a wrong number of fields). */
export const WHOLE_ROW = "(row)";
/** Column label of issues that concern the header line as a whole (e.g. bad quoting in it). */
export const WHOLE_HEADER = "(header)";
/** Column label of issues that concern the whole file (e.g. unreadable or empty). */
export const WHOLE_FILE = "(file)";

/** How many issues an error message lists before summarising the rest as a count. */
export const MESSAGE_ISSUE_LIMIT = 50;

/** One issue as a line of text: where, which column, what value, which rule. */
export function formatIssue(issue: ValidationIssue): string {
  const where =
    issue.row !== null
      ? `row ${issue.row}${issue.line !== null ? ` (line ${issue.line})` : ""}`
      : issue.line !== null
        ? issue.column === WHOLE_FILE
          ? `line ${issue.line}`
          : `header (line ${issue.line})`
        : "file";
  return `${where}, column ${JSON.stringify(issue.column)}, value ${JSON.stringify(shorten(issue.value))}: ${issue.rule}`;
}

function shorten(value: string): string {
  return value.length > 80 ? `${value.slice(0, 77)}...` : value;
}

/**
 * Thrown when a data file breaks its schema. `issues` holds every problem found;
 * the message lists them (the first MESSAGE_ISSUE_LIMIT, then a count of the rest)
 * so a notebook stops with the whole list rather than analysing bad data.
 */
export class DataValidationError extends ProjectError {
  readonly file: string;
  readonly issues: ValidationIssue[];
  /** Advice printed once after the list (e.g. how to set another data cut-off). */
  readonly notes: string[];

  constructor(file: string, issues: ValidationIssue[], notes: string[] = []) {
    const shown = issues.slice(0, MESSAGE_ISSUE_LIMIT).map((i) => `  - ${formatIssue(i)}`);
    const more = issues.length > MESSAGE_ISSUE_LIMIT ? [`  ... and ${issues.length - MESSAGE_ISSUE_LIMIT} more (see error.issues)`] : [];
    const count = `${issues.length} problem${issues.length === 1 ? "" : "s"}`;
    super([`${file}: ${count} found; the data were not loaded. Fix the file and run again.`, ...shown, ...more, ...notes].join("\n"));
    this.name = "DataValidationError";
    this.file = file;
    this.issues = issues;
    this.notes = notes;
  }
}
