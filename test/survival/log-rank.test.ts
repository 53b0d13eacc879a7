import { test } from "node:test";
import * as assert from "assert";
import { loadReference, assertAllClose, assertClose } from "../helpers/reference";
import { logRank } from "../../src/survival/index";
import type { LogRankResult } from "../../src/survival/index";
import { loadFixture, asArray, assertInputError } from "./fixture";

const lung = loadReference("lung");

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function assertTest(lr: LogRankResult, e: any, label: string): void {
  assert.deepStrictEqual(lr.groups, asArray(e.groups).map(String), `${label} groups`);
  assertAllClose(lr.n, asArray(e.n), `${label} n`);
  assertAllClose(lr.observed, asArray(e.observed), `${label} observed`);
  assertAllClose(lr.expected, asArray(e.expected), `${label} expected`);
  assertClose(lr.chiSq, e.chi_sq, `${label} chiSq`);
  assertClose(lr.df, e.df, `${label} df`);
  assertClose(lr.pValue, e.p_value, `${label} pValue`);
  if (e.rho !== undefined) assertClose(lr.rho, e.rho, `${label} rho`);
}

test("lung logrank_sex", () => {
  assertTest(logRank(lung.data.time, lung.data.status, lung.data.sex), lung.expected.logrank_sex, "logrank_sex");
});

test("lung logrank_ecog: NA dropped, a group of one subject", () => {
  const lr = logRank(lung.data.time, lung.data.status, lung.data.ph_ecog, { missing: "drop" });
  assert.strictEqual(lr.dropped, 1);
  assertTest(lr, lung.expected.logrank_ecog, "logrank_ecog");
});

test("lung peto_sex: weighted observed/expected as survdiff(rho = 1)", () => {
  const lr = logRank(lung.data.time, lung.data.status, lung.data.sex, { rho: 1 });
  assertTest(lr, lung.expected.peto_sex, "peto_sex");
  assert.match(lr.method, /Peto/);
});

test("R cross-checks (survival-log-rank.R): k groups, strata, rho, ties, zero expected", () => {
  for (const c of loadFixture("survival-log-rank")) {
    const e = c.expected;
    const lr = logRank(c.data.time, c.data.event, c.data.group, {
      rho: c.options.rho,
      strata: c.data.strata === null ? undefined : c.data.strata,
      missing: c.options.missing,
      levels: asArray(e.groups).map(String),
    });
    assertTest(lr, e, c.name);
    assert.strictEqual(lr.dropped, e.dropped, `${c.name} dropped`);
    e.variance.forEach((row: number[], i: number) => assertAllClose(lr.variance[i], asArray(row), `${c.name} variance[${i}]`));
  }
});

test("a group with zero expected events is left out of the test, as survdiff", () => {
  const lr = logRank([1, 2, 3, 4, 5, 6, 7, 8], [0, 1, 1, 1, 1, 0, 1, 1], [3, 1, 2, 1, 2, 1, 2, 1]);
  assert.strictEqual(lr.expected[2], 0);
  assert.strictEqual(lr.df, 1);
  assert.ok(lr.chiSq !== null && Number.isFinite(lr.chiSq));
});

test("logRank bad input", () => {
  const t = [1, 2, 3, 4];
  const e = [1, 0, 1, 1];
  assertInputError(() => logRank(t, e, ["a", "a", "a", "a"]), "group", null);
  assertInputError(() => logRank(t, e, undefined as unknown as string[]), "group", null);
  assertInputError(() => logRank(t, undefined as unknown as number[], ["a", "b", "a", "b"]), "event", null);
  assertInputError(() => logRank(t, e, ["a", "b", "a"]), "group", null);
  assertInputError(() => logRank(t, [1, 0, 1], ["a", "b", "a", "b"]), "event", null);
  assertInputError(() => logRank([], [], []), "time", null);
  assertInputError(() => logRank([1, NaN, 3, 4], e, ["a", "b", "a", "b"]), "time", 1);
  assertInputError(() => logRank([1, 2, -3, 4], e, ["a", "b", "a", "b"]), "time", 2);
  assertInputError(() => logRank(t, [1, 0, 0.5, 1], ["a", "b", "a", "b"]), "event", 2);
  assertInputError(() => logRank(t, e, ["a", "b", null, "b"]), "group", 2);
  assertInputError(() => logRank(t, e, ["a", "b", "a", "b"], { strata: [1, 1, null, 2] }), "strata", 2);
  assertInputError(() => logRank(t, e, ["a", "b", "a", "b"], { strata: [1, 1, 2] }), "strata", null);
  assertInputError(() => logRank(t, e, ["a", "b", "a", "b"], { rho: NaN }), "rho", null);
  assertInputError(() => logRank(t, e, ["a", "b", "a", "b"], { levels: ["a", "b", "c"] }), "levels", 2);
  assertInputError(() => logRank([1, 2, null, 4], e, ["a", "a", "b", "a"], { missing: "drop" }), "group", null);
  const dropped = logRank([1, 2, null, 4, 5], [1, 0, 1, 1, 1], ["a", "b", "a", "b", "a"], { missing: "drop" });
  assert.strictEqual(dropped.dropped, 1);
  assert.deepStrictEqual(dropped.n, [2, 2]);
});
