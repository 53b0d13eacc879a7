/**
 * The laboratory data files: the committed files load and follow the stated design,
 * they regenerate byte-identical from the seeded generator, and malformed files are
 * rejected with every issue at its row and line.
 */
import { test } from "node:test";
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  LABORATORY_FILES,
  loadVegfMrna,
  loadVegfSecretion,
  loadTumorGrowth,
  loadEndpoint,
  loadXenograft,
  loadLaboratory,
  validateVegfMrna,
  validateVegfSecretion,
  validateTumorGrowth,
  validateEndpoint,
  checkXenograftMice,
} from "../../src/data/laboratory";
import { DataValidationError, ValidationIssue } from "../../src/data/index";
import {
  laboratoryFiles,
  generateLaboratoryData,
  expectedLog2FoldChange,
  expectedObservedLog2FoldChange,
  expectedConcentrationFold,
  expectedPerCellAtHarvestFold,
  mrnaTimeCourse,
  relativeCells,
  CELL_LINES,
  INVITRO_DESIGN,
  LAB_MODEL,
  nullModel,
  INVIVO_DESIGN,
  LAB_SEED,
} from "../../src/synth/laboratory/index";
import { repoRoot } from "../helpers/reference";

const dataRoot = path.join(repoRoot, "data");
const committedText = (rel: string): string => fs.readFileSync(path.join(dataRoot, rel), "utf8");

/** The committed file with some cells replaced: edits[row (1-based)][column] = new text; optional extra rows. */
function edited(rel: string, edits: Record<number, Record<string, string>>, extraLines: string[] = []): string {
  const [header, ...rows] = committedText(rel).trimEnd().split("\n");
  const columns = header.split(",");
  const out = rows.map((line, i) => {
    const e = edits[i + 1];
    if (e === undefined) return line;
    const cells = line.split(",");
    for (const c of Object.keys(e)) cells[columns.indexOf(c)] = e[c];
    return cells.join(",");
  });
  return [header, ...out, ...extraLines].join("\n") + "\n";
}

function rowsOf(issues: ValidationIssue[]): Array<[number | null, string]> {
  return issues.map((i) => [i.row, i.column]);
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "laboratory-data-"));
}

test("the committed files load, typed, with the assumed design", () => {
  const lab = loadLaboratory(dataRoot);
  const q = lab.vegfMrna.fields;
  const nLines = CELL_LINES.length;
  assert.strictEqual(lab.vegfMrna.nRows, nLines * INVITRO_DESIGN.doses.length * INVITRO_DESIGN.mrnaHours.length * INVITRO_DESIGN.experiments);
  assert.strictEqual(lab.vegfSecretion.nRows, nLines * INVITRO_DESIGN.secretionDoses.length * INVITRO_DESIGN.secretionHours.length * INVITRO_DESIGN.experiments);
  // the four lines of STUDY.md with their real p53 / HBV status
  const status = new Map<string, string>();
  q.cell_line.forEach((c, i) => status.set(c, `${q.p53_status[i]} ${q.hbv_status[i]}`));
  assert.deepStrictEqual(Array.from(status.entries()), [
    ["HepG2", "wild-type negative"],
    ["Hep3B", "null positive"],
    ["PLC/PRF/5", "mutant positive"],
    ["HuH-7", "mutant negative"],
  ]);
  assert.deepStrictEqual(Array.from(new Set(q.dose_gy)), [0, 2, 4, 6, 8]);
  assert.deepStrictEqual(Array.from(new Set(lab.vegfSecretion.fields.dose_gy)), [0, 1, 2, 4, 6, 8, 10]);
  assert.deepStrictEqual(Array.from(new Set(lab.vegfSecretion.fields.hours)), [6, 12, 24, 48, 72]);
  assert.deepStrictEqual(Array.from(new Set(q.replicate)), [1, 2, 3, 4]);
  // plausible Ct: GAPDH stable around 16-20, VEGF around 22-29
  assert.ok(Math.min(...q.ct_gapdh) > 15.5 && Math.max(...q.ct_gapdh) < 20.5, "Ct GAPDH range");
  assert.ok(Math.min(...q.ct_vegf) > 21.5 && Math.max(...q.ct_vegf) < 29.5, "Ct VEGF range");
  // cell counts: 0.5e6 per well at irradiation, fewer after irradiation by 72 h
  const cells = lab.vegfSecretion.fields.cells_1e6 as number[];
  assert.ok(Math.min(...cells) > 0.2 && Math.max(...cells) < 4, "cells_1e6 range");
  // xenografts: 10 mice per group, two tumors each, twice-weekly caliper days 0-28
  const groups = lab.endpoint.fields.group;
  assert.strictEqual(groups.filter((g) => g === "sham").length, INVIVO_DESIGN.micePerGroup);
  assert.strictEqual(groups.filter((g) => g === "irradiated").length, INVIVO_DESIGN.micePerGroup);
  assert.strictEqual(lab.growth.nRows, 2 * INVIVO_DESIGN.micePerGroup * 2 * INVIVO_DESIGN.days.length);
  assert.deepStrictEqual(Array.from(new Set(lab.growth.fields.day)), [0, 3, 7, 10, 14, 17, 21, 24, 28]);
  assert.ok(lab.growth.fields.volume_mm3.every((v) => v > 0));
  assert.deepStrictEqual(lab.vegfMrna.lines.slice(0, 3), [2, 3, 4]);
});

