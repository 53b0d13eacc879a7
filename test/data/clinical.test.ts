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
  OPTIONAL_COHORT_COLUMNS,
  ValidationIssue,
} from "../../src/data/index";

const committed = path.join(dataDir(), COHORT_FILE);
const text = fs.readFileSync(committed, "utf8");
const [headerLine, ...dataLines] = text.trimEnd().split("\n");
const columns = headerLine.split(",");

/** The committed cohort's first `n` rows with some cells replaced: edits[row (1-based)][column] = new text. */
function cohortWith(edits: Record<number, Record<string, string>>, n = 12): string {
  return cohortFromLines(dataLines.slice(0, n), edits);
}

/** A cohort file from the given data lines (all columns) with cells replaced, keeping only `keep` columns. */
function cohortFromLines(lines: string[], edits: Record<number, Record<string, string>>, keep: readonly string[] = columns): string {
  const out = lines.map((line, i) => {
    const cells = line.split(",");
    const e = edits[i + 1] ?? {};
    for (const c of Object.keys(e)) cells[columns.indexOf(c)] = e[c];
    return keep.map((c) => cells[columns.indexOf(c)]).join(",");
  });
  return [keep.join(","), ...out].join("\n") + "\n";
}

/** The columns of the original layout (before the optional ones were added). */
const ORIGINAL_COLUMNS = columns.filter((c) => OPTIONAL_COHORT_COLUMNS.indexOf(c) < 0);

const value = (line: string, column: string): string => line.split(",")[columns.indexOf(column)];

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

test("the schema columns (the optional ones last) are exactly the file's columns, in order", () => {
  assert.deepStrictEqual(
    cohortSchema.columns.map((c) => c.name),
    columns,
  );
});

