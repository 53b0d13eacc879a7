import { test } from "node:test";
import * as assert from "assert";
import { assertClose, assertAllClose } from "../helpers/reference";
import { anovaOneWay, tukeyHSD } from "../../src/stats/index";
import { loadFixture, assertInputError } from "./fixtures";

// test/fixtures/r/stats-anova-oneway.R: aov/anova(lm) and TukeyHSD on PlantGrowth, InsectSprays (6 groups),
// chickwts (unequal sizes, conf 0.95 and 0.9), ToothGrowth dose (numeric labels, unbalanced),
// a 2-group case with a group of one (conf 0.99) and warpbreaks tension (levels L, M, H).
for (const c of loadFixture("stats-anova-oneway")) {
  test(`one-way ANOVA and Tukey HSD match R: ${c.name}`, () => {
    const e = c.expected;
    const levels = e.groups as string[];
    const a = anovaOneWay(c.data.y, c.data.group, { levels });
    assert.deepStrictEqual(a.groups, levels);
    assertAllClose(a.means, e.means, "means");
    assertAllClose(a.n, e.n, "n");
    assertClose(a.f, e.f, "F");
    assertClose(a.dfBetween, e.df_between, "df between");
    assertClose(a.dfWithin, e.df_within, "df within");
    assertClose(a.sumSqBetween, e.sum_sq_between, "SS between");
    assertClose(a.sumSqWithin, e.sum_sq_within, "SS within");
    assertClose(a.pValue, e.p_value, "p");
    const t = tukeyHSD(c.data.y, c.data.group, { levels, confLevel: c.conf_level });
    assert.deepStrictEqual(t.pairs.map((p) => p.label), e.tukey.pair);
    assertAllClose(t.pairs.map((p) => p.diff), e.tukey.diff, "diff");
    assertAllClose(t.pairs.map((p) => p.lower), e.tukey.lower, "lower");
    assertAllClose(t.pairs.map((p) => p.upper), e.tukey.upper, "upper");
    assertAllClose(t.pairs.map((p) => p.pAdj), e.tukey.p_adj, "p adj");
  });
}

test("default level order: numbers by value, labels by text", () => {
  const c = loadFixture("stats-anova-oneway").find((x: { name: string }) => x.name === "ToothGrowth dose unbalanced");
  // numeric doses given as numbers: 0.5 < 1 < 2 as R's factor()
  const a = anovaOneWay(c.data.y, c.data.group.map(Number));
  assert.deepStrictEqual(a.groups, ["0.5", "1", "2"]);
  const t = tukeyHSD(c.data.y, c.data.group.map(Number));
  assert.deepStrictEqual(t.pairs.map((p) => p.label), ["1-0.5", "2-0.5", "2-1"]);
  assert.strictEqual(t.pairs[0].groupA, "1");
  assert.strictEqual(t.pairs[0].groupB, "0.5");
  assertClose(t.pairs[0].diff, a.means[1] - a.means[0], "diff = mean(A) - mean(B)");
});

const Y = [4.1, 5.0, 4.6, 6.2, 5.9, 6.8, 5.1, 5.5, 4.9];
const G = ["a", "a", "a", "b", "b", "b", "c", "c", "c"];

test("typed arrays give the same answer", () => {
  const ref = anovaOneWay(Y, G);
  assertClose(anovaOneWay(Float64Array.from(Y), G).f, ref.f, "typed F", 1e-15);
  assertClose(tukeyHSD(Float64Array.from(Y), G).pairs[2].pAdj, tukeyHSD(Y, G).pairs[2].pAdj, "typed Tukey", 1e-15);
});

test("missing values throw unless dropped, and dropped rows are counted", () => {
  assertInputError(() => anovaOneWay([...Y, NaN], [...G, "a"]), "y", 9);
  assertInputError(() => anovaOneWay([...Y, 1], [...G, null]), "group", 9);
  assertInputError(() => tukeyHSD([...Y, null], [...G, "a"]), "y", 9);
  const ref = anovaOneWay(Y, G);
  const dropped = anovaOneWay([...Y, NaN, 3.3, undefined], [...G, "a", null, "b"], { missing: "drop" });
  assert.strictEqual(dropped.dropped, 3);
  assertClose(dropped.f, ref.f, "F after drop", 1e-15);
  assert.strictEqual(tukeyHSD([NaN, ...Y], ["a", ...G], { missing: "drop" }).dropped, 1);
  assertInputError(() => anovaOneWay([NaN, null], ["a", "b"], { missing: "drop" }), "y");
  assertInputError(() => anovaOneWay(Y, G, { missing: "skip" as never }), "missing");
});

test("bad input: lengths, empty, non-numbers, infinite values", () => {
  assertInputError(() => anovaOneWay(Y, G.slice(1)), "group");
  assertInputError(() => anovaOneWay([], []), "y");
  assertInputError(() => tukeyHSD(Y, []), "group");
  assertInputError(() => anovaOneWay([...Y.slice(1), "5"], G), "y", 8);
  assertInputError(() => anovaOneWay([...Y.slice(1), Infinity], G), "y", 8);
  assertInputError(() => anovaOneWay(Y, [...G.slice(1), { g: 1 }]), "group", 8);
});

test("bad input: one group, a named level with no observations, a label outside the levels", () => {
  assertInputError(() => anovaOneWay(Y, G.map(() => "a")), "group");
  assertInputError(() => tukeyHSD(Y, G.map(() => "a")), "group");
  assertInputError(() => anovaOneWay(Y, G, { levels: ["a", "b", "c", "d"] }), "levels", 3);
  assertInputError(() => tukeyHSD(Y, G, { levels: ["a", "b", "c", "d"] }), "levels", 3);
  assertInputError(() => anovaOneWay(Y, G, { levels: ["a", "b"] }), "group", 6);
  assertInputError(() => anovaOneWay(Y, G, { levels: ["a", "b", "b"] }), "levels", 2);
});

test("bad input: no within-group df, constant y, zero within-group variance", () => {
  assertInputError(() => anovaOneWay([1, 2, 3], ["a", "b", "c"]), "y");
  assertInputError(() => anovaOneWay([2, 2, 2, 2], ["a", "a", "b", "b"]), "y");
  // groups constant but different: F is infinite with p = 0 (as R), Tukey's statistic is undefined
  const a = anovaOneWay([1, 1, 2, 2], ["a", "a", "b", "b"]);
  assert.strictEqual(a.f, Infinity);
  assert.strictEqual(a.pValue, 0);
  assertInputError(() => tukeyHSD([1, 1, 2, 2], ["a", "a", "b", "b"]), "y");
  // one within-group df is not enough for the studentized range (R gives NaN)
  assertInputError(() => tukeyHSD([1, 1.5, 2], ["a", "a", "b"]), "y");
});

test("bad options: confLevel outside (0, 1)", () => {
  assertInputError(() => tukeyHSD(Y, G, { confLevel: 95 }), "confLevel");
  assertInputError(() => tukeyHSD(Y, G, { confLevel: 0 }), "confLevel");
  assertInputError(() => tukeyHSD(Y, G, { confLevel: NaN }), "confLevel");
});
