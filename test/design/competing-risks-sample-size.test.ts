import { test } from "node:test";
import * as assert from "assert";
import { assertClose } from "../helpers/reference";
import { competingRisksSampleSize, exponentialCumulativeIncidence, expectedPower } from "../../src/design/index";
import { loadFixture, assertInputError } from "../survival/fixture";

// test/fixtures/r/design-trial.R: Latouche et al. (2004) written out in R, psi by integrate().
const cases = loadFixture("design-trial").competing;

test("competingRisksSampleSize = Latouche's formula in R (events, psi per arm, patients) to 1e-6", () => {
  assert.ok(cases.length >= 40);
  for (const c of cases) {
    const r = competingRisksSampleSize({ subdistributionHR: c.subdistribution_hr, causeHazard: c.cause_hazard, competingHazard: c.competing_hazard, accrualMonths: c.accrual_months, followUpMonths: c.follow_up_months, allocation: c.allocation, alpha: c.alpha, power: c.power });
    const label = JSON.stringify(c);
    assertClose(r.events, c.events, `${label} events`, 1e-9);
    assertClose(r.eventProbability.control, c.psi_control, `${label} psi0`, 1e-9);
    assertClose(r.eventProbability.experimental, c.psi_experimental, `${label} psi1`, 1e-9);
    assertClose(r.patients, c.patients, `${label} patients`, 1e-6);
    assertClose(exponentialCumulativeIncidence(12, c.cause_hazard, c.competing_hazard), c.cif12_control, `${label} F0(12)`, 1e-12);
    assertClose(exponentialCumulativeIncidence(12, c.cause_hazard, c.competing_hazard, c.subdistribution_hr), c.cif12_experimental, `${label} F1(12)`, 1e-12);
    // at its own size, the power asked for (up to the opposite tail)
    const p = expectedPower({ patients: r.patients, eventProbability: r.eventProbability.overall, hazardRatio: c.subdistribution_hr, allocation: c.allocation, alpha: c.alpha });
    assertClose(p, c.power_at_patients, `${label} power`, 1e-9);
  }
});

test("competingRisksSampleSize: more competing deaths, fewer observed events of interest, more patients", () => {
  const base = { subdistributionHR: 0.7, causeHazard: 0.03, accrualMonths: 36, followUpMonths: 24 };
  const few = competingRisksSampleSize({ ...base, competingHazard: 0.005 });
  const many = competingRisksSampleSize({ ...base, competingHazard: 0.05 });
  assert.strictEqual(few.events, many.events);
  assert.ok(many.patients > few.patients && many.eventProbability.control < few.eventProbability.control);
  assertClose(many.controlPlateau, 0.03 / 0.08, "plateau", 1e-12);
});

test("competingRisksSampleSize: impossible settings are InputErrors", () => {
  const ok = { subdistributionHR: 0.7, causeHazard: 0.03, competingHazard: 0.02, accrualMonths: 36, followUpMonths: 24 };
  assertInputError(() => competingRisksSampleSize({ ...ok, allocation: 1 }), "allocation");
  assertInputError(() => competingRisksSampleSize({ ...ok, accrualMonths: 0 }), "accrualMonths");
  assertInputError(() => competingRisksSampleSize({ ...ok, followUpMonths: -3 }), "followUpMonths");
  assertInputError(() => competingRisksSampleSize({ ...ok, subdistributionHR: 1 }), "subdistributionHR");
  assertInputError(() => competingRisksSampleSize({ ...ok, power: 0.05, alpha: 0.05 }), "power");
  assertInputError(() => competingRisksSampleSize({ ...ok, competingHazard: -0.1 }), "competingHazard");
  assertInputError(() => competingRisksSampleSize({ ...ok, causeHazard: 0 }), "causeHazard");
});
