import { test } from "node:test";
import * as assert from "assert";
import { propensityAnalysis } from "../../src/clinical/propensity-analysis";
import { adjustedCurves } from "../../src/clinical/adjusted-curves";
import { assertClose } from "../helpers/reference";
import { cohort } from "./fixture";
import { RB, sameEffect } from "./bias-fixture";

const R = RB.propensityLandmark;

test("adjustedCurves: the adjusted Cox model and rowMeans(survfit(fit, newdata with rt = 0 / 1)) match R", () => {
  const adj = adjustedCurves(cohort, propensityAnalysis(cohort, { landmark: R.landmark }), { times: R.adjusted.at.times });
  sameEffect(adj.effect, R.adjusted, "adjusted");
  adj.at.forEach((a, k) => {
    assertClose(a.survival[0], R.adjusted.at.control[k], `S0(${a.time})`);
    assertClose(a.survival[1], R.adjusted.at.treated[k], `S1(${a.time})`);
  });
  assert.deepStrictEqual(adj.curves.curves.map((c) => c.label), ["TACE", "TACE+RT"]);
});
