import { test } from "node:test";
import * as assert from "assert";
import { endpointComparison, finalVolumes, growthMixedModel, growthRates, serumBurden } from "../../src/laboratory/index";
import { tTest } from "../../src/stats/index";
import { InputError } from "../../src/core/index";
import { assertClose } from "../helpers/reference";
import { CASES, rReference, shippedData, userData } from "./fixture";

for (const c of CASES) {
  test(`growthRates matches R (${c.name})`, () => {
    const r = rReference()[c.name].invivo;
    const g = growthRates(c.data().growth.fields);
    assert.strictEqual(g.tumors.length, r.rates.length);
    g.tumors.forEach((t, i) => {
      const e = r.rates[i];
      assert.deepStrictEqual([t.mouseId, t.site, t.nPoints], [e.mouse_id, e.site, e.n]);
      assertClose(t.rate, e.rate, `${t.mouseId} ${t.site} rate`);
      assertClose(t.seRate, e.se, `${t.mouseId} ${t.site} se`);
      assertClose(t.rSquared, e.r2, `${t.mouseId} ${t.site} R²`);
    });
    g.sites.forEach((s, i) => {
      const e = r.rate_tests[i];
      assert.strictEqual(s.site, e.site);
      assertClose(s.test!.difference, e.estimate, `${s.site} difference`);
      assertClose(s.test!.lower, e.lower, `${s.site} lower`);
      assertClose(s.test!.upper, e.upper, `${s.site} upper`);
      assertClose(s.test!.t, e.t, `${s.site} t`);
      assertClose(s.test!.df, e.df, `${s.site} df`);
      assertClose(s.test!.pValue, e.p_value, `${s.site} P`);
    });
    // C16's in-field part: one-sample t test of the irradiated in-field rates
    const inIrr = g.tumors.filter((t) => t.site === "in_field" && t.group === "irradiated").map((t) => t.rate);
    const w = tTest(inIrr, null);
    assertClose(w.estimate, r.in_field_shrink.estimate, "in-field mean rate");
    assertClose(w.pValue, r.in_field_shrink.p_value, "in-field shrink P");
  });

  test(`finalVolumes matches R (${c.name})`, () => {
    const r = rReference()[c.name].invivo;
    const v = finalVolumes(c.data().growth.fields);
    assert.strictEqual(v.tumors.length, r.volumes.length);
    v.tumors.forEach((t, i) => {
      const e = r.volumes[i];
      const label = `${t.mouseId} ${t.site}`;
      assert.deepStrictEqual([t.mouseId, t.site, t.baselineDay, t.finalDay], [e.mouse_id, e.site, e.baseline_day, e.final_day], label);
      for (const [got, exp, name] of [[t.finalRatio, e.final_ratio, "final ratio"], [t.nadirRatio, e.nadir_ratio, "nadir ratio"]] as const) {
        if (exp === null) assert.strictEqual(got, null, `${label} ${name}`);
        else assertClose(got!, exp, `${label} ${name}`);
      }
    });
    v.sites.forEach((s, i) => {
      const e = r.volume_tests[i];
      assert.strictEqual(s.site, e.site);
      assert.strictEqual(s.finalDay, e.final_day);
      assert.strictEqual(s.groups.reduce((a, g) => a + g.n, 0), e.n_measured);
      if (e.log === null) assert.strictEqual(s.test, null);
      else {
        assertClose(s.test!.ratio, Math.exp(e.log.estimate), `${s.site} ratio`);
        assertClose(s.test!.lower, Math.exp(e.log.lower), `${s.site} lower`);
        assertClose(s.test!.upper, Math.exp(e.log.upper), `${s.site} upper`);
        assertClose(s.test!.pValue, e.log.p_value, `${s.site} P`);
        assertClose(s.test!.df, e.log.df, `${s.site} df`);
      }
      assertClose(s.rawTest!.difference, e.raw.estimate, `${s.site} raw difference`);
      assertClose(s.rawTest!.pValue, e.raw.p_value, `${s.site} raw P`);
      // ANCOVA: lm(log(final) ~ log(baseline) + group)
      const a = r.ancova[i];
      assert.strictEqual(a.site, s.site);
      if (!a.defined) assert.strictEqual(s.ancova, null);
      else {
        assertClose(s.ancova!.ratio, a.ratio, `${s.site} adjusted ratio`);
        assertClose(s.ancova!.lower, a.lower, `${s.site} adjusted lower`);
        assertClose(s.ancova!.upper, a.upper, `${s.site} adjusted upper`);
        assertClose(s.ancova!.t, a.t, `${s.site} adjusted t`);
        assertClose(s.ancova!.pValue, a.p_value, `${s.site} adjusted P`);
        assert.strictEqual(s.ancova!.df, a.df);
        assertClose(s.ancova!.baselineSlope, a.slope, `${s.site} baseline slope`);
        // assumptions: parallel slopes (ln baseline x group) and the residuals' Shapiro-Wilk test
        assertClose(s.ancova!.parallelSlopes!.f, a.parallel_f, `${s.site} parallel-slopes F`);
        assertClose(s.ancova!.parallelSlopes!.pValue, a.parallel_p, `${s.site} parallel-slopes P`);
        assert.strictEqual(s.ancova!.parallelSlopes!.df2, a.parallel_df2);
        assertClose(s.ancova!.residualShapiro!.w, a.shapiro_w, `${s.site} ANCOVA residual W`);
        assertClose(s.ancova!.residualShapiro!.pValue, a.shapiro_p, `${s.site} ANCOVA residual P`);
        assertClose(s.ancova!.separateSlopes!.ratio, a.separate.ratio, `${s.site} ratio at the mean baseline, separate slopes`);
        assertClose(s.ancova!.separateSlopes!.lower, a.separate.lower, `${s.site} separate slopes lower`);
        assertClose(s.ancova!.separateSlopes!.pValue, a.separate.p_value, `${s.site} separate slopes P`);
        // baseline balance: Welch on ln day-0 volume
        assertClose(s.baselineBalance!.ratio, a.baseline.ratio, `${s.site} baseline ratio`);
        assertClose(s.baselineBalance!.lower, a.baseline.lower, `${s.site} baseline lower`);
        assertClose(s.baselineBalance!.pValue, a.baseline.p_value, `${s.site} baseline P`);
      }
    });
  });

  test(`growthMixedModel matches lme4::lmer + lmerTest (${c.name})`, () => {
    const r = rReference()[c.name].mixed;
    const mm = growthMixedModel(c.data().growth.fields);
    for (const [got, exp, label] of [[mm.outOfField, r.out_of_field, "out of field"], [mm.bothSites, r.both_sites, "both sites"]] as const) {
      assert.strictEqual(got.error, null, `${label}: ${got.error}`);
      // fixed effects, variance components and sigma to 1e-4: lme4's own optimum is only reached to about
      // 1e-5 in theta (R refits with tight tolerances here), and Satterthwaite df come from numerical derivatives
      const tol = 1e-4;
      assert.deepStrictEqual(got.fixedEffects.map((f) => f.name), exp.fixed.map((f: { name: string }) => f.name), label);
      got.fixedEffects.forEach((f, i) => {
        const e = exp.fixed[i];
        assertClose(f.estimate, e.estimate, `${label} ${f.name}`, tol);
        assertClose(f.se, e.se, `${label} se ${f.name}`, tol);
        assertClose(f.df, e.df, `${label} df ${f.name}`, tol);
        assertClose(f.pValue, e.p_value, `${label} P ${f.name}`, tol);
      });
      assertClose(got.sigma, exp.sigma, `${label} sigma`, tol);
      assert.strictEqual(got.singular, exp.singular, `${label} singular`);
      for (const v of exp.var_corr) {
        if (v.grp === "Residual") continue;
        const comp = got.randomEffects.find((x) => x.group === v.grp)!;
        if (v.var2 === null) {
          const k = comp.names.indexOf(v.var1);
          assertClose(comp.sd[k], v.sdcor, `${label} sd ${v.grp} ${v.var1}`, tol);
        } else if (comp.correlation !== null) {
          const a = comp.names.indexOf(v.var1);
          const b = comp.names.indexOf(v.var2);
          const rho = comp.correlation[a][b];
          if (rho !== null) assertClose(rho, v.sdcor, `${label} correlation ${v.grp}`, 1e-3);
        }
      }
    }
    assert.ok(mm.outOfField.rateDifference !== null);
    assertClose(mm.outOfField.rateDifference!.estimate, r.out_of_field.fixed.find((f: { name: string }) => f.name === "day:irradiated").estimate, "day:irradiated", 1e-4);
    // curvature: mean residual per day of the linear model, and the quadratic model with its contrasts
    assert.strictEqual(mm.residualsByDay.length, r.residuals_by_day.length);
    mm.residualsByDay.forEach((x, i) => {
      assert.strictEqual(x.day, r.residuals_by_day[i].day);
      assertClose(x.mean, r.residuals_by_day[i].mean, `mean residual on day ${x.day}`, 1e-3);
    });
    assertClose(mm.residualShapiro!.pValue, r.residual_shapiro_p, "residual Shapiro P", 1e-3);
    const q = mm.quadratic;
    assert.strictEqual(q.error, null, `quadratic: ${q.error}`);
    q.fixedEffects.forEach((f, i) => {
      const e = r.quadratic.fixed[i];
      assert.strictEqual(f.name, e.name);
      assertClose(f.estimate, e.estimate, `quadratic ${f.name}`, 1e-4);
      assertClose(f.se, e.se, `quadratic se ${f.name}`, 1e-4);
      assertClose(f.pValue, e.p_value, `quadratic P ${f.name}`, 1e-3);
    });
    assert.strictEqual(q.curvature!.name, "I(day^2)");
    assertClose(q.atLastDay!.estimate, r.quadratic.at_last.estimate, "difference at the last day", 1e-4);
    assertClose(q.atLastDay!.se, r.quadratic.at_last.se, "se at the last day", 1e-4);
    assertClose(q.atLastDay!.df, r.quadratic.at_last.df, "df at the last day", 1e-3);
    assertClose(q.atLastDay!.pValue, r.quadratic.at_last.p_value, "P at the last day", 1e-3);
    assertClose(q.averageRateDifference!.estimate, r.quadratic.rate.estimate, "average rate difference", 1e-4);
    assertClose(q.averageRateDifference!.pValue, r.quadratic.rate.p_value, "average rate difference P", 1e-3);
    // two-site model: REML likelihood ratio test of the mouse intercept (boundary-corrected)
    const mc = mm.mouseComponent!;
    assertClose(mc.criterionWith, r.mouse_lrt.reml_with, "REML with the mouse term", 1e-6);
    assertClose(mc.criterionWithout, r.mouse_lrt.reml_without, "REML without the mouse term", 1e-6);
    assert.ok(Math.abs(mc.statistic - r.mouse_lrt.statistic) < 1e-5, `LRT ${mc.statistic} vs ${r.mouse_lrt.statistic}`);
    assertClose(mc.pValue, r.mouse_lrt.p_value, "mouse LRT P", 1e-3);
  });

  test(`serumBurden matches R (${c.name})`, () => {
    const r = rReference()[c.name].invivo.serum_burden;
    const b = serumBurden(c.data().growth.fields, c.data().endpoint.fields);
    assert.strictEqual(b.mice.length, r.n);
    assert.strictEqual(b.leftOut, r.left_out);
    assertClose(b.adjusted!.ratio, r.adjusted.ratio, "burden-adjusted ratio");
    assertClose(b.adjusted!.lower, r.adjusted.lower, "adjusted lower");
    assertClose(b.adjusted!.upper, r.adjusted.upper, "adjusted upper");
    assertClose(b.adjusted!.pValue, r.adjusted.p_value, "adjusted P");
    assert.strictEqual(b.adjusted!.df, r.adjusted.df);
    assertClose(b.burdenPower!.estimate, r.power.estimate, "burden power");
    assertClose(b.burdenPower!.lower, r.power.lower, "burden power lower");
    assertClose(b.unadjusted!.ratio, r.unadjusted.ratio, "unadjusted ratio");
    assertClose(b.unadjusted!.pValue, r.unadjusted.p_value, "unadjusted P");
    b.withinGroup.forEach((w, i) => {
      assert.strictEqual(w.group, r.within[i].group);
      assertClose(w.r, r.within[i].r, `${w.group} r(log serum, log burden)`);
    });
  });

  test(`endpointComparison matches R (${c.name})`, () => {
    const r = rReference()[c.name].invivo;
    const e = endpointComparison(c.data().endpoint.fields, { missing: "drop" });
    for (const [got, exp, name] of [[e.mvd, r.mvd, "MVD"], [e.serumVegf, r.serum, "serum"]] as const) {
      assertClose(got.test!.difference, exp.estimate, `${name} difference`);
      assertClose(got.test!.lower, exp.lower, `${name} lower`);
      assertClose(got.test!.upper, exp.upper, `${name} upper`);
      assertClose(got.test!.t, exp.t, `${name} t`);
      assertClose(got.test!.df, exp.df, `${name} df`);
      assertClose(got.test!.pValue, exp.p_value, `${name} P`);
      assertClose(got.wilcoxon!.w, exp.wilcoxon_w, `${name} W`);
      assertClose(got.wilcoxon!.pValue, exp.wilcoxon_p, `${name} Wilcoxon P`);
    }
    assert.strictEqual(e.correlation.n, r.pearson.n);
    assertClose(e.correlation.pearson.r, r.pearson.r, "r");
    assertClose(e.correlation.pearson.lower, r.pearson.lower, "r lower");
    assertClose(e.correlation.pearson.upper, r.pearson.upper, "r upper");
    assertClose(e.correlation.pearson.pValue, r.pearson.p_value, "r P");
    assertClose(e.correlation.spearman.rho, r.spearman.rho, "rho");
    assertClose(e.correlation.spearman.pValue, r.spearman.p_value, "rho P");
    assertClose(e.correlation.fit.intercept, r.fit.intercept, "intercept");
    assertClose(e.correlation.fit.slope, r.fit.slope, "slope");
    e.correlation.withinGroup.forEach((w, i) => {
      assert.strictEqual(w.group, r.within[i].group);
      assertClose(w.r, r.within[i].r, `${w.group} r`);
      assertClose(w.lower, r.within[i].lower, `${w.group} lower`);
      assertClose(w.upper, r.within[i].upper, `${w.group} upper`);
      assertClose(w.pValue, r.within[i].p_value, `${w.group} P`);
    });
    const p = e.correlation.partial!;
    assertClose(p.r, r.partial.r, "partial r");
    assertClose(p.t, r.partial.t, "partial t");
    assert.strictEqual(p.df, r.partial.df);
    assertClose(p.pValue, r.partial.p_value, "partial P");
    assertClose(p.lower, r.partial.lower, "partial lower");
    assertClose(p.upper, r.partial.upper, "partial upper");
  });
}

