import { test } from "node:test";
import * as assert from "assert";
import { mrnaInduction } from "../../src/laboratory/index";
import { InputError } from "../../src/core/index";
import { assertClose } from "../helpers/reference";
import { CASES, rReference, shippedData } from "./fixture";

for (const c of CASES) {
  test(`mrnaInduction matches R (${c.name})`, () => {
    const r = rReference()[c.name].mrna;
    const m = mrnaInduction(c.data().vegfMrna.fields);
    assert.strictEqual(m.inductionDose, r.induction_dose);
    assert.strictEqual(m.inductionHours, r.induction_hours);
    assert.deepStrictEqual(m.timeProfile.map((p) => p.hours), r.profile_hours);
    m.timeProfile.forEach((p, i) => assertClose(p.meanLog2FoldChange, r.time_profile[i], `profile ${p.hours} h`));
    assert.strictEqual(m.foldChanges.length, r.fold_changes.length);
    m.foldChanges.forEach((row, i) => {
      const e = r.fold_changes[i];
      const label = `${row.cellLine} ${row.dose} Gy ${row.hours} h`;
      assert.deepStrictEqual([row.cellLine, row.dose, row.hours, row.n], [e.cell_line, e.dose, e.hours, e.n], label);
      assertClose(row.foldChange, e.fold_change, `${label} fold`);
      assertClose(row.lower, e.lower, `${label} lower`);
      assertClose(row.upper, e.upper, `${label} upper`);
    });
    m.perLine.forEach((l, i) => {
      const e = r.per_line[i];
      assert.strictEqual(l.cellLine, e.cell_line);
      assertClose(l.log2FoldChange, e.estimate, `${l.cellLine} log2 FC`);
      assertClose(l.foldChange, Math.pow(2, e.estimate), `${l.cellLine} fold`);
      assertClose(l.lower, Math.pow(2, e.lower), `${l.cellLine} lower`);
      assertClose(l.upper, Math.pow(2, e.upper), `${l.cellLine} upper`);
      assertClose(l.t, e.t, `${l.cellLine} t`);
      assertClose(l.df, e.df, `${l.cellLine} df`);
      assertClose(l.pValue, e.p_value, `${l.cellLine} P`);
      assert.strictEqual(l.rises, e.estimate > 0 && e.p_value < 0.05);
    });
    assertClose(m.pooledMeanSq, r.pooled_mean_sq, "pooled mean square");
    assert.ok(m.lineHeterogeneity !== null);
    assertClose(m.lineHeterogeneity!.f, r.heterogeneity.f, "heterogeneity F");
    assert.strictEqual(m.lineHeterogeneity!.df1, r.heterogeneity.df1);
    assert.strictEqual(m.lineHeterogeneity!.df2, r.heterogeneity.df2);
    assertClose(m.lineHeterogeneity!.pValue, r.heterogeneity.p_value, "heterogeneity P");
    assert.ok(m.p53 !== null);
    const p = m.p53!;
    assertClose(p.estimate, r.p53.estimate, "p53 contrast");
    assertClose(p.stdErr, r.p53.std_err, "p53 se");
    assertClose(p.t, r.p53.t, "p53 t");
    assert.strictEqual(p.df, r.p53.df);
    assertClose(p.pValue, r.p53.p_value, "p53 P");
    assertClose(p.lower, r.p53.lower, "p53 lower");
    assertClose(p.upper, r.p53.upper, "p53 upper");
    assertClose(p.ratio, Math.pow(2, r.p53.estimate), "p53 ratio");
  });
}

test("mrnaInduction: structure on the shipped data", () => {
  const m = mrnaInduction(shippedData().vegfMrna.fields);
  assert.deepStrictEqual(m.lines.map((l) => l.cellLine), ["HepG2", "Hep3B", "PLC/PRF/5", "HuH-7"]);
  assert.deepStrictEqual(m.lines.map((l) => l.p53Group), ["wild-type", "deficient", "deficient", "deficient"]);
  assert.deepStrictEqual(m.p53!.wildTypeLines, ["HepG2"]);
  assert.strictEqual(m.inductionHoursRule, "peak of the mean log2 fold change over lines");
  // calibrator rows have fold change 1 on average exactly (geometric mean of 2^-ddct)
  for (const row of m.foldChanges.filter((r) => r.dose === 0)) assertClose(row.log2FoldChange, 0, "calibrator");
  // the wild-type/deficient means and their difference agree
  assertClose(m.p53!.wildTypeLog2 - m.p53!.deficientLog2, m.p53!.estimate, "contrast = difference of group means");
  assert.doesNotThrow(() => JSON.stringify(m));
});

