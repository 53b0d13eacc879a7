import { test } from "node:test";
import * as assert from "assert";
import { perExperimentSlopes, readSecretion, secretionAnova, secretionDoseResponse, secretionDoseTrend, secretionTimeCourse, withinBlockSlope } from "../../src/laboratory/index";
import { InputError } from "../../src/core/index";
import { assertClose } from "../helpers/reference";
import { CASES, PLAN_HOURS, rReference, shippedData, userData } from "./fixture";
import type { RCase } from "./fixture";

/** A per-experiment trend against R's exp_slopes(): mean slope, se, t, df, P, interval, each slope, and the pooled slope. */
function sameTrend(got: { estimate: number; stdErr: number; t: number; df: number; pValue: number; lower: number; upper: number; slopes: { slope: number }[]; pooled: { slope?: number; slopeLog2PerGy?: number; slopeLog2PerHour?: number; pValue: number } | null }, e: RCase, label: string): void {
  assertClose(got.estimate, e.estimate, `${label} mean slope`);
  assertClose(got.stdErr, e.se, `${label} se`);
  assertClose(got.t, e.t, `${label} t`);
  assert.strictEqual(got.df, e.df, `${label} df`);
  assertClose(got.pValue, e.p_value, `${label} P`);
  assertClose(got.lower, e.lower, `${label} lower`);
  assertClose(got.upper, e.upper, `${label} upper`);
  assert.strictEqual(got.slopes.length, e.slopes.length, `${label} slopes`);
  got.slopes.forEach((x, i) => assertClose(x.slope, e.slopes[i], `${label} slope of experiment ${i + 1}`));
  const pooled = got.pooled!;
  assertClose(pooled.slope ?? pooled.slopeLog2PerGy ?? pooled.slopeLog2PerHour, e.pooled.slope, `${label} pooled slope`);
  assertClose(pooled.pValue, e.pooled.p_value, `${label} pooled P`);
}

