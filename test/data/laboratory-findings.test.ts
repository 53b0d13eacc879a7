/**
 * Claims C12-C18 on the committed simulated laboratory data, computed with the project's
 * own statistics (src/stats, through src/synth/laboratory/calibration.ts), and the same
 * quantities checked against R (test/fixtures/r/laboratory-data.R -> .json) to 1e-6.
 */
import { test } from "node:test";
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { loadLaboratory } from "../../src/data/laboratory";
import { measureLaboratory, laboratoryClaimChecks } from "../../src/synth/laboratory/calibration";
import type { Comparison } from "../../src/synth/laboratory/calibration";
import { deltaDeltaCtByDose } from "../../src/stats/index";
import { assertClose, repoRoot } from "../helpers/reference";

const lab = loadLaboratory(path.join(repoRoot, "data"));
const m = measureLaboratory(lab);
const checks = laboratoryClaimChecks(m);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const R: any = JSON.parse(fs.readFileSync(path.join(repoRoot, "test/fixtures/r/laboratory-data.json"), "utf8"));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function sameAsR(actual: Comparison, expected: any, label: string): void {
  for (const k of ["estimate", "t", "df", "pValue"] as const) assertClose(actual[k], expected[k], `${label} ${k}`);
}

function check(id: string) {
  const c = checks.filter((x) => x.id === id)[0];
  assert.ok(c !== undefined, id);
  return c;
}

test("C12: VEGF mRNA rises after 8 Gy in every line, p53 wild-type and deficient alike", () => {
  assert.strictEqual(m.c12.lines.length, 4);
  for (const line of m.c12.lines) {
    assert.ok(line.foldChange > 1.5, `${line.cellLine} fold change ${line.foldChange}`);
    assert.ok(line.rise.pValue < 0.05, `${line.cellLine} P ${line.rise.pValue}`);
    sameAsR(line.rise, R.c12.lines[line.cellLine], `C12 ${line.cellLine}`);
  }
  // the p53-null (Hep3B) and p53-mutant lines are among them
  assert.deepStrictEqual(m.c12.lines.map((l) => l.p53Status), ["wild-type", "null", "mutant", "mutant"]);
  assert.ok(m.c12.p53.pValue > 0.05, `p53 P ${m.c12.p53.pValue}`);
  assert.ok(Math.abs(m.c12.p53.estimate) < 0.5, `p53 difference ${m.c12.p53.estimate} log2 units`);
  sameAsR(m.c12.p53, R.c12.p53, "C12 p53");
  assertClose(m.c12.p53.meanWildType, R.c12.p53.meanWildType, "C12 mean wt");
  assertClose(m.c12.p53.meanDeficient, R.c12.p53.meanDeficient, "C12 mean deficient");
  assert.ok(check("C12").pass, check("C12").value);
});

test("C12: Livak fold changes (vs the mean 0 Gy of the same line and time) rise with dose at 6 h, and not at 0 h", () => {
  const q = lab.vegfMrna.fields;
  const fc = deltaDeltaCtByDose({ cellLine: q.cell_line, dose: q.dose_gy, hours: q.hours, ctTarget: q.ct_vegf, ctReference: q.ct_gapdh });
  for (const line of ["HepG2", "Hep3B", "PLC/PRF/5", "HuH-7"]) {
    const at = (dose: number, hours: number) => fc.summary.filter((s) => s.cellLine === line && s.dose === dose && s.hours === hours)[0].foldChange;
    assert.ok(at(2, 6) > 1 && at(8, 6) > at(2, 6), `${line}: ${at(2, 6)} ${at(8, 6)}`);
    assert.ok(Math.abs(Math.log2(at(8, 0))) < 0.5, `${line} at 0 h: ${at(8, 0)}`);
  }
});

test("C13: secreted VEGF rises with dose in every line (linear trend at 48 h)", () => {
  for (const line of m.c13) {
    assert.ok(line.estimate > 0 && line.pValue < 0.05, `${line.cellLine} P ${line.pValue}`);
    sameAsR(line, R.c13[line.cellLine], `C13 ${line.cellLine}`);
    assertClose(line.fold, R.c13[line.cellLine].fold, `C13 ${line.cellLine} fold`);
  }
  assert.ok(check("C13").pass, check("C13").value);
});

