import { test } from "node:test";
import * as assert from "assert";
import { assertAllClose } from "../helpers/reference";
import { kaplanMeier, kaplanMeierByGroup, survivalQuantiles } from "../../src/survival/index";
import { loadFixture, asArray, assertInputError } from "./fixture";

// R's own test (survival 3.5-3 tests/quantile.R): test1 without its NA row; true survival
// (6/7)(3/5)(1/2); the probabilities hit a point before the first drop, flats of the curve
// exactly, and a point past the last drop.
const time = [9, 1, 1, 6, 6, 8, 10];
const status = [1, 1, 0, 1, 1, 0, 0];
const x = [0, 1, 1, 1, 0, 0, 0];
const qq = [13 / 14, 6 / 7, 2 / 3, 0.5, 9 / 35, 0.1];
const probs = qq.map((q) => 1 - q);

test("quantile.survfit hand-worked values (tests/quantile.R), one curve", () => {
  const q = survivalQuantiles(kaplanMeier(time, status), probs);
  assertAllClose(q.quantile, [1, 3.5, 6, 9, 9.5, null], "quantile");
  assertAllClose(q.lower, [1, 1, 1, 6, 6, 9], "lower");
  assertAllClose(q.upper, [null, null, null, null, null, null], "upper");
  assert.deepStrictEqual(q.probs, probs);
});

test("quantile.survfit hand-worked values (tests/quantile.R), by group", () => {
  const q = survivalQuantiles(kaplanMeierByGroup(time, status, x), probs);
  assert.deepStrictEqual(q.groups, ["0", "1"]);
  assertAllClose(q.results[0].quantile, [6, 6, 9, 9, null, null], "x=0 quantile");
  assertAllClose(q.results[1].quantile, [1, 1, 3.5, 6, 6, 6], "x=1 quantile");
  assertAllClose(q.results[0].lower, [6, 6, 6, 6, 9, 9], "x=0 lower");
  assertAllClose(q.results[1].lower, [1, 1, 1, 1, null, null], "x=1 lower");
  for (const r of q.results) assertAllClose(r.upper, [null, null, null, null, null, null], "upper");
});

test("default probabilities 0.25, 0.5, 0.75 and p = 0 (the curve's start)", () => {
  const q = survivalQuantiles(kaplanMeier(time, status));
  assert.deepStrictEqual(q.probs, [0.25, 0.5, 0.75]);
  assertAllClose(q.quantile, [6, 9, null], "quantile");
  assert.deepStrictEqual(survivalQuantiles(kaplanMeier(time, status), [0]).quantile, [0]);
});

/** Non-increasing, ignoring nulls (a "plain" or "log" limit curve can rise where the standard error grows). */
function monotone(values: (number | null)[]): boolean {
  let last = Infinity;
  for (const v of values) {
    if (v === null) continue;
    if (v > last) return false;
    last = v;
  }
  return true;
}

// quantile.survfit and summary()$table read a curve differently in two cases: a curve ending flat at
// exactly 0.5 (midpoint with the last time vs the flat's first time) and a limit curve that rises
// somewhere (approx() sorts the points; e.g. aml's upper limit: quantile 48, table 45, as R gives).
test("the median agrees with kaplanMeier's median (summary()$table) on every R cross-check curve but a flat end at 0.5", () => {
  let compared = 0;
  for (const c of loadFixture("survival-kaplan-meier")) {
    const options = { confType: c.options.conf_type, confLevel: c.options.conf_level, missing: c.options.missing };
    const curves =
      c.data.group === null
        ? [kaplanMeier(asArray(c.data.time), asArray(c.data.event), options)]
        : kaplanMeierByGroup(c.data.time, c.data.event, c.data.group, options).curves;
    for (const km of curves) {
      const q = survivalQuantiles(km, [0.5]);
      // quantile.survfit takes the midpoint with the last time when the curve ends flat at exactly 0.5.
      const flatEnd = Math.abs(km.survival[km.survival.length - 1] - 0.5) < 1e-8;
      if (flatEnd) {
        assert.notStrictEqual(q.quantile[0], km.median, `${c.name}: flat end`);
        continue;
      }
      assert.strictEqual(q.quantile[0], km.median, `${c.name} median`);
      const lowerFlat = km.lower.length > 0 && km.lower[km.lower.length - 1] !== null && Math.abs((km.lower[km.lower.length - 1] as number) - 0.5) < 1e-8;
      const upperFlat = km.upper.length > 0 && km.upper[km.upper.length - 1] !== null && Math.abs((km.upper[km.upper.length - 1] as number) - 0.5) < 1e-8;
      if (!lowerFlat && monotone(km.lower)) assert.strictEqual(q.lower[0], km.medianLower, `${c.name} lower`);
      if (!upperFlat && monotone(km.upper)) assert.strictEqual(q.upper[0], km.medianUpper, `${c.name} upper`);
      compared++;
    }
  }
  assert.ok(compared > 30, `compared ${compared} curves`);
});

test("a rising upper-limit curve: quantile.survfit's reading (aml, R gives 27 [18, 48])", () => {
  const aml = loadFixture("survival-kaplan-meier").find((c: { name: string }) => c.name === "aml overall log");
  const q = survivalQuantiles(kaplanMeier(asArray(aml.data.time), asArray(aml.data.event)), [0.5]);
  assert.deepStrictEqual([q.quantile[0], q.lower[0], q.upper[0]], [27, 18, 48]);
});

test("survivalQuantiles bad input", () => {
  const km = kaplanMeier(time, status);
  assertInputError(() => survivalQuantiles(km, [0.5, 1.5]), "probs", 1);
  assertInputError(() => survivalQuantiles(km, [NaN]), "probs", 0);
  assertInputError(() => survivalQuantiles(km, []), "probs", null);
  assertInputError(() => survivalQuantiles({} as typeof km, [0.5]), "fit", null);
});
