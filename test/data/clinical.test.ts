import { test } from "node:test";
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  loadCohort,
  cohortSchema,
  makeCohortSchema,
  validateTable,
  dataDir,
  DataValidationError,
  COHORT_FILE,
  STUDY_DATA_CUTOFF,
  ValidationIssue,
} from "../../src/data/index";

const committed = path.join(dataDir(), COHORT_FILE);
const text = fs.readFileSync(committed, "utf8");
const [headerLine, ...dataLines] = text.trimEnd().split("\n");
const columns = headerLine.split(",");

/** The committed cohort's first `n` rows with some cells replaced: edits[row (1-based)][column] = new text. */
function cohortWith(edits: Record<number, Record<string, string>>, n = 12): string {
  const lines = dataLines.slice(0, n).map((line, i) => {
    const cells = line.split(",");
    const e = edits[i + 1] ?? {};
    for (const c of Object.keys(e)) cells[columns.indexOf(c)] = e[c];
    return cells.join(",");
  });
  return [headerLine, ...lines].join("\n") + "\n";
}

function cell(row: number, column: string): string {
  return dataLines[row - 1].split(",")[columns.indexOf(column)];
}

function issuesOf(csv: string): ValidationIssue[] {
  return validateTable(csv, cohortSchema, "cohort.csv").issues;
}

test("the committed cohort validates and loads typed", () => {
  const cohort = loadCohort();
  assert.strictEqual(cohort.nRows, 340);
  assert.strictEqual(cohort.cutoff, STUDY_DATA_CUTOFF);
  assert.strictEqual(cohort.fields.os_months.length, 340);
  assert.ok(cohort.fields.os_months.every((t) => typeof t === "number" && t >= 0));
  assert.ok(cohort.fields.death.every((d) => d === 0 || d === 1));
  assert.deepStrictEqual(Array.from(new Set(cohort.fields.arm)).sort(), ["TACE", "TACE+RT"]);
  assert.deepStrictEqual(Object.keys(cohort.columns), columns);
});

test("the schema columns are exactly the file's columns, in order", () => {
  assert.deepStrictEqual(
    cohortSchema.columns.map((c) => c.name),
    columns,
  );
});

test("each clinical rule fires with the right row, column, value and rule", () => {
  // rows 8 and 9 of the committed data: one with a first failure, one without
  const failed = 8;
  const none = 9;
  assert.notStrictEqual(cell(failed, "failure_site"), "none");
  assert.strictEqual(cell(none, "failure_site"), "none");
  const os = cell(failed, "os_months");
  const csv = cohortWith({
    1: { arm: "RT" },
    2: { os_months: "-3" },
    3: { patient_id: cell(1, "patient_id") },
    4: { death: "2" },
    5: { enrolled: "2003-02-30" },
    6: { infield_response: "NE" },
    7: { failure_site: "distant" },
    [failed]: { failure_months: (Number(os) + 1).toFixed(2) },
    [none]: { failure_months: "0.50" },
    10: { enrolled: "2005-06-01", os_months: "3.00", failure_months: "1.00" },
    11: { child_pugh: "C", age: "" },
    12: { tumor_cm: "\"7,5\"" }, // quoted, so one field
  });
  const issues = issuesOf(csv);
  const at = (row: number, column: string): ValidationIssue => {
    const found = issues.filter((i) => i.row === row && i.column === column);
    assert.strictEqual(found.length, 1, `${row}/${column}: ${JSON.stringify(issues, null, 1)}`);
    return found[0];
  };
  assert.deepStrictEqual(at(1, "arm"), { row: 1, line: 2, column: "arm", value: "RT", rule: 'must be one of "TACE", "TACE+RT"' });
  assert.deepStrictEqual(at(2, "os_months"), { row: 2, line: 3, column: "os_months", value: "-3", rule: "must be >= 0 months" });
  assert.strictEqual(at(3, "patient_id").rule, "duplicate value: must be unique (first seen in row 1)");
  assert.strictEqual(at(4, "death").rule, "must be <= 1");
  assert.strictEqual(at(5, "enrolled").rule, "is not a real calendar date");
  assert.strictEqual(at(6, "infield_response").rule, 'must be one of "CR", "PR", "SD", "PD"');
  assert.strictEqual(at(7, "failure_site").rule, 'must be one of "none", "local", "intrahepatic", "extrahepatic"');
  const after = at(failed, "failure_months, os_months");
  assert.strictEqual(after.value, `failure_months=${Number(os) + 1}; os_months=${Number(os)}`);
  assert.match(after.rule, /^failure not after death or last follow-up: first failure at .* is after death or last follow-up/);
  const noneIssue = at(none, "failure_site, failure_months, os_months");
  assert.match(noneIssue.rule, /^no failure means failure_months = os_months: failure_site is "none"/);
  const late = at(10, "enrolled, os_months");
  assert.strictEqual(late.value, "enrolled=2005-06-01; os_months=3");
  assert.strictEqual(late.rule, `follow-up within the data cut-off: enrolled 2005-06-01 + 3 months reaches 2005-08-31, after the data cut-off ${STUDY_DATA_CUTOFF}`);
  assert.strictEqual(at(11, "child_pugh").rule, 'must be one of "A", "B"');
  assert.strictEqual(issues.filter((i) => i.row === 11).length, 1, "age may be missing (baseline covariates are optional)");
  assert.strictEqual(at(12, "tumor_cm").rule, "must be a number (use a dot as the decimal separator)");
  // one issue per edited row, nothing else
  assert.strictEqual(issues.length, 12);
});