test("mrnaInduction: given dose and hours; bad choices throw", () => {
  const f = shippedData().vegfMrna.fields;
  const m = mrnaInduction(f, { dose: 4, hours: 6 });
  assert.strictEqual(m.inductionDose, 4);
  assert.strictEqual(m.inductionHours, 6);
  assert.strictEqual(m.inductionHoursRule, "given");
  assert.throws(() => mrnaInduction(f, { dose: 3 }), InputError);
  assert.throws(() => mrnaInduction(f, { hours: 5 }), InputError);
  assert.throws(() => mrnaInduction(f, { confLevel: 1 }), InputError);
});

test("mrnaInduction: only p53-deficient lines gives no p53 comparison, with the reason", () => {
  const f = shippedData().vegfMrna.fields;
  const keep = f.cell_line.map((l) => l !== "HepG2");
  const sub = Object.fromEntries(Object.entries(f).map(([k, v]) => [k, (v as unknown[]).filter((_, i) => keep[i])])) as unknown as typeof f;
  const m = mrnaInduction(sub);
  assert.strictEqual(m.p53, null);
  assert.match(m.p53Note as string, /0 p53 wild-type and 3 p53-deficient/);
  assert.strictEqual(m.perLine.length, 3);
});

test("mrnaInduction: bad input throws an InputError naming the column and row", () => {
  const base = {
    cell_line: ["A", "A", "A", "A"],
    p53_status: ["null", "null", "null", "null"],
    dose_gy: [0, 0, 8, 8],
    hours: [6, 6, 6, 6],
    ct_vegf: [25, 25.2, 24, 24.1],
    ct_gapdh: [18, 18.1, 18, 18.2],
  };
  assert.throws(() => mrnaInduction({ ...base, ct_vegf: [25, NaN, 24, 24.1] }), (e: unknown) => e instanceof InputError && /ct_vegf/.test(e.message));
  const dropped = mrnaInduction({ ...base, ct_vegf: [25, NaN, 24, 24.1, 24.2], ct_gapdh: [18, 18.1, 18, 18.2, 18], cell_line: ["A", "A", "A", "A", "A"], p53_status: ["null", "null", "null", "null", "null"], dose_gy: [0, 0, 8, 8, 8], hours: [6, 6, 6, 6, 6] }, { missing: "drop" });
  assert.strictEqual(dropped.dropped, 1);
  assert.throws(() => mrnaInduction({ ...base, ct_gapdh: [18, 18] }), (e: unknown) => e instanceof InputError && /ct_gapdh/.test(e.message));
  assert.throws(() => mrnaInduction({ ...base, p53_status: ["null", "mutant", "null", "null"] }), (e: unknown) => e instanceof InputError && /p53_status/.test(e.message));
  assert.throws(() => mrnaInduction({ ...base, p53_status: ["odd", "odd", "odd", "odd"] }), (e: unknown) => e instanceof InputError && /p53_status/.test(e.message));
  assert.throws(() => mrnaInduction({ ...base, dose_gy: [0, 0, 0, 0] }), InputError);
  assert.throws(() => mrnaInduction({ ...base, dose_gy: [0, -1, 8, 8] }), (e: unknown) => e instanceof InputError && /dose_gy/.test(e.message));
  const { p53_status: _omit, ...noStatus } = base;
  assert.throws(() => mrnaInduction(noStatus as typeof base), (e: unknown) => e instanceof InputError && /p53_status/.test(e.message));
});

test("mrnaInduction: a line with one sample per cell has no rise test but the rest still run", () => {
  const m = mrnaInduction({
    cell_line: ["A", "A", "A", "A", "B", "B"],
    p53_status: ["wild-type", "wild-type", "wild-type", "wild-type", "null", "null"],
    dose_gy: [0, 0, 8, 8, 0, 8],
    hours: [6, 6, 6, 6, 6, 6],
    ct_vegf: [25, 25.2, 24, 24.1, 26, 25],
    ct_gapdh: [18, 18.1, 18, 18.2, 18, 18],
  });
  const b = m.perLine.find((l) => l.cellLine === "B")!;
  assert.strictEqual(b.pValue, null);
  assert.strictEqual(b.rises, false);
  assertClose(b.log2FoldChange, 1, "B log2 FC");
  assert.ok(m.p53 !== null);
  assert.strictEqual(m.p53!.df, 2);
});
