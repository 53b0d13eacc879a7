import { test } from "node:test";
import * as assert from "assert";
import { mrnaInduction, referenceGeneStability } from "../../src/laboratory/index";
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
    // the margin relative to the induction, and the TOST at 1.25, 4/3 and 1.5
    assertClose(p.marginShare, r.margin_share, "margin share of the deficient lines' log2 induction");
    assert.strictEqual(p.sensitivity.length, r.sensitivity.length);
    p.sensitivity.forEach((x, i) => {
      const e = r.sensitivity[i];
      assertClose(x.margin, e.margin, `margin ${i}`);
      assertClose(x.pValue, e.p_value, `TOST P at ${e.margin}`);
      assertClose(x.marginShare, e.share, `share at ${e.margin}`);
      assert.strictEqual(x.equivalent, e.equivalent, `equivalent at ${e.margin}`);
    });
    assert.deepStrictEqual(p.deficientStatuses.map((d) => d.cellLine), p.deficientLines);
    // detectable ratio of two lines' fold changes (80 % power, noncentral t; R: uniroot on pt(ncp))
    assertClose(m.detectableLineRatio!.ratio, r.detectable_line_ratio, "detectable line ratio");
    // reference gene: Ct(GAPDH) shift from sham by dose, and the blocked dose test
    const g = referenceGeneStability(c.data().vegfMrna.fields, { hours: PLAN_HOURS[c.name].mrna });
    assert.strictEqual(g.shifts.length, r.gapdh.shifts.length);
    g.shifts.forEach((x, i) => {
      const e = r.gapdh.shifts[i];
      assert.deepStrictEqual([x.dose, x.n], [e.dose, e.n]);
      assertClose(x.shift, e.shift, `GAPDH shift ${e.dose} Gy`);
      assertClose(x.lower, e.lower, `GAPDH shift lower ${e.dose} Gy`);
      assertClose(x.upper, e.upper, `GAPDH shift upper ${e.dose} Gy`);
      assertClose(x.pValue, e.p_value, `GAPDH shift P ${e.dose} Gy`);
    });
    assertClose(g.doseTest!.f, r.gapdh.dose_f, "GAPDH dose F");
    assert.deepStrictEqual([g.doseTest!.df1, g.doseTest!.df2], [r.gapdh.dose_df, r.gapdh.res_df]);
    assertClose(g.doseTest!.pValue, r.gapdh.dose_p, "GAPDH dose P");
  });
}

test("mrnaInduction: a descriptive cell whose experiments all gave the same ΔΔCt is reported without an interval, and the claim's test still runs", () => {
  // Ct rounded to 0.1 cycle: in line A at 4 Gy, 12 h every experiment gives ΔΔCt = -1.0 exactly.
  const rows: Record<string, unknown[]> = { cell_line: [], p53_status: [], dose_gy: [], hours: [], replicate: [], ct_vegf: [], ct_gapdh: [] };
  const add = (line: string, p53: string, dose: number, hours: number, rep: number, vegf: number, gapdh: number) => {
    rows.cell_line.push(line); rows.p53_status.push(p53); rows.dose_gy.push(dose); rows.hours.push(hours); rows.replicate.push(rep); rows.ct_vegf.push(vegf); rows.ct_gapdh.push(gapdh);
  };
  for (const [line, p53] of [["A", "wild-type"], ["B", "null"]]) {
    for (let rep = 1; rep <= 3; rep++) {
      for (const hours of [6, 12]) {
        add(line, p53, 0, hours, rep, 25 + rep / 10, 18);
        add(line, p53, 4, hours, rep, hours === 12 && line === "A" ? 24 + rep / 10 : 24.1 + (rep === 2 ? 0.3 : 0) + rep / 10, 18);
        add(line, p53, 8, hours, rep, 23.5 + (rep === 3 ? 0.2 : 0) + rep / 10 + (line === "B" ? 0.1 : 0), 18);
      }
    }
  }
  const m = mrnaInduction(rows as never, { hours: 6 });
  const cell = m.foldChanges.find((f) => f.cellLine === "A" && f.dose === 4 && f.hours === 12)!;
  assert.strictEqual(cell.lower, null);
  assertClose(cell.foldChange, 2, "fold 2 in every experiment");
  assert.ok(m.notes.some((n) => /^A, 4 Gy, 12 h: every experiment gave the same ΔΔCt/.test(n)), m.notes.join(" | "));
  assert.ok(m.perLine.every((l) => l.pValue !== null), "the pre-specified cell's tests run");
  assert.ok(m.p53 !== null);
});

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
  assert.deepStrictEqual(m.p53!.sensitivity.map((x) => x.margin), [1.25, 4 / 3, 1.5]);
  assert.deepStrictEqual(m.p53!.deficientStatuses.map((d) => d.p53Status), ["null", "mutant", "mutant"]);
  assert.doesNotThrow(() => JSON.stringify(m));
});

test("mrnaInduction: given dose and hours; a time not in the data, and bad options, throw", () => {
  const f = shippedData().vegfMrna.fields;
  const m = mrnaInduction(f, { dose: 4, hours: 12 });
  assert.strictEqual(m.inductionDose, 4);
  assert.strictEqual(m.inductionHours, 12);
  assert.strictEqual(m.inductionHoursRule, "given");
  assert.strictEqual(m.planHours, 6);
  // the plan's own time, passed explicitly, is still the pre-specified one
  assert.strictEqual(mrnaInduction(f, { hours: 6 }).inductionHoursRule, "pre-specified (analysis plan)");
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
