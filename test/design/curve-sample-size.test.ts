import { test } from "node:test";
import * as assert from "assert";
import { assertClose } from "../helpers/reference";
import { curveSampleSize, stepCurveAverage, trialControlCurves, trialSizeUncertainty, requiredPatientsQuantile, competingRisksSampleSize, exponentialCumulativeIncidence } from "../../src/design/index";
import { loadFixture, assertInputError } from "../survival/fixture";

// test/fixtures/r/design-curve-size.R: the step-function integral written out in R on cuminc / survfit curves.
const fx = loadFixture("design-curve-size");

function checkCases(label: string, curve: { time: number[]; value: number[]; followUpEnd?: number }, cases: any[]) {
  assert.ok(cases.length >= 10);
  for (const c of cases) {
    const r = curveSampleSize({ ratio: c.ratio, controlCurve: curve, accrualMonths: c.accrual_months, followUpMonths: c.follow_up_months, allocation: c.allocation, alpha: c.alpha, power: c.power });
    const l = `${label} ${JSON.stringify({ ratio: c.ratio, a: c.accrual_months, f: c.follow_up_months, p: c.allocation })}`;
    assertClose(r.events, c.events, `${l} events`, 1e-9);
    assertClose(r.eventProbability.control, c.psi_control, `${l} psi0`, 1e-9);
    assertClose(r.eventProbability.experimental, c.psi_experimental, `${l} psi1`, 1e-9);
    assertClose(r.patients, c.patients, `${l} patients`, 1e-6);
  }
}

test("curveSampleSize on the Aalen-Johansen and Kaplan-Meier curves = the step-function integral in R (cuminc, survfit) to 1e-6", () => {
  const cohort = trialControlCurves({ outOfField: { time: fx.cohort_out_of_field.time, cause: fx.cohort_out_of_field.cause }, survival: { time: fx.cohort_survival.time, event: fx.cohort_survival.event } });
  checkCases("cohort out-of-field", cohort.outOfField!, fx.cohort_out_of_field.cases);
  checkCases("cohort survival", cohort.death!, fx.cohort_survival.cases);
  const sim = trialControlCurves({ outOfField: { time: fx.simulated_out_of_field.time, cause: fx.simulated_out_of_field.cause }, survival: null });
  checkCases("simulated out-of-field", sim.outOfField!, fx.simulated_out_of_field.cases);
});

test("stepCurveAverage: a hand-worked step function; held at its last value beyond the data", () => {
  const curve = { time: [1, 5, 10], value: [0.1, 0.3, 0.6] };
  // a = 10, f = 2: on [2, 5) 0.1, [5, 10) 0.3, [10, 12) 0.6 -> (0.3 + 1.5 + 1.2) / 10
  assertClose(stepCurveAverage(curve, 10, 2), 0.3, "average", 1e-15);
  const r = curveSampleSize({ ratio: 0.7, controlCurve: { ...curve, followUpEnd: 10 }, accrualMonths: 10, followUpMonths: 2 });
  assertClose(r.extrapolatedShare, 0.2, "share beyond follow-up", 1e-15);
});

test("curveSampleSize on a fine step version of the exponential cumulative incidence gives the exponential design's size", () => {
  const time: number[] = [];
  const value: number[] = [];
  for (let k = 1; k <= 60000; k++) {
    time.push(k / 1000);
    value.push(exponentialCumulativeIncidence((k + 0.5) / 1000, 0.06, 0.012)); // midpoint of [k, k + 1) / 1000
  }
  const design = { accrualMonths: 36, followUpMonths: 24 };
  const c = curveSampleSize({ ...design, ratio: 0.7, controlCurve: { time, value } });
  const e = competingRisksSampleSize({ ...design, subdistributionHR: 0.7, causeHazard: 0.06, competingHazard: 0.012 });
  assertClose(c.eventProbability.control, e.eventProbability.control, "psi0", 1e-6);
  assertClose(c.eventProbability.experimental, e.eventProbability.experimental, "psi1", 1e-6);
  assertClose(c.patients, e.patients, "patients", 1e-5);
});

