import { test } from "node:test";
import * as assert from "assert";
import { loadReference, assertAllClose, assertClose } from "../helpers/reference";
import { cumulativeIncidence, cumulativeIncidenceAt } from "../../src/survival/index";
import { loadFixture, asArray, assertInputError } from "./fixture";

test("competing_sim cuminc: estimate and variance at the reference times per curve, Gray's test per cause", () => {
  const ref = loadReference("competing_sim");
  const e = ref.expected.cuminc;
  const ci = cumulativeIncidence(ref.data.time, ref.data.cause, ref.data.group);
  assert.deepStrictEqual(
    ci.curves.map((c) => c.name),
    e.curves.map((c: { curve: string }) => c.curve),
  );
  for (const expected of e.curves) {
    const curve = ci.curves.find((c) => c.name === expected.curve);
    assert.ok(curve, expected.curve);
    const at = cumulativeIncidenceAt(curve, e.times);
    assertAllClose(at.estimate, expected.estimate, `${expected.curve} estimate`);
    assertAllClose(at.variance, expected.variance, `${expected.curve} variance`);
  }
  const gray = ci.grayTest;
  assert.ok(gray);
  assert.deepStrictEqual(gray.map((g) => String(g.cause)), e.gray_test.cause);
  assertAllClose(gray.map((g) => g.statistic), e.gray_test.statistic, "Gray statistic");
  assertAllClose(gray.map((g) => g.pValue), e.gray_test.p_value, "Gray p-value");
  assertAllClose(gray.map((g) => g.df), e.gray_test.df, "Gray df");
});

test("R cross-checks (survival-cuminc.R): every jump, timepoints, Gray's test", () => {
  for (const c of loadFixture("survival-cuminc")) {
    const e = c.expected;
    const groups = c.data.group === null ? undefined : Array.from(new Set<string>(e.curves.map((x: { curve: string }) => x.curve.split(" ")[0])));
    const ci = cumulativeIncidence(c.data.time, c.data.cause, c.data.group, {
      strata: c.data.strata === null ? undefined : c.data.strata,
      rho: c.options.rho,
      levels: groups,
    });
    assert.strictEqual(ci.curves.length, e.curves.length, c.name);
    e.curves.forEach((x: { [k: string]: unknown }, j: number) => {
      const curve = ci.curves[j];
      const label = `${c.name} ${x.curve}`;
      if (c.data.group !== null) assert.strictEqual(curve.name, x.curve, label);
      else assert.strictEqual(String(curve.cause), String(x.curve).split(" ")[1], label);
      assertAllClose(curve.time, asArray(x.time as number[]), `${label} time`);
      assertAllClose(curve.estimate, asArray(x.estimate as number[]), `${label} estimate`);
      assertAllClose(curve.variance, asArray(x.variance as number[]), `${label} variance`);
      assertClose(curve.followUpEnd, x.follow_up_end as number, `${label} followUpEnd`);
      const at = cumulativeIncidenceAt(curve, asArray(c.at));
      assertAllClose(at.estimate, asArray(x.at_estimate as number[]), `${label} timepoints estimate`);
      assertAllClose(at.variance, asArray(x.at_variance as number[]), `${label} timepoints variance`);
    });
    if (e.gray_test === null) {
      assert.strictEqual(ci.grayTest, null, c.name);
    } else {
      const gray = ci.grayTest;
      assert.ok(gray, c.name);
      assert.deepStrictEqual(gray.map((g) => String(g.cause)), asArray(e.gray_test.cause), c.name);
      assertAllClose(gray.map((g) => g.statistic), asArray(e.gray_test.statistic), `${c.name} Gray statistic`);
      assertAllClose(gray.map((g) => g.pValue), asArray(e.gray_test.p_value), `${c.name} Gray p-value`);
      assertAllClose(gray.map((g) => g.df), asArray(e.gray_test.df), `${c.name} Gray df`);
    }
  }
});

test("cumulativeIncidenceAt: 0 before the first jump, step at jumps, null after follow-up or before 0", () => {
  const ci = cumulativeIncidence([1, 2, 3, 4], [1, 2, 1, 0]);
  const curve = ci.curves[0];
  assert.deepStrictEqual(curve.time, [1, 3]);
  const at = cumulativeIncidenceAt(curve, [-1, 0.5, 1, 2.9, 3, 4, 4.1]);
  assert.deepStrictEqual(at.estimate, [null, 0, 0.25, 0.25, 0.5, 0.5, null]);
  assert.strictEqual(ci.grayTest, null);
  assert.deepStrictEqual(ci.groups, ["all"]);
});

test("cumulativeIncidence bad input", () => {
  assertInputError(() => cumulativeIncidence([1, 2, 3], [1, 0]), "cause", null);
  assertInputError(() => cumulativeIncidence([1, 2, 3], undefined as unknown as number[]), "cause", null);
  assertInputError(() => cumulativeIncidence([], []), "time", null);
  assertInputError(() => cumulativeIncidence([1, NaN, 3], [1, 0, 2]), "time", 1);
  assertInputError(() => cumulativeIncidence([1, -2, 3], [1, 0, 2]), "time", 1);
  assertInputError(() => cumulativeIncidence([1, 2, 3], [1, -1, 2]), "cause", 1);
  assertInputError(() => cumulativeIncidence([1, 2, 3], [1, 1.5, 2]), "cause", 1);
  assertInputError(() => cumulativeIncidence([1, 2, 3], [1, null, 2]), "cause", 1);
  assertInputError(() => cumulativeIncidence([1, 2, 3], [0, 0, 0]), "cause", null);
  assertInputError(() => cumulativeIncidence([1, 2, 3], [1, 0, 2], ["a", "b"]), "group", null);
  assertInputError(() => cumulativeIncidence([1, 2, 3], [1, 0, 2], ["a", null, "b"]), "group", 1);
  assertInputError(() => cumulativeIncidence([1, 2, 3], [1, 0, 2], ["a", "b", "a"], { levels: ["a", "b", "c"] }), "levels", 2);
  assertInputError(() => cumulativeIncidence([1, 2, 3], [1, 0, 2], ["a", "b", "a"], { strata: [1, 2] }), "strata", null);
  assertInputError(() => cumulativeIncidence([1, 2, 3], [1, 0, 2], ["a", "b", "a"], { rho: Infinity }), "rho", null);
  const dropped = cumulativeIncidence([1, 2, null, 4], [1, 2, 1, 0], ["a", "b", "a", "b"], { missing: "drop" });
  assert.strictEqual(dropped.dropped, 1);
  assert.strictEqual(dropped.n, 3);
  const ci = cumulativeIncidence([1, 2, 3], [1, 0, 2]);
  assertInputError(() => cumulativeIncidenceAt(ci.curves[0], []), "times", null);
  assertInputError(() => cumulativeIncidenceAt(ci.curves[0], [1, NaN]), "times", 1);
});
