import { test } from "node:test";
import * as assert from "assert";
import { formatDecimal } from "../../src/display/format-decimal";
import { formatNumber } from "../../src/display/format-number";
import { formatDecimal as fromIndex } from "../../src/index";

test("formatDecimal: a decimal tie the double cannot hold rounds half away from zero, as by hand", () => {
  // 121 / 2000 and 107 / 2000: the doubles lie just below 0.0605 and 0.0535, so toFixed rounds them down.
  assert.strictEqual(formatNumber(121 / 2000, 3), "0.060");
  assert.strictEqual(formatDecimal(121 / 2000, 3), "0.061");
  assert.strictEqual(formatDecimal(107 / 2000, 3), "0.054");
  assert.strictEqual(formatDecimal(0.0525, 3), "0.053");
  assert.strictEqual(formatDecimal(0.8895, 3), "0.890");
  assert.strictEqual(formatDecimal(-0.0605, 3), "\u22120.061");
  assert.strictEqual(formatDecimal(0.9995, 3), "1.000", "carry into the whole part");
  assert.strictEqual(formatDecimal(9.95, 1), "10.0");
  assert.strictEqual(formatDecimal(2.5, 0), "3");
  assert.strictEqual(fromIndex(0.0605, 3), "0.061");
});

test("formatDecimal: the same as formatNumber wherever there is no decimal tie", () => {
  for (const x of [0, 1, -1, 0.0495, 0.8125, 0.05, 0.123456, -2.345678, 1 / 3, 2 / 3, 123.456, 0.1 + 0.2, -0.0004, 1e-9, 5e-7, 1e21]) {
    for (const d of [0, 1, 2, 3, 4]) {
      const tie = /\.?\d*5$/.test(Math.abs(x).toString()) && (Math.abs(x).toString().split(".")[1] ?? "").length === d + 1;
      if (!tie) assert.strictEqual(formatDecimal(x, d), formatNumber(x, d), `${x} to ${d} decimals`);
    }
  }
  assert.strictEqual(formatDecimal(-0.0004, 3), "0.000", "no negative zero");
  assert.strictEqual(formatDecimal(Infinity, 2), "\u221e");
  assert.strictEqual(formatDecimal(NaN, 2), "NA");
  assert.strictEqual(formatDecimal(null, 2), "NA");
  assert.throws(() => formatDecimal(0.5, -1), /digits must be a whole number/);
  assert.throws(() => formatDecimal(0.5, 1.5), /digits must be a whole number/);
});
