import { test } from "node:test";
import * as assert from "assert";
import { survivalMedian } from "../../src/survival/median";
import { quadraticForm } from "../../src/survival/quadratic-form";
import { survivalConfidenceLimits } from "../../src/survival/confidence-interval";

test("survivalMedian: first time at or below 0.5; midpoint rule on a flat stretch at exactly 0.5 (within sqrt(eps))", () => {
  assert.strictEqual(survivalMedian([1, 2, 3, 4, 5], [0.8, 0.6, 0.5, 0.5, 0.2]), 4);
  assert.strictEqual(survivalMedian([1, 2, 3, 4], [0.8, 0.5 + 1e-10, 0.5 + 1e-10, 0.3]), 3);
  assert.strictEqual(survivalMedian([1, 2, 3], [0.8, 0.5, 0.5]), 2);
  assert.strictEqual(survivalMedian([1, 2, 3], [0.8, 0.49, 0.3]), 2);
  assert.strictEqual(survivalMedian([1, 2], [0.9, 0.7]), null);
  assert.strictEqual(survivalMedian([1, 2, 3], [null, 0.6, null]), null);
  assert.strictEqual(survivalMedian([1, 2, 3, 4], [null, 0.5, NaN, 0.4]), 3);
});

test("quadraticForm: solve for a non-singular matrix, generalized inverse (rank reported) for a singular one", () => {
  assert.deepStrictEqual(quadraticForm([[2, 0], [0, 4]], [2, 2]), { value: 3, rank: 2 });
  const v = [[4, 2], [2, 3]];
  const x = [1, 2];
  // x' V^-1 x by hand: V^-1 = [[3, -2], [-2, 4]] / 8
  assert.ok(Math.abs(quadraticForm(v, x).value - (3 - 8 + 16) / 8) < 1e-15);
  const singular = quadraticForm([[1, -1], [-1, 1]], [1, -1]);
  assert.strictEqual(singular.rank, 1);
  assert.ok(Math.abs(singular.value - 1) < 1e-15);
  assert.deepStrictEqual(quadraticForm([[0]], [0]), { value: 0, rank: 0 });
});

test("survivalConfidenceLimits: the three transforms, clipping, and NaN where R gives NA", () => {
  const z = 1.959963984540054;
  const log = survivalConfidenceLimits([0.8, 1, 0], [0.1, 0, Infinity], "log", z);
  assert.ok(Math.abs(log.lower[0] - 0.8 * Math.exp(-z * 0.1)) < 1e-15);
  assert.strictEqual(log.upper[0], 0.8 * Math.exp(z * 0.1));
  assert.deepStrictEqual([log.lower[1], log.upper[1]], [1, 1]);
  assert.ok(Number.isNaN(log.lower[2]) && Number.isNaN(log.upper[2]));
  const plain = survivalConfidenceLimits([0.95, 0], [0.05, Infinity], "plain", z);
  assert.strictEqual(plain.upper[0], 1);
  assert.ok(Number.isNaN(plain.lower[1]));
  const loglog = survivalConfidenceLimits([1, 0.5], [0, 0.2], "log-log", z);
  assert.ok(Number.isNaN(loglog.lower[0]));
  assert.ok(loglog.lower[1] < 0.5 && loglog.upper[1] > 0.5 && loglog.upper[1] < 1);
});
