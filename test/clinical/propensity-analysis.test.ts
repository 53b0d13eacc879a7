import { test } from "node:test";
import * as assert from "assert";
import { propensityAnalysis } from "../../src/clinical/propensity-analysis";
import { assertAllClose, assertClose } from "../helpers/reference";
import { cohort, blanked, originalLayout } from "./fixture";
import { RB } from "./bias-fixture";

const R = RB.propensityLandmark;

test("propensityAnalysis at 6 months: R's glm, standardized differences before and after IPTW and overlap weights, effective sizes", () => {
  const ps = propensityAnalysis(cohort, { landmark: R.landmark });
  assert.deepStrictEqual([ps.rows.length, ps.treated.reduce((a, b) => a + b, 0), ps.dropped], [R.n, R.exposed, 0]);
  assert.deepStrictEqual(ps.model.names, Object.keys(R.coefficients));
  assertAllClose(ps.model.coef, Object.values(R.coefficients) as number[], "coefficients");
  for (const b of ps.balance) {
    assertClose(b.before, R.standardizedDifference[b.name], `before ${b.name}`);
    assertClose(b.after.ATE, R.ATE.smd[b.name], `IPTW ${b.name}`);
    assertClose(b.after.overlap, R.overlap.smd[b.name], `overlap ${b.name}`);
  }
  assertClose(ps.weights.ATE.effectiveSampleSize.treated, R.ATE.ess.treated, "ESS treated");
  assertClose(ps.weights.overlap.effectiveSampleSize.control, R.overlap.ess.control, "ESS control");
  assert.ok(ps.maxImbalance.after.overlap < 1e-9, "overlap weights balance every covariate of the model exactly");
  assert.ok(ps.maxImbalance.before > 0.9, "PVT drives RT");
});

test("propensityAnalysis: complete cases only, counted; a cohort without the RT columns is refused by name", () => {
  const ps = propensityAnalysis(blanked(), { landmark: 6 });
  assert.ok(ps.dropped > 0 && ps.rows.length + ps.dropped === cohort.fields.os_months.filter((t) => t > 6).length);
  assert.throws(() => propensityAnalysis(originalLayout(), { landmark: 6 }), /rt_start_months/);
  assert.throws(() => propensityAnalysis(cohort, { landmark: 0 }), /landmark/);
});
