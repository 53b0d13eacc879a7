import { test } from "node:test";
import * as assert from "assert";
import { assertAllClose } from "../helpers/reference";
import { kaplanMeier, nelsonAalen } from "../../src/survival/index";
import { assertInputError } from "./fixture";

test("nelsonAalen: the doc example by hand", () => {
  const na = nelsonAalen([1, 2, 2, 3, 4], [1, 1, 0, 1, 0]);
  assert.strictEqual(na.method, "Nelson-Aalen");
  assert.deepStrictEqual(na.groups, ["all"]);
  const c = na.curves[0];
  assert.deepStrictEqual(c.time, [1, 2, 3, 4]);
  assert.deepStrictEqual(c.nRisk, [5, 4, 2, 1]);
  assertAllClose(c.cumHaz, [1 / 5, 1 / 5 + 1 / 4, 1 / 5 + 1 / 4 + 1 / 2, 0.95], "cumHaz", 1e-15);
  assertAllClose(c.stdErr, [0.2, Math.sqrt(1 / 25 + 1 / 16), Math.sqrt(1 / 25 + 1 / 16 + 1 / 4), Math.sqrt(1 / 25 + 1 / 16 + 1 / 4)], "stdErr", 1e-15);
  assert.strictEqual(c.lower[0], Math.max(0, 0.2 - 1.959963984540054 * 0.2));
});

test("Fleming-Harrington counts tied events one after another", () => {
  // 3 events among 5 at time 1: 1/5 + 1/4 + 1/3; variance 1/25 + 1/16 + 1/9.
  const fh = nelsonAalen([1, 1, 1, 2, 3], [1, 1, 1, 0, 0], { ctype: 2 });
  assert.strictEqual(fh.method, "Fleming-Harrington");
  assertAllClose(fh.curves[0].cumHaz, [1 / 5 + 1 / 4 + 1 / 3, 1 / 5 + 1 / 4 + 1 / 3, 1 / 5 + 1 / 4 + 1 / 3], "cumHaz", 1e-15);
  assertAllClose([fh.curves[0].stdErr[0]], [Math.sqrt(1 / 25 + 1 / 16 + 1 / 9)], "stdErr", 1e-15);
});

test("delayed entry: an entry at an event time joins the risk set after it", () => {
  // Rows (0,2], (2,4], (0,4]: at 2 only the first and third are at risk; at 4 the second and third.
  const na = nelsonAalen([2, 4, 4], [1, 1, 0], { start: [0, 2, 0] });
  assert.deepStrictEqual(na.curves[0].nRisk, [2, 2]);
  assertAllClose(na.curves[0].cumHaz, [0.5, 1], "cumHaz", 1e-15);
  const km = kaplanMeier([2, 4, 4], [1, 1, 0], { start: [0, 2, 0] });
  assert.deepStrictEqual(km.survival, [0.5, 0.25]);
});

test("integer weights are frequency weights: the same curve as repeated rows", () => {
  const weighted = nelsonAalen([1, 2, 3, 4], [1, 0, 1, 1], { weights: [2, 1, 3, 1] });
  const repeated = nelsonAalen([1, 1, 2, 3, 3, 3, 4], [1, 1, 0, 1, 1, 1, 1]);
  assert.strictEqual(weighted.variance, "model");
  assert.deepStrictEqual(weighted.curves[0].cumHaz, repeated.curves[0].cumHaz);
  assert.deepStrictEqual(weighted.curves[0].stdErr, repeated.curves[0].stdErr);
  const kmW = kaplanMeier([1, 2, 3, 4], [1, 0, 1, 1], { weights: [2, 1, 3, 1] });
  const kmR = kaplanMeier([1, 1, 2, 3, 3, 3, 4], [1, 1, 0, 1, 1, 1, 1]);
  assert.deepStrictEqual(kmW.survival, kmR.survival);
  assert.deepStrictEqual(kmW.stdErr, kmR.stdErr);
  assert.strictEqual(kmW.variance, "greenwood");
  assert.strictEqual(kaplanMeier([1, 2], [1, 0], { weights: [0.5, 1] }).variance, "robust");
});

test("nelsonAalen by group and JSON round trip", () => {
  const na = nelsonAalen([1, 2, 3, 4, 5, 6], [1, 1, 0, 1, 1, 0], { group: ["b", "a", "b", "a", "b", "a"] });
  assert.deepStrictEqual(na.groups, ["a", "b"]);
  assert.deepStrictEqual(na.curves[0].time, [2, 4, 6]);
  assert.deepStrictEqual(JSON.parse(JSON.stringify(na)), na);
});

test("bad input names the argument and row", () => {
  assertInputError(() => nelsonAalen([1, 2, 3], [1, 0, 1], { start: [0, 2, 1] }), "start", 1);
  assertInputError(() => nelsonAalen([1, 2, 3], [1, 0, 1], { start: [0, 3, 1] }), "start", 1);
  assertInputError(() => nelsonAalen([1, 2, 3], [1, 0, 1], { start: [0, NaN, 1] }), "start", 1);
  assertInputError(() => nelsonAalen([1, 2, 3], [1, 0, 1], { start: [0, Infinity, 1] }), "start", 1);
  assertInputError(() => nelsonAalen([1, 2, 3], [1, 0, 1], { start: [0, 1] }), "start", null);
  assertInputError(() => nelsonAalen([1, 2, 3], [1, 0, 1], { weights: [1, -1, 1] }), "weights", 1);
  assertInputError(() => nelsonAalen([1, 2, 3], [1, 0, 1], { weights: [1, Infinity, 1] }), "weights", 1);
  assertInputError(() => nelsonAalen([1, 2, 3], [1, 0, 1], { weights: [1, "2", 1] as unknown as number[] }), "weights", 1);
  assertInputError(() => nelsonAalen([1, 2, 3], [1, 0, 1], { weights: [0, 0, 0] }), "weights", null);
  assertInputError(() => nelsonAalen([1, 2, 3], [1, 0, 1], { weights: [1, NaN, 1] }), "weights", 1);
  assertInputError(() => nelsonAalen([1, 2, 3], [1, 0, 1], { ctype: 3 as 1 }), "ctype", null);
  assertInputError(() => nelsonAalen([1, 2, 3], [1, 0, 1], { confType: "log-log" as "log" }), "confType", null);
  assertInputError(() => nelsonAalen([1, 2, 3], [1, 0, 1], { robust: "yes" as unknown as boolean }), "robust", null);
  assertInputError(() => nelsonAalen([1, 2, 3], [1, 0, 1], { group: ["a", null, "b"] }), "group", 1);
  // start and time that differ by less than sqrt(eps) merge into one time (R's timefix): an error, as in R.
  assertInputError(() => nelsonAalen([1, 2, 3], [1, 0, 1], { start: [0, 2 - 1e-12, 1] }), "start", 1);
  assertInputError(() => nelsonAalen([1, 5, 2, 3], [1, 1, 0, 1], { start: [0, null, 2 - 1e-12, 1], missing: "drop" }), "start", 2);
  const dropped = nelsonAalen([1, 2, 3, 4], [1, 0, 1, 1], { weights: [1, null, 2, 1], start: [0, 0, NaN, 1], missing: "drop" });
  assert.strictEqual(dropped.dropped, 2);
  assert.strictEqual(dropped.n, 2);
});
