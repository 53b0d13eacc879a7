import { test } from "node:test";
import * as assert from "assert";
import { assertClose } from "../helpers/reference";
import { survivalSampleSize, schoenfeldEvents } from "../../src/design/index";
import { loadFixture, assertInputError } from "../survival/fixture";

// test/fixtures/r/design-trial.R: rpact::getSampleSizeSurvival (Schoenfeld, exponential, uniform accrual, fixed follow-up).
const cases = loadFixture("design-trial").survival;

test("survivalSampleSize = rpact getSampleSizeSurvival: maxNumberOfEvents and maxNumberOfSubjects to 1e-6", () => {
  assert.ok(cases.length >= 100);
  for (const c of cases) {
    const r = survivalSampleSize({ hazardRatio: c.hazard_ratio, controlHazard: c.control_hazard, accrualMonths: c.accrual_months, followUpMonths: c.follow_up_months, allocation: c.allocation, alpha: c.alpha, power: c.power, sided: c.sided });
    const label = JSON.stringify(c);
    assertClose(r.events, c.events, `${label} events`, 1e-6);
    assertClose(r.patients, c.patients, `${label} patients`, 1e-6);
    assert.strictEqual(r.patientsRounded, Math.ceil(c.patients - 1e-9 * c.patients));
    // the events are Schoenfeld's
    assertClose(r.events, schoenfeldEvents(c.hazard_ratio, { alpha: c.alpha, power: c.power, sided: c.sided, allocationRatio: c.allocation / (1 - c.allocation) }).events, `${label} Schoenfeld`, 1e-12);
  }
});

test("survivalSampleSize: longer follow-up needs fewer patients, the same events", () => {
  const base = { hazardRatio: 0.8, controlHazard: 0.05, accrualMonths: 36 };
  const short = survivalSampleSize({ ...base, followUpMonths: 6 });
  const long = survivalSampleSize({ ...base, followUpMonths: 36 });
  assert.strictEqual(short.events, long.events);
  assert.ok(long.patients < short.patients);
  assertClose(long.controlMedianMonths, Math.LN2 / 0.05, "median", 1e-12);
  assertClose(long.accrualPerMonth, long.patients / 36, "accrual", 1e-12);
});

test("survivalSampleSize: impossible settings are InputErrors naming the setting", () => {
  const ok = { hazardRatio: 0.8, controlHazard: 0.05, accrualMonths: 36, followUpMonths: 24 };
  for (const allocation of [0, 1, -0.5, 1.5, NaN]) assertInputError(() => survivalSampleSize({ ...ok, allocation }), "allocation");
  for (const accrualMonths of [0, -12, NaN, Infinity]) assertInputError(() => survivalSampleSize({ ...ok, accrualMonths }), "accrualMonths");
  for (const followUpMonths of [0, -1]) assertInputError(() => survivalSampleSize({ ...ok, followUpMonths }), "followUpMonths");
  assertInputError(() => survivalSampleSize({ ...ok, hazardRatio: 1 }), "hazardRatio");
  assert.throws(() => survivalSampleSize({ ...ok, hazardRatio: 1 }), /exactly 1 \(no effect\)/);
  assertInputError(() => survivalSampleSize({ ...ok, hazardRatio: 0 }), "hazardRatio");
  assertInputError(() => survivalSampleSize({ ...ok, power: 0.05 }), "power");
  assert.throws(() => survivalSampleSize({ ...ok, power: 0.04, alpha: 0.05 }), /power: must exceed alpha \(0\.05\)/);
  assertInputError(() => survivalSampleSize({ ...ok, power: 1 }), "power");
  assertInputError(() => survivalSampleSize({ ...ok, controlHazard: 0 }), "controlHazard");
  assertInputError(() => survivalSampleSize({ ...ok, alpha: 0 }), "alpha");
});