for (const c of CASES) {
  const hours = PLAN_HOURS[c.name].secretion;
  const measures: ["secretion" | "secretion_per_cell", "concentration" | "per 10^6 cells"][] = c.name === "shipped" ? [["secretion", "concentration"], ["secretion_per_cell", "per 10^6 cells"]] : [["secretion", "concentration"]];
  for (const [key, measure] of measures) {
    test(`secretionDoseTrend (one slope per experiment, irradiated doses) matches R (${c.name}, ${measure})`, () => {
      const r = rReference()[c.name][key];
      const d = secretionDoseTrend(c.data().vegfSecretion.fields, { hours, measure });
      assert.strictEqual(d.hours, r.hours);
      assert.strictEqual(d.measure.kind, measure);
      d.lines.forEach((l, i) => {
        const e = r.dose_trend[i];
        assert.strictEqual(l.cellLine, e.cell_line);
        assert.strictEqual(l.trendDoses[0] > l.doses[0], true, "the sham dose is not in the trend");
        sameTrend({ ...l, estimate: l.slopeLog2PerGy }, e, `${l.cellLine}`);
        assertClose(l.percentPerGy, (Math.pow(2, e.estimate) - 1) * 100, `${l.cellLine} % per Gy`);
        assert.strictEqual(l.increases, e.estimate > 0 && e.p_value < 0.05);
      });
      const all = secretionDoseTrend(c.data().vegfSecretion.fields, { hours, measure, doses: "all" });
      all.lines.forEach((l, i) => sameTrend({ ...l, estimate: l.slopeLog2PerGy }, r.dose_trend_all[i], `${l.cellLine} (sham included)`));
      assert.strictEqual(d.byTime.length, r.by_time.length);
      d.byTime.forEach((b, i) => {
        const e = r.by_time[i];
        assert.deepStrictEqual([b.cellLine, b.hours], [e.cell_line, e.hours]);
        assertClose(b.slopeLog2PerGy, e.slope, `${e.cell_line} ${e.hours} h slope`);
        assertClose(b.pValue, e.p_value, `${e.cell_line} ${e.hours} h P`);
        assertClose(b.pHolm, e.p_holm, `${e.cell_line} ${e.hours} h Holm`);
      });
    });

    test(`secretionTimeCourse (paired rise, one slope per experiment after 0 h) matches R (${c.name}, ${measure})`, () => {
      const r = rReference()[c.name][key];
      const tc = secretionTimeCourse(c.data().vegfSecretion.fields, { measure });
      assert.strictEqual(tc.dose, r.time_course_dose);
      assert.strictEqual(tc.lines.length, r.time_course.length);
      tc.lines.forEach((l, i) => {
        const e = r.time_course[i];
        assert.strictEqual(l.cellLine, e.cell_line);
        assert.ok(l.hours.every((h) => h > 0));
        sameTrend({ ...l, estimate: l.slopeLog2PerHour }, e, `${l.cellLine}`);
        assertClose(l.foldPerDay, Math.pow(2, 24 * e.estimate), `${l.cellLine} fold per day`);
        assertClose(l.unadjusted!.slopeLog2PerHour, e.unadjusted.estimate, `${l.cellLine} unadjusted slope`);
        assertClose(l.unadjusted!.pValue, e.unadjusted.p_value, `${l.cellLine} unadjusted P`);
        for (const pt of e.per_time) {
          const got = tc.induction.find((x) => x.cellLine === l.cellLine && x.hours === pt.hours)!;
          assert.strictEqual(got.n, pt.n, `${l.cellLine} ${pt.hours} h pairs`);
          assertClose(got.ratio, pt.ratio, `${l.cellLine} ${pt.hours} h ratio`);
          assertClose(got.lower, pt.lower, `${l.cellLine} ${pt.hours} h lower`);
          assertClose(got.upper, pt.upper, `${l.cellLine} ${pt.hours} h upper`);
        }
      });
    });
  }

  test(`secretionAnova (randomized block) matches R (${c.name})`, () => {
    const r = rReference()[c.name].secretion;
    const a = secretionAnova(c.data().vegfSecretion.fields, { hours });
    assert.strictEqual(a.measure.kind, "concentration");
    // residual checks: Shapiro-Wilk of the ANOVA's residuals and the residual SD per line
    assertClose(a.residuals.shapiro!.w, r.anova.shapiro_w, "Shapiro-Wilk W");
    assertClose(a.residuals.shapiro!.pValue, r.anova.shapiro_p, "Shapiro-Wilk P");
    a.residuals.sdByLine.forEach((x, i) => assertClose(x.sd, r.anova.residual_sd[i].sd, `${x.cellLine} residual SD`));
    const term = (name: string) => a.anova.terms.find((t) => t.name === name)!;
    for (const [name, e] of [
      ["experiment", r.anova.experiment],
      ["dose", r.anova.dose],
      ["dose:cell line", r.anova.interaction],
    ] as const) {
      assert.strictEqual(term(name).df, e.df, `${name} df`);
      assertClose(term(name).sumSq, e.sum_sq, `${name} SS`);
      assertClose(term(name).f, e.f, `${name} F`);
      assertClose(term(name).pValue, e.p_value, `${name} P`);
    }
    // the cell line is aliased with the experiments (nested in lines), as in R
    assert.strictEqual(a.anova.terms.some((t) => t.name === "cell line"), !r.anova.line_aliased);
    assert.strictEqual(a.anova.residual.df, r.anova.residual_df);
    assertClose(a.anova.residual.meanSq, r.anova.residual_ms, "residual MS");
    assert.strictEqual(a.interaction.dfResidual, r.anova.residual_df);
    assertClose(a.unblocked.terms[2].f, r.unblocked_interaction.f, "unblocked interaction F");
    assertClose(a.unblocked.terms[2].pValue, r.unblocked_interaction.p_value, "unblocked interaction P");
    a.induction.forEach((x, i) => {
      const e = r.induction[i];
      assert.deepStrictEqual([x.cellLine, x.n], [e.cell_line, e.n]);
      assertClose(x.log2Induction, e.log2, `${x.cellLine} paired rise`);
      assertClose(x.lower, e.lower, `${x.cellLine} lower`);
      assertClose(x.upper, e.upper, `${x.cellLine} upper`);
      assertClose(x.pValue, e.p_value, `${x.cellLine} paired rise P`);
    });
    assertClose(a.pooledMeanSq, r.pooled_mean_sq, "pooled variance of the rises");
    assert.strictEqual(a.lineComparisons.length, r.line_pairs.length);
    a.lineComparisons.forEach((p, i) => {
      const e = r.line_pairs[i];
      assert.strictEqual(p.label, e.label);
      assertClose(p.diff, e.diff, `${p.label} diff`);
      assertClose(p.lower, e.lower, `${p.label} lower`);
      assertClose(p.upper, e.upper, `${p.label} upper`);
      assertClose(p.pAdj, e.p_adj, `${p.label} adjusted P`);
    });
  });

  test(`secretionDoseResponse (four-parameter log-logistic) matches R's nls (${c.name})`, () => {
    const r = rReference()[c.name].dose_response;
    const dr = secretionDoseResponse(c.data().vegfSecretion.fields, { hours });
    const z = dr.lines.flatMap((l) => l.response);
    assert.strictEqual(z.length, r.z.length);
    // the corrected responses, in the file's row order within the harvest time
    const byRow = c.data().vegfSecretion.fields;
    const order: number[] = [];
    for (let i = 0; i < byRow.cell_line.length; i++) if (byRow.hours[i] === hours) order.push(i);
    const zRowOrder = order.map((i) => {
      const line = dr.lines.find((l) => l.cellLine === byRow.cell_line[i])!;
      const k = order.filter((j) => byRow.cell_line[j] === line.cellLine).indexOf(i);
      return line.response[k];
    });
    zRowOrder.forEach((v, i) => assertClose(v, r.z[i], `z[${i}]`, 1e-9));
    dr.lines.forEach((l, i) => {
      const e = r.fits[i];
      assert.strictEqual(l.cellLine, e.cell_line);
      assert.strictEqual(l.fit !== null, e.converged, `${l.cellLine}: converged in R ${e.converged}, here ${l.error}`);
      if (!e.converged) {
        assert.ok(l.error !== null && l.curve === null && l.ec50 === null, `${l.cellLine} failure reported`);
        return;
      }
      // nls stops at R's relative-offset criterion (tol 1e-7 here): estimates agree to 1e-5 relative
      const tol = 1e-5;
      const par = (name: string) => l.fit!.parameters.find((p) => p.name === name)!;
      assertClose(par("b").estimate, e.b, `${l.cellLine} b`, tol);
      assertClose(par("b").se, e.b_se, `${l.cellLine} se(b)`, tol);
      assertClose(par("c").estimate, e.c, `${l.cellLine} c`, tol);
      assertClose(par("d").estimate, e.d, `${l.cellLine} d`, tol);
      assertClose(l.ec50!.estimate, e.e, `${l.cellLine} EC50`, tol);
      assertClose(l.ec50!.se, e.e_se, `${l.cellLine} se(EC50)`, tol);
      // the EC50 interval is the Wald interval of log EC50, back-transformed: always above 0
      assertClose(l.ec50!.lower, e.e_lower, `${l.cellLine} EC50 lower`, tol);
      assertClose(l.ec50!.upper, e.e_upper, `${l.cellLine} EC50 upper`, tol);
      assert.ok(l.ec50!.lower > 0);
      assertClose(l.atHighestDose, e.at_highest, `${l.cellLine} fraction of the maximum at the highest dose`, tol);
      assert.strictEqual(l.poorlyDetermined, e.at_highest < 0.8);
      assertClose(l.residuals!.shapiro!.pValue, e.shapiro_p, `${l.cellLine} residual Shapiro P`, 1e-4);
      assertClose(l.maxEffect!.estimate, e.max_effect, `${l.cellLine} max effect`, tol);
      assertClose(l.maxEffect!.se, e.max_effect_se, `${l.cellLine} se(max effect)`, tol);
      assertClose(l.maxFoldLower, Math.pow(2, e.max_lower), `${l.cellLine} max fold lower`, tol);
      assertClose(l.fit!.sigma, e.sigma, `${l.cellLine} sigma`, tol);
      assert.strictEqual(l.fit!.dfResidual, e.df);
    });
    const e = r.shared_ec50;
    if (e === null) assert.strictEqual(dr.sharedEc50, null);
    else {
      assert.deepStrictEqual(dr.sharedEc50!.groups, e.lines);
      assertClose(dr.sharedEc50!.f, e.f, "shared EC50 F", 1e-5);
      assert.strictEqual(dr.sharedEc50!.df1, e.df1);
      assert.strictEqual(dr.sharedEc50!.df2, e.df2);
      assertClose(dr.sharedEc50!.pValue, e.p_value, "shared EC50 P", 1e-5);
    }
    assert.strictEqual(dr.detectableEc50Ratio.length, r.detectable_ec50.length);
    dr.detectableEc50Ratio.forEach((x, i) => {
      assert.deepStrictEqual([x.lineA, x.lineB], [r.detectable_ec50[i].a, r.detectable_ec50[i].b]);
      assertClose(x.ratio, r.detectable_ec50[i].ratio, `detectable EC50 ratio ${x.lineA}/${x.lineB}`, 1e-5);
    });
  });
}

