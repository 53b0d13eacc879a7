import { test } from "node:test";
import * as assert from "assert";
import { immortalTime } from "../../src/clinical/immortal-time";
import { cohort, originalLayout } from "./fixture";

test("immortalTime on a hand-made cohort", () => {
  const fields = {
    arm: ["TACE", "TACE", "TACE", "TACE", "TACE+RT", "TACE+RT", "TACE+RT"],
    os_months: [1, 2.5, 10, 30, 20, 6, 40],
    death: [1, 1, 1, 0, 1, 1, 0],
    failure_site: ["none", "local", "local", "none", "none", "none", "none"],
    failure_months: [1, 2, 2, 30, 20, 6, 40],
    rt_start_months: [NaN, NaN, NaN, NaN, 2, 3, 5],
  };
  const r = immortalTime({ fields } as never);
  assert.deepStrictEqual(r.rtStart, { min: 2, median: 3, max: 5, n: 3 });
  assert.strictEqual(r.immortalMonths, 10);
  assert.strictEqual(r.rtShortestSurvival, 6);
  // Died before 2: patient 1; before 3: patients 1 and 2; alive at 3 and progressed before: patient 3.
  assert.deepStrictEqual([r.reference.diedBeforeFirstStart, r.reference.diedBeforeMedianStart, r.reference.progressedBeforeMedianStart], [1, 2, 1]);
});

test("immortalTime on the shipped cohort: no TACE+RT patient dies before RT; needs rt_start_months", () => {
  const r = immortalTime(cohort);
  assert.strictEqual(r.rtStart.n, 64);
  assert.ok(r.rtShortestSurvival >= r.rtStart.min);
  assert.ok(r.reference.diedBeforeMedianStart > 0);
  assert.throws(() => immortalTime(originalLayout()), /rt_start_months/);
});
