import { test } from "node:test";
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  validateTable,
  loadTable,
  dataDir,
  toDataFrame,
  parseNumber,
  isIsoDate,
  DataValidationError,
  MESSAGE_ISSUE_LIMIT,
  TableSchema,
  ValidationIssue,
} from "../../src/data/index";
import { repoRoot } from "../../src/core/index";

const schema: TableSchema = {
  name: "test",
  columns: [
    { name: "id", type: "string", unique: true, pattern: /^P\d+$/ },
    { name: "arm", type: "enum", values: ["A", "B"] },
    { name: "time", type: "number", min: 0, unit: "months" },
    { name: "count", type: "number", integer: true, min: 0, max: 10 },
    { name: "day", type: "date", min: "2000-01-01", max: "2000-12-31" },
    { name: "note", type: "string", allowMissing: true },
    { name: "dose", type: "number", allowMissing: true },
  ],
  rules: [
    {
      name: "count within time",
      columns: ["count", "time"],
      check: (r) => ((r.count as number) <= (r.time as number) ? null : "count must not exceed time"),
    },
  ],
};
const header = "id,arm,time,count,day,note,dose";

function issuesOf(text: string, s: TableSchema = schema): ValidationIssue[] {
  return validateTable(text, s, "t.csv").issues;
}

/** The issue for one row and column (exactly one must exist). */
function only(issues: ValidationIssue[], row: number, column: string): ValidationIssue {
  const found = issues.filter((i) => i.row === row && i.column === column);
  assert.strictEqual(found.length, 1, `one issue at row ${row}, column ${column}: ${JSON.stringify(issues)}`);
  return found[0];
}

test("a valid table is typed by its schema; missing optional cells are NaN or empty", () => {
  const { table, issues } = validateTable(`${header},extra\nP1,A,1.5,1,2000-02-29,,NA,x\nP2,B,3,2,2000-12-31,"a, b",2.5,y\n`, schema, "t.csv");
  assert.deepStrictEqual(issues, []);
  assert.strictEqual(table.nRows, 2);
  assert.strictEqual(table.schema, "test");
  assert.deepStrictEqual(table.columns.time, [1.5, 3]);
  assert.deepStrictEqual(table.columns.day, ["2000-02-29", "2000-12-31"]);
  assert.deepStrictEqual(table.columns.note, ["", "a, b"]);
  assert.ok(Number.isNaN(table.columns.dose[0] as number));
  assert.deepStrictEqual(table.columns.extra, ["x", "y"], "extra columns are kept as strings");
});

test("numbers are parsed strictly", () => {
  for (const ok of ["12.5", "-3", "0", "1e3", ".5", "+2", "12."]) assert.notStrictEqual(parseNumber(ok), null, ok);
  for (const bad of ["", "12,5", "abc", "1e999", " 1", "0x10", "Inf", "NaN", "1.2.3", "1_000"]) assert.strictEqual(parseNumber(bad), null, bad);
  const rows = ["12,5", "abc", "1e999", "", "NA", "1 ", "-1", "1.5"];
  const text = header + "\n" + rows.map((t, i) => `P${i + 1},A,${t.indexOf(",") >= 0 ? `"${t}"` : t},0,2000-01-01,,`).join("\n") + "\n";
  const issues = issuesOf(text);
  const rule = (row: number): string => only(issues, row, "time").rule;
  assert.strictEqual(rule(1), "must be a number (use a dot as the decimal separator)");
  assert.strictEqual(rule(2), "must be a number");
  assert.strictEqual(rule(3), "is too large to be a finite number");
  assert.strictEqual(rule(4), "is missing (a value is required)");
  assert.strictEqual(rule(5), "is missing (a value is required)");
  assert.strictEqual(rule(6), "has leading or trailing spaces");
  assert.strictEqual(rule(7), "must be >= 0 months");
  assert.strictEqual(issues.filter((i) => i.row === 8).length, 0);
  assert.deepStrictEqual(only(issues, 1, "time").value, "12,5");
  assert.strictEqual(issues.length, 7, "one issue per bad cell, all reported");
});

