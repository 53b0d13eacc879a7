import { test } from "node:test";
import * as assert from "assert";
import { assertClose } from "../helpers/reference";
import { eValue } from "../../src/stats/index";
import { loadFixture, assertInputError } from "../survival/fixture";

// test/fixtures/r/stats-propensity.R: VanderWeele & Ding's closed forms written out in R.
test("eValue matches the closed forms (rare and common outcomes, both directions, a crossing interval, a non-null reference)", () => {
  for (const e of loadFixture("stats-propensity").evalues) {
    const r = eValue(e.hr, { lower: e.lower, upper: e.upper, rare: e.rare, trueValue: e.true_value });
    const label = `HR ${e.hr} (${e.lower}, ${e.upper}) rare=${e.rare} true=${e.true_value}`;
    assertClose(r.point, e.point, `${label} point`, 1e-12);
    assertClose(r.limit, e.limit, `${label} limit`, 1e-12);
    assertClose(r.riskRatio, e.rr, `${label} rr`, 1e-12);
  }
});

test("eValue: VanderWeele & Ding's worked example and properties", () => {
  // RR 3.9 (1.8, 8.7): E = 3.9 + sqrt(3.9 * 2.9) = 7.26, limit 1.8 + sqrt(1.8 * 0.8) = 3.0 (Ann Intern Med 2017).
  const r = eValue(3.9, { lower: 1.8, upper: 8.7, rare: true });
  assertClose(r.point, 3.9 + Math.sqrt(3.9 * 2.9), "point", 1e-15);
  assertClose(r.limit, 3, "limit", 1e-15);
  assert.strictEqual(r.limitUsed, "lower");
  // A protective HR is inverted: E(0.5) = E(2).
  assertClose(eValue(0.5, { rare: true }).point, eValue(2, { rare: true }).point, "inverted", 1e-15);
  assert.strictEqual(eValue(0.5, { rare: true }).limit, null);
  assert.strictEqual(eValue(0.5, { upper: 1.2, rare: true }).limit, 1);
  assert.strictEqual(eValue(1, { lower: 0.8, upper: 1.2, rare: false }).point, 1);
  // Common-outcome conversion shrinks the ratio: smaller E-value.
  assert.ok(eValue(2, { rare: false }).point < eValue(2, { rare: true }).point);
});

test("eValue bad input", () => {
  assertInputError(() => eValue(0, { rare: true }), "hazardRatio", null);
  assertInputError(() => eValue(-1, { rare: true }), "hazardRatio", null);
  assertInputError(() => eValue(NaN, { rare: true }), "hazardRatio", null);
  assertInputError(() => eValue(1.5, {} as { rare: boolean }), "rare", null);
  assertInputError(() => eValue(1.5, { rare: true, lower: 2 }), "lower", null);
  assertInputError(() => eValue(1.5, { rare: true, upper: 1.2 }), "upper", null);
  assertInputError(() => eValue(1.5, { rare: true, lower: 0 }), "lower", null);
  assertInputError(() => eValue(1.5, { rare: true, trueValue: -1 }), "trueValue", null);
});
