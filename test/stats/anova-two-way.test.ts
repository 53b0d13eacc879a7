import { test } from "node:test";
import * as assert from "assert";
import { assertClose } from "../helpers/reference";
import { anovaTwoWay } from "../../src/stats/index";
import { loadFixture, assertInputError } from "./fixtures";

// test/fixtures/r/stats-anova-twoway.R: anova(lm(y ~ a * b)) on warpbreaks (both term orders), ToothGrowth
// (balanced, unbalanced in both orders, an empty cell), mtcars cyl*gear (very unbalanced with an empty cell,
// both orders), an InsectSprays subset, and a design where b and a:b are fully aliased (R drops those rows).
for (const c of loadFixture("stats-anova-twoway")) {
  test(`two-way ANOVA (type I) matches R: ${c.name}`, () => {
    const r = anovaTwoWay(c.data.y, c.data.a, c.data.b, { levelsA: c.data.levels_a, levelsB: c.data.levels_b });
    assert.deepStrictEqual(r.terms.map((t) => t.name), ["a", "b", "a:b"]);
    const expected = new Map<string, { df: number; sum_sq: number; mean_sq: number; f: number; p_value: number }>();
    for (const t of c.expected.terms) expected.set(t.name, t);
    for (const t of r.terms) {
      const e = expected.get(t.name);
      if (e === undefined) {
        // R leaves a fully aliased term out of its table
        assert.strictEqual(t.df, 0, `${t.name} df`);
        assert.strictEqual(t.f, null);
        continue;
      }
      assertClose(t.df, e.df, `${t.name} df`);
      assertClose(t.sumSq, e.sum_sq, `${t.name} SS`);
      assertClose(t.meanSq, e.mean_sq, `${t.name} MS`);
      assertClose(t.f, e.f, `${t.name} F`);
      assertClose(t.pValue, e.p_value, `${t.name} p`);
    }
    assertClose(r.residual.df, c.expected.residual.df, "residual df");
    assertClose(r.residual.sumSq, c.expected.residual.sum_sq, "residual SS");
    assertClose(r.residual.meanSq, c.expected.residual.mean_sq, "residual MS");
  });
}

const Y = [10, 12, 11, 15, 16, 14, 20, 22, 21, 12, 13, 11, 18, 17, 19, 27, 25, 26];
const A = ["x", "x", "x", "x", "x", "x", "x", "x", "x", "y", "y", "y", "y", "y", "y", "y", "y", "y"];
const B = [0, 0, 0, 2, 2, 2, 4, 4, 4, 0, 0, 0, 2, 2, 2, 4, 4, 4];

test("term names, default level order (numbers by value), cell summaries", () => {
  const r = anovaTwoWay(Y, A, B, { names: ["line", "dose"] });
  assert.deepStrictEqual(r.terms.map((t) => t.name), ["line", "dose", "line:dose"]);
  assert.deepStrictEqual(r.levelsB, ["0", "2", "4"]);
  assert.deepStrictEqual(r.cellCounts, [[3, 3, 3], [3, 3, 3]]);
  assertClose(r.cellMeans[1][2], 26, "cell mean");
  // balanced: the sums of squares do not depend on the order
  const swapped = anovaTwoWay(Y, B, A);
  assertClose(swapped.terms[0].sumSq, r.terms[1].sumSq, "SS dose either order");
  assertClose(swapped.terms[2].sumSq, r.terms[2].sumSq, "SS interaction either order");
});

test("missing values throw unless dropped", () => {
  assertInputError(() => anovaTwoWay([...Y, NaN], [...A, "x"], [...B, 0]), "y", 18);
  assertInputError(() => anovaTwoWay([...Y, 1], [...A, null], [...B, 0]), "a", 18);
  assertInputError(() => anovaTwoWay([...Y, 1], [...A, "x"], [...B, undefined]), "b", 18);
  const r = anovaTwoWay([...Y, NaN, 4], [...A, "x", "y"], [...B, 0, null], { missing: "drop" });
  assert.strictEqual(r.dropped, 2);
  assertClose(r.terms[2].f, anovaTwoWay(Y, A, B).terms[2].f, "F after drop", 1e-14);
});

test("bad input: lengths, empty, one level, unknown or empty level, no replicates, constant y", () => {
  assertInputError(() => anovaTwoWay(Y, A.slice(1), B), "a");
  assertInputError(() => anovaTwoWay(Y, A, B.slice(1)), "b");
  assertInputError(() => anovaTwoWay([], [], []), "y");
  assertInputError(() => anovaTwoWay(Y, A.map(() => "x"), B), "a");
  assertInputError(() => anovaTwoWay(Y, A, B.map(() => 0)), "b");
  assertInputError(() => anovaTwoWay(Y, A, B, { levelsB: [0, 2, 4, 8] }), "levelsB", 3);
  assertInputError(() => anovaTwoWay(Y, A, B, { levelsA: ["x"] }), "a", 9);
  // one observation per cell: no residual df
  assertInputError(() => anovaTwoWay([1, 2, 3, 5], ["x", "x", "y", "y"], [0, 1, 0, 1]), "y");
  assertInputError(() => anovaTwoWay(Y.map(() => 3), A, B), "y");
});

test("zero within-cell variance with differing cells: F infinite, p = 0", () => {
  const r = anovaTwoWay([1, 1, 2, 2, 3, 3, 5, 5], ["x", "x", "x", "x", "y", "y", "y", "y"], [0, 0, 1, 1, 0, 0, 1, 1]);
  assert.strictEqual(r.residual.sumSq, 0);
  for (const t of r.terms) {
    assert.strictEqual(t.f, Infinity);
    assert.strictEqual(t.pValue, 0);
  }
});
