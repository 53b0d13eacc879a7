import { test } from "node:test";
import * as assert from "assert";
import { checkTrialParameters, TRIAL_DESIGN_DEFAULTS } from "../../src/design/index";
import { assertInputError } from "../survival/fixture";

const ok = { ...TRIAL_DESIGN_DEFAULTS };

test("checkTrialParameters: the defaults pass and come back unchanged", () => {
  assert.strictEqual(checkTrialParameters(ok), ok);
});

test("checkTrialParameters: each impossible setting is an InputError naming the parameter", () => {
  for (const allocation of [0, 1, 1.2, -0.1]) assertInputError(() => checkTrialParameters({ ...ok, allocation }), "params.allocation");
  assertInputError(() => checkTrialParameters({ ...ok, accrualMonths: 0 }), "params.accrualMonths");
  assertInputError(() => checkTrialParameters({ ...ok, followUpMonths: -6 }), "params.followUpMonths");
  assertInputError(() => checkTrialParameters({ ...ok, power: 0.05 }), "params.power");
  assert.throws(() => checkTrialParameters({ ...ok, power: 0.04 }), /params\.power: must exceed alpha \(0\.05\)/);
  assertInputError(() => checkTrialParameters({ ...ok, alpha: 1 }), "params.alpha");
  assertInputError(() => checkTrialParameters({ ...ok, hazardRatios: [0.7, 1, 0.9] }), "params.hazardRatios[1]");
  assert.throws(() => checkTrialParameters({ ...ok, subdistributionHRs: [1] }), /params\.subdistributionHRs\[0\]: is exactly 1 \(no effect\)/);
  assertInputError(() => checkTrialParameters({ ...ok, designHazardRatio: 0.75 }), "params.designHazardRatio");
  assertInputError(() => checkTrialParameters({ ...ok, subdistributionHRs: [] }), "params.subdistributionHRs");
});
