import { test } from "node:test";
import * as assert from "assert";
import { assertClose, assertAllClose } from "../helpers/reference";
import { trialDesignInputs, TRIAL_DESIGN_DEFAULTS } from "../../src/design/index";
import { loadFixture, assertInputError } from "../survival/fixture";
import { cohort, originalLayout, withFields } from "../clinical/fixture";

// test/fixtures/r/design-trial.R: the same inputs computed in R (survival, cmprsk) from data/clinical/cohort.csv.
const R = loadFixture("design-trial").inputs;
const fallback = TRIAL_DESIGN_DEFAULTS.fallback;

test("trialDesignInputs on the shipped cohort = R: rates from RT start, cuminc and survfit at the horizons, follow-up, accrual", () => {
  const r = trialDesignInputs(cohort, { fallback, horizons: R.horizons });
  assert.deepStrictEqual(r.notEstimated, []);
  assert.ok(r.rows.every((row) => row.estimated));
  assert.strictEqual(r.n, R.n);
  assertClose(r.values.causeHazard, R.cause_hazard, "out-of-field hazard", 1e-12);
  assertClose(r.values.competingHazard, R.competing_hazard, "competing hazard", 1e-12);
  assertClose(r.values.deathHazard, R.death_hazard, "death hazard", 1e-12);
  assertClose(r.values.accrualPerMonth, R.accrual_per_month, "accrual", 1e-12);
  assertAllClose(r.outOfFieldCheck!.map((h) => h.observed), R.cif_oof, "cuminc", 1e-9);
  assertAllClose(r.survivalCheck!.map((h) => h.observed), R.survival, "survfit", 1e-9);
  assertClose(r.medianFollowUpMonths, R.median_follow_up, "reverse KM median", 1e-9);
  assert.deepStrictEqual(r.rows.map((x) => x.input.split(" ")[0]), ["out-of-field", "death", "death", "accrual"]);
});

test("trialDesignInputs on the original layout: says what it cannot estimate and takes the fallback values", () => {
  const r = trialDesignInputs(originalLayout() as never, { fallback, fallbackFrom: "the parameters cell" });
  assert.deepStrictEqual(r.values, { ...fallback, accrualPerMonth: r.values.accrualPerMonth });
  assertClose(r.values.accrualPerMonth, R.accrual_per_month, "accrual is still estimated", 1e-12);
  assert.strictEqual(r.notEstimated.length, 3);
  for (const line of r.notEstimated) assert.match(line, /needs the column `rt_start_months`, which this cohort does not have/);
  const fromParams = r.rows.filter((x) => !x.estimated);
  assert.deepStrictEqual(fromParams.map((x) => x.source), ["the parameters cell (fallback.causeHazard)", "the parameters cell (fallback.competingHazard)", "the parameters cell (fallback.deathHazard)"]);
  assert.strictEqual(r.outOfFieldCheck, null);
  assert.strictEqual(r.medianFollowUpMonths, null);
});

test("trialDesignInputs with RT start but no per-site progression: overall survival estimated, out-of-field from the fallback", () => {
  const nan = cohort.fields.os_months.map(() => NaN);
  const r = trialDesignInputs(withFields({ intrahepatic_progression_months: nan, extrahepatic_progression_months: undefined }) as never, { fallback });
  assertClose(r.values.deathHazard, R.death_hazard, "death hazard", 1e-12);
  assert.strictEqual(r.values.causeHazard, fallback.causeHazard);
  assert.strictEqual(r.notEstimated.length, 2);
  assert.match(r.notEstimated[0], /`extrahepatic_progression_months`, which this cohort does not have, and a value in `intrahepatic_progression_months`, where nothing is recorded/);
});

test("trialDesignInputs: bad fallback or arm", () => {
  assertInputError(() => trialDesignInputs(cohort, { fallback: { ...fallback, deathHazard: 0 } }), "fallback.deathHazard");
  assertInputError(() => trialDesignInputs(cohort, { fallback, controlArm: "RT" }), "controlArm");
  assertInputError(() => trialDesignInputs(cohort, undefined as never), "options.fallback");
});
