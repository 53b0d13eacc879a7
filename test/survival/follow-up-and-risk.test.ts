import { test } from "node:test";
import * as assert from "assert";
import { assertAllClose, assertClose } from "../helpers/reference";
import { medianFollowUp, medianFollowUpByGroup, numberAtRisk } from "../../src/survival/index";
import { loadFixture, asArray, assertInputError } from "./fixture";

const fixture = loadFixture("survival-rmst-follow-up");

test("medianFollowUp = reverse Kaplan-Meier median and limits (survival-rmst-follow-up.R)", () => {
  for (const c of fixture.follow_up) {
    const e = c.expected;
    const fu = medianFollowUp(c.data.time, c.data.event, { confType: c.options.conf_type, confLevel: c.options.conf_level });
    assertClose(fu.median, e.median, `${c.name} median`);
    assertClose(fu.lower, e.lower, `${c.name} lower`);
    assertClose(fu.upper, e.upper, `${c.name} upper`);
    assert.strictEqual(fu.n, e.n, `${c.name} n`);
    assertAllClose(fu.curve.time, asArray(e.time), `${c.name} time`);
    assertAllClose(fu.curve.survival, asArray(e.survival), `${c.name} censoring curve`);
  }
});

test("medianFollowUpByGroup = reverse Kaplan-Meier per group (survival-rmst-follow-up.R)", () => {
  for (const c of fixture.follow_up_by_group) {
    const e = c.expected;
    const groups = asArray<string>(e.groups);
    const fit = medianFollowUpByGroup(c.data.time, c.data.event, c.data.group, {
      confType: c.options.conf_type,
      confLevel: c.options.conf_level,
      levels: groups,
    });
    assert.deepStrictEqual(fit.groups, groups, c.name);
    assertAllClose(fit.results.map((r) => r.median), asArray(e.median), `${c.name} median`);
    assertAllClose(fit.results.map((r) => r.lower), asArray(e.lower), `${c.name} lower`);
    assertAllClose(fit.results.map((r) => r.upper), asArray(e.upper), `${c.name} upper`);
    assertAllClose(fit.results.map((r) => r.n), asArray(e.n), `${c.name} n`);
  }
});

test("numberAtRisk = summary(survfit, times, extend = TRUE)$n.risk (survival-rmst-follow-up.R)", () => {
  for (const c of fixture.risk) {
    const groups = asArray<string>(c.expected.groups);
    const r = c.data.group === null ? numberAtRisk(c.data.time, c.at) : numberAtRisk(c.data.time, c.at, c.data.group, { levels: groups });
    assert.deepStrictEqual(r.groups, groups, c.name);
    assert.deepStrictEqual(r.times, asArray(c.at), c.name);
    groups.forEach((g, j) => assertAllClose(r.nRisk[j], asArray(c.expected.n_risk[j]), `${c.name} ${g}`));
  }
});

test("numberAtRisk keeps the requested order and counts time >= t", () => {
  const r = numberAtRisk(Float64Array.of(3, 5, 5, 8, 12), [10, 0, 5, 12.5]);
  assert.deepStrictEqual(r.groups, ["all"]);
  assert.deepStrictEqual(r.nRisk, [[1, 5, 4, 0]]);
  const g = numberAtRisk([3, 5, 5, 8, 12], [5], ["b", "a", "b", "a", "a"]);
  assert.deepStrictEqual(g.groups, ["a", "b"]);
  assert.deepStrictEqual(g.nRisk, [[3], [1]]);
  assert.deepStrictEqual(g.n, [3, 2]);
});

test("medianFollowUp and numberAtRisk bad input", () => {
  assertInputError(() => medianFollowUp([1, 2, 3], [1, 0]), "event", null);
  assertInputError(() => medianFollowUp([], []), "time", null);
  assertInputError(() => medianFollowUp([1, NaN], [1, 0]), "time", 1);
  assertInputError(() => medianFollowUp([1, -1], [1, 0]), "time", 1);
  assertInputError(() => medianFollowUp([1, 2], [1, 3]), "event", 1);
  assertInputError(() => medianFollowUp([1, 2], [1, 0], { confType: "arcsin" as "log" }), "confType", null);
  const fu = medianFollowUp([1, 2, null, 4], [0, 1, 0, 0], { missing: "drop" });
  assert.strictEqual(fu.dropped, 1);
  assertInputError(() => medianFollowUpByGroup([1, 2, 3], [1, 0, 1], ["a", "b"]), "group", null);
  assertInputError(() => medianFollowUpByGroup([1, 2, 3], [1, 0, 1], ["a", null, "b"]), "group", 1);
  assertInputError(() => medianFollowUpByGroup([1, 2, 3], [1, 0, 1], ["a", "b", "a"], { levels: ["a", "c"] }), "group", 1);
  assertInputError(() => medianFollowUpByGroup([1, -2, 3], [1, 0, 1], ["a", "b", "a"]), "time", 1);

  assertInputError(() => numberAtRisk([1, 2, 3], []), "atTimes", null);
  assertInputError(() => numberAtRisk([1, 2, 3], [1, NaN]), "atTimes", 1);
  assertInputError(() => numberAtRisk([], [1]), "time", null);
  assertInputError(() => numberAtRisk([1, null, 3], [1]), "time", 1);
  assertInputError(() => numberAtRisk([1, -2, 3], [1]), "time", 1);
  assertInputError(() => numberAtRisk([1, 2, 3], [1], ["a", "b"]), "group", null);
  assertInputError(() => numberAtRisk([1, 2, 3], [1], ["a", undefined, "b"]), "group", 1);
  assertInputError(() => numberAtRisk([1, 2, 3], [1], ["a", "b", "a"], { levels: ["a", "b", "c"] }), "levels", 2);
  const dropped = numberAtRisk([1, null, 3], [0], null, { missing: "drop" });
  assert.deepStrictEqual(dropped.nRisk, [[2]]);
  assert.strictEqual(dropped.dropped, 1);
});

test("numberAtRisk with start and weights (summary.survfit's rule) and its bad input", () => {
  // Rows (0,3], (0,5], (4,8]: at 4 the count is the risk set at 5, the next exit time, which includes the entry at 4.
  assert.deepStrictEqual(numberAtRisk([3, 5, 8], [0, 4, 6, 9], null, { start: [0, 0, 4] }).nRisk, [[2, 2, 1, 0]]);
  assert.deepStrictEqual(numberAtRisk([3, 5, 8], [0, 4, 6, 9], null, { weights: [0.5, 2, 1] }).nRisk, [[3.5, 3, 1, 0]]);
  const byGroup = numberAtRisk([3, 5, 8, 9], [0, 6], ["a", "b", "a", "b"], { start: [0, 0, 4, 7], weights: [1, 2, 3, 4] });
  assert.deepStrictEqual(byGroup.nRisk, [[1, 3], [2, 4]]);
  assertInputError(() => numberAtRisk([3, 5, 8], [0], null, { start: [0, 6, 4] }), "start", 1);
  assertInputError(() => numberAtRisk([3, 5, 8], [0], null, { weights: [1, -1, 1] }), "weights", 1);
  assertInputError(() => numberAtRisk([3, 5, 8], [0], null, { weights: [0, 0, 0] }), "weights", null);
});