test("growthRates: structure on the shipped data", () => {
  const g = growthRates(shippedData().growth.fields);
  assert.deepStrictEqual(g.groups, ["sham", "irradiated"]);
  assert.deepStrictEqual(g.sites.map((s) => s.site), ["in_field", "out_of_field"]);
  assert.strictEqual(g.tumors.length, 40);
  assert.strictEqual(g.notFitted.length, 0);
  const out = g.sites[1];
  assert.ok(out.test!.ratio! > 1);
  assert.strictEqual(g.sites[0].test!.ratio, null, "no ratio when the irradiated in-field tumors shrink");
  for (const t of g.tumors) {
    if (t.rate > 0) assertClose(t.doublingDays, Math.LN2 / t.rate, "doubling");
    else assert.strictEqual(t.doublingDays, null);
  }
  assert.doesNotThrow(() => JSON.stringify(g));
});

test("growthRates: window, zero volumes and too few points", () => {
  const cols = {
    mouse_id: ["a", "a", "a", "a", "b", "b", "b", "c", "c", "c", "c", "d", "d", "d", "d"],
    group: ["sham", "sham", "sham", "sham", "sham", "sham", "sham", "irradiated", "irradiated", "irradiated", "irradiated", "irradiated", "irradiated", "irradiated", "irradiated"],
    site: Array(15).fill("out_of_field"),
    day: [-3, 0, 5, 10, 0, 5, 10, 0, 5, 10, 15, 0, 5, 10, 15],
    volume_mm3: [40, 50, 80, 120, 50, 0, 110, 50, 90, 160, 300, 45, 80, 150, 280],
  };
  const g = growthRates(cols);
  // b has a volume of 0 on day 5: 2 usable points, not fitted
  assert.deepStrictEqual(g.notFitted.map((n) => n.mouseId), ["b"]);
  // a: day -3 outside the default window
  const a = g.tumors.find((t) => t.mouseId === "a")!;
  assert.strictEqual(a.nPoints, 3);
  assertClose(a.rate, (Math.log(120) - Math.log(50)) / 10, "a rate");
  // one sham tumor only: no test
  assert.strictEqual(g.sites[0].test, null);
  const all = growthRates(cols, { fromDay: -10 });
  assert.strictEqual(all.tumors.find((t) => t.mouseId === "a")!.nPoints, 4);
  const zero = growthRates({ ...cols, volume_mm3: cols.volume_mm3.map((v, i) => (i === 8 ? 0 : v)) });
  assert.strictEqual(zero.tumors.find((t) => t.mouseId === "c")!.excludedZero, 1);
});

