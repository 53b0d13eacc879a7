import { test } from "node:test";
import * as assert from "assert";
import { loadReference, assertClose } from "../helpers/reference";
import { kaplanMeier, kaplanMeierByGroup } from "../../src/survival/index";
import { loadFixture, asArray, assertInputError, assertKaplanMeierCurve } from "./fixture";

const assertCurve = assertKaplanMeierCurve;

const lung = loadReference("lung");

test("lung km_overall: every row, Greenwood SE of S, log limits, median and limits", () => {
  const e = lung.expected.km_overall;
  const km = kaplanMeier(lung.data.time, lung.data.status, { confType: e.conf_type, confLevel: e.conf_level });
  assert.strictEqual(km.confType, e.conf_type);
  assertClose(km.confLevel, e.conf_level, "km_overall conf_level");
  assert.strictEqual(km.n, 228);
  assertCurve(km, e.groups.all, "km_overall");
});

for (const key of ["km_by_sex_loglog", "km_by_sex_plain"]) {
  test(`lung ${key}: both sexes, every value`, () => {
    const e = lung.expected[key];
    const fit = kaplanMeierByGroup(lung.data.time, lung.data.status, lung.data.sex, { confType: e.conf_type, confLevel: e.conf_level });
    assert.deepStrictEqual(fit.groups, Object.keys(e.groups));
    fit.curves.forEach((c) => {
      assert.strictEqual(c.confType, e.conf_type);
      assertClose(c.confLevel, e.conf_level, `${key} conf_level`);
    });
    fit.groups.forEach((g, j) => assertCurve(fit.curves[j], e.groups[g], `${key} ${g}`));
  });
}

test("R cross-checks (survival-kaplan-meier.R): aml, veteran, ovarian, colon, mgus2, ties, edge cases", () => {
  for (const c of loadFixture("survival-kaplan-meier")) {
    const options = { confType: c.options.conf_type, confLevel: c.options.conf_level, missing: c.options.missing };
    const groups = Object.keys(c.expected.groups);
    if (c.data.group === null) {
      const km = kaplanMeier(asArray(c.data.time), asArray(c.data.event), options);
      assert.strictEqual(km.n, c.expected.n, c.name);
      assert.strictEqual(km.dropped, c.expected.dropped, c.name);
      assertCurve(km, c.expected.groups.all, c.name);
    } else {
      // R orders factor levels its own way; pass them so group order matches too.
      const fit = kaplanMeierByGroup(c.data.time, c.data.event, c.data.group, { ...options, levels: groups });
      assert.deepStrictEqual(fit.groups, groups, c.name);
      assert.strictEqual(fit.n, c.expected.n, c.name);
      assert.strictEqual(fit.dropped, c.expected.dropped, c.name);
      groups.forEach((g, j) => {
        assert.strictEqual(fit.curves[j].n, c.expected.groups[g].n, `${c.name} ${g} n`);
        assertCurve(fit.curves[j], c.expected.groups[g], `${c.name} ${g}`);
      });
    }
  }
});

test("kaplanMeier accepts typed arrays and booleans, and is JSON-serialisable", () => {
  const km = kaplanMeier(Float64Array.of(6, 6, 6, 7, 10, 13, 16), [true, true, false, true, false, true, true]);
  assert.deepStrictEqual(km.time, [6, 7, 10, 13, 16]);
  assert.deepStrictEqual(km.nRisk, [7, 4, 3, 2, 1]);
  assert.strictEqual(km.median, 13);
  assert.strictEqual(km.survival[4], 0);
  assert.strictEqual(km.stdErr[4], null);
  assert.strictEqual(km.lower[4], null);
  const round = JSON.parse(JSON.stringify(km));
  assert.deepStrictEqual(round, km);
});

test("kaplanMeierByGroup orders groups with levelsOf and can be given levels", () => {
  const fit = kaplanMeierByGroup([1, 2, 3, 4, 5, 6], [1, 0, 1, 1, 1, 0], [10, 2, 10, 2, 2, 10]);
  assert.deepStrictEqual(fit.groups, ["2", "10"]);
  assert.deepStrictEqual(fit.curves[0].time, [2, 4, 5]);
  const byLevels = kaplanMeierByGroup([1, 2, 3, 4, 5, 6], [1, 0, 1, 1, 1, 0], [10, 2, 10, 2, 2, 10], { levels: ["10", "2"] });
  assert.deepStrictEqual(byLevels.groups, ["10", "2"]);
  assert.deepStrictEqual(byLevels.curves[0].time, [1, 3, 6]);
});

test("numeric group codes (typed arrays) give the same groups and curves as their text", () => {
  const lungRef = loadReference("lung");
  const byNumber = kaplanMeierByGroup(lungRef.data.time, lungRef.data.status, Float64Array.from(lungRef.data.sex));
  const byText = kaplanMeierByGroup(lungRef.data.time, lungRef.data.status, lungRef.data.sex.map((s: number) => String(s)));
  assert.deepStrictEqual(byNumber, byText);
  const mixed = kaplanMeierByGroup([1, 2, 3, 4], [1, 1, 0, 1], [10, 9, -0, 0]);
  assert.deepStrictEqual(mixed.groups, ["0", "9", "10"]);
  assert.deepStrictEqual(mixed.curves[0].time, [3, 4]);
});

