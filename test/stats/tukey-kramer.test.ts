import { test } from "node:test";
import * as assert from "assert";
import { assertClose, assertAllClose } from "../helpers/reference";
import { tukeyHSD, tukeyKramerPairs } from "../../src/stats/index";
import { loadFixture, assertInputError } from "./fixtures";

// The core on R's own group means, 1/n and MS_within reproduces R's TukeyHSD (test/fixtures/r/stats-anova-oneway.R),
// and tukeyHSD is exactly that core on the data's means.
for (const c of loadFixture("stats-anova-oneway")) {
  test(`tukeyKramerPairs on R's means and 1/n matches TukeyHSD: ${c.name}`, () => {
    const e = c.expected;
    const ms = e.sum_sq_within / e.df_within;
    const tk = tukeyKramerPairs(e.groups, e.means, (e.n as number[]).map((n) => 1 / n), ms, e.df_within, c.conf_level);
    assert.deepStrictEqual(tk.pairs.map((p) => p.label), e.tukey.pair);
    assertAllClose(tk.pairs.map((p) => p.diff), e.tukey.diff, "diff");
    assertAllClose(tk.pairs.map((p) => p.lower), e.tukey.lower, "lower");
    assertAllClose(tk.pairs.map((p) => p.upper), e.tukey.upper, "upper");
    assertAllClose(tk.pairs.map((p) => p.pAdj), e.tukey.p_adj, "p adj");

    const h = tukeyHSD(c.data.y, c.data.group, { levels: e.groups, confLevel: c.conf_level });
    const core = tukeyKramerPairs(h.groups, h.means, h.n.map((n) => 1 / n), h.meanSqWithin, h.dfWithin, h.confLevel);
    assert.deepStrictEqual(h.pairs, core.pairs);
    assert.strictEqual(h.criticalQ, core.criticalQ);
  });
}

test("unequal variance factors: differences of inductions, worked by hand", () => {
  // D = (1, 2, 4), v = (2/3, 2/3, 1), MS = 0.5, df = 12
  const tk = tukeyKramerPairs(["a", "b", "c"], [1, 2, 4], [2 / 3, 2 / 3, 1], 0.5, 12, 0.95);
  assert.strictEqual(tk.method, "Tukey-Kramer");
  assert.deepStrictEqual(tk.pairs.map((p) => p.label), ["b-a", "c-a", "c-b"]);
  assert.deepStrictEqual([tk.pairs[1].groupA, tk.pairs[1].groupB], ["c", "a"]);
  assertClose(tk.pairs[1].diff, 3, "c-a");
  // qtukey(0.95, 3, 12) = 3.772929 (R)
  assertClose(tk.criticalQ, 3.772929, "critical q", 1e-6);
  const se = Math.sqrt((0.5 / 2) * (2 / 3 + 1));
  assertClose(tk.pairs[1].se, se, "se");
  assertClose(tk.pairs[1].upper - tk.pairs[1].diff, tk.criticalQ * se, "half width");
  // typed arrays give the same pairs
  assert.deepStrictEqual(tukeyKramerPairs(["a", "b", "c"], Float64Array.from([1, 2, 4]), Float64Array.from([2 / 3, 2 / 3, 1]), 0.5, 12, 0.95), tk);
});

test("zero mean square: p is 1 for equal estimates and 0 otherwise", () => {
  const tk = tukeyKramerPairs(["a", "b", "c"], [1, 1, 2], [1, 1, 1], 0, 6, 0.95);
  assert.deepStrictEqual(tk.pairs.map((p) => p.pAdj), [1, 0, 0]);
});

test("bad input throws an InputError naming the argument", () => {
  const L = ["a", "b", "c"];
  assertInputError(() => tukeyKramerPairs(["a"], [1], [1], 1, 6, 0.95), "labels");
  assertInputError(() => tukeyKramerPairs(L, [1, 2], [1, 1, 1], 1, 6, 0.95), "estimates");
  assertInputError(() => tukeyKramerPairs(L, [1, 2, 3], [1, 1], 1, 6, 0.95), "varFactors");
  assertInputError(() => tukeyKramerPairs(L, [1, NaN, 3], [1, 1, 1], 1, 6, 0.95), "estimates", 1);
  assertInputError(() => tukeyKramerPairs(L, [1, 2, 3], [1, 1, 0], 1, 6, 0.95), "varFactors", 2);
  assertInputError(() => tukeyKramerPairs(L, [1, 2, 3], [1, 1, 1], -1, 6, 0.95), "meanSq");
  assertInputError(() => tukeyKramerPairs(L, [1, 2, 3], [1, 1, 1], 1, 1, 0.95), "df");
  assertInputError(() => tukeyKramerPairs(L, [1, 2, 3], [1, 1, 1], 1, 6, 95), "confLevel");
});
