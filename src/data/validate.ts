import { byPosition, parseCsv } from "./csv";
import { ValidationIssue, WHOLE_HEADER } from "./issues";
import { ColumnSpec, RowValues, Table, TableSchema } from "./schema";
import { checkCell } from "./values";

/**
 * Checks CSV text against a schema and returns the typed table together with
 * every issue found (an empty list means the table can be trusted).
 *
 * Order of checks: file structure (quoting, field counts), header (required
 * columns present, no duplicate or, when extra columns are not allowed, unknown
 * names; optional columns may be absent), each cell against its column spec, unique
 * columns, then the row rules (only on rows whose rule columns all passed and are not
 * missing, bar the rule's `mayBeMissing` columns). Nothing stops
 * at the first problem. Rows with a broken structure keep their row number but
 * their cells are not checked, since they cannot be matched to the header.
 *
 * When there are issues the returned table still has one entry per data row, with
 * NaN for numbers (and the raw text for other types) where a cell was invalid; it is
 * meant for inspection, not analysis.
 *
 * @example
 * const { table, issues } = validateTable("id,time\na,1\nb,-2\n", schema, "x.csv");
 * // issues: [{ row: 2, line: 3, column: "time", value: "-2", rule: "must be >= 0" }]
 */
export function validateTable(text: string, schema: TableSchema, file = "<text>"): { table: Table; issues: ValidationIssue[] } {
  const parsed = parseCsv(text, file);
  const issues: ValidationIssue[] = parsed.issues.slice();
  const { header, rows, lines, malformedRows } = parsed;
  const headerLine = 1;

  // Header.
  const position = new Map<string, number>();
  header.forEach((name, j) => {
    if (position.has(name)) {
      issues.push({ row: null, line: headerLine, column: name, value: name, rule: `duplicate column name (columns ${position.get(name)! + 1} and ${j + 1})` });
    } else {
      position.set(name, j);
    }
  });
  const specNames = new Set(schema.columns.map((c) => c.name));
  const delimiter = otherDelimiter(header, schema);
  if (delimiter !== null) {
    // One clear issue instead of every column "missing" and every row "too many fields" (decimal commas).
    const hint: ValidationIssue = {
      row: null,
      line: headerLine,
      column: WHOLE_HEADER,
      value: header.join(","),
      rule: `the header looks ${delimiter.name}-separated: this project reads comma-separated files (in Excel: Save As "CSV UTF-8 (Comma delimited)"; in R: write.csv)`,
    };
    return { table: { file, schema: schema.name, nRows: rows.length, columns: {} }, issues: [hint] };
  }
  if (header.length > 0) {
    for (const spec of schema.columns) {
      if (position.has(spec.name) || spec.optional === true) continue;
      const near = header.find((h) => h.trim().toLowerCase() === spec.name.toLowerCase());
      const hint = near !== undefined ? ` (found ${JSON.stringify(near)}: names are exact, case- and space-sensitive)` : "";
      issues.push({ row: null, line: headerLine, column: spec.name, value: "", rule: `required column is missing${hint}` });
    }
    header.forEach((name, j) => {
      if (specNames.has(name)) return;
      if (name.trim() === "") {
        issues.push({ row: null, line: headerLine, column: `(column ${j + 1})`, value: name, rule: "column name is empty" });
      } else if (schema.allowExtraColumns === false) {
        issues.push({ row: null, line: headerLine, column: name, value: name, rule: `unexpected column (schema ${schema.name} allows only its own columns)` });
      }
    });
  }

  // Cells.
  const present = schema.columns.filter((c) => position.has(c.name));
  const extras = header.filter((name, j) => !specNames.has(name) && position.get(name) === j);
  const columns: Record<string, Array<string | number>> = {};
  for (const spec of present) columns[spec.name] = new Array(rows.length);
  for (const name of extras) columns[name] = new Array(rows.length);
  // passed[c][r]: cell r of column c is valid and not missing (1), valid and missing (2), or neither (0)
  const passed: Record<string, Uint8Array> = {};
  for (const spec of present) passed[spec.name] = new Uint8Array(rows.length);

  for (let r = 0; r < rows.length; r++) {
    const cells = rows[r];
    const broken = malformedRows.has(r + 1);
    for (const spec of present) {
      const text = cells[position.get(spec.name)!];
      if (broken || text === undefined) {
        columns[spec.name][r] = spec.type === "number" ? NaN : text === undefined ? "" : text;
        continue;
      }
      const result = checkCell(text, spec);
      if (result.ok) {
        columns[spec.name][r] = result.value;
        passed[spec.name][r] = result.missing ? 2 : 1;
      } else {
        columns[spec.name][r] = spec.type === "number" ? NaN : text;
        issues.push({ row: r + 1, line: lines[r], column: spec.name, value: text, rule: (result as Extract<typeof result, { ok: false }>).rule });
      }
    }
    for (const name of extras) {
      const text = cells[position.get(name)!];
      columns[name][r] = text === undefined ? "" : text;
    }
  }

  // Unique columns: every repeat of an earlier value is an issue naming the first row.
  for (const spec of present) {
    if (spec.type !== "string" || !spec.unique) continue;
    const first = new Map<string, number>();
    for (let r = 0; r < rows.length; r++) {
      if (passed[spec.name][r] !== 1) continue;
      const v = columns[spec.name][r] as string;
      const seen = first.get(v);
      if (seen === undefined) first.set(v, r + 1);
      else issues.push({ row: r + 1, line: lines[r], column: spec.name, value: v, rule: `duplicate value: must be unique (first seen in row ${seen})` });
    }
  }

  // Labels that differ only in letter case or Unicode form: one issue per variant spelling, at its first row.
  for (const spec of present) {
    if (spec.type !== "string" || !spec.label) continue;
    const firstSpelling = new Map<string, { value: string; row: number }>();
    const variants = new Map<string, { row: number; count: number; of: { value: string; row: number } }>();
    for (let r = 0; r < rows.length; r++) {
      if (!passed[spec.name][r]) continue;
      const v = columns[spec.name][r] as string;
      const key = v.normalize("NFC").toLowerCase();
      const first = firstSpelling.get(key);
      if (first === undefined) firstSpelling.set(key, { value: v, row: r + 1 });
      else if (first.value !== v) {
        const seen = variants.get(v);
        if (seen === undefined) variants.set(v, { row: r + 1, count: 1, of: first });
        else seen.count++;
      }
    }
    for (const [v, x] of variants) {
      const how = v.normalize("NFC") === x.of.value.normalize("NFC") ? "only in its Unicode form (accents written differently)" : "only in letter case";
      issues.push({
        row: x.row,
        line: lines[x.row - 1],
        column: spec.name,
        value: v,
        rule: `differs from ${JSON.stringify(x.of.value)} (row ${x.of.row}) ${how}: labels are compared exactly, so these would be two different ${spec.name} values; use one spelling${x.count > 1 ? ` (${x.count} rows use this one)` : ""}`,
      });
    }
  }

  // Row rules (a rule whose column is missing from the header is skipped: already reported, or optional).
  const rules = (schema.rules ?? []).filter((rule) => rule.columns.every((c) => passed[c] !== undefined));
  const ready = (rule: (typeof rules)[number], r: number): boolean =>
    rule.columns.every((c) => passed[c][r] === 1 || (passed[c][r] === 2 && rule.mayBeMissing !== undefined && rule.mayBeMissing.indexOf(c) >= 0));
  const names = Object.keys(columns);
  for (let r = 0; r < rows.length && rules.length > 0; r++) {
    let row: RowValues | null = null; // built once per row, only when a rule can run
    for (const rule of rules) {
      if (!ready(rule, r)) continue;
      if (row === null) {
        row = {};
        for (const name of names) row[name] = columns[name][r];
      }
      let message: string | null;
      try {
        message = rule.check(row);
      } catch (e) {
        message = `rule could not be checked: ${e instanceof Error ? e.message : String(e)}`;
      }
      if (message !== null) {
        issues.push({
          row: r + 1,
          line: lines[r],
          column: rule.columns.join(", "),
          value: rule.columns.map((c) => `${c}=${formatCell(columns[c][r])}`).join("; "),
          rule: `${rule.name}: ${message}`,
        });
      }
    }
  }

  issues.sort(byPosition);
  const table: Table = { file, schema: schema.name, nRows: rows.length, columns };
  return { table, issues };
}

/** A cell as an issue quotes it: a missing number (NaN) as empty, like the file. */
function formatCell(v: string | number): string {
  return typeof v === "number" ? (Number.isNaN(v) ? "" : String(v)) : v;
}

/** The specs of a schema by column name. */
export function columnSpecs(schema: TableSchema): Map<string, ColumnSpec> {
  return new Map(schema.columns.map((c) => [c.name, c]));
}

/**
 * A header written with semicolons or tabs (Excel in many locales, "tab-separated" exports)
 * reads as one field: returns that delimiter when splitting on it finds more of the schema's
 * columns than the commas did, else null.
 */
function otherDelimiter(header: string[], schema: TableSchema): { name: string; char: string } | null {
  const known = (names: string[]): number => names.filter((h) => schema.columns.some((c) => c.name === h.trim())).length;
  const withCommas = known(header);
  let best: { name: string; char: string } | null = null;
  let bestCount = withCommas;
  for (const d of [{ name: "semicolon", char: ";" }, { name: "tab", char: "\t" }]) {
    const count = known(header.join(",").split(d.char));
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}