test("every column rule fires with its row, line, column, value and rule", () => {
  const text = [
    header,
    "P1,A,5,1,2000-01-01,,", // ok
    "X2,A,5,1,2000-01-01,,", // pattern
    "P1,A,5,1,2000-01-01,,", // duplicate id
    "P4,C,5,1,2000-01-01,,", // enum
    "P5,a,5,1,2000-01-01,,", // enum, case hint
    "P6,A,5,1.5,2000-01-01,,", // integer
    "P7,A,50,11,2000-01-01,,", // max
    "P8,A,5,1,2000-02-30,,", // not a real date
    "P9,A,5,1,01/02/2000,,", // date format
    "P10,A,5,1,1999-12-31,,", // date min
    "P11,A,5,1,2001-01-01,,", // date max
    ",A,5,1,2000-01-01,,", // missing required string
    "P13,A,5,1,2000-01-01,,abc", // optional number present but bad
  ].join("\n");
  const issues = issuesOf(text);
  const expect = (row: number, column: string, value: string, rule: string): void =>
    assert.deepStrictEqual(only(issues, row, column), { row, line: row + 1, column, value, rule });
  expect(2, "id", "X2", "must match /^P\\d+$/");
  expect(3, "id", "P1", "duplicate value: must be unique (first seen in row 1)");
  expect(4, "arm", "C", 'must be one of "A", "B"');
  expect(5, "arm", "a", 'must be one of "A", "B" (values are case-sensitive: did you mean "A"?)');
  expect(6, "count", "1.5", "must be a whole number");
  expect(7, "count", "11", "must be <= 10");
  expect(8, "day", "2000-02-30", "is not a real calendar date");
  expect(9, "day", "01/02/2000", "must be a date written YYYY-MM-DD");
  expect(10, "day", "1999-12-31", "must be on or after 2000-01-01");
  expect(11, "day", "2001-01-01", "must be on or before 2000-12-31");
  expect(12, "id", "", "is missing (a value is required)");
  expect(13, "dose", "abc", "must be a number");
  assert.strictEqual(issues.length, 12);
});

test("calendar dates: leap years and month lengths", () => {
  assert.ok(isIsoDate("2000-02-29") && isIsoDate("2004-02-29") && isIsoDate("2003-04-30"));
  assert.ok(!isIsoDate("1900-02-29") && !isIsoDate("2003-02-29") && !isIsoDate("2003-04-31") && !isIsoDate("2003-13-01") && !isIsoDate("2003-00-10"));
});

test("row rules run only on rows whose rule columns passed, and report the values involved", () => {
  const issues = issuesOf([header, "P1,A,2,3,2000-01-01,,", "P2,A,-2,3,2000-01-01,,", "P3,A,2,x,2000-01-01,,"].join("\n"));
  assert.deepStrictEqual(only(issues, 1, "count, time"), {
    row: 1,
    line: 2,
    column: "count, time",
    value: "count=3; time=2",
    rule: "count within time: count must not exceed time",
  });
  // rows 2 and 3 have a bad rule column: only the cell issue, not the rule
  assert.deepStrictEqual(
    issues.filter((i) => i.row !== 1).map((i) => [i.row, i.column]),
    [
      [2, "time"],
      [3, "count"],
    ],
  );
});

test("header problems: missing column (with a case hint), duplicate, empty and unexpected names", () => {
  const issues = issuesOf("ID,arm,time,time,,day,note,dose,count\n", { ...schema, allowExtraColumns: false });
  assert.deepStrictEqual(issues, [
    { row: null, line: 1, column: "time", value: "time", rule: "duplicate column name (columns 3 and 4)" },
    {
      row: null,
      line: 1,
      column: "id",
      value: "",
      rule: 'required column is missing (found "ID": names are exact, case- and space-sensitive)',
    },
    { row: null, line: 1, column: "ID", value: "ID", rule: "unexpected column (schema test allows only its own columns)" },
    { row: null, line: 1, column: "(column 5)", value: "", rule: "column name is empty" },
  ]);
});

