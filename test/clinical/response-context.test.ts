import { test } from "node:test";
import * as assert from "assert";
import { cohort, originalLayout } from "./fixture";
import { responseContext } from "../../src/clinical/response-context";
import { fromRtAnalysisData } from "../../src/clinical/failure-from-rt";

test("responseContext: denominators, RT start, the landmark-eligible TACE patients and residual tumor after TACE, counted by hand", () => {
  const ctx = responseContext(cohort);
  const f = cohort.fields;
  const rows = (arm: string) => f.arm.map((a, i) => (a === arm ? i : -1)).filter((i) => i >= 0);
  const reg = (i: number) => f.infield_response[i] === "CR" || f.infield_response[i] === "PR";
  assert.deepStrictEqual(ctx.n, [rows("TACE").length, rows("TACE+RT").length]);
  assert.deepStrictEqual(ctx.regressed, [rows("TACE").filter(reg).length, rows("TACE+RT").filter(reg).length]);
  const starts = rows("TACE+RT").map((i) => f.rt_start_months![i]).sort((a, b) => a - b);
  assert.strictEqual(ctx.rtStart!.min, starts[0]);
  assert.strictEqual(ctx.rtStart!.max, starts[starts.length - 1]);
  assert.strictEqual(ctx.rtArmEventBeforeRt, 0, "every RT patient was alive and progression-free at RT start");
  const d = fromRtAnalysisData(cohort);
  const eligible = d.rows.filter((_, k) => d.arm[k] === "TACE");
  assert.strictEqual(ctx.eligibleReference!.n, eligible.length);
  assert.strictEqual(ctx.eligibleReference!.regressed, eligible.filter(reg).length);
  assert.strictEqual(ctx.eligibleReference!.leftOut, rows("TACE").length - eligible.length);
  // R: fisher.test(matrix(c(64, 129, 0, 70), 2)) on the committed cohort: p = 1.605061e-10, odds ratio Inf
  assert.deepStrictEqual(ctx.eligibleReference!.test!.table, [[64, 0], [129, 70]]);
  assert.ok(Math.abs(ctx.eligibleReference!.test!.pValue - 1.6050605515702574e-10) < 1e-16);
  assert.strictEqual(ctx.eligibleReference!.test!.estimate, Infinity);
  const res = f.residual_viable_tumor as number[];
  assert.deepStrictEqual(ctx.residualAfterTace!.residual, [rows("TACE").filter((i) => res[i] === 1).length, rows("TACE+RT").filter((i) => res[i] === 1).length]);
});

test("responseContext on the original 14-column layout: only Part A's denominators", () => {
  const ctx = responseContext(originalLayout());
  assert.deepStrictEqual(ctx.n, [276, 64]);
  assert.strictEqual(ctx.rtStart, null);
  assert.strictEqual(ctx.eligibleReference, null);
  assert.strictEqual(ctx.residualAfterTace, null);
});
