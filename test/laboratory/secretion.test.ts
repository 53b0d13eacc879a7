import { test } from "node:test";
import * as assert from "assert";
import { secretionAnova, secretionDoseTrend, secretionTimeCourse } from "../../src/laboratory/index";
import { InputError } from "../../src/core/index";
import { assertClose } from "../helpers/reference";
import { CASES, rReference, shippedData } from "./fixture";

for (const c of CASES) {
  test(`secretionDoseTrend matches R (${c.name})`, () => {
    const r = rReference()[c.name].secretion;
    const d = secretionDoseTrend(c.data().vegfSecretion.fields);
    assert.strictEqual(d.hours, r.hours);
    d.lines.forEach((l, i) => {
      const e = r.dose_trend[i];
      assert.strictEqual(l.cellLine, e.cell_line);
      assertClose(l.t, e.t, `${l.cellLine} t`);
      assert.strictEqual(l.df, e.df);
      assertClose(l.pValue, e.p_value, `${l.cellLine} P`);
      assertClose(l.slopeLog2PerGy, e.slope, `${l.cellLine} slope`);
      assertClose(l.percentPerGy, (Math.pow(2, e.slope) - 1) * 100, `${l.cellLine} % per Gy`);
      assertClose(l.regressionPValue, e.regression_p, `${l.cellLine} regression P`);
      assertClose(l.foldHighestVsLowest, e.fold_high_low, `${l.cellLine} fold`);
      assert.strictEqual(l.increases, e.slope > 0 && e.p_value < 0.05);
    });
    const expected = ([] as { cell_line: string; hours: number; p_value: number; slope: number }[]).concat(...r.by_time.map((x: unknown) => (x as unknown[]).filter((y) => y !== null)));
    assert.strictEqual(d.byTime.length, expected.length);
    for (const e of expected) {
      const b = d.byTime.find((x) => x.cellLine === e.cell_line && x.hours === e.hours)!;
      assertClose(b.pValue, e.p_value, `${e.cell_line} ${e.hours} h P`);
      assertClose(b.slopeLog2PerGy, e.slope, `${e.cell_line} ${e.hours} h slope`);
    }
  });

  test(`secretionTimeCourse matches R (${c.name})`, () => {
    const r = rReference()[c.name].secretion;
    const tc = secretionTimeCourse(c.data().vegfSecretion.fields);
    assert.strictEqual(tc.dose, r.time_course_dose);
    assert.strictEqual(tc.lines.length, r.time_course.length);
    tc.lines.forEach((l, i) => {
      const e = r.time_course[i];
      assert.strictEqual(l.cellLine, e.cell_line);
      assertClose(l.slopeLog2PerHour, e.estimate, `${l.cellLine} slope`);
      assertClose(l.stdErr, e.std_err, `${l.cellLine} se`);
      assertClose(l.t, e.t, `${l.cellLine} t`);
      assert.strictEqual(l.df, e.df);
      assertClose(l.pValue, e.p_value, `${l.cellLine} P`);
      assertClose(l.lower, e.lower, `${l.cellLine} lower`);
      assertClose(l.upper, e.upper, `${l.cellLine} upper`);
      assertClose(l.foldPerDay, Math.pow(2, 24 * e.estimate), `${l.cellLine} fold per day`);
      assertClose(l.unadjusted.pValue, e.unadjusted_p, `${l.cellLine} unadjusted P`);
      for (const pt of e.per_time) {
        const got = tc.induction.find((x) => x.cellLine === l.cellLine && x.hours === pt.hours)!;
        assertClose(got.ratio, pt.ratio, `${l.cellLine} ${pt.hours} h ratio`);
        assertClose(got.lower, pt.lower, `${l.cellLine} ${pt.hours} h lower`);
        assertClose(got.upper, pt.upper, `${l.cellLine} ${pt.hours} h upper`);
      }
    });
  });

  test(`secretionAnova matches R (${c.name})`, () => {
    const r = rReference()[c.name].secretion;
    const a = secretionAnova(c.data().vegfSecretion.fields);
    assert.strictEqual(a.hours, r.hours);
    const [dose, line, inter] = a.anova.terms;
    for (const [got, e, name] of [[dose, r.anova.dose, "dose"], [line, r.anova.line, "line"], [inter, r.anova.interaction, "interaction"]] as const) {
      assert.strictEqual(got.df, e.df, `${name} df`);
      assertClose(got.sumSq, e.sum_sq, `${name} SS`);
      assertClose(got.f, e.f, `${name} F`);
      assertClose(got.pValue, e.p_value, `${name} P`);
    }
    assert.strictEqual(inter.name, "dose:cell line");
    assert.strictEqual(a.interaction.dfResidual, r.anova.residual_df);
    assertClose(a.interaction.pValue, r.anova.interaction.p_value, "interaction P");
    assertClose(a.rawScale.terms[2].pValue, r.raw_interaction_p, "raw interaction P");
    assert.strictEqual(a.versusControl.length, r.tukey_vs_control.length);
    a.versusControl.forEach((v, i) => {
      const e = r.tukey_vs_control[i];
      assert.strictEqual(v.cellLine, e.cell_line);
      assert.strictEqual(`${v.dose}-${v.controlDose}`, e.label);
      assertClose(v.log2Diff, e.diff, `${e.cell_line} ${e.label} diff`);
      assertClose(v.lower, Math.pow(2, e.lower), `${e.cell_line} ${e.label} lower`);
      assertClose(v.upper, Math.pow(2, e.upper), `${e.cell_line} ${e.label} upper`);
      assertClose(v.pAdj, e.p_adj, `${e.cell_line} ${e.label} P`);
    });
    a.induction.forEach((x, i) => assertClose(x.log2Induction, r.induction[i], `${x.cellLine} induction`));
    assert.strictEqual(a.lineComparisons.length, r.line_pairs.length);
    a.lineComparisons.forEach((p, i) => {
      const e = r.line_pairs[i];
      assert.strictEqual(p.label, e.label);
      assertClose(p.diff, e.diff, `${e.label} diff`);
      assertClose(p.lower, e.lower, `${e.label} lower`);
      assertClose(p.upper, e.upper, `${e.label} upper`);
      assertClose(p.pAdj, e.p_adj, `${e.label} P`);
      assertClose(p.ratio, Math.pow(2, e.diff), `${e.label} ratio`);
    });
  });
}