test("kaplanMeier bad input: named argument and first offending index", () => {
  assertInputError(() => kaplanMeier([1, 2, 3], [1, 0]), "event", null);
  assertInputError(() => kaplanMeier([], []), "time", null);
  assertInputError(() => kaplanMeier(null as unknown as number[], [1]), "time", null);
  assertInputError(() => kaplanMeier([1, 2], undefined as unknown as number[]), "event", null);
  assertInputError(() => kaplanMeier([1, NaN, 3], [1, 0, 1]), "time", 1);
  assertInputError(() => kaplanMeier([1, 2, null], [1, 0, 1]), "time", 2);
  assertInputError(() => kaplanMeier([1, 2, 3], [1, undefined, 1]), "event", 1);
  assertInputError(() => kaplanMeier([1, -2, 3], [1, 0, 1]), "time", 1);
  assertInputError(() => kaplanMeier([1, Infinity, 3], [1, 0, 1]), "time", 1);
  assertInputError(() => kaplanMeier([1, "2", 3], [1, 0, 1]), "time", 1);
  assertInputError(() => kaplanMeier([1, 2, 3], [1, 2, 1]), "event", 1);
  assertInputError(() => kaplanMeier([null, null], [1, 0], { missing: "drop" }), "time", null);
  assertInputError(() => kaplanMeier([1, 2], [1, 0], { missing: "skip" as "drop" }), "missing", null);
  assertInputError(() => kaplanMeier([1, 2], [1, 0], { confType: "logit" as "log" }), "confType", null);
  assertInputError(() => kaplanMeier([1, 2], [1, 0], { confLevel: 1.5 }), "confLevel", null);
  const dropped = kaplanMeier([1, null, 3, 4], [1, 1, NaN, 0], { missing: "drop" });
  assert.strictEqual(dropped.n, 2);
  assert.strictEqual(dropped.dropped, 2);
});

test("kaplanMeierByGroup bad input", () => {
  assertInputError(() => kaplanMeierByGroup([1, 2, 3], [1, 0, 1], [1, 2]), "group", null);
  assertInputError(() => kaplanMeierByGroup([1, 2, 3], [1, 0, 1], undefined as unknown as number[]), "group", null);
  assertInputError(() => kaplanMeierByGroup([1, 2, 3], [1, 0, 1], ["a", null, "b"]), "group", 1);
  assertInputError(() => kaplanMeierByGroup([1, 2, 3], [1, 0, 1], ["a", {}, "b"] as unknown as string[]), "group", 1);
  assertInputError(() => kaplanMeierByGroup([1, 2, 3], [1, 0, 1], ["a", "b", "c"], { levels: ["a", "b"] }), "group", 2);
  assertInputError(() => kaplanMeierByGroup([1, 2, 3], [1, 0, 1], ["a", "b", "a"], { levels: ["a", "b", "z"] }), "levels", 2);
  assertInputError(() => kaplanMeierByGroup([1, -1, 3], [1, 0, 1], ["a", "b", "a"]), "time", 1);
  assertInputError(() => kaplanMeierByGroup([1, 2, 3], [1, 0, 3], ["a", "b", "a"]), "event", 2);
  const fit = kaplanMeierByGroup([1, 2, 3, 4], [1, 0, 1, 1], ["a", null, "b", "a"], { missing: "drop" });
  assert.deepStrictEqual(fit.groups, ["a", "b"]);
  assert.strictEqual(fit.dropped, 1);
});

test("kaplanMeier with start / weights: bad input names the argument and row", () => {
  assertInputError(() => kaplanMeier([1, 2, 3], [1, 0, 1], { start: [0, 2, 1] }), "start", 1);
  assertInputError(() => kaplanMeier([1, 2, 3], [1, 0, 1], { start: [0, 5, 1] }), "start", 1);
  assertInputError(() => kaplanMeier([1, 2, 3], [1, 0, 1], { weights: [1, -0.5, 1] }), "weights", 1);
  assertInputError(() => kaplanMeier([1, 2, 3], [1, 0, 1], { weights: [0, 0, 0] }), "weights", null);
  assertInputError(() => kaplanMeier([1, 2, 3], [1, 0, 1], { weights: [1, 1] }), "weights", null);
  assertInputError(() => kaplanMeier([1, 2, 3], [1, 0, 1], { robust: 1 as unknown as boolean }), "robust", null);
  assertInputError(() => kaplanMeierByGroup([1, 2, 3], [1, 0, 1], ["a", "b", "a"], { start: [0, 0, 3] }), "start", 2);
  assertInputError(() => kaplanMeierByGroup([1, 2, 3], [1, 0, 1], ["a", "b", "a"], { weights: [1, NaN, 1] }), "weights", 1);
});

test("kaplanMeier: weights of 1 and robust: false give the unweighted curve", () => {
  const plain = kaplanMeier([6, 6, 6, 7, 10, 13, 16], [1, 1, 0, 1, 0, 1, 1]);
  const ones = kaplanMeier([6, 6, 6, 7, 10, 13, 16], [1, 1, 0, 1, 0, 1, 1], { weights: [1, 1, 1, 1, 1, 1, 1], robust: false });
  assert.deepStrictEqual(ones, plain);
  const zeroStart = kaplanMeier([6, 6, 6, 7, 10, 13, 16], [1, 1, 0, 1, 0, 1, 1], { start: [0, 0, 0, 0, 0, 0, 0] });
  assert.deepStrictEqual(zeroStart, plain);
});