test("each clinical rule fires with the right row, column, value and rule (file in the original layout)", () => {
  // rows 8 and 10 with a first failure, row 9 without, from the committed data
  const failed = dataLines.filter((l) => value(l, "failure_site") !== "none");
  const none = dataLines.filter((l) => value(l, "failure_site") === "none");
  const lines = dataLines.slice(0, 7).concat([failed[10], none[10], failed[11], dataLines[7], dataLines[8]]);
  const os = value(lines[7], "os_months");
  const csv = cohortFromLines(
    lines,
    {
      1: { arm: "RT" },
      2: { os_months: "-3" },
      3: { patient_id: value(lines[0], "patient_id") },
      4: { death: "2" },
      5: { enrolled: "2003-02-30" },
      6: { infield_response: "NE" },
      7: { failure_site: "distant" },
      8: { failure_months: (Number(os) + 1).toFixed(2) },
      9: { failure_months: "0.50" },
      10: { enrolled: "2005-06-01", os_months: "3.00", failure_months: "1.00" },
      11: { child_pugh: "C", age: "" },
      12: { tumor_cm: "\"7,5\"" }, // quoted, so one field
    },
    ORIGINAL_COLUMNS,
  );
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
  const after = at(8, "failure_months, os_months");
  assert.strictEqual(after.value, `failure_months=${Number(os) + 1}; os_months=${Number(os)}`);
  assert.match(after.rule, /^failure not after death or last follow-up: first failure at .* is after death or last follow-up/);
  const noneIssue = at(9, "failure_site, failure_months, os_months");
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

test("a cohort in the original layout (no optional columns) validates and loads, without the optional fields", () => {
  assert.deepStrictEqual(issuesOf(cohortFromLines(dataLines, {}, ORIGINAL_COLUMNS)), []);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cohort-original-"));
  try {
    fs.mkdirSync(path.join(dir, "clinical"));
    fs.writeFileSync(path.join(dir, COHORT_FILE), cohortFromLines(dataLines, {}, ORIGINAL_COLUMNS));
    const cohort = loadCohort(dir);
    assert.strictEqual(cohort.nRows, dataLines.length);
    assert.deepStrictEqual(Object.keys(cohort.columns), ORIGINAL_COLUMNS);
    for (const c of OPTIONAL_COHORT_COLUMNS) assert.strictEqual((cohort.fields as unknown as Record<string, unknown>)[c], undefined, c);
    // some optional columns only: the others' rules are skipped
    const some = ORIGINAL_COLUMNS.concat(["rt_start_months", "ecog"]);
    fs.writeFileSync(path.join(dir, COHORT_FILE), cohortFromLines(dataLines, {}, some));
    const partial = loadCohort(dir);
    assert.deepStrictEqual(Object.keys(partial.columns), some);
    assert.strictEqual(partial.fields.rt_start_months!.length, dataLines.length);
    assert.strictEqual(partial.fields.local_progression_months, undefined);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("each rule of the optional columns fires with the right row, column, value and rule", () => {
  const arm = (l: string) => value(l, "arm");
  const site = (l: string) => value(l, "failure_site");
  const progCol = (s: string) => `${s}_progression_months`;
  const others = (l: string) => ["local", "intrahepatic", "extrahepatic"].filter((s) => s !== site(l));
  const used = new Set<string>();
  /** The first committed row meeting `ok` not used yet. */
  const pick = (ok: (l: string) => boolean): string => {
    const l = dataLines.filter((x) => !used.has(x) && ok(x))[0];
    assert.ok(l !== undefined);
    used.add(l);
    return l;
  };
  const rtRow = (l: string) => arm(l) === "TACE+RT";
  // a first failure with another site empty (to add a progression there), and one with another site recorded later
  const emptyOtherRow = (l: string) => site(l) !== "none" && others(l).some((s) => value(l, progCol(s)) === "");
  const laterOtherRow = (l: string) => site(l) !== "none" && others(l).some((s) => value(l, progCol(s)) !== "");
  const lines = [
    pick(rtRow),
    pick((l) => arm(l) === "TACE" && Number(value(l, "os_months")) > 3),
    pick(rtRow),
    pick(rtRow),
    pick(emptyOtherRow),
    pick(laterOtherRow),
    pick((l) => site(l) !== "none"),
    pick((l) => site(l) !== "none"),
    pick((l) => site(l) === "none" && Number(value(l, "os_months")) > 2),
    pick(() => true),
    pick(() => true),
    pick(() => true),
    pick(() => true),
  ];
  const emptyOther = (l: string) => others(l).filter((s) => value(l, progCol(s)) === "")[0];
  const laterOther = (l: string) => others(l).filter((s) => value(l, progCol(s)) !== "")[0];
  const os5 = Number(value(lines[4], "os_months"));
  const fm6 = Number(value(lines[5], "failure_months"));
  const fm8 = Number(value(lines[7], "failure_months"));
  const os8 = Number(value(lines[7], "os_months"));
  // row 8: the first failure's own time moved later, still within follow-up (or earlier when there is no room)
  const moved8 = fm8 + 0.01 <= os8 ? fm8 + 0.01 : fm8 - 0.01;
  const edits: Record<number, Record<string, string>> = {
    1: { rt_start_months: "" },
    2: { rt_start_months: "2.50" },
    3: { rt_start_months: "0.00" },
    4: { rt_start_months: (Number(value(lines[3], "os_months")) + 1).toFixed(2) },
    5: { [progCol(emptyOther(lines[4]))]: (os5 + 0.5).toFixed(2) },
    6: { [progCol(laterOther(lines[5]))]: (fm6 / 2).toFixed(2) },
    7: { [progCol(site(lines[6]))]: "" },
    8: { [progCol(site(lines[7]))]: moved8.toFixed(2) },
    9: { intrahepatic_progression_months: "1.00" },
    10: { tumor_number: "0" },
    11: { portal_vein_thrombosis: "2" },
    12: { ecog: "5" },
    13: { residual_viable_tumor: "yes" },
  };
  const issues = issuesOf(cohortFromLines(lines, edits));
  const only = (row: number): ValidationIssue => {
    const found = issues.filter((i) => i.row === row);
    assert.strictEqual(found.length, 1, `row ${row}: ${JSON.stringify(found, null, 1)}`);
    return found[0];
  };
  assert.deepStrictEqual(only(1), {
    row: 1,
    line: 2,
    column: "arm, rt_start_months",
    value: "arm=TACE+RT; rt_start_months=",
    rule: "RT start recorded exactly in the TACE+RT arm: arm is TACE+RT, so rt_start_months (months from enrollment to the start of RT) is required",
  });
  assert.strictEqual(only(2).value, "arm=TACE; rt_start_months=2.5");
  assert.strictEqual(only(2).rule, "RT start recorded exactly in the TACE+RT arm: arm is TACE, so rt_start_months must be empty (RT is recorded only in the TACE+RT arm)");
  assert.deepStrictEqual([only(3).column, only(3).rule], ["rt_start_months", "RT starts after enrollment: RT start at 0 months is not after enrollment (the time origin)"]);
  assert.strictEqual(only(4).column, "rt_start_months, os_months");
  assert.match(only(4).rule, /^RT starts before death or last contact: RT start at .* months is after death or last follow-up at .* months$/);
  assert.strictEqual(only(5).column, `${progCol(emptyOther(lines[4]))}, os_months`);
  assert.strictEqual(only(5).rule, `${emptyOther(lines[4])} progression within follow-up: ${emptyOther(lines[4])} progression at ${Number((os5 + 0.5).toFixed(2))} months is after death or last follow-up at ${os5} months`);
  assert.strictEqual(only(6).column, `${progCol(laterOther(lines[5]))}, failure_site, failure_months`);
  assert.match(only(6).rule, /not before the first failure: .* comes before the first failure .*: the first failure must be the earliest progression$/);
  assert.strictEqual(only(7).column, `failure_site, failure_months, ${progCol(site(lines[6]))}`);
  assert.strictEqual(only(7).rule, `first failure agrees with ${progCol(site(lines[6]))}: failure_site is "${site(lines[6])}", so ${progCol(site(lines[6]))} is required`);
  const mismatch = issues.filter((i) => i.row === 8);
  assert.ok(mismatch.some((i) => i.rule === `first failure agrees with ${progCol(site(lines[7]))}: failure_site is "${site(lines[7])}", so ${progCol(site(lines[7]))} must equal failure_months (${fm8})`), JSON.stringify(mismatch));
  assert.strictEqual(only(9).rule, 'first failure agrees with intrahepatic_progression_months: failure_site is "none" (no progression seen), so intrahepatic_progression_months must be empty');
  assert.deepStrictEqual([only(10).column, only(10).value, only(10).rule], ["tumor_number", "0", "must be >= 1"]);
  assert.deepStrictEqual([only(11).column, only(11).rule], ["portal_vein_thrombosis", "must be <= 1"]);
  assert.deepStrictEqual([only(12).column, only(12).rule], ["ecog", "must be <= 4"]);
  assert.deepStrictEqual([only(13).column, only(13).value], ["residual_viable_tumor", "yes"]);
  assert.deepStrictEqual(issues.filter((i) => i.row === null || i.row > 13), []);
});

test("the shipped cohort's optional columns agree with the first failure and the arm", () => {
  const c = loadCohort();
  const f = c.fields;
  const sites = ["local", "intrahepatic", "extrahepatic"] as const;
  for (let i = 0; i < c.nRows; i++) {
    const times = sites.map((s) => (f as unknown as Record<string, number[]>)[`${s}_progression_months`][i]);
    const seen = times.filter((t) => !Number.isNaN(t));
    if (f.failure_site[i] === "none") assert.strictEqual(seen.length, 0, `row ${i + 1}`);
    else assert.strictEqual(Math.min(...seen), f.failure_months[i], `row ${i + 1}`);
    assert.strictEqual(Number.isNaN(f.rt_start_months![i]), f.arm[i] === "TACE", `row ${i + 1}`);
  }
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
  const none = { failure_site: "none", local_progression_months: "", intrahepatic_progression_months: "", extrahepatic_progression_months: "" };
  const later = cohortWith({ 1: { enrolled: "2010-01-15", os_months: "30.00", failure_months: "30.00", ...none } }, 3);
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