test("curveSampleSize: impossible curves and settings are InputErrors", () => {
  const ok = { ratio: 0.7, controlCurve: { time: [1, 2], value: [0.1, 0.2] }, accrualMonths: 12, followUpMonths: 6 };
  assertInputError(() => curveSampleSize({ ...ok, ratio: 1 }), "ratio");
  assertInputError(() => curveSampleSize({ ...ok, controlCurve: { time: [2, 1], value: [0.1, 0.2] } }), "controlCurve.time");
  assertInputError(() => curveSampleSize({ ...ok, controlCurve: { time: [1, 2], value: [0.3, 0.2] } }), "controlCurve.value");
  assertInputError(() => curveSampleSize({ ...ok, controlCurve: { time: [20], value: [0.2] } }), "controlCurve");
  assertInputError(() => curveSampleSize({ ...ok, accrualMonths: 0 }), "accrualMonths");
});

test("trialSizeUncertainty: seeded bootstrap; the point estimates are the full data's sizes; quantiles ordered; events do not move", () => {
  const inputs = { outOfField: { time: fx.cohort_out_of_field.time, cause: fx.cohort_out_of_field.cause }, survival: { time: fx.cohort_survival.time, event: fx.cohort_survival.event } };
  const o = { accrualMonths: 36, followUpMonths: 24, subdistributionHR: 0.7, hazardRatio: 0.8, replicates: 60, seed: "t" };
  const u = trialSizeUncertainty(inputs, o);
  assert.deepStrictEqual(trialSizeUncertainty(inputs, o), u);
  assert.notDeepStrictEqual(trialSizeUncertainty(inputs, { ...o, seed: "u" }).outOfField!.curve.patients, u.outOfField!.curve.patients);
  const curves = trialControlCurves(inputs);
  assertClose(u.outOfField!.curve.pointEstimate, curveSampleSize({ ...o, ratio: 0.7, controlCurve: curves.outOfField! }).patients, "point", 1e-12);
  for (const d of [u.outOfField!.curve, u.outOfField!.exponential, u.death!.curve, u.death!.exponential]) {
    assert.strictEqual(d.patients.length + d.failed, 60);
    for (let k = 1; k < d.quantiles.length; k++) assert.ok(d.quantiles[k].patients >= d.quantiles[k - 1].patients);
    assert.ok(d.meanPower > 0.6 && d.meanPower < 0.95);
    for (const q of d.quantiles) assert.strictEqual(requiredPatientsQuantile(d, q.q), q.patients);
  }
  // R's type-7 quantile: 10, 20, 30, 40 at q = 0.5 is 25; rounded up to whole patients
  assert.strictEqual(requiredPatientsQuantile({ patients: [40, 10, 30, 20] }, 0.5), 25);
  assert.strictEqual(requiredPatientsQuantile({ patients: [40, 10, 30, 20.2] }, 0.8), 34);
  assertInputError(() => trialSizeUncertainty(inputs, { ...o, replicates: 0 }), "replicates");
  // Each endpoint its own dropout: survivalDropoutHazard moves only the overall-survival sizes.
  const own = trialSizeUncertainty(inputs, { ...o, dropoutHazard: 0.0085, survivalDropoutHazard: 0.0056 });
  const same = trialSizeUncertainty(inputs, { ...o, dropoutHazard: 0.0085 });
  assert.deepStrictEqual(own.outOfField, same.outOfField);
  assertClose(own.death!.curve.pointEstimate, curveSampleSize({ ...o, ratio: 0.8, dropoutHazard: 0.0056, controlCurve: curves.death! }).patients, "survival's own dropout", 1e-12);
  assert.ok(own.death!.curve.pointEstimate < same.death!.curve.pointEstimate);
});
