import { test } from "node:test";
import * as assert from "assert";
import { assertAllClose, assertClose } from "../helpers/reference";
import { compareDoseResponse, fitDoseResponse, predictDoseResponse, FitError } from "../../src/stats/index";
import type { DoseResponseEstimate } from "../../src/stats/index";
import { loadFixture, assertInputError } from "./fixtures";

// test/fixtures/r/stats-dose-response.R: nls with SSfpl (DNase, ChickWeight, made-up secretion) and the
// log-logistic LL.4 with dose 0 (DNase, Puromycin, made-up increasing and decreasing responses);
// anova(nls_reduced, nls_full) with group-indexed parameters.
const fixture = loadFixture("stats-dose-response");

type Expected = { name: string; estimate: number; se: number; t: number; p_value: number; lower: number; upper: number; lower_t: number; upper_t: number };

function checkEstimate(actual: DoseResponseEstimate, e: Expected, label: string, tol: number, interval: "normal" | "t" = "normal"): void {
  assertClose(actual.estimate, e.estimate, `${label} estimate`, tol);
  assertClose(actual.se, e.se, `${label} se`, tol);
  assertClose(actual.t, e.t, `${label} t`, tol);
  assertClose(actual.pValue, e.p_value, `${label} p`, tol);
  assertClose(actual.lower, interval === "normal" ? e.lower : e.lower_t, `${label} lower`, tol);
  assertClose(actual.upper, interval === "normal" ? e.upper : e.upper_t, `${label} upper`, tol);
}

for (const c of fixture.fits) {
  test(`dose-response fit matches R's nls: ${c.name}`, () => {
    const options = c.model === "emax" ? { model: "ll4" as const, fixed: { b: 1 } } : { model: c.model };
    const fit = fitDoseResponse(c.data.dose, c.data.response, options);
    // At R's optimum (nls run to its tightest tolerance, criterion ~1e-8): 1e-6.
    const o = c.optimum;
    fit.parameters.forEach((p, k) => checkEstimate(p, o.parameters[k], `${c.name} ${p.name}`, 1e-6));
    checkEstimate(fit.ec50, o.ec50, "ec50", 1e-6);
    checkEstimate(fit.maxEffect, o.max_effect, "maxEffect", 1e-6);
    assertClose(fit.sigma, o.sigma, "sigma", 1e-9);
    assertClose(fit.rss, o.rss, "rss", 1e-9);
    assert.strictEqual(fit.dfResidual, o.df);
    assertAllClose(fit.covariance.flat(), o.vcov, "vcov", 1e-6);
    assertAllClose(fit.fitted, o.fitted, "fitted", 1e-6);
    assert.ok(fit.convergence.criterion < 1e-5, `criterion ${fit.convergence.criterion}`);
    // Against nls with its default control: nls stops once its relative-offset criterion is below
    // 1e-5, which leaves its estimates up to about 1e-5·sqrt(df) standard errors from the optimum
    // (measured here: at most 2.2e-5 se, 1.8e-5 relative). So: estimates within 1e-4 se, and
    // standard errors to 1e-4 relative (everything is compared to 1e-6 at the optimum above).
    const d = c.expected;
    fit.parameters.forEach((p, k) => {
      const e = d.parameters[k];
      assert.ok(Math.abs(p.estimate - e.estimate) <= 1e-4 * o.parameters[k].se, `${p.name} (default nls): ${p.estimate} vs ${e.estimate}`);
      assertClose(p.se, e.se, `${p.name} se (default nls)`, 1e-4);
    });
    // t-based intervals
    const t = fitDoseResponse(c.data.dose, c.data.response, { ...options, interval: "t" });
    checkEstimate(t.ec50, o.ec50, "ec50 (t interval)", 1e-6, "t");
  });
}

test("LL.4 on dose equals SSfpl on log dose (same curve, reparametrised)", () => {
  const c = fixture.fits.find((f: { name: string }) => f.name === "DNase run 1, LL.4 on conc");
  const ll4 = fitDoseResponse(c.data.dose, c.data.response);
  const fpl = fitDoseResponse(c.data.dose.map(Math.log), c.data.response, { model: "fpl" });
  const [b, cc, d, e] = ll4.parameters.map((p) => p.estimate);
  const [A, B, xmid, scal] = fpl.parameters.map((p) => p.estimate);
  assertClose(b, 1 / scal, "b = 1/scal", 1e-7);
  assertClose(cc, B, "c = B", 1e-7);
  assertClose(d, A, "d = A", 1e-7);
  assertClose(Math.log(e), xmid, "log e = xmid", 1e-7);
  assertClose(ll4.rss, fpl.rss, "same RSS", 1e-10);
});