test("growth and volume input errors name the column", () => {
  const f = shippedData().growth.fields;
  assert.throws(() => growthRates({ ...f, volume_mm3: f.volume_mm3.map((v, i) => (i === 3 ? -1 : v)) }), (e: unknown) => e instanceof InputError && /volume_mm3/.test(e.message));
  assert.throws(() => growthRates({ ...f, group: f.group.map((g, i) => (i === 2 ? (g === "sham" ? "irradiated" : "sham") : g)) }), (e: unknown) => e instanceof InputError && /group/.test(e.message));
  assert.throws(() => finalVolumes({ ...f, day: f.day.slice(1) }), (e: unknown) => e instanceof InputError && /day/.test(e.message));
  const withMissing: (number | null)[] = f.volume_mm3.slice();
  withMissing[4] = null;
  assert.throws(() => finalVolumes({ ...f, volume_mm3: withMissing }), InputError);
  assert.strictEqual(finalVolumes({ ...f, volume_mm3: withMissing }, { missing: "drop" }).dropped, 1);
});

test("finalVolumes: regression counts, a mouse that died early, a final volume of 0", () => {
  const v = finalVolumes(shippedData().growth.fields);
  const inField = v.sites.find((s) => s.site === "in_field")!;
  assert.strictEqual(inField.groups.find((g) => g.group === "irradiated")!.regressed, 10);
  assert.strictEqual(inField.groups.find((g) => g.group === "sham")!.regressed, 0);
  const u = finalVolumes(userData().growth.fields);
  const uIn = u.sites.find((s) => s.site === "in_field")!;
  assert.strictEqual(uIn.notMeasuredOnFinalDay, 1, "X04 died after day 9");
  assert.strictEqual(uIn.test, null, "a final volume of 0 has no logarithm");
  assert.ok(uIn.rawTest !== null);
  const x04 = u.tumors.find((t) => t.mouseId === "X04" && t.site === "in_field")!;
  assert.strictEqual(x04.baselineDay, 0);
  assert.strictEqual(x04.finalDay, 9);
});

test("endpointComparison: missing values throw unless dropped; structure", () => {
  const f = userData().endpoint.fields;
  assert.throws(() => endpointComparison(f), (e: unknown) => e instanceof InputError && /mvd_per_hpf/.test(e.message));
  const e = endpointComparison(f, { missing: "drop" });
  assert.strictEqual(e.mvd.missing, 1);
  assert.strictEqual(e.serumVegf.missing, 0);
  assert.strictEqual(e.dropped, 1);
  assert.strictEqual(e.correlation.n, 11);
  assert.deepStrictEqual(e.groups, ["sham", "irradiated"]);
  assert.throws(() => endpointComparison({ ...f, group: ["sham"] }), InputError);
  assert.doesNotThrow(() => JSON.stringify(e));
});
