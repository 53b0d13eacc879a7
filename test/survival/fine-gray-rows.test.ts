import { test } from "node:test";
import * as assert from "assert";
import { assertAllClose } from "../helpers/reference";
import { fineGrayRows } from "../../src/survival/index";
import { loadFixture, assertInputError } from "./fixture";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

for (const c of loadFixture("competing-finegray-rows") as Json[]) {
  test(`fineGrayRows matches survival::finegray row for row: ${c.name}`, () => {
    const e = c.expected;
    const fg = fineGrayRows(c.data.time, c.data.cause, {
      failCode: c.options.fail_code,
      start: c.data.start ?? undefined,
      id: c.data.id ?? undefined,
      strata: c.data.strata ?? undefined,
      weights: c.data.weights ?? undefined,
      timefix: c.options.timefix,
    });
    assert.strictEqual(fg.n, e.row.length, `${c.name}: ${fg.n} rows, R has ${e.row.length}`);
    assert.deepStrictEqual(fg.row, e.row, `${c.name} row`);
    assert.deepStrictEqual(fg.count, e.count, `${c.name} count`);
    assert.deepStrictEqual(fg.status, e.status, `${c.name} status`);
    assertAllClose(fg.start, e.start, `${c.name} start`, 1e-12);
    assertAllClose(fg.stop, e.stop, `${c.name} stop`, 1e-12);
    // Weights to 1e-12 relative. With strata and case weights, finegray 3.5-3 multiplies the k-th
    // row of a stratum by the k-th weight of the whole data set (user.weights[split$row]); undo that.
    let expectedWeight: number[] = e.weight;
    if (c.data.strata !== null && c.data.weights !== null) {
      const local = new Map<number, number>();
      const seen: Record<string, number> = {};
      c.data.time.forEach((_: number, i: number) => {
        const s = c.data.strata[i];
        seen[s] = (seen[s] ?? 0) + 1;
        local.set(i, seen[s] - 1);
      });
      expectedWeight = e.weight.map((w: number, k: number) => (w / c.data.weights[local.get(e.row[k]) as number]) * c.data.weights[e.row[k]]);
      assert.ok(expectedWeight.some((w, k) => Math.abs(w - e.weight[k]) > 1e-6), "the case exercises R's strata weight indexing");
    }
    fg.weight.forEach((w, k) => assert.ok(Math.abs(w - expectedWeight[k]) <= 1e-12 * expectedWeight[k], `${c.name} weight[${k}] ${w} vs ${expectedWeight[k]}`));
    assert.strictEqual(fg.delayedEntry, c.data.start !== null && c.name.indexOf("delayed") >= 0 || c.name.indexOf("truncation") >= 0);
  });
}

test("fineGrayRows: the worked example of survival's tests/finegray.R", () => {
  // Censoring happens after deaths, so G drops at 3+, 4+, 6+, 8+, 9+: 11/12, 8/10, 5/6, 3/4, 2/3.
  const time = [1, 2, 3, 4, 4, 4, 5, 5, 6, 8, 8, 9, 10, 12];
  const cause = [1, 2, 0, 1, 0, 0, 2, 1, 0, 0, 2, 0, 1, 0];
  const fg = fineGrayRows(time, cause);
  const p = [1, 11 / 12, (11 / 12) * (8 / 10), (11 / 12) * (8 / 10) * (5 / 6), 0, 0];
  p[4] = p[3] * (3 / 4);
  p[5] = p[4] * (2 / 3);
  const expected = [1, p[0], p[1], p[2], p[5], 1, 1, 1, 1, 1, 5 / 12, 1, 1, 1, 1, 1 / 2, 1, 1, 1];
  assertAllClose(fg.weight, expected, "weights", 1e-14);
  assert.deepStrictEqual(fg.row, [0, 1, 1, 1, 1, 2, 3, 4, 5, 6, 6, 7, 8, 9, 10, 10, 11, 12, 13]);
});

test("fineGrayRows bad input", () => {
  const t = [1, 2, 3, 4];
  assertInputError(() => fineGrayRows(t, [1, 2, 0.5, 0]), "cause", 2);
  assertInputError(() => fineGrayRows(t, [2, 2, 0, 0]), "failCode", null);
  assertInputError(() => fineGrayRows(t, [1, 2, 0, 0], { start: [0, 0, 0, 0] }), "id", null);
  assertInputError(() => fineGrayRows(t, [1, 2, 0, 0], { start: [0, 2, 0, 0], id: [1, 2, 3, 4] }), "time", 1);
  assertInputError(() => fineGrayRows([2, 4, 3, 5], [1, 0, 0, 2], { start: [0, 2, 0, 4], id: [1, 1, 2, 2] }), "cause", 0);
  assertInputError(() => fineGrayRows([2, 4, 3, 5], [0, 1, 0, 2], { start: [0, 3, 0, 4], id: [1, 1, 2, 2] }), "start", 1);
  assertInputError(() => fineGrayRows([2, 4, 3, 5], [0, 1, 0, 2], { start: [0, 1, 0, 3], id: [1, 1, 2, 2] }), "start", 1);
  assertInputError(() => fineGrayRows(t, [1, 2, 0, 0], { weights: [1, 0, 1, 1] }), "weights", 1);
});