for (const c of fixture.comparisons) {
  test(`compareDoseResponse matches R's anova(nls, nls): ${c.name}`, () => {
    const model = c.model === "emax" ? { model: "ll4" as const, fixed: { b: 1 } } : { model: c.model };
    const r = compareDoseResponse(c.data.dose, c.data.response, c.data.group, { ...model, shared: c.shared, levels: c.expected.groups });
    const e = c.expected;
    assert.deepStrictEqual(r.groups, e.groups);
    assertClose(r.full.rss, e.rss_full, "RSS full", 1e-8);
    assertClose(r.reduced.rss, e.rss_reduced, "RSS reduced", 1e-8);
    assert.strictEqual(r.full.df, e.df_full);
    assert.strictEqual(r.reduced.df, e.df_reduced);
    assert.strictEqual(r.df1, e.df1);
    assertClose(r.f, e.f, "F", 1e-6);
    assertClose(r.pValue, e.p_value, "p", 1e-6);
    // reduced-model estimates and se (R names: shared "e", per-group "c1", "c2", ...)
    for (const [name, value] of Object.entries(e.reduced_estimates as Record<string, number>)) {
      const m = /^([A-Za-z]+)(\d*)$/.exec(name) as RegExpExecArray;
      const group = m[2] === "" ? 0 : Number(m[2]) - 1;
      const p = r.reduced.curves[group].parameters.find((q) => q.name === m[1]) as DoseResponseEstimate;
      assertClose(p.estimate, value, `reduced ${name}`, 1e-5);
      assertClose(p.se, e.reduced_se[name], `reduced se ${name}`, 1e-5);
    }
  });
}

test("fixed parameters: reported apart, and the fit equals the one with that value estimated when it is the optimum", () => {
  const c = fixture.fits.find((f: { name: string }) => f.name === "made-up secretion, LL.4 with 0 Gy");
  const free = fitDoseResponse(c.data.dose, c.data.response);
  const b = free.parameters[0].estimate;
  const held = fitDoseResponse(c.data.dose, c.data.response, { fixed: { b } });
  assert.deepStrictEqual(held.parameters.map((p) => p.name), ["c", "d", "e"]);
  assert.deepStrictEqual(held.fixed, { b });
  assert.strictEqual(held.dfResidual, free.dfResidual + 1);
  assertClose(held.rss, free.rss, "same optimum", 1e-10);
  assertClose(held.ec50.estimate, free.ec50.estimate, "ec50", 1e-7);
  assert.ok(held.ec50.se < free.ec50.se, "holding b fixed narrows the EC50's se");
  assert.match(held.rFormula, /\^3\.|\^[0-9]/);
});

test("predictDoseResponse reproduces the fitted values; dose 0 gives d", () => {
  const c = fixture.fits.find((f: { name: string }) => f.name === "made-up secretion, LL.4 with 0 Gy");
  const fit = fitDoseResponse(c.data.dose, c.data.response);
  assertAllClose(predictDoseResponse(fit, c.data.dose), fit.fitted, "fitted", 1e-12);
  assertClose(predictDoseResponse(fit, [0])[0], fit.parameters[2].estimate, "f(0) = d", 1e-12);
  assertInputError(() => predictDoseResponse(fit, [-1]), "doses", 0);
});

test("failures are FitErrors or InputErrors, never NaN", () => {
  const dose = [0, 0, 1, 1, 2, 2, 4, 4, 8, 8];
  // flat response: no curve to fit (singular gradient or no convergence)
  const flat = [5, 5.1, 4.9, 5, 5.05, 4.95, 5, 5.1, 4.9, 5];
  assert.throws(() => fitDoseResponse(dose, flat), (e: unknown) => e instanceof FitError);
  // a straight line: the plateau is never reached
  const line = dose.map((d, i) => 10 + 3 * d + (i % 2 ? 0.1 : -0.1));
  assert.throws(() => fitDoseResponse(dose, line), (e: unknown) => e instanceof FitError);
  assertInputError(() => fitDoseResponse([0, 1, 2, 2, 0, 1], [1, 2, 3, 3, 1, 2]), "dose");
  assertInputError(() => fitDoseResponse([-1, 1, 2, 4, 8], [1, 2, 3, 4, 5]), "dose", 0);
  assertInputError(() => fitDoseResponse(dose, flat, { model: "logit" as never }), "model");
  assertInputError(() => fitDoseResponse(dose, [...flat.slice(0, 9), NaN]), "response", 9);
  assertInputError(() => fitDoseResponse([0, 1, 2, 4], [1, 2, 3, 4]), "response");
  assertInputError(() => compareDoseResponse(dose, flat, dose.map(() => "a"), { shared: ["e"] }), "group");
  assertInputError(() => compareDoseResponse(dose, flat, dose.map((_, i) => (i < 5 ? "a" : "b")), { shared: ["xmid"] }), "shared", 0);
  assertInputError(() => compareDoseResponse(dose, flat, dose.map((_, i) => (i < 5 ? "a" : "b")), { shared: [] }), "shared");
  assertInputError(() => compareDoseResponse(dose, flat, dose.map((_, i) => (i < 5 ? "a" : "b")), { shared: ["b"], fixed: { b: 1 } }), "shared", 0);
  assertInputError(() => fitDoseResponse(dose, flat, { fixed: { b: -1 } }), "fixed.b");
  assertInputError(() => fitDoseResponse(dose, flat, { fixed: { slope: 1 } }), "fixed");
  assertInputError(() => fitDoseResponse(dose, flat, { fixed: { b: 1, c: 1, d: 2, e: 3 } }), "fixed");
});
