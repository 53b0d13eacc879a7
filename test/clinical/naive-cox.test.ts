import { test } from "node:test";
import * as assert from "assert";
import { naiveCox } from "../../src/clinical/naive-cox";
import { cohort, blanked, originalLayout } from "./fixture";
import { RB, sameEffect } from "./bias-fixture";

test("naiveCox matches R from enrollment, unadjusted and adjusted for the ten covariates", () => {
  sameEffect(naiveCox(cohort).effect, RB.naive, "naive");
  const adj = naiveCox(cohort, { adjusted: true });
  sameEffect(adj.effect, RB.naiveAdjusted, "naive adjusted");
  assert.strictEqual(adj.effect.adjustedFor.length, 10);
});

test("naiveCox: complete cases counted; a cohort in the original layout is adjusted for its six covariates", () => {
  assert.ok(naiveCox(blanked(), { adjusted: true }).dropped > 0);
  assert.deepStrictEqual(naiveCox(originalLayout(), { adjusted: true }).effect.adjustedFor, ["age10", "male", "hbv", "cp_b", "log_tumor", "log10_afp"]);
});
