import { test } from "node:test";
import * as assert from "assert";
import { mrnaInduction } from "../../src/laboratory/index";
import { InputError } from "../../src/core/index";
import { assertClose } from "../helpers/reference";
import { CASES, PLAN_HOURS, rReference, shippedData } from "./fixture";

for (const c of CASES) {
  test(`mrnaInduction (paired within experiments) matches R (${c.name})`, () => {
    const r = rReference()[c.name].mrna;
    const m = mrnaInduction(c.data().vegfMrna.fields, { hours: PLAN_HOURS[c.name].mrna });
    assert.strictEqual(m.inductionDose, r.induction_dose);
    assert.strictEqual(m.inductionHours, r.induction_hours);
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
      assert.strictEqual(l.n, e.n);
      assertClose(l.log2FoldChange, e.paired.estimate, `${l.cellLine} log2 FC`);
      assertClose(l.lower, Math.pow(2, e.paired.lower), `${l.cellLine} lower`);
      assertClose(l.upper, Math.pow(2, e.paired.upper), `${l.cellLine} upper`);
      assertClose(l.t, e.paired.t, `${l.cellLine} t`);
      assertClose(l.df, e.paired.df, `${l.cellLine} df`);
      assertClose(l.pValue, e.paired.p_value, `${l.cellLine} P`);
      assert.strictEqual(l.rises, e.paired.estimate > 0 && e.paired.p_value < 0.05);
      assertClose(l.unpaired!.pValue, e.unpaired.p_value, `${l.cellLine} unpaired P`);
      assertClose(l.unpaired!.lower, Math.pow(2, e.unpaired.lower), `${l.cellLine} unpaired lower`);
    });
    assert.strictEqual(m.byTime.length, r.by_time.length);
    m.byTime.forEach((b, i) => {
      const e = r.by_time[i];
      assert.deepStrictEqual([b.cellLine, b.hours, b.n], [e.cell_line, e.hours, e.n]);
      assertClose(b.foldChange, e.fold_change, `${b.cellLine} ${b.hours} h fold`);
      assertClose(b.pValue, e.p_value, `${b.cellLine} ${b.hours} h P`);
      assertClose(b.pHolm, e.p_holm, `${b.cellLine} ${b.hours} h Holm`);
    });
    // randomized-block ANOVA: R's anova(lm(y ~ experiment + treat * line)) over the pairs
    const a = m.blockedAnova!;
    const row = (term: string) => a.find((x) => x.term === term)!;
    for (const [term, e] of [
      ["experiment (block)", r.blocked_anova.experiment],
      ["treatment", r.blocked_anova.treatment],
      ["treatment × cell line", r.blocked_anova.interaction],
    ] as const) {
      assert.strictEqual(row(term).df, e.df, `${term} df`);
      assertClose(row(term).sumSq, e.sum_sq, `${term} SS`);
      assertClose(row(term).f, e.f, `${term} F`);
      assertClose(row(term).pValue, e.p_value, `${term} P`);
    }
    assert.strictEqual(row("residual").df, r.blocked_anova.residual_df);
    assertClose(row("residual").sumSq, r.blocked_anova.residual_ss, "residual SS");
    assertClose(m.lineHeterogeneity!.f, r.blocked_anova.interaction.f, "heterogeneity F = the treatment x line F");
    assertClose(m.pooledMeanSq, r.pooled_mean_sq, "pooled variance of d");
    const p = m.p53!;
    assertClose(p.estimate, r.p53.estimate, "p53 contrast");
    assertClose(p.stdErr, r.p53.std_err, "p53 se");
    assertClose(p.t, r.p53.t, "p53 t");
    assertClose(p.df, r.p53.df, "p53 Satterthwaite df");
    assertClose(p.pValue, r.p53.p_value, "p53 P");
    assertClose(p.lower, r.p53.lower, "p53 lower");
    assertClose(p.upper, r.p53.upper, "p53 upper");
    assertClose(p.equivalence.pLower, r.p53.tost.p_lower, "TOST P lower");
    assertClose(p.equivalence.pUpper, r.p53.tost.p_upper, "TOST P upper");
    assertClose(p.equivalence.pValue, r.p53.tost.p_value, "TOST P");
    assert.strictEqual(p.equivalence.equivalent, r.p53.tost.equivalent);
    assertClose(p.equivalence.ratioCiLower, Math.pow(2, r.p53.tost.ci_lower), "90% CI lower");
    assertClose(p.equivalence.ratioCiUpper, Math.pow(2, r.p53.tost.ci_upper), "90% CI upper");
  });
}

test("mrnaInduction: the induction time is the plan's, not the data's peak; every time is shown Holm-adjusted", () => {
  const m = mrnaInduction(shippedData().vegfMrna.fields);
  assert.strictEqual(m.inductionHours, 6);
  assert.strictEqual(m.inductionHoursRule, "pre-specified (analysis plan)");
  assert.deepStrictEqual(m.lines.map((l) => l.p53Group), ["wild-type", "deficient", "deficient", "deficient"]);
  assert.deepStrictEqual(m.experiments.map((e) => e.n), [4, 4, 4, 4]);
  for (const line of m.lines) {
    const times = m.byTime.filter((b) => b.cellLine === line.cellLine);
    assert.deepStrictEqual(times.map((t) => t.hours), [0, 2, 6, 12, 24, 48, 72]);
    for (const t of times) assert.ok(t.pHolm! >= t.pValue!, `${line.cellLine} ${t.hours} h: Holm ${t.pHolm} < raw ${t.pValue}`);
  }
  assertClose(m.p53!.wildTypeLog2 - m.p53!.deficientLog2, m.p53!.estimate, "contrast = difference of group means");
  assert.strictEqual(m.p53!.equivalence.marginLower, 2 / 3);
  assert.strictEqual(m.p53!.equivalence.marginUpper, 1.5);
  assert.deepStrictEqual(m.notes, []);
  assert.doesNotThrow(() => JSON.stringify(m));
});