test("C14: secreted VEGF rises with time after 8 Gy in every line, from no rise at 0 h", () => {
  for (const line of m.c14) {
    assert.ok(line.estimate > 0 && line.pValue < 0.05, `${line.cellLine} P ${line.pValue}`);
    sameAsR(line, R.c14[line.cellLine], `C14 ${line.cellLine}`);
    assertClose(line.fold, R.c14[line.cellLine].fold, `C14 ${line.cellLine} fold`);
  }
  assert.ok(m.c14ZeroHours.pValue > 0.05, `0 h: 8 vs 0 Gy P ${m.c14ZeroHours.pValue}`);
  sameAsR(m.c14ZeroHours, R.c14ZeroHours, "C14 0 h");
  assert.ok(check("C14").pass, check("C14").value);
});

test("C15: the dose effect differs by cell line (dose x cell line interaction)", () => {
  assert.ok(m.c15.pValue < 0.05, `P ${m.c15.pValue}`);
  assertClose(m.c15.f, R.c15.f, "C15 F");
  assertClose(m.c15.pValue, R.c15.pValue, "C15 P");
  assert.strictEqual(m.c15.df, R.c15.df);
  assert.strictEqual(m.c15.dfResidual, R.c15.dfResidual);
  // Hep3B has the largest rise, HuH-7 and PLC/PRF/5 the smallest
  const fold = (line: string) => m.c13.filter((l) => l.cellLine === line)[0].fold;
  assert.ok(fold("Hep3B") > fold("HepG2") && fold("HepG2") > Math.max(fold("PLC/PRF/5"), fold("HuH-7")));
  assert.ok(check("C15").pass, check("C15").value);
});

test("C16: out-of-field tumors grow faster in irradiated mice; irradiated in-field tumors regress", () => {
  const c = m.c16;
  assert.strictEqual(c.lastDay, R.c16.lastDay);
  assert.ok(c.finalVolume.meanIrradiated > c.finalVolume.meanSham && c.finalVolume.pValue < 0.05, check("C16").value);
  assert.ok(c.growthRate.meanIrradiated > c.growthRate.meanSham && c.growthRate.pValue < 0.05, check("C16").value);
  sameAsR(c.finalVolume, R.c16.finalVolume, "C16 final volume");
  sameAsR(c.growthRate, R.c16.growthRate, "C16 growth rate");
  for (const k of ["meanIrradiated", "meanSham"] as const) {
    assertClose(c.finalVolume[k], R.c16.finalVolume[k], `C16 final ${k}`);
    assertClose(c.growthRate[k], R.c16.growthRate[k], `C16 rate ${k}`);
  }
  assert.ok(c.inFieldMaxRatio < 1, `largest in-field last/first ratio ${c.inFieldMaxRatio}`);
  assert.ok(c.shamInFieldMinRatio > 1, `sham in-field tumors grow: smallest ratio ${c.shamInFieldMinRatio}`);
  assertClose(c.inFieldMaxRatio, R.c16.inFieldMaxRatio, "C16 in-field ratio");
  assertClose(c.shamInFieldMinRatio, R.c16.shamInFieldMinRatio, "C16 sham in-field ratio");
  assert.ok(check("C16").pass);
});

test("C17: higher microvessel density in irradiated mice", () => {
  assert.ok(m.c17.meanIrradiated > m.c17.meanSham && m.c17.pValue < 0.05, check("C17").value);
  sameAsR(m.c17, R.c17, "C17");
  assert.ok(check("C17").pass);
});

test("C18: higher serum VEGF in irradiated mice, correlated with microvessel density", () => {
  const c = m.c18;
  assert.ok(c.serum.meanIrradiated > c.serum.meanSham && c.serum.pValue < 0.05, check("C18").value);
  assert.ok(c.r >= 0.6 && c.rPValue < 0.05, `r ${c.r} P ${c.rPValue}`);
  sameAsR(c.serum, R.c18.serum, "C18 serum");
  assertClose(c.r, R.c18.r, "C18 r");
  assertClose(c.rPValue, R.c18.rPValue, "C18 r P");
  assert.strictEqual(c.n, 20);
  assert.ok(check("C18").pass);
});
