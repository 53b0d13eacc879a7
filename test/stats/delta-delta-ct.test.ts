import { test } from "node:test";
import * as assert from "assert";
import { assertClose, assertAllClose } from "../helpers/reference";
import { deltaDeltaCt, summarizeFoldChange, deltaDeltaCtByDose } from "../../src/stats/index";
import { loadFixture, assertInputError } from "./fixtures";

// test/fixtures/r/stats-qpcr.R: a small seeded design (2 cell lines x 4 doses x 2 times x 3 replicates; one
// undetermined well, one condition left with a single replicate), ddCt computed in R, intervals from t.test.
const fx = loadFixture("stats-qpcr");
const d = fx.data;
const e = fx.expected;

test("deltaDeltaCtByDose matches R per row and per condition", () => {
  const r = deltaDeltaCtByDose(
    { cellLine: d.cell_line, dose: d.dose, hours: d.hours, ctTarget: d.ct_target, ctReference: d.ct_reference },
    { missing: "drop" },
  );
  assert.strictEqual(r.dropped, 1);
  assertAllClose(r.deltaCt, e.delta_ct, "dCt");
  assertAllClose(r.deltaDeltaCt, e.delta_delta_ct, "ddCt");
  assertAllClose(r.foldChange, e.fold_change, "fold");
  assert.strictEqual(r.summary.length, e.summary.length);
  for (const s of e.summary) {
    const [line, dose, hours] = (s.condition as string).split(" ");
    const got = r.summary.find((x) => x.cellLine === line && x.dose === Number(dose) && x.hours === Number(hours));
    assert.ok(got, s.condition);
    if (!got) continue;
    const label = s.condition;
    assert.strictEqual(got.n, s.n, `${label} n`);
    assertClose(got.meanDeltaDeltaCt, s.mean_ddct, `${label} mean ddCt`);
    assertClose(got.sdDeltaDeltaCt, s.sd_ddct, `${label} sd ddCt`);
    assertClose(got.lowerDeltaDeltaCt, s.ddct_lower, `${label} ddCt lower`);
    assertClose(got.upperDeltaDeltaCt, s.ddct_upper, `${label} ddCt upper`);
    assertClose(got.foldChange, s.fold_change, `${label} fold`);
    assertClose(got.foldChangeLower, s.fold_lower, `${label} fold lower`);
    assertClose(got.foldChangeUpper, s.fold_upper, `${label} fold upper`);
    assertClose(got.meanFoldChange, s.mean_fold, `${label} mean fold`);
    assertClose(got.sdFoldChange, s.sd_fold, `${label} sd fold`);
  }
  // sorted by cell line (text), hours, dose
  assert.deepStrictEqual(r.summary.slice(0, 3).map((s) => [s.cellLine, s.hours, s.dose]), [["Hep3B", 6, 0], ["Hep3B", 6, 2], ["Hep3B", 6, 4]]);
});

test("low-level deltaDeltaCt + summarizeFoldChange give the same numbers", () => {
  const n = d.dose.length;
  const group = Array.from({ length: n }, (_, i) => `${d.cell_line[i]}/${d.hours[i]}`);
  const q = deltaDeltaCt(
    { ctTarget: d.ct_target, ctReference: d.ct_reference, isCalibrator: d.dose.map((x: number) => x === 0), calibrationGroup: group },
    { missing: "drop" },
  );
  assertAllClose(q.deltaDeltaCt, e.delta_delta_ct, "ddCt");
  assert.strictEqual(q.calibrators.length, 4);
  const cond = Array.from({ length: n }, (_, i) => `${d.cell_line[i]} ${d.dose[i]} ${d.hours[i]}`);
  const s = summarizeFoldChange(q.deltaDeltaCt, cond, { missing: "drop" });
  assert.deepStrictEqual(s.map((x) => x.condition), e.summary.map((x: { condition: string }) => x.condition));
  assertAllClose(s.map((x) => x.foldChangeUpper), e.summary.map((x: { fold_upper: number }) => x.fold_upper), "fold upper");
});

