/**
 * What a user's file can get wrong before any value is read, and how it is reported:
 * encodings (not UTF-8, UTF-16, a BOM that is fine), other delimiters, implausible years,
 * labels that differ only in case, and a cohort followed past the data cut-off.
 */
import { test } from "node:test";
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  loadCohort,
  loadTable,
  cohortSchema,
  validateTable,
  dataDir,
  DataValidationError,
  COHORT_FILE,
  firstInvalidUtf8,
  isoDateToDays,
  checkCell,
  formatIssue,
} from "../../src/data/index";
import { validateVegfMrna, validateEndpoint, LABORATORY_FILES } from "../../src/data/laboratory";

const cohortText = fs.readFileSync(path.join(dataDir(), COHORT_FILE), "utf8");
const [header, ...rows] = cohortText.trimEnd().split("\n");

/** A data folder holding clinical/cohort.csv with these bytes. */
function folderWithCohort(bytes: Buffer | string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "inputs-"));
  fs.mkdirSync(path.join(dir, "clinical"));
  fs.writeFileSync(path.join(dir, COHORT_FILE), bytes);
  return dir;
}

function loadError(dir: string, options = {}): DataValidationError {
  try {
    loadCohort(dir, options);
  } catch (e) {
    assert.ok(e instanceof DataValidationError, String(e));
    return e;
  }
  assert.fail("the cohort loaded");
}

test("a Latin-1 file is refused naming the file, the line of the first bad byte and that line as Latin-1", () => {
  const lines = [header, ...rows.slice(0, 5)];
  lines[3] = lines[3].replace(/^HCC-\d+/, "HCC-\u00c4\u00d61"); // HCC-ÄÖ1 on line 4
  const dir = folderWithCohort(Buffer.from(lines.join("\n") + "\n", "latin1"));
  const error = loadError(dir);
  assert.strictEqual(error.issues.length, 1);
  const issue = error.issues[0];
  assert.strictEqual(issue.line, 4);
  assert.match(issue.rule, /byte 0xC4 .* is not valid UTF-8/);
  assert.match(issue.value, /^HCC-\u00c4\u00d61,/);
  assert.match(error.message, new RegExp(`^${path.join(dir, COHORT_FILE).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: 1 problem`));
  assert.match(formatIssue(issue), /^line 4, /);
  fs.rmSync(dir, { recursive: true });
});

test("two ids that Latin-1 would turn into one (Mé1, Mè1) never load as the same text", () => {
  const growth = "mouse_id,group,site,day,volume_mm3\nM\u00e91,sham,in_field,0,100\nM\u00e81,sham,in_field,0,110\n";
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "inputs-"));
  const file = path.join(dir, "growth.csv");
  fs.writeFileSync(file, Buffer.from(growth, "latin1"));
  assert.throws(() => loadTable(file, cohortSchema), (e: unknown) => e instanceof DataValidationError && e.issues[0].line === 2);
  fs.rmSync(dir, { recursive: true });
});

test("a UTF-8 byte-order mark is fine; UTF-16, with or without a mark, is refused with that hint", () => {
  const small = [header, ...rows.slice(0, 3)].join("\n") + "\n";
  const bom = folderWithCohort(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(small, "utf8")]));
  assert.strictEqual(loadCohort(bom).nRows, 3);
  const le = folderWithCohort(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(small, "utf16le")]));
  assert.match(loadError(le).message, /UTF-16 text, not UTF-8: save it as UTF-8 CSV/);
  const noMark = folderWithCohort(Buffer.from(small, "utf16le"));
  assert.match(loadError(noMark).message, /looks like UTF-16 text/);
  for (const d of [bom, le, noMark]) fs.rmSync(d, { recursive: true });
});

test("UTF-8 check: the first bad byte of each kind of invalid sequence", () => {
  assert.strictEqual(firstInvalidUtf8(Buffer.from("plain ascii\n")), -1);
  assert.strictEqual(firstInvalidUtf8(Buffer.from("é ü 中 😀", "utf8")), -1);
  assert.strictEqual(firstInvalidUtf8(Uint8Array.of(0x41, 0xe9, 0x42)), 1); // Latin-1 é
  assert.strictEqual(firstInvalidUtf8(Uint8Array.of(0x41, 0xc0, 0x80)), 1); // overlong
  assert.strictEqual(firstInvalidUtf8(Uint8Array.of(0xed, 0xa0, 0x80)), 0); // surrogate
  assert.strictEqual(firstInvalidUtf8(Uint8Array.of(0x41, 0x42, 0xe4, 0xb8)), 2); // truncated at the end
  assert.strictEqual(firstInvalidUtf8(Uint8Array.of(0xf4, 0x90, 0x80, 0x80)), 0); // above U+10FFFF
});

