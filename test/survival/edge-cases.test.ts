/**
 * Statistics edge cases where R returns NA or stops: no test is made up.
 * - logRank with no events (R: survdiff prints "Chisq = 0 on -1 degrees of freedom, p = NA").
 * - cox.zph on a fit whose events are all at one time (R: solve() "system is exactly singular").
 */
import { test } from "node:test";
import * as assert from "assert";
import { logRank, coxPH, proportionalHazardsTest } from "../../src/survival/index";
import { InputError } from "../../src/core/index";
import { formatP, formatPValue } from "../../src/display/format-number";

test("logRank with no events: chiSq and pValue null (R: p = NA), df as survdiff's, shown as NA", () => {
  const lr = logRank([1, 2, 3, 4], [0, 0, 0, 0], [1, 1, 2, 2]);
  assert.strictEqual(lr.chiSq, null);
  assert.strictEqual(lr.pValue, null);
  assert.strictEqual(lr.df, -1);
  assert.deepStrictEqual(lr.observed, [0, 0]);
  assert.deepStrictEqual(lr.expected, [0, 0]);
  assert.strictEqual(formatP(lr.pValue), "NA");
  assert.strictEqual(formatPValue(lr.pValue, "Log-rank P"), "Log-rank P = NA");
});

test("logRank with events in one group's risk set only: no test either", () => {
  // group 2 has left (censored) before the only event: one group with expected events.
  const lr = logRank([1, 2, 5, 6], [0, 0, 1, 0], [2, 2, 1, 1]);
  assert.deepStrictEqual(lr.expected, [1, 0]);
  assert.strictEqual(lr.chiSq, null);
  assert.strictEqual(lr.pValue, null);
});

test("logRank with one event: a test (R: chisq 1, p 0.317)", () => {
  const lr = logRank([1, 2, 3, 4], [1, 0, 0, 0], [1, 1, 2, 2]);
  assert.ok(lr.chiSq !== null && Math.abs(lr.chiSq - 1) < 1e-12, String(lr.chiSq));
  assert.ok(lr.pValue !== null && Math.abs(lr.pValue - 0.317310507862914) < 1e-9, String(lr.pValue));
});

test("proportionalHazardsTest on a fit whose events are all at one time: an InputError saying why", () => {
  const fit = coxPH([5, 5, 5, 5, 5, 5, 7, 8], [1, 1, 1, 1, 1, 1, 0, 0], { x: [0, 0, 0, 1, 1, 1, 0, 1] });
  assert.ok(Math.abs(fit.coef[0]) < 1e-12, "coxph fits (coef 0, as R)");
  assert.throws(
    () => proportionalHazardsTest(fit),
    (e: unknown) =>
      e instanceof InputError &&
      e.argument === "fit" &&
      /cannot be computed: its information matrix is singular \(1 distinct event time among 6 events, so there is no time trend to test\)/.test(e.message),
  );
});