test("hand-checked example: one calibrator group, Livak ±SD range and a 90% interval", () => {
  const q = deltaDeltaCt({ ctTarget: [25, 25.2, 24.8, 23, 23.4, 22.6], ctReference: [18, 18, 18, 18, 18, 18], isCalibrator: [1, 1, 1, 0, 0, 0] });
  assertAllClose(q.deltaCt, [7, 7.2, 6.8, 5, 5.4, 4.6], "dCt", 1e-12);
  assertAllClose(q.deltaDeltaCt, [0, 0.2, -0.2, -2, -1.6, -2.4], "ddCt", 1e-12);
  assertClose(q.foldChange[3], 4, "fold", 1e-12);
  const s = summarizeFoldChange(q.deltaDeltaCt, ["0", "0", "0", "8", "8", "8"], { confLevel: 0.9 });
  assertClose(s[1].foldChange, 4, "fold", 1e-12);
  assertClose(s[1].foldChangeSdLower, Math.pow(2, 1.6), "sd range low", 1e-12);
  assertClose(s[1].foldChangeSdUpper, Math.pow(2, 2.4), "sd range high", 1e-12);
  // qt(0.95, 2) = 2.919986, sd = 0.4, n = 3
  assertClose(s[1].upperDeltaDeltaCt, -2 + 2.919985580353726 * 0.4 / Math.sqrt(3), "90% upper", 1e-9);
});

test("single replicate: no SD or interval", () => {
  const s = summarizeFoldChange([0.5], ["a"]);
  assert.strictEqual(s[0].sdDeltaDeltaCt, null);
  assert.strictEqual(s[0].foldChangeLower, null);
  assertClose(s[0].foldChange, Math.pow(2, -0.5), "fold");
});

test("missing Ct throws by default, names the row; dropped rows give null outputs", () => {
  const args = { ctTarget: [25, null, 24.8, 23], ctReference: [18, 18, 18, 18], isCalibrator: [true, true, false, false] };
  assertInputError(() => deltaDeltaCt(args), "ctTarget", 1);
  const q = deltaDeltaCt(args, { missing: "drop" });
  assert.strictEqual(q.dropped, 1);
  assert.strictEqual(q.deltaDeltaCt[1], null);
  assertInputError(() => summarizeFoldChange(q.deltaDeltaCt, ["a", "a", "b", "b"]), "deltaDeltaCt", 1);
  assert.strictEqual(summarizeFoldChange(q.deltaDeltaCt, ["a", "a", "b", "b"], { missing: "drop" })[0].n, 1);
});

test("bad input: lengths, empty, flags, a calibration group without calibrator", () => {
  const base = { ctTarget: [25, 24.9, 23, 23.2], ctReference: [18, 18.1, 18, 17.9], isCalibrator: [1, 1, 0, 0] };
  assertInputError(() => deltaDeltaCt({ ...base, ctReference: [18, 18] }), "ctReference");
  assertInputError(() => deltaDeltaCt({ ctTarget: [], ctReference: [], isCalibrator: [] }), "ctTarget");
  assertInputError(() => deltaDeltaCt({ ...base, isCalibrator: [1, 1, 0, "no"] }), "isCalibrator", 3);
  assertInputError(() => deltaDeltaCt({ ...base, ctTarget: [25, 24.9, "23", 23.2] }), "ctTarget", 2);
  // group B has only non-calibrator rows
  assertInputError(() => deltaDeltaCt({ ...base, calibrationGroup: ["A", "A", "A", "B"] }), "isCalibrator", 3);
  assertInputError(() => deltaDeltaCt({ ...base, isCalibrator: [0, 0, 0, 0] }), "isCalibrator", 0);
  assertInputError(() => deltaDeltaCt({ ...base, calibrationGroup: ["A", "A", "B"] }), "calibrationGroup");
  assertInputError(() => summarizeFoldChange([0.1, 0.2], ["a"]), "condition");
  assertInputError(() => summarizeFoldChange([], []), "deltaDeltaCt");
  assertInputError(() => summarizeFoldChange([0.1, 0.2], ["a", "a"], { confLevel: 2 }), "confLevel");
  const byDose = { cellLine: ["L", "L", "L", "L"], dose: [0, 0, 2, 2], hours: [6, 6, 6, 6], ctTarget: base.ctTarget, ctReference: base.ctReference };
  assertInputError(() => deltaDeltaCtByDose({ ...byDose, dose: [0, 0, 2, null] }), "dose", 3);
  assertInputError(() => deltaDeltaCtByDose({ ...byDose, dose: [1, 1, 2, 2] }), "isCalibrator", 0);
  assertInputError(() => deltaDeltaCtByDose({ ...byDose, hours: [6, 6, 24, 24] }), "isCalibrator", 2);
  assertInputError(() => deltaDeltaCtByDose({ ...byDose, cellLine: ["L", "L", "L"] }), "cellLine");
  assert.strictEqual(deltaDeltaCtByDose({ ...byDose, dose: [0, 0, 2, null] }, { missing: "drop" }).dropped, 1);
});
