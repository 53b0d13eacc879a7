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

/** The columns an issue names (a cross-column rule names several: "failure_months, os_months"). */
function issueColumns(issue: ValidationIssue): string[] {
  return issue.column.split(", ");
}

/** The value of one of an issue's columns: its value, or its part `column=value` of a cross-column issue's. */
function columnValue(issue: ValidationIssue, column: string): string {
  if (issue.column === column) return issue.value;
  const part = issue.value.split("; ").find((p) => p.startsWith(`${column}=`));
  return part === undefined ? "" : part.slice(column.length + 1);
}

/**
 * Issues as the lines of a list ("- ..."), with the problems of one row that share a column
 * grouped: one value broken often breaks several cross-column rules of its row (an os_months
 * too short puts the failure, RT start and each progression after it), so the shared column and
 * its value come once, on the group's line, with each broken rule under it (its columns, values
 * and rule, in the order found). Within a row, the column shared by the most issues (two or more)
 * forms a group, then the next among the rest; other issues are listed one per line (formatIssue).
 *
 * @example
 * formatIssueList(issues);
 * // - row 3 (line 4), column "os_months", value "3.1": shared by 2 problems of this row (check it first):
 * //     - column "failure_months, os_months", value "failure_months=4.64; os_months=3.1": failure not after death ...
 * //     - column "rt_start_months, os_months", value "rt_start_months=4; os_months=3.1": RT starts before death ...
 */
export function formatIssueList(issues: readonly ValidationIssue[]): string[] {
  const groups = new Map<ValidationIssue, { column: string; members: ValidationIssue[] }>();
  const grouped = new Set<ValidationIssue>();
  const rows = new Map<number, ValidationIssue[]>();
  for (const issue of issues) if (issue.row !== null) rows.set(issue.row, [...(rows.get(issue.row) ?? []), issue]);
  for (const rowIssues of rows.values()) {
    let rest = rowIssues.slice();
    for (;;) {
      const counts = new Map<string, number>();
      for (const issue of rest) for (const c of new Set(issueColumns(issue))) counts.set(c, (counts.get(c) ?? 0) + 1);
      let best: string | null = null;
      for (const [c, n] of counts) if (n >= 2 && (best === null || n > (counts.get(best) ?? 0))) best = c;
      if (best === null) break;
      const column = best;
      const members = rest.filter((i) => issueColumns(i).indexOf(column) >= 0);
      groups.set(members[0], { column, members });
      for (const m of members) grouped.add(m);
      rest = rest.filter((i) => members.indexOf(i) < 0);
    }
  }
  const lines: string[] = [];
  for (const issue of issues) {
    const group = groups.get(issue);
    if (group) {
      const where = `row ${issue.row}${issue.line !== null ? ` (line ${issue.line})` : ""}`;
      lines.push(`- ${where}, column ${JSON.stringify(group.column)}, value ${JSON.stringify(shorten(columnValue(issue, group.column)))}: shared by ${group.members.length} problems of this row (check it first):`);
      for (const m of group.members) lines.push(`    - column ${JSON.stringify(m.column)}, value ${JSON.stringify(shorten(m.value))}: ${m.rule}`);
    } else if (!grouped.has(issue)) lines.push(`- ${formatIssue(issue)}`);
  }
  return lines;
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
    const shown = formatIssueList(issues.slice(0, MESSAGE_ISSUE_LIMIT)).map((line) => `  ${line}`);
    const more = issues.length > MESSAGE_ISSUE_LIMIT ? [`  ... and ${issues.length - MESSAGE_ISSUE_LIMIT} more (see error.issues)`] : [];
    const count = `${issues.length} problem${issues.length === 1 ? "" : "s"}`;
    super([`${file}: ${count} found; the data were not loaded. Fix the file and run again.`, ...shown, ...more, ...notes].join("\n"));
    this.name = "DataValidationError";
    this.file = file;
    this.issues = issues;
    this.notes = notes;
  }
}