test("mrnaInduction: given dose and hours; a time not in the data, and bad options, throw", () => {
  const f = shippedData().vegfMrna.fields;
  const m = mrnaInduction(f, { dose: 4, hours: 12 });
  assert.strictEqual(m.inductionDose, 4);
  assert.strictEqual(m.inductionHours, 12);
  assert.strictEqual(m.inductionHoursRule, "given");
  assert.throws(() => mrnaInduction(f, { dose: 3 }), InputError);
  assert.throws(() => mrnaInduction(f, { hours: 5 }), (e: unknown) => e instanceof InputError && /the data have 0, 2, 6, 12, 24, 48, 72 h/.test(e.message));
  assert.throws(() => mrnaInduction(f, { confLevel: 1 }), InputError);
  assert.throws(() => mrnaInduction(f, { p53Margin: { lower: 1.5, upper: 0.67 } }), (e: unknown) => e instanceof InputError && /p53Margin/.test(e.message));
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

test("mrnaInduction: a block with a missing cell is left out of the pairs and named", () => {
  const f = shippedData().vegfMrna.fields;
  // drop HepG2's 0 Gy sample at 6 h in experiment 2
  const drop = f.cell_line.map((l, i) => l === "HepG2" && f.dose_gy[i] === 0 && f.hours[i] === 6 && f.replicate[i] === 2);
  const sub = Object.fromEntries(Object.entries(f).map(([k, v]) => [k, (v as unknown[]).filter((_, i) => !drop[i])])) as unknown as typeof f;
  const m = mrnaInduction(sub);
  const hep = m.perLine.find((l) => l.cellLine === "HepG2")!;
  assert.strictEqual(hep.n, 3);
  assert.ok(m.notes.some((n) => /^HepG2, experiment 2: a 8 Gy sample but no 0 Gy \(calibrator\) sample at 6 h/.test(n)), m.notes.join(" | "));
  assert.ok(m.p53 !== null && Number.isFinite(m.p53.pValue));
});

test("mrnaInduction: bad input throws an InputError naming the column and row", () => {
  const base = {
    cell_line: ["A", "A", "A", "A"],
    p53_status: ["null", "null", "null", "null"],
    dose_gy: [0, 8, 0, 8],
    hours: [6, 6, 6, 6],
    replicate: [1, 1, 2, 2],
    ct_vegf: [25, 24, 25.2, 24.1],
    ct_gapdh: [18, 18, 18.1, 18.2],
  };
  assert.doesNotThrow(() => mrnaInduction(base));
  assert.throws(() => mrnaInduction({ ...base, ct_vegf: [25, NaN, 24, 24.1] }), (e: unknown) => e instanceof InputError && /ct_vegf/.test(e.message));
  assert.throws(() => mrnaInduction({ ...base, ct_gapdh: [18, 18] }), (e: unknown) => e instanceof InputError && /ct_gapdh/.test(e.message));
  assert.throws(() => mrnaInduction({ ...base, p53_status: ["null", "mutant", "null", "null"] }), (e: unknown) => e instanceof InputError && /p53_status/.test(e.message));
  assert.throws(() => mrnaInduction({ ...base, dose_gy: [0, -1, 8, 8] }), (e: unknown) => e instanceof InputError && /dose_gy/.test(e.message));
  assert.throws(() => mrnaInduction({ ...base, replicate: [1, 1, 1, 2] }), (e: unknown) => e instanceof InputError && /replicate\[2\]/.test(e.message) && /repeats experiment 1/.test(e.message));
  const { replicate: _omit, ...noExperiment } = base;
  assert.throws(() => mrnaInduction(noExperiment as typeof base), (e: unknown) => e instanceof InputError && /replicate/.test(e.message));
});

test("mrnaInduction: a line with one paired experiment has no rise test and no p53 variance, and says so", () => {
  const m = mrnaInduction({
    cell_line: ["A", "A", "A", "A", "B", "B"],
    p53_status: ["wild-type", "wild-type", "wild-type", "wild-type", "null", "null"],
    dose_gy: [0, 8, 0, 8, 0, 8],
    hours: [6, 6, 6, 6, 6, 6],
    replicate: [1, 1, 2, 2, 1, 1],
    ct_vegf: [25, 24, 25.2, 24.1, 26, 25],
    ct_gapdh: [18, 18, 18.1, 18.2, 18, 18],
  });
  const b = m.perLine.find((l) => l.cellLine === "B")!;
  assert.strictEqual(b.pValue, null);
  assert.strictEqual(b.rises, false);
  assertClose(b.log2FoldChange, 1, "B log2 FC");
  assert.strictEqual(m.p53, null);
  assert.match(m.p53Note!, /B has fewer than 2 paired experiments/);
  assert.ok(m.notes.some((n) => /^B: 1 paired experiment at 8 Gy, 6 h, so no test of its rise/.test(n)));
});
