import { test } from "node:test";
import * as assert from "assert";
import { clinicalMarginalTruth, clinicalTotalEffect } from "../../src/synth/clinical-truth";
import { CLINICAL_PARAMS, clinicalPotentialOutcomes } from "../../src/synth/clinical-cohort";

const times = { survival: [12], rmst: [24] };

test("clinicalMarginalTruth: the same whether or not clinicalTotalEffect simulated the cohorts first, and new parameters are a new simulation", () => {
  // Reference: straight from the potential outcomes.
  const pairs: [number, number][] = [];
  for (let k = 1; k <= 3; k++) for (const p of clinicalPotentialOutcomes(`clinical-truth-${k}`)) pairs.push([p.withoutRt.death - p.rtStart, p.withRt.death - p.rtStart]);
  const share = (j: 0 | 1) => pairs.filter((x) => x[j] > 12).length / pairs.length;
  const first = clinicalMarginalTruth(3, times);
  assert.strictEqual(first.treated, pairs.length);
  assert.strictEqual(first.survival[0].without, share(0));
  assert.strictEqual(first.survival[0].with, share(1));
  clinicalTotalEffect(3);
  assert.deepStrictEqual(clinicalMarginalTruth(3, times), first);
  // A changed parameter (a copy, and the same object changed in place) gives the changed model's truth.
  const stronger = { ...CLINICAL_PARAMS, rtEffects: { ...CLINICAL_PARAMS.rtEffects, death: 0.5 } };
  const changed = clinicalMarginalTruth(3, times, stronger);
  assert.ok(changed.survival[0].with > first.survival[0].with);
  stronger.rtEffects.death = CLINICAL_PARAMS.rtEffects.death;
  assert.deepStrictEqual(clinicalMarginalTruth(3, times, stronger), first);
  assert.deepStrictEqual(clinicalMarginalTruth(3, times), first);
});
