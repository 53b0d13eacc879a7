import { test } from "node:test";
import * as assert from "assert";
import { naturalSplineBasis } from "../../src/stats/natural-spline-basis";
import { assertClose } from "../helpers/reference";
import { assertInputError, loadFixture } from "./fixtures";

const NS = loadFixture("stats-natural-spline");

/** Absolute agreement (the basis has exact zeros): |a - e| <= tol. */
function near(actual: number, expected: number | null, label: string, tol = 1e-10): void {
  if (expected === null) {
    assert.ok(Number.isNaN(actual), `${label}: expected NA, got ${actual}`);
    return;
  }
  assert.ok(Math.abs(actual - expected) <= tol, `${label}: ${actual} vs R ${expected} (difference ${actual - expected})`);
}

for (const c of NS.cases) {
  test(`naturalSplineBasis equals R's splines::ns: ${c.name} (1e-10)`, () => {
    const x = c.x.map((v: number | null) => (v === null ? NaN : v));
    const s = naturalSplineBasis(x, {
      df: c.df ?? undefined,
      knots: c.knots_in ?? undefined,
      intercept: c.intercept,
      boundaryKnots: c.boundary_in ?? undefined,
    });
    assert.strictEqual(s.knots.length, c.expected.knots.length, "number of interior knots");
    s.knots.forEach((k, j) => assertClose(k, c.expected.knots[j], `knot ${j}`, 1e-14));
    s.boundaryKnots.forEach((k, j) => assert.strictEqual(k, c.expected.boundary[j], `boundary knot ${j}`));
    assert.strictEqual(s.basis.length, c.expected.basis.length);
    assert.strictEqual(s.df, c.expected.basis[0].length);
    s.basis.forEach((row, i) => row.forEach((v, j) => near(v, c.expected.basis[i][j], `row ${i}, column ${j}`)));
    if (c.at !== null) {
      const p = s.at(c.at);
      p.forEach((row, i) => row.forEach((v, j) => near(v, c.expected.at[i][j], `predict at ${c.at[i]}, column ${j}`)));
    }
  });
}

test("naturalSplineBasis: the basis is linear beyond the boundary knots and its columns are cubic splines with zero second derivative at them", () => {
  const x = Array.from({ length: 40 }, (_, i) => Math.sin(i) * 10 + i);
  const s = naturalSplineBasis(x, { df: 4 });
  const [lo, hi] = s.boundaryKnots;
  const h = 1e-3;
  for (const edge of [lo, hi]) {
    const [a, b, c] = s.at([edge - h, edge, edge + h]);
    a.forEach((_, j) => assert.ok(Math.abs(a[j] - 2 * b[j] + c[j]) / (h * h) < 1e-6, `second difference at ${edge}, column ${j}`));
  }
  const far = s.at([hi + 1, hi + 2, hi + 3]);
  far[0].forEach((_, j) => assertClose(far[1][j] - far[0][j], far[2][j] - far[1][j], `linear beyond, column ${j}`, 1e-9));
});

test("naturalSplineBasis: input errors name what and where", () => {
  assertInputError(() => naturalSplineBasis([1, 2, Infinity, 4], { df: 3 }), "x", 2);
  assertInputError(() => naturalSplineBasis([2, 2, 2], { df: 3 }), "x");
  assertInputError(() => naturalSplineBasis([1, 2, 3, 4], { df: 0 }), "df");
  assertInputError(() => naturalSplineBasis([1, 2, 3, 4], { df: 2.5 }), "df");
  assertInputError(() => naturalSplineBasis([1, 2, 3, 4], { knots: [0.5] }), "knots", 0);
  assertInputError(() => naturalSplineBasis([NaN, NaN], { df: 3 }), "x");
  assertInputError(() => naturalSplineBasis([1, 2, 3, 4], { df: 3 }).at([1, -Infinity]), "at", 1);
});
