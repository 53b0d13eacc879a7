import { test } from "node:test";
import * as assert from "assert";
import { shapiroWilk } from "../../src/stats/index";
import { detectableDifference, tTestPower } from "../../src/design/index";
import { InputError } from "../../src/core/index";
import { assertClose } from "../helpers/reference";
import { loadFixture } from "./fixtures";

// test/fixtures/r/stats-shapiro-power.R: shapiro.test and the t test's detectable difference.
const fixture = loadFixture("stats-shapiro-power");

fixture.shapiro.forEach((c: { x: number[]; w: number; p_value: number }) => {
  test(`shapiroWilk matches R's shapiro.test (n = ${c.x.length})`, () => {
    const r = shapiroWilk(c.x);
    assert.strictEqual(r.n, c.x.length);
    assertClose(r.w, c.w, "W", 1e-10);
    assertClose(r.pValue, c.p_value, "P", 1e-9);
  });
});

test("shapiroWilk: too few values, identical values and missing values are named", () => {
  assert.throws(() => shapiroWilk([1, 2]), (e: unknown) => e instanceof InputError && /between 3 and 5000/.test(e.message));
  assert.throws(() => shapiroWilk([2, 2, 2, 2]), (e: unknown) => e instanceof InputError && /identical/.test(e.message));
  assert.throws(() => shapiroWilk([1, 2, NaN, 4]), InputError);
  assert.strictEqual(shapiroWilk([1, 2, null, 4, 7], { missing: "drop" }).dropped, 1);
});

fixture.detectable.forEach((c: { se: number; df: number; alpha: number; power: number; sided: 1 | 2; difference: number; power_at_1: number }) => {
  test(`detectableDifference matches R's noncentral t (se ${c.se}, df ${c.df}, alpha ${c.alpha}, power ${c.power}, ${c.sided}-sided)`, () => {
    const d = detectableDifference(c.se, c.df, { alpha: c.alpha, power: c.power, sided: c.sided });
    assertClose(d.difference, c.difference, "detectable difference", 1e-8);
    assertClose(tTestPower(1, c.se, c.df, c.alpha, c.sided), c.power_at_1, "power at a difference of 1", 1e-8);
    assertClose(tTestPower(d.difference, c.se, c.df, c.alpha, c.sided), c.power, "power at the detectable difference", 1e-9);
  });
});

test("detectableDifference: the two-sample case is R's power.t.test (strict)", () => {
  const p = fixture.power_t_test;
  assertClose(detectableDifference(p.sd * Math.sqrt(2 / p.n), 2 * (p.n - 1), { power: p.power }).difference, p.delta, "delta", 1e-8);
  assert.throws(() => detectableDifference(0, 5), InputError);
  assert.throws(() => detectableDifference(1, 5, { power: 0.01 }), (e: unknown) => e instanceof InputError && /power/.test(e.message));
});
