import { test } from "node:test";
import * as assert from "assert";
import { propensityAnalysis } from "../../src/clinical/propensity-analysis";
import { weightedComparison } from "../../src/clinical/weighted-comparison";
import { assertClose } from "../helpers/reference";
import { cohort } from "./fixture";
import { RB, sameEffect } from "./bias-fixture";

const R = RB.propensityLandmark;
const ps = propensityAnalysis(cohort, { landmark: R.landmark });

function at(times: number[], values: (number | null)[], t: number): number | null {
  let v: number | null = 1;
  for (let k = 0; k < times.length && times[k] <= t; k++) v = values[k];
  return v;
}

for (const w of ["ATE", "overlap"] as const) {
  test(`weightedComparison (${w}): weighted Cox with robust variance and weighted Kaplan-Meier match R`, () => {
    const wc = weightedComparison(cohort, ps, w);
    sameEffect(wc.effect, R[w], w);
    assert.strictEqual(wc.effect.robust, true);
    assert.deepStrictEqual(wc.groups, ["TACE", "TACE+RT"]);
    R[w].kmAt.times.forEach((t: number, k: number) => {
      const [c0, c1] = wc.km.curves;
      assertClose(at(c0.time, c0.survival, t), R[w].kmAt.control[k], `${w} control S(${t})`);
      assertClose(at(c1.time, c1.survival, t), R[w].kmAt.treated[k], `${w} treated S(${t})`);
      assertClose(at(c0.time, c0.stdErr, t), R[w].kmAt.controlSe[k], `${w} control se(${t})`);
      assertClose(at(c1.time, c1.stdErr, t), R[w].kmAt.treatedSe[k], `${w} treated se(${t})`);
    });
  });
}
