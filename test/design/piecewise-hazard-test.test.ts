import { test } from "node:test";
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { piecewiseHazardTest } from "../../src/design/piecewise-hazard-test";
import { InputError } from "../../src/core/index";
import { repoRoot } from "../helpers/reference";

type Case = { time: number[]; event: number[]; cuts: number[]; events: number[]; exposure: number[]; statistic: number; df: number; p: number };
const fixture = JSON.parse(fs.readFileSync(path.join(repoRoot, "test", "fixtures", "r", "piecewise-hazard.json"), "utf8")) as Record<string, Case>;

for (const [name, c] of Object.entries(fixture)) {
  test(`piecewiseHazardTest matches R's Poisson GLM likelihood-ratio test (${name})`, () => {
    const r = piecewiseHazardTest(c.time, c.event, c.cuts);
    const used = r.intervals.filter((iv) => iv.exposure > 0);
    assert.deepStrictEqual(used.map((iv) => iv.events), c.events);
    used.forEach((iv, k) => assert.ok(Math.abs(iv.exposure - c.exposure[k]) < 1e-9, `exposure ${k}`));
    assert.strictEqual(r.df, c.df);
    assert.ok(Math.abs(r.statistic - c.statistic) < 1e-6 * Math.max(1, c.statistic), `statistic ${r.statistic} vs ${c.statistic}`);
    assert.ok(Math.abs(r.pValue - c.p) < 1e-6 * Math.max(c.p, 1e-12) + 1e-15, `P ${r.pValue} vs ${c.p}`);
  });
}

test("piecewiseHazardTest: an event on a cut point belongs to the interval it closes, as survSplit's (from, to]", () => {
  const r = piecewiseHazardTest([6, 8, 2], [1, 1, 0], [6]);
  assert.deepStrictEqual(r.intervals.map((iv) => [iv.events, iv.exposure]), [[1, 14], [1, 2]]);
  assert.strictEqual(r.overallRate, 2 / 16);
});

test("piecewiseHazardTest: bad input is named", () => {
  assert.throws(() => piecewiseHazardTest([1, -2], [1, 0], [1]), (e: unknown) => e instanceof InputError && /time/.test(e.message) && /-2/.test(e.message));
  assert.throws(() => piecewiseHazardTest([1, 2], [1, 2], [1]), (e: unknown) => e instanceof InputError && /event/.test(e.message));
  assert.throws(() => piecewiseHazardTest([1, 2], [1, 0], [3, 2]), (e: unknown) => e instanceof InputError && /increasing/.test(e.message));
  assert.throws(() => piecewiseHazardTest([1, 2], [0, 0], [1]), (e: unknown) => e instanceof InputError && /no events/.test(e.message));
});