test("the loaders default to the data folder (DATA_DIR)", () => {
  const saved = process.env.DATA_DIR;
  const dir = tempDir();
  try {
    generateLaboratoryData(dir, "another-seed");
    process.env.DATA_DIR = dir;
    assert.strictEqual(loadVegfMrna().file, path.join(dir, LABORATORY_FILES.vegfMrna));
    assert.notDeepStrictEqual(loadVegfMrna().fields.ct_vegf, loadVegfMrna(dataRoot).fields.ct_vegf);
  } finally {
    if (saved === undefined) delete process.env.DATA_DIR;
    else process.env.DATA_DIR = saved;
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("the files regenerate byte-identical from the seeded generator", () => {
  const dir = tempDir();
  try {
    const written = generateLaboratoryData(dir);
    assert.strictEqual(written.length, 4);
    for (const rel of Object.values(LABORATORY_FILES)) {
      assert.ok(fs.readFileSync(path.join(dir, rel)).equals(fs.readFileSync(path.join(dataRoot, rel))), `${rel} differs from the committed file`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  assert.deepStrictEqual(laboratoryFiles(LAB_SEED), laboratoryFiles(LAB_SEED));
  const other = laboratoryFiles("another-seed");
  for (const rel of Object.values(LABORATORY_FILES)) assert.notStrictEqual(other[rel], committedText(rel), rel);
});

test("the design columns come in the same order whatever the seed; only measurements change", () => {
  const design = (text: string) => text.split("\n").map((l) => l.split(",").slice(0, 6).join(","));
  const a = laboratoryFiles("s1")[LABORATORY_FILES.vegfMrna];
  const b = laboratoryFiles("s2")[LABORATORY_FILES.vegfMrna];
  assert.notStrictEqual(a, b);
  assert.deepStrictEqual(design(a), design(b));
});

test("the model has no rise at 0 h (just after irradiation) and none at 0 Gy; no mRNA peak at the plan's 6 h", () => {
  for (let li = 0; li < CELL_LINES.length; li++) {
    assert.strictEqual(expectedLog2FoldChange(li, 8, 0), 0);
    assert.strictEqual(expectedLog2FoldChange(li, 0, 24), 0);
    assert.strictEqual(expectedConcentrationFold(li, 0, 72), 1);
    assert.ok(expectedLog2FoldChange(li, 8, 6) > expectedLog2FoldChange(li, 2, 6));
    // the concentration's rise over sham grows with time and with dose over the irradiated doses
    assert.ok(expectedConcentrationFold(li, 10, 72) > expectedConcentrationFold(li, 10, 24));
    assert.ok(expectedConcentrationFold(li, 10, 72) > expectedConcentrationFold(li, 1, 72));
    // the reference gene rises a little: the ΔΔCt fold understates the VEGF induction
    assert.ok(expectedObservedLog2FoldChange(li, 8, 6) < expectedLog2FoldChange(li, 8, 6));
    // each line's transient peaks after 6 h (8-16 h), never at the plan's pre-specified 6 h
    const peak = CELL_LINES[li].mrnaPeakHours;
    assert.ok(peak >= 8 && peak <= 16, `${CELL_LINES[li].name} peak ${peak}`);
    assert.ok(mrnaTimeCourse(peak, peak) > mrnaTimeCourse(6, peak));
    // irradiation lowers the cells alive at 72 h, differently by line (linear-quadratic survival)
    assert.ok(relativeCells(CELL_LINES[li], 10, 72) < relativeCells(CELL_LINES[li], 0, 72));
  }
  const yields = CELL_LINES.map((l) => relativeCells(l, 2, 72) / relativeCells(l, 0, 72));
  assert.ok(Math.max(...yields) - Math.min(...yields) > 0.05, `yields at 2 Gy ${yields}`);
});

test("the null models remove exactly the effect they name", () => {
  const none = nullModel("no-radiation-vegf");
  const perCell = nullModel("no-per-cell-secretion-change");
  const step = nullModel("step-dose-response");
  const early = nullModel("rise-complete-by-6h");
  const p53 = nullModel("p53-dependent");
  const p53low = nullModel("p53-dependent-lower");
  const same = nullModel("same-rise-all-lines");
  for (let li = 0; li < CELL_LINES.length; li++) {
    assert.strictEqual(expectedObservedLog2FoldChange(li, 8, 6, none), 0);
    // no per-cell change: the concentration falls with dose (cells die), VEGF per cell counted at harvest rises
    assert.ok(expectedConcentrationFold(li, 10, 72, perCell) < 1);
    assert.ok(expectedPerCellAtHarvestFold(li, 10, 72, perCell) > 1);
    assert.strictEqual(expectedObservedLog2FoldChange(li, 8, 6, perCell), expectedObservedLog2FoldChange(li, 8, 6));
    // step: the concentration at the highest dose is not above the lowest irradiated dose's
    assert.ok(expectedConcentrationFold(li, 10, 72, step) < expectedConcentrationFold(li, 1, 72, step));
    // complete by 6 h: the fold over sham hardly changes after the first harvest (cells still die, so it
    // drifts by < 0.15 log2), while the calibrated rise grows by more than 0.5 log2
    const drift = Math.log2(expectedConcentrationFold(li, 10, 72, early) / expectedConcentrationFold(li, 10, 6, early));
    assert.ok(Math.abs(drift) < 0.15, `${CELL_LINES[li].name} drift ${drift}`);
    assert.ok(Math.log2(expectedConcentrationFold(li, 10, 72) / expectedConcentrationFold(li, 10, 6)) > 0.5);
    assert.ok(Math.abs(expectedConcentrationFold(li, 10, 72, same) / expectedConcentrationFold(0, 10, 72, same) - 1) < 1e-12, "the same rise in every line");
  }
  // p53-dependent: the wild-type line's observed fold change at 8 Gy, 6 h is 3/2 (2/3) x the deficient lines' (geometric mean)
  for (const [model, ratio] of [[p53, 1.5], [p53low, 2 / 3]] as const) {
    const log2 = [0, 1, 2, 3].map((li) => expectedObservedLog2FoldChange(li, 8, 6, model));
    assert.ok(Math.abs(log2[0] - (log2[1] + log2[2] + log2[3]) / 3 - Math.log2(ratio)) < 1e-12);
    assert.strictEqual(expectedObservedLog2FoldChange(1, 8, 6, model), expectedObservedLog2FoldChange(1, 8, 6));
  }
  const noOut = nullModel("no-out-of-field-effect");
  assert.strictEqual(noOut.tumor.irradiatedRateRatio, 1);
  assert.strictEqual(noOut.endpoint.serumPerBurden.irradiated, noOut.endpoint.serumPerBurden.sham);
  assert.strictEqual(nullModel("in-field-stasis").tumor.inFieldStasis, true);
  assert.strictEqual(nullModel("no-within-group-association").endpoint.driveLoading, 0);
  // the calibrated model is left as it was
  assert.strictEqual(LAB_MODEL.tumor.irradiatedRateRatio, 1.4);
  assert.strictEqual(LAB_MODEL.tumor.inFieldStasis, false);
  assert.ok(LAB_MODEL.cellLines[0].mrnaInduction === 1.55);
  assert.strictEqual(LAB_MODEL.secretionNull, undefined);
});

test("RT-qPCR: cell issues and cross-row rules are reported at their rows", () => {
  const rel = LABORATORY_FILES.vegfMrna;
  const [, ...rows] = committedText(rel).trimEnd().split("\n");
  const text = edited(
    rel,
    {
      2: { p53_status: "null" }, // HepG2 is wild-type in row 1
      4: { ct_vegf: "55.1" }, // outside 5-45
      5: { ct_gapdh: "Undetermined" },
      6: { replicate: "1.5" },
      7: { dose_gy: "-2" },
      8: { hbv_status: "Positive" },
      533: { cell_line: "HepG2" }, // a HuH-7 row (8 Gy, 0 h, experiment 1) relabelled: a second p53 status for HepG2 and a repeat of row 113
    },
    [rows[9]], // row 10 repeated as row 421: duplicate key
  );
  const { issues } = validateVegfMrna(text, "vegf_mrna.csv");
  assert.deepStrictEqual(rowsOf(issues), [
    [2, "p53_status"],
    [4, "ct_vegf"],
    [5, "ct_gapdh"],
    [6, "replicate"],
    [7, "dose_gy"],
    [8, "hbv_status"],
    [533, "p53_status"],
    [533, "cell_line, dose_gy, hours, replicate"],
    [561, "cell_line, dose_gy, hours, replicate"],
  ]);
  const byRow = (r: number) => issues.filter((i) => i.row === r)[0];
  assert.match(byRow(2).rule, /one p53_status per cell_line: cell_line "HepG2" is "wild-type" in row 1/);
  assert.match(byRow(4).rule, /must be <= 45/);
  assert.match(byRow(5).rule, /must be a number/);
  assert.match(byRow(6).rule, /whole number/);
  assert.match(byRow(8).rule, /case-sensitive/);
  assert.match(byRow(561).rule, /already in row 10/);
  assert.strictEqual(byRow(561).line, 562);
});

test("RT-qPCR: a user's own cell lines load when each has one status", () => {
  const header = "cell_line,p53_status,hbv_status,dose_gy,hours,replicate,ct_vegf,ct_gapdh";
  const text = [header, "SNU-449,mutant,positive,0,24,1,26.1,18.2", "SNU-449,mutant,positive,8,24,1,25.0,18.1", "MyLine,wild-type,negative,0,24,1,25.5,17.9"].join("\n");
  assert.deepStrictEqual(validateVegfMrna(text).issues, []);
});

test("ELISA: negative concentrations, missing columns and duplicate keys are issues", () => {
  const rel = LABORATORY_FILES.vegfSecretion;
  const [, ...rows] = committedText(rel).trimEnd().split("\n");
  const text = edited(rel, { 3: { vegf_pg_ml: "-4" }, 9: { vegf_pg_ml: "" }, 12: { hours: "abc" } }, [rows[0]]);
  const { issues } = validateVegfSecretion(text);
  assert.deepStrictEqual(rowsOf(issues), [
    [3, "vegf_pg_ml"],
    [9, "vegf_pg_ml"],
    [12, "hours"],
    [561, "cell_line, dose_gy, hours, replicate"],
  ]);
  const noColumn = committedText(rel).replace("vegf_pg_ml", "vegf");
  const header = validateVegfSecretion(noColumn).issues.filter((i) => i.row === null);
  assert.deepStrictEqual(rowsOf(header), [[null, "vegf_pg_ml"]]);
});

test("ELISA cell counts: an optional column, validated like the others when present", () => {
  const rel = LABORATORY_FILES.vegfSecretion;
  const withCounts = validateVegfSecretion(committedText(rel));
  assert.deepStrictEqual(withCounts.issues, []);
  assert.ok(Array.isArray(withCounts.table.fields.cells_1e6));
  // a file without the column (a user's older ELISA file) loads, without the field
  const lines = committedText(rel).trimEnd().split("\n").map((l) => l.split(",").slice(0, 7).join(","));
  const without = validateVegfSecretion(lines.join("\n") + "\n");
  assert.deepStrictEqual(without.issues, []);
  assert.strictEqual(without.table.fields.cells_1e6, undefined);
  // bad counts: zero (cannot divide), negative, text, missing, too many
  const text = edited(rel, { 2: { cells_1e6: "0" }, 3: { cells_1e6: "-0.5" }, 4: { cells_1e6: "many" }, 5: { cells_1e6: "" }, 6: { cells_1e6: "250" } });
  const { issues } = validateVegfSecretion(text, "vegf_secretion.csv");
  assert.deepStrictEqual(rowsOf(issues), [
    [2, "cells_1e6"],
    [3, "cells_1e6"],
    [4, "cells_1e6"],
    [5, "cells_1e6"],
    [6, "cells_1e6"],
  ]);
  assert.match(issues[0].rule, /must be > 0 \(VEGF is expressed per 10\^6 cells\)/);
  assert.strictEqual(issues[0].value, "0");
  assert.match(issues[1].rule, /must be >= 0/);
  assert.match(issues[3].rule, /missing/);
  assert.match(issues[4].rule, /must be <= 100/);
  // a misspelt optional column is an extra column, not the count: the file loads without counts
  const misspelt = validateVegfSecretion(committedText(rel).replace("cells_1e6", "Cells_1e6"));
  assert.deepStrictEqual(misspelt.issues, []);
  assert.strictEqual(misspelt.table.fields.cells_1e6, undefined);
});

test("tumor growth: negative volumes, a mouse in two groups and repeated measurements are issues", () => {
  const rel = LABORATORY_FILES.tumorGrowth;
  const [, ...rows] = committedText(rel).trimEnd().split("\n");
  const firstGroup = rows[0].split(",")[1];
  const text = edited(rel, { 2: { volume_mm3: "-10" }, 5: { group: firstGroup === "sham" ? "irradiated" : "sham" }, 7: { site: "in-field" } }, [rows[3]]);
  const { issues } = validateTumorGrowth(text);
  assert.deepStrictEqual(rowsOf(issues), [
    [2, "volume_mm3"],
    [5, "group"],
    [7, "site"],
    [361, "mouse_id, site, day"],
  ]);
  assert.match(issues[1].rule, /one group per mouse_id: mouse_id "M01"/);
});

test("end points: repeated mice and negative values are issues; missing measures are allowed", () => {
  const rel = LABORATORY_FILES.endpoint;
  const [, ...rows] = committedText(rel).trimEnd().split("\n");
  const text = edited(rel, { 2: { mvd_per_hpf: "-1" }, 3: { serum_vegf_pg_ml: "NA" }, 4: { group: "control" } }, [rows[0]]);
  const { table, issues } = validateEndpoint(text);
  assert.deepStrictEqual(rowsOf(issues), [
    [2, "mvd_per_hpf"],
    [4, "group"],
    [21, "mouse_id"],
  ]);
  assert.ok(Number.isNaN(table.fields.serum_vegf_pg_ml[2]));
});

test("cross-file: every end-point mouse must be in the growth file, in the same group", () => {
  const growth = loadTumorGrowth(dataRoot);
  const rel = LABORATORY_FILES.endpoint;
  const first = committedText(rel).trimEnd().split("\n")[1].split(",");
  const text = edited(rel, { 1: { group: first[1] === "sham" ? "irradiated" : "sham" }, 5: { mouse_id: "M99" } });
  const endpoint = validateEndpoint(text, "endpoint.csv").table;
  const issues = checkXenograftMice(growth, endpoint);
  assert.deepStrictEqual(rowsOf(issues), [
    [1, "group"],
    [5, "mouse_id"],
  ]);
  assert.match(issues[1].rule, /not found in tumor_growth.csv/);
  assert.deepStrictEqual(checkXenograftMice(growth, loadEndpoint(dataRoot)), []);

  const dir = tempDir();
  try {
    generateLaboratoryData(dir);
    fs.writeFileSync(path.join(dir, rel), text);
    assert.throws(
      () => loadXenograft(dir),
      (e: unknown) => e instanceof DataValidationError && e.issues.length === 2 && e.file === path.join(dir, rel) && /row 5 \(line 6\)/.test(e.message),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("loaders throw a DataValidationError listing every issue, and one for a missing file", () => {
  const dir = tempDir();
  try {
    generateLaboratoryData(dir);
    const rel = LABORATORY_FILES.vegfSecretion;
    fs.writeFileSync(path.join(dir, rel), edited(rel, { 1: { vegf_pg_ml: "x" }, 2: { replicate: "0" } }));
    assert.throws(
      () => loadVegfSecretion(dir),
      (e: unknown) => e instanceof DataValidationError && e.issues.length === 2 && /2 problems/.test(e.message) && /row 2 \(line 3\), column "replicate"/.test(e.message),
    );
    fs.rmSync(path.join(dir, LABORATORY_FILES.vegfMrna));
    assert.throws(
      () => loadVegfMrna(dir),
      (e: unknown) => e instanceof DataValidationError && e.issues.length === 1 && /file not found/.test(e.issues[0].rule),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
