import { test } from "node:test";
import * as assert from "assert";
import { armEffect, exposureProportionalHazards } from "../../src/clinical/arm-effect";
import { naiveCox } from "../../src/clinical/naive-cox";
import { timeDependentCox } from "../../src/clinical/time-dependent-cox";
import { sequentialTrials } from "../../src/clinical/sequential-trials";
import { coxPH } from "../../src/survival/cox";
import { proportionalHazardsTest } from "../../src/survival/cox-zph";
import { assertClose } from "../helpers/reference";
import { cohort } from "./fixture";
import { RB } from "./bias-fixture";

test("armEffect: the term's estimate, limits and robust SE; an unknown term is refused", () => {
  const fit = coxPH([1, 2, 3, 4, 5, 6], [1, 1, 0, 1, 1, 0], { a: [0, 1, 0, 1, 1, 0], b: [1, 2, 3, 1, 2, 3] }, { robust: true });
  const e = armEffect(fit, "a", "test");
  assert.deepStrictEqual([e.hazardRatio, e.lower, e.upper, e.se, e.robust, e.adjustedFor], [fit.hazardRatio[0], fit.lower[0], fit.upper[0], fit.robustSe![0], true, ["b"]]);
  assert.throws(() => armEffect(fit, "c", "test"), /c is not a term/);
});

test("exposureProportionalHazards: cox.zph P of the exposure as R (naive, time-dependent, adjusted sequential trials)", () => {
  assertClose(exposureProportionalHazards(naiveCox(cohort).effect), RB.phExposure.naive, "naive");
  assertClose(exposureProportionalHazards(timeDependentCox(cohort).effect), RB.phExposure.timeDependent, "time-dependent");
  const seq = sequentialTrials(cohort, { from: 1.5, to: 5.5, width: 0.25, adjusted: true });
  assertClose(exposureProportionalHazards(seq.effect), RB.phExposure.sequentialAdjusted, "sequential adjusted");
});

test("exposureProportionalHazards: asked again for the same fit, the same P as proportionalHazardsTest gives (computed once per fit)", () => {
  const naive = naiveCox(cohort).effect;
  const first = exposureProportionalHazards(naive);
  const ph = proportionalHazardsTest(naive.fit);
  assert.ok(first !== null);
  assert.ok(Object.is(first, ph.pValue[ph.terms.indexOf(naive.term)]));
  assert.ok(Object.is(exposureProportionalHazards(naive), first));
  // another fit of the same data is another fit: its own test, the same P
  assert.ok(Object.is(exposureProportionalHazards(naiveCox(cohort).effect), first));
});

test("exposureProportionalHazards: two terms of one fit each get their own P from the fit's one test", () => {
  const adjusted = naiveCox(cohort, { adjusted: true }).effect;
  const other = adjusted.adjustedFor[0];
  const ph = proportionalHazardsTest(adjusted.fit);
  assert.ok(Object.is(exposureProportionalHazards(adjusted), ph.pValue[ph.terms.indexOf(adjusted.term)]));
  assert.ok(Object.is(exposureProportionalHazards(armEffect(adjusted.fit, other, "other term")), ph.pValue[ph.terms.indexOf(other)]));
  assert.notStrictEqual(ph.terms.indexOf(other), ph.terms.indexOf(adjusted.term));
});
