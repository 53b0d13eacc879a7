import { test } from "node:test";
import * as assert from "assert";
import { assertClose, assertAllClose } from "../helpers/reference";
import { chiSquareTest } from "../../src/stats/chi-square-test";
import { fisherExactTest } from "../../src/stats/fisher-exact-test";
import { wilcoxonTest, rankSumDistribution } from "../../src/stats/wilcoxon-test";
import { contingencyTable } from "../../src/stats/contingency-table";
import { loadFixture, assertInputError, sameInfinity } from "./fixtures";

// test/fixtures/r/stats-contingency-rank.R: chisq.test, fisher.test (2 x 2) and two-sample wilcox.test.
const fx = loadFixture("stats-contingency-rank");

for (const c of fx.chisq) {
  test(`chi-square test matches R: ${c.name}`, () => {
    const r = chiSquareTest(c.table, { correct: c.correct });
    const e = c.expected;
    assert.strictEqual(r.method, e.method);
    assertClose(r.statistic, e.statistic, "statistic");
    assert.strictEqual(r.df, e.df);
    assertClose(r.pValue, e.p_value, "p");
    r.expected.forEach((row, i) => assertAllClose(row, e.expected[i], `expected[${i}]`));
    r.residuals.forEach((row, i) => assertAllClose(row, e.residuals[i], `residuals[${i}]`));
    r.stdres.forEach((row, i) => assertAllClose(row, e.stdres[i], `stdres[${i}]`));
    assert.strictEqual(r.warning !== null, e.warned, "R's small-expected warning");
  });
}

for (const c of fx.fisher) {
  test(`Fisher's exact test matches R: ${c.name}`, () => {
    const r = fisherExactTest(c.table, { alternative: c.alternative, confLevel: c.conf_level, oddsRatio: c.or });
    const e = c.expected;
    assertClose(r.pValue, e.p_value, "p");
    for (const [key, value] of [["estimate", r.estimate], ["lower", r.lower], ["upper", r.upper]] as Array<[string, number]>) {
      const precise = e[`precise_${key}`];
      if (!sameInfinity(value, precise, key)) assertClose(value, precise, key);
      // fisher.test's own value: the same root, found by uniroot to its default tolerance (eps^0.25 on psi or 1/psi).
      if (Number.isFinite(e[key]) && e[key] > 0) {
        const onScale = Math.min(Math.abs(value - e[key]), Math.abs(1 / value - 1 / e[key]));
        assert.ok(onScale < 2 * Math.pow(2.220446e-16, 0.25), `${key}: fisher.test ${e[key]} vs ${value}`);
      }
    }
  });
}

for (const c of fx.wilcox) {
  test(`Wilcoxon rank-sum test matches R: ${c.name}`, () => {
    const r = wilcoxonTest(c.x, c.y, {
      alternative: c.alternative,
      mu: c.mu,
      exact: c.exact === null ? undefined : c.exact,
      correct: c.correct,
      missing: "drop",
    });
    assert.strictEqual(r.method, c.expected.method);
    assertClose(r.statistic, c.expected.statistic, "W");
    assertClose(r.pValue, c.expected.p_value, "p");
  });
}

test("rank-sum null distribution sums to 1 and is symmetric", () => {
  const d = rankSumDistribution(7, 11);
  assert.strictEqual(d.length, 78);
  assertClose(d.reduce((s, v) => s + v, 0), 1, "sum", 1e-14);
  for (let w = 0; w < d.length; w++) assertClose(d[w], d[d.length - 1 - w], `symmetry ${w}`, 1e-15);
  // P(W = 0) = 1 / C(18, 7)
  assertClose(d[0], 1 / 31824, "P(W = 0)", 1e-12);
});

test("Wilcoxon: exact with ties falls back to normal with R's warning; missing values", () => {
  const r = wilcoxonTest([1, 2, 2, 3], [2, 5, 6], { exact: true });
  assert.strictEqual(r.exact, false);
  assert.strictEqual(r.warning, "cannot compute exact p-value with ties");
  assertInputError(() => wilcoxonTest([1, NaN, 3], [2, 4]), "x", 1);
  const d = wilcoxonTest([1, NaN, 3], [2, 4, null], { missing: "drop" });
  assert.strictEqual(d.dropped, 2);
  assert.deepStrictEqual([d.nX, d.nY], [2, 2]);
  assertInputError(() => wilcoxonTest([], [1]), "x");
  assertInputError(() => wilcoxonTest([NaN], [1], { missing: "drop" }), "x");
});

test("chi-square and Fisher: bad tables", () => {
  assertInputError(() => chiSquareTest([[1, 2]]), "table");
  assertInputError(() => chiSquareTest([[1, 2], [3]]), "table", 1);
  assertInputError(() => chiSquareTest([[1, -2], [3, 4]]), "table", 0);
  assertInputError(() => chiSquareTest([[0, 0], [3, 4]]), "table", 0);
  assertInputError(() => chiSquareTest([[0, 2], [0, 4]]), "table");
  assertInputError(() => fisherExactTest([[1, 2, 3], [3, 4, 5]]), "table");
  assertInputError(() => fisherExactTest([[1.5, 2], [3, 4]]), "table", 0);
  assertInputError(() => fisherExactTest([[1, 2], [3, 4]], { confLevel: 1 }), "confLevel");
});

test("contingency table: levels, zero rows, missing labels", () => {
  const t = contingencyTable(["a", "b", "a", "a"], ["x", "x", "y", "y"]);
  assert.deepStrictEqual(t, { rowLevels: ["a", "b"], columnLevels: ["x", "y"], counts: [[1, 2], [1, 0]], n: 4, dropped: 0 });
  const z = contingencyTable(["a", "a"], ["y", "x"], { rowLevels: ["a", "b"], columnLevels: ["y", "x", "w"] });
  assert.deepStrictEqual(z.counts, [[1, 1, 0], [0, 0, 0]]);
  assertInputError(() => contingencyTable(["a", ""], ["x", "y"]), "rows", 1);
  assertInputError(() => contingencyTable(["a", "c"], ["x", "y"], { rowLevels: ["a", "b"] }), "rows", 1);
  const d = contingencyTable(["a", null, "b"], ["x", "y", NaN], { missing: "drop" });
  assert.strictEqual(d.dropped, 2);
  assert.strictEqual(d.n, 1);
  assertInputError(() => contingencyTable(["a"], ["x", "y"]), "columns");
});

test("contingency table: numeric and typed labels coded by value; error messages name the row and label", () => {
  const t = contingencyTable([2, 10, 1, 2, "1"], Float64Array.of(0, 1, 1, -0, 1));
  assert.deepStrictEqual(t, { rowLevels: ["1", "2", "10"], columnLevels: ["0", "1"], counts: [[0, 2], [2, 0], [0, 1]], n: 5, dropped: 0 });
  const message = (f: () => unknown): string => {
    try {
      f();
    } catch (e) {
      return (e as Error).message;
    }
    return "no error";
  };
  assert.strictEqual(message(() => contingencyTable(["a", null, "b", "a"], ["x", "q", "y", "z"], { columnLevels: ["x", "y"], missing: "drop" })), 'columns[3] = "z": is not one of columnLevels (x, y)');
  assert.strictEqual(message(() => contingencyTable(["a", "b", undefined], ["x", "", "y"])), 'columns[1] = "": is missing (pass { missing: "drop" } to drop such rows)');
  assert.strictEqual(message(() => contingencyTable(["a", "b", "c"], ["x", Infinity, "y"])), "columns[1] = Infinity: must be a group label (string or number)");
});