test("rows with a bad time are not also blamed by the rules that need it", () => {
  const issues = issuesOf(cohortWith({ 1: { os_months: "abc" } }, 3));
  assert.deepStrictEqual(
    issues.map((i) => [i.row, i.column, i.value]),
    [[1, "os_months", "abc"]],
  );
});

test("a missing column and a malformed row are reported together, and loadCohort throws them all", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cohort-test-"));
  fs.mkdirSync(path.join(dir, "clinical"));
  const broken = cohortWith({ 2: { arm: "X" } }, 5)
    .split("\n")
    .map((line, i) => {
      const cells = line.split(",");
      cells.splice(columns.indexOf("death"), 1); // drop the death column everywhere
      if (i === 4) cells.push("extra"); // row 4 gets one field too many
      return line === "" ? "" : cells.join(",");
    })
    .join("\n");
  fs.writeFileSync(path.join(dir, COHORT_FILE), broken);
  let error: unknown = null;
  try {
    loadCohort(dir);
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof DataValidationError, String(error));
  const issues = (error as DataValidationError).issues;
  assert.deepStrictEqual(
    issues.map((i) => [i.row, i.line, i.column]),
    [
      [null, 1, "death"],
      [2, 3, "arm"],
      [4, 5, "(row)"],
    ],
  );
  assert.match((error as DataValidationError).message, /3 problems found/);
  fs.rmSync(dir, { recursive: true, force: true });
});

test("loadCohort reads DATA_DIR, and the data cut-off can be set for another cohort", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cohort-test-"));
  fs.mkdirSync(path.join(dir, "clinical"));
  const later = cohortWith({ 1: { enrolled: "2010-01-15", os_months: "30.00", failure_months: "30.00", failure_site: "none" } }, 3);
  fs.writeFileSync(path.join(dir, COHORT_FILE), later);
  const saved = { dir: process.env.DATA_DIR, cutoff: process.env.DATA_CUTOFF };
  try {
    process.env.DATA_DIR = dir;
    delete process.env.DATA_CUTOFF;
    assert.throws(
      () => loadCohort(),
      (e: unknown) =>
        e instanceof DataValidationError &&
        e.issues.length === 1 &&
        e.issues[0].column === "enrolled" &&
        e.issues[0].rule === `must be on or before ${STUDY_DATA_CUTOFF}`,
    );
    assert.strictEqual(loadCohort(undefined, { cutoff: "2013-12-31" }).nRows, 3);
    process.env.DATA_CUTOFF = "2013-12-31";
    assert.strictEqual(loadCohort().cutoff, "2013-12-31");
    assert.throws(() => makeCohortSchema("2013-02-30"), /real date/);
  } finally {
    for (const [k, v] of [["DATA_DIR", saved.dir], ["DATA_CUTOFF", saved.cutoff]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("a TACE+RT lesion that did not respond is a finding, not a validation error", () => {
  const rt = dataLines.findIndex((l) => l.split(",")[columns.indexOf("arm")] === "TACE+RT") + 1;
  assert.deepStrictEqual(issuesOf(cohortWith({ [rt]: { infield_response: "SD" } }, rt)), []);
});