test("secretion on the shipped data: the concentration (the plan's measure) at the plan's 72 h; trend over the irradiated doses", () => {
  const f = shippedData().vegfSecretion.fields;
  const d = secretionDoseTrend(f);
  assert.strictEqual(d.hours, 72);
  assert.strictEqual(d.hoursRule, "pre-specified (analysis plan)");
  assert.strictEqual(d.dosesRule, "irradiated");
  assert.strictEqual(d.measure.kind, "concentration");
  assert.match(d.measure.assumption, /understates a rise of the per-cell secretion/);
  assert.deepStrictEqual(d.lines[0].trendDoses, [1, 2, 4, 6, 8, 10]);
  assert.strictEqual(d.lines[0].df, 3, "t on experiments - 1 df");
  const p = secretionDoseTrend(f, { measure: "per 10^6 cells" });
  assert.match(p.measure.assumption, /overstates/);
  const dr = secretionDoseResponse(f);
  assert.ok(dr.lines.every((l) => l.ec50 === null || l.ec50.lower > 0));
  assert.doesNotThrow(() => JSON.stringify(dr));
});

test("secretion without the cell-count column: the concentration is analysed; asking for per 10^6 cells names cells_1e6", () => {
  const u = userData().vegfSecretion.fields;
  assert.strictEqual(u.cells_1e6, undefined);
  const d = secretionDoseTrend(u, { hours: 36 });
  assert.strictEqual(d.measure.kind, "concentration");
  assert.throws(() => secretionDoseTrend(u, { hours: 36, measure: "per 10^6 cells" }), (e: unknown) => e instanceof InputError && /cells_1e6/.test(e.message));
  const { cells_1e6: _c, ...withoutCells } = shippedData().vegfSecretion.fields;
  const a = secretionAnova(withoutCells);
  assert.strictEqual(a.measure.unit, "pg/ml");
  assert.deepStrictEqual(a.interaction, secretionAnova(shippedData().vegfSecretion.fields).interaction, "the claim's analysis does not need the counts");
});