test("a semicolon- or tab-separated file gets one issue saying so, not every column missing", () => {
  for (const [sep, name] of [[";", "semicolon"], ["\t", "tab"]]) {
    // decimal commas too, as a European-locale export writes them
    const text = [header, ...rows.slice(0, 4)].map((l) => l.split(",").map((c) => c.replace(".", ",")).join(sep)).join("\n") + "\n";
    const { issues } = validateTable(text, cohortSchema, "cohort.csv");
    assert.strictEqual(issues.length, 1, JSON.stringify(issues));
    assert.match(issues[0].rule, new RegExp(`header looks ${name}-separated: this project reads comma-separated files`));
  }
  const { issues: oneMissing } = validateTable(cohortText.replace("patient_id,", "patient;id,"), cohortSchema, "x.csv");
  assert.ok(oneMissing.every((i) => !/separated/.test(i.rule)), "a stray semicolon in one name is a missing column, not a delimiter");
});

test("dates: years before 1900 are refused, and years below 100 are no longer read as 19xx", () => {
  const spec = { name: "enrolled", type: "date" } as const;
  for (const text of ["0050-01-01", "1899-12-31", "0001-01-01"]) {
    const r = checkCell(text, spec);
    assert.ok(!r.ok && /before 1900/.test(r.rule), `${text}: ${JSON.stringify(r)}`);
  }
  assert.ok(checkCell("1900-01-01", spec).ok);
  assert.strictEqual(isoDateToDays("1970-01-02"), 1);
  assert.strictEqual(isoDateToDays("0050-01-01"), -701265); // proleptic Gregorian, as R's as.Date("0050-01-01")
  const { issues } = validateTable([header, rows[0].replace(/\d{4}-\d\d-\d\d/, "0050-01-01")].join("\n"), cohortSchema, "c.csv");
  assert.deepStrictEqual(issues.map((i) => [i.row, i.column, i.value]), [[1, "enrolled", "0050-01-01"]]);
  assert.throws(() => loadCohort(dataDir(), { cutoff: "0050-01-01" }), /cut-off must be a real date written YYYY-MM-DD from 1900 on/);
});

test("cell lines, mice and patients whose names differ only in case or Unicode form are flagged, once per spelling", () => {
  const mrna = fs.readFileSync(path.join(dataDir(), LABORATORY_FILES.vegfMrna), "utf8").trimEnd().split("\n");
  const hepg2Rows = mrna.map((line, i) => (line.startsWith("HepG2,") ? i : -1)).filter((i) => i > 0);
  const lastThree = new Set(hepg2Rows.slice(-3));
  const edited = mrna.map((line, i) => (lastThree.has(i) ? line.replace(/^HepG2,/, "hepg2,") : line));
  const { issues } = validateVegfMrna(edited.join("\n") + "\n", "vegf_mrna.csv");
  const flagged = issues.filter((i) => /letter case/.test(i.rule));
  assert.strictEqual(flagged.length, 1, JSON.stringify(issues));
  assert.strictEqual(flagged[0].column, "cell_line");
  assert.strictEqual(flagged[0].value, "hepg2");
  assert.match(flagged[0].rule, /differs from "HepG2" \(row \d+\) only in letter case: .* two different cell_line values; use one spelling \(3 rows use this one\)/);

  const endpoint = "mouse_id,group,mvd_per_hpf,serum_vegf_pg_ml\nM\u00e91,sham,10,50\nMe\u03011,sham,11,51\nm02,sham,12,52\nM02,sham,13,53\n";
  const e = validateEndpoint(endpoint, "endpoint.csv").issues;
  assert.deepStrictEqual(e.map((i) => [i.row, i.column]), [[2, "mouse_id"], [4, "mouse_id"]]);
  assert.match(e[0].rule, /only in its Unicode form/);

  const ids = [header, rows[0], rows[1].replace(/^HCC-(\d+)/, (_, d) => `hcc-${rows[0].split(",")[0].slice(4)}`)].join("\n");
  const p = validateTable(ids, cohortSchema, "c.csv").issues.filter((i) => i.column === "patient_id");
  assert.strictEqual(p.length, 1);
  assert.match(p[0].rule, /only in letter case/);
});

test("a cohort followed past the cut-off: the message names the cut-off in use and how to set another (--cutoff, DATA_CUTOFF)", () => {
  const late = [header, ...rows.slice(0, 3), rows[3].replace(/^([^,]+,[^,]+,)\d{4}-\d\d-\d\d/, "$12005-06-01")].join("\n") + "\n";
  const dir = folderWithCohort(late);
  const error = loadError(dir);
  assert.match(error.message, /after the data cut-off 2005-06-30, the assumed cut-off of the project's simulated cohort/);
  assert.match(error.message, /npm run reproduce -- --cutoff YYYY-MM-DD/);
  assert.match(error.message, /DATA_CUTOFF=YYYY-MM-DD/);
  assert.strictEqual(error.notes.length, 1, "said once, after the list");
  assert.strictEqual(loadCohort(dir, { cutoff: "2012-12-31" }).nRows, 4);
  const saved = process.env.DATA_CUTOFF;
  process.env.DATA_CUTOFF = "2005-07-01";
  try {
    assert.match(loadError(dir).message, /after the data cut-off 2005-07-01, from DATA_CUTOFF/);
  } finally {
    if (saved === undefined) delete process.env.DATA_CUTOFF;
    else process.env.DATA_CUTOFF = saved;
  }
  fs.rmSync(dir, { recursive: true });
});
