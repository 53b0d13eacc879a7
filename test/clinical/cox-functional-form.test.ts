import { test } from "node:test";
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { coxFunctionalForm } from "../../src/clinical/cox-functional-form";
import { assertClose, repoRoot } from "../helpers/reference";
import { blanked, cohort } from "./fixture";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const RF: any = JSON.parse(fs.readFileSync(path.join(repoRoot, "test/fixtures/r/clinical-functional-form.json"), "utf8"));

for (const [label, data, ref] of [
  ["committed cohort", cohort, RF.complete],
  ["cohort with covariates blanked", blanked(), RF.blanked],
] as const) {
  test(`coxFunctionalForm equals R's coxph with ns(x, df = 4) and anova against the linear model: ${label} (1e-6)`, () => {
    const ff = coxFunctionalForm(data, { df: RF.df, tumorScale: "log", gridPoints: 5 });
    assert.strictEqual(ff.n, ref.n);
    assert.strictEqual(ff.nEvent, ref.nevent);
    assertClose(ff.linear.fit.logLik, ref.loglik_linear, "linear log PL", 1e-6);
    assertClose(Math.log(ff.arm.hazardRatio), ref.arm_coef_linear, "linear arm coef", 1e-6);
    assert.deepStrictEqual(ff.terms.map((t) => t.name), ref.terms.map((t: { name: string }) => t.name));
    assert.deepStrictEqual(ff.notChecked.map((t) => t.name), ["sex", "hbv", "child_pugh", "ecog", "tumor_number", "portal_vein_thrombosis", "residual_viable_tumor"]);
    ff.terms.forEach((t, k) => {
      const r = ref.terms[k];
      const name = `${label}, ${t.name}`;
      t.knots.forEach((x, j) => assertClose(x, r.knots[j], `${name} knot ${j}`, 1e-12));
      t.boundaryKnots.forEach((x, j) => assertClose(x, r.boundary[j], `${name} boundary ${j}`, 1e-12));
      assertClose(t.lrTest.chiSq, r.chisq, `${name} LR chi-square`, 1e-6);
      assert.strictEqual(t.lrTest.df, r.df);
      assertClose(t.lrTest.pValue, r.p, `${name} LR P`, 1e-6);
      assertClose(Math.log(t.arm.hazardRatio), r.arm_coef, `${name} arm coef`, 1e-6);
      t.splineCoef.forEach((b, j) => assertClose(b, r.spline_coef[j], `${name} spline coef ${j}`, 1e-6));
      assertClose(t.curve.reference, r.reference, `${name} reference`, 1e-12);
      t.curve.x.forEach((x, j) => assertClose(x, r.grid[j], `${name} grid ${j}`, 1e-12));
      t.curve.logHazardRatio.forEach((y, j) => assert.ok(Math.abs(y - r.log_hr[j]) < 1e-6, `${name} log HR at ${r.grid[j]}: ${y} vs R ${r.log_hr[j]}`));
      const z = (t.curve.upper[0] - t.curve.logHazardRatio[0]) / r.log_hr_se[0];
      assertClose(z, 1.959963984540054, `${name} limits are estimate ± z SE`, 1e-6);
      t.curve.upper.forEach((u, j) => assert.ok(Math.abs((u - t.curve.logHazardRatio[j]) - 1.959963984540054 * r.log_hr_se[j]) < 1e-6, `${name} upper limit ${j}`));
    });
    const all = ff.allSplines!;
    assertClose(all.lrTest.chiSq, ref.all.chisq, "all splines LR", 1e-6);
    assert.strictEqual(all.lrTest.df, ref.all.df);
    assertClose(all.lrTest.pValue, ref.all.p, "all splines P", 1e-6);
    assertClose(Math.log(all.arm.hazardRatio), ref.all.arm_coef, "all splines arm coef", 1e-6);
  });
}

test("coxFunctionalForm: the linear curve is the linear model's slope through the median; input errors", () => {
  const ff = coxFunctionalForm(cohort, { tumorScale: "log" });
  const age = ff.terms[0];
  const slope = ff.linear.terms.find((t) => t.name === "age")!.coef;
  age.curve.x.forEach((x, j) => assertClose(age.curve.linear[j], slope * (x - age.curve.reference), `linear at ${x}`, 1e-12));
  assert.strictEqual(age.curve.x.length, 41);
  assert.throws(() => coxFunctionalForm(cohort, { df: 1 }), /df/);
  assert.throws(() => coxFunctionalForm(cohort, { df: 4, minDistinct: 3 }), /minDistinct/);
});
