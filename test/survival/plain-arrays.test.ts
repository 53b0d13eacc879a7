import { test } from "node:test";
import * as assert from "assert";
import { flatRows } from "../../src/survival/plain-arrays";

test("flatRows: the rows of a row-major flat matrix as plain arrays (each the same doubles as its subarray)", () => {
  const flat = Float64Array.of(1, -0, 3.5, NaN, Infinity, 6);
  const rows = flatRows(flat, 2, 3);
  assert.deepStrictEqual(rows, [Array.from(flat.subarray(0, 3)), Array.from(flat.subarray(3, 6))]);
  assert.ok(Object.is(rows[0][1], -0));
  assert.ok(rows.every((r) => Array.isArray(r)));
  assert.deepStrictEqual(flatRows(Int32Array.of(7, 8, 9, 10), 2, 2), [[7, 8], [9, 10]]);
  assert.deepStrictEqual(flatRows(new Float64Array(0), 0, 4), []);
  assert.deepStrictEqual(flatRows(new Float64Array(0), 3, 0), [[], [], []]);
  // only the first rows × width values are read
  assert.deepStrictEqual(flatRows(Float64Array.of(1, 2, 3, 4, 5), 2, 2), [[1, 2], [3, 4]]);
});