test("a missing column does not stop the other checks, and rules needing it are skipped", () => {
  const issues = issuesOf("id,arm,time,day,note,dose\nP1,A,-1,2000-01-01,,\nP1,Z,1,2000-01-01,,\n");
  assert.deepStrictEqual(
    issues.map((i) => [i.row, i.column, i.rule]),
    [
      [null, "count", "required column is missing"],
      [1, "time", "must be >= 0 months"],
      [2, "arm", 'must be one of "A", "B"'],
      [2, "id", "duplicate value: must be unique (first seen in row 1)"],
    ],
  );
});

test("a malformed row is reported once and its cells are not checked", () => {
  const issues = issuesOf([header, "P1,A,1,1,2000-01-01,,", "P2,A,-1,1", "P3,Z,1,1,2000-01-01,,"].join("\n"));
  assert.deepStrictEqual(
    issues.map((i) => [i.row, i.line, i.column]),
    [
      [2, 3, "(row)"],
      [3, 4, "arm"],
    ],
  );
});

test("loadTable throws a DataValidationError listing every issue, capped in the message", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "data-test-"));
  const file = path.join(dir, "bad.csv");
  const n = MESSAGE_ISSUE_LIMIT + 7;
  const text = header + "\n" + Array.from({ length: n }, (_, i) => `P${i + 1},A,-1,0,2000-01-01,,`).join("\n") + "\n";
  fs.writeFileSync(file, text);
  const before = fs.statSync(file).mtimeMs;
  let error: unknown = null;
  try {
    loadTable(file, schema);
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof DataValidationError);
  const e = error as DataValidationError;
  assert.strictEqual(e.file, file);
  assert.strictEqual(e.issues.length, n);
  assert.match(e.message, new RegExp(`${n} problems found`));
  assert.match(e.message, /row 1 \(line 2\), column "time", value "-1": must be >= 0 months/);
  assert.match(e.message, /\.\.\. and 7 more \(see error\.issues\)/);
  assert.strictEqual(e.message.split("\n").filter((l) => l.startsWith("  - ")).length, MESSAGE_ISSUE_LIMIT);
  assert.strictEqual(fs.readFileSync(file, "utf8"), text, "the file is never modified");
  assert.strictEqual(fs.statSync(file).mtimeMs, before);

  assert.throws(
    () => loadTable(path.join(dir, "absent.csv"), schema),
    (x: unknown) => x instanceof DataValidationError && x.issues.length === 1 && /file not found/.test(x.issues[0].rule),
  );
  fs.rmSync(dir, { recursive: true, force: true });
});

test("dataDir: DATA_DIR resolved against the current directory, else data/ of the repository from any cwd", () => {
  const saved = { env: process.env.DATA_DIR, cwd: process.cwd() };
  try {
    delete process.env.DATA_DIR;
    const root = repoRoot();
    assert.ok(fs.existsSync(path.join(root, "package.json")));
    assert.strictEqual(dataDir(), path.join(root, "data"));
    process.chdir(path.join(root, "src", "data")); // as a notebook in a subfolder
    assert.strictEqual(dataDir(), path.join(root, "data"));
    process.chdir(os.tmpdir()); // outside the repository: found from the module's own folder
    assert.strictEqual(dataDir(), path.join(root, "data"));
    process.env.DATA_DIR = "my-data";
    assert.strictEqual(dataDir(), path.join(process.cwd(), "my-data"));
    process.env.DATA_DIR = "/abs/cohort";
    assert.strictEqual(dataDir(), path.resolve("/abs/cohort"));
    process.env.DATA_DIR = "";
    assert.strictEqual(dataDir(), path.join(root, "data"));
  } finally {
    process.chdir(saved.cwd);
    if (saved.env === undefined) delete process.env.DATA_DIR;
    else process.env.DATA_DIR = saved.env;
  }
});

test("toDataFrame gives a danfojs DataFrame with the table's columns", () => {
  const { table } = validateTable(`${header}\nP1,A,1.5,1,2000-01-01,,\nP2,B,3,2,2000-01-02,,\n`, schema);
  const df = toDataFrame(table);
  assert.deepStrictEqual(df.columns, ["id", "arm", "time", "count", "day", "note", "dose"]);
  assert.deepStrictEqual(df.shape, [2, 7]);
  assert.deepStrictEqual(df["time"].values, [1.5, 3]);
});