test("secretion: a time not in the data, a value of 0 and a cell count of 0 are named", () => {
  const f = shippedData().vegfSecretion.fields;
  assert.throws(() => secretionDoseTrend(f, { hours: 36 }), (e: unknown) => e instanceof InputError && /harvest times in the data: 6, 12, 24, 48, 72 h/.test(e.message));
  const v = f.vegf_pg_ml.slice();
  v[4] = 0;
  assert.throws(() => secretionDoseTrend({ ...f, vegf_pg_ml: v }), (e: unknown) => e instanceof InputError && /vegf_pg_ml/.test(e.message) && /\[4\]/.test(e.message));
  const cells = (f.cells_1e6 as number[]).slice();
  cells[7] = 0;
  assert.throws(() => secretionAnova({ ...f, cells_1e6: cells }, { measure: "per 10^6 cells" }), (e: unknown) => e instanceof InputError && /cells_1e6\[7\]/.test(e.message));
  const missing = f.vegf_pg_ml.map((x, i) => (i === 3 ? NaN : x));
  assert.throws(() => secretionAnova({ ...f, vegf_pg_ml: missing }), (e: unknown) => e instanceof InputError && /vegf_pg_ml/.test(e.message));
});

test("perExperimentSlopes: one slope per experiment, t across experiments; the pooled slope beside it", () => {
  // experiment a: slope 1, b: slope 3 (levels differ too): mean slope 2, pooled within-block slope 2
  const r = perExperimentSlopes([0, 1, 2, 10, 13, 16], [0, 1, 2, 0, 1, 2], ["a", "a", "a", "b", "b", "b"]);
  assertClose(r.estimate, 2, "mean slope", 1e-12);
  assert.strictEqual(r.df, 1);
  assertClose(r.stdErr, 1, "se = sd(1, 3) / sqrt(2)", 1e-12);
  assert.ok(r.pooled !== null && Math.abs(r.pooled.slope - 2) < 1e-12 && r.pooled.stdErr < r.stdErr, "the pooled slope hides the between-experiment variation of the slope");
  assert.deepStrictEqual(perExperimentSlopes([1, 2, 3, 6, 5], [0, 1, 0, 1, 5], ["a", "a", "b", "b", "c"]).skipped, ["c"]);
  assert.throws(() => perExperimentSlopes([1, 2, 3], [0, 1, 0], ["a", "a", "b"]), (e: unknown) => e instanceof InputError && /slope in 1 experiment/.test(e.message));
});

