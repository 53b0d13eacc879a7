import { test } from "node:test";
import * as assert from "assert";
import { timeDependentCox } from "../../src/clinical/time-dependent-cox";
import { cohort, originalLayout } from "./fixture";
import { RB, sameEffect } from "./bias-fixture";

test("timeDependentCox matches R's tmerge + coxph(Surv(tstart, tstop, death) ~ rt_td), unadjusted and adjusted", () => {
  const td = timeDependentCox(cohort);
  // R's data are also split at each progression (for the multi-state model), so only the estimates compare.
  sameEffect(td.effect, RB.timeDependent, "time-dependent", false);
  sameEffect(timeDependentCox(cohort, { adjusted: true }).effect, RB.timeDependentAdjusted, "time-dependent adjusted", false);
  assert.strictEqual(td.split, RB.rt, "every TACE+RT patient's follow-up is split at the start of RT");
  assert.strictEqual(td.rows, RB.n + RB.rt);
  const total = cohort.fields.os_months.reduce((s, t) => s + t, 0);
  assert.ok(Math.abs(td.monthsExposed + td.monthsUnexposed - total) < 1e-6, "person-time is kept");
});

test("timeDependentCox needs rt_start_months", () => {
  assert.throws(() => timeDependentCox(originalLayout()), /rt_start_months/);
});