test("secretion: structure, given times and doses", () => {
  const f = shippedData().vegfSecretion.fields;
  const d = secretionDoseTrend(f, { hours: 24 });
  assert.strictEqual(d.hours, 24);
  assert.strictEqual(d.hoursRule, "given");
  assert.deepStrictEqual(d.lines.map((l) => l.doses), d.lines.map(() => [0, 2, 4, 6, 8]));
  assert.ok(d.lines.every((l) => l.n.every((n) => n === 3)));
  assert.throws(() => secretionDoseTrend(f, { hours: 5 }), InputError);
  const tc = secretionTimeCourse(f, { dose: 4 });
  assert.strictEqual(tc.dose, 4);
  assert.strictEqual(tc.cells.length, 4 * 5 * 6);
  assert.ok(tc.cells.every((cell) => cell.n === 3 && cell.sd !== null && cell.sem !== null));
  assert.throws(() => secretionTimeCourse(f, { dose: 3 }), InputError);
  const a = secretionAnova(f, { hours: 48 });
  assert.strictEqual(a.hours, 48);
  assert.strictEqual(a.lineComparisons.length, 6);
  assert.strictEqual(a.versusControl.length, 4 * 4);
  assert.doesNotThrow(() => JSON.stringify([d, tc, a]));
});

test("secretion: a value of 0 cannot go on the log scale and is named", () => {
  const f = shippedData().vegfSecretion.fields;
  const v = f.vegf_pg_ml.slice();
  v[5] = 0;
  assert.throws(() => secretionDoseTrend({ ...f, vegf_pg_ml: v }), (e: unknown) => e instanceof InputError && /vegf_pg_ml/.test(e.message) && /row 5|5/.test(e.message));
});

test("secretion: missing values throw unless dropped", () => {
  const f = shippedData().vegfSecretion.fields;
  const v: (number | null)[] = f.vegf_pg_ml.slice();
  v[10] = null;
  assert.throws(() => secretionAnova({ ...f, vegf_pg_ml: v }), (e: unknown) => e instanceof InputError && /vegf_pg_ml/.test(e.message));
  assert.strictEqual(secretionAnova({ ...f, vegf_pg_ml: v }, { missing: "drop" }).dropped, 1);
  assert.strictEqual(secretionTimeCourse({ ...f, vegf_pg_ml: v }, { missing: "drop" }).dropped, 1);
});

test("secretionTimeCourse: a line without replicates is named in notes, not tested", () => {
  const t = secretionTimeCourse({
    cell_line: ["A", "A", "A", "A", "A", "A", "A", "A", "B", "B", "B", "B"],
    dose_gy: [0, 0, 8, 8, 0, 0, 8, 8, 0, 8, 0, 8],
    hours: [0, 0, 0, 0, 24, 24, 24, 24, 0, 0, 24, 24],
    vegf_pg_ml: [100, 110, 105, 98, 101, 99, 180, 200, 50, 52, 51, 90],
  });
  assert.deepStrictEqual(t.lines.map((l) => l.cellLine), ["A"]);
  assert.match(t.notes[0], /^B: no replicate/);
  assert.strictEqual(t.induction.filter((i) => i.cellLine === "B").length, 2);
  assert.ok(t.induction.filter((i) => i.cellLine === "B").every((i) => i.lower === null));
});