test("secretionTimeCourse: a block with a missing cell is named; a line with one experiment is not tested", () => {
  const f = shippedData().vegfSecretion.fields;
  const drop = f.cell_line.map((l, i) => l === "HepG2" && f.dose_gy[i] === 0 && f.hours[i] === 24 && f.replicate[i] === 3);
  const sub = Object.fromEntries(Object.entries(f).map(([k, v]) => [k, (v as unknown[]).filter((_, i) => !drop[i])])) as unknown as typeof f;
  const tc = secretionTimeCourse(sub);
  assert.ok(tc.notes.some((n) => /^HepG2, experiment 3: no 0 Gy \(sham\) sample at 24 h/.test(n)), tc.notes.join(" | "));
  assert.strictEqual(tc.induction.find((x) => x.cellLine === "HepG2" && x.hours === 24)!.n, 3);
  const one = f.cell_line.map((l, i) => l !== "HuH-7" || f.replicate[i] === 1);
  const sub1 = Object.fromEntries(Object.entries(f).map(([k, v]) => [k, (v as unknown[]).filter((_, i) => one[i])])) as unknown as typeof f;
  const tc1 = secretionTimeCourse(sub1);
  assert.ok(tc1.lines.every((l) => l.cellLine !== "HuH-7" || l.df > 0));
});

test("withinBlockSlope: hand-worked case and errors", () => {
  // two blocks with the same slope 2 and different levels: slope 2 exactly, no residual
  const s = withinBlockSlope([1, 3, 5, 11, 13, 15], [0, 1, 2, 0, 1, 2], ["a", "a", "a", "b", "b", "b"]);
  assertClose(s.slope, 2, "slope", 1e-12);
  assert.strictEqual(s.df, 3);
  assert.throws(() => withinBlockSlope([1, 2], [0, 1], ["a", "b"]), InputError);
  assert.throws(() => withinBlockSlope([1, 2, 3, 4], [1, 1, 2, 2], ["a", "a", "b", "b"]), (e: unknown) => e instanceof InputError && /does not vary within any block/.test(e.message));
  assert.strictEqual(readSecretion(shippedData().vegfSecretion.fields, "error").measure.kind, "concentration");
  assert.strictEqual(readSecretion(shippedData().vegfSecretion.fields, "error", true, "per 10^6 cells").measure.kind, "per 10^6 cells");
});
