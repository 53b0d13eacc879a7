import { test } from "node:test";
import * as assert from "assert";
import { loadReference, assertClose } from "../helpers/reference";
import { restrictedMeanSurvival, restrictedMeanSurvivalByGroup } from "../../src/survival/index";
import { loadFixture, asArray, assertInputError } from "./fixture";

const lung = loadReference("lung");

test("lung rmst_sex_500: RMST and SE per sex, as print(survfit, rmean = 500)", () => {
  const e = lung.expected.rmst_sex_500;
  const fit = restrictedMeanSurvivalByGroup(lung.data.time, lung.data.status, lung.data.sex, e.tau);
  assert.deepStrictEqual(fit.groups, Object.keys(e.groups));
  fit.groups.forEach((g, j) => {
    assertClose(fit.results[j].rmst, e.groups[g].rmst, `rmst ${g}`);
    assertClose(fit.results[j].se, e.groups[g].se, `se ${g}`);
    assertClose(fit.results[j].tau, e.tau, `tau ${g}`);
  });
  // One sample at a time gives the same numbers.
  const male = lung.data.sex.map((s: number) => s === 1);
  const one = restrictedMeanSurvival(
    lung.data.time.filter((_: number, i: number) => male[i]),
    lung.data.status.filter((_: number, i: number) => male[i]),
    e.tau,
  );
  assertClose(one.rmst, e.groups["1"].rmst, "rmst one sample");
  assertClose(one.se, e.groups["1"].se, "se one sample");
});

test("R cross-checks (survival-rmst-follow-up.R): tau inside, at a data time, past the end", () => {
  const fixture = loadFixture("survival-rmst-follow-up");
  for (const c of fixture.rmst) {
    const e = c.expected;
    const groups = asArray<string>(e.groups);
    if (c.data.group === null) {
      const r = restrictedMeanSurvival(c.data.time, c.data.event, c.tau);
      assertClose(r.rmst, asArray<number>(e.rmst)[0], `${c.name} rmst`);
      assertClose(r.se, asArray<number>(e.se)[0], `${c.name} se`);
    } else {
      const fit = restrictedMeanSurvivalByGroup(c.data.time, c.data.event, c.data.group, c.tau, { levels: groups });
      groups.forEach((g, j) => {
        assertClose(fit.results[j].rmst, asArray<number>(e.rmst)[j], `${c.name} ${g} rmst`);
        assertClose(fit.results[j].se, asArray<number>(e.se)[j], `${c.name} ${g} se`);
      });
    }
  }
});

test("tau before the first time: the area is tau, with no variance (R refuses this case)", () => {
  const r = restrictedMeanSurvival([5, 8, 9], [1, 1, 0], 2);
  assert.strictEqual(r.rmst, 2);
  assert.strictEqual(r.se, 0);
});

test("restrictedMeanSurvival bad input", () => {
  assertInputError(() => restrictedMeanSurvival([1, 2, 3], [1, 0, 1], 0), "tau", null);
  assertInputError(() => restrictedMeanSurvival([1, 2, 3], [1, 0, 1], NaN), "tau", null);
  assertInputError(() => restrictedMeanSurvival([1, 2, 3], [1, 0, 1], "5" as unknown as number), "tau", null);
  assertInputError(() => restrictedMeanSurvival([1, 2, 3], [1, 0], 2), "event", null);
  assertInputError(() => restrictedMeanSurvival([], [], 2), "time", null);
  assertInputError(() => restrictedMeanSurvival([1, NaN, 3], [1, 0, 1], 2), "time", 1);
  assertInputError(() => restrictedMeanSurvival([1, -2, 3], [1, 0, 1], 2), "time", 1);
  assertInputError(() => restrictedMeanSurvival([1, 2, 3], [1, 0, 7], 2), "event", 2);
  assertInputError(() => restrictedMeanSurvivalByGroup([1, 2, 3], [1, 0, 1], ["a", null, "b"], 2), "group", 1);
  assertInputError(() => restrictedMeanSurvivalByGroup([1, 2, 3], [1, 0, 1], ["a", "b"], 2), "group", null);
  assertInputError(() => restrictedMeanSurvivalByGroup([1, 2, 3], [1, 0, 1], ["a", "b", "a"], 2, { levels: ["a", "b", "c"] }), "levels", 2);
  const dropped = restrictedMeanSurvival([1, null, 3, 4], [1, 1, 0, 1], 3, { missing: "drop" });
  assert.strictEqual(dropped.dropped, 1);
  assert.strictEqual(dropped.n, 3);
});
