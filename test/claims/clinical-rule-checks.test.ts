/**
 * The clinical rule checks (src/synth/clinical-rule-checks.ts): the runner's report on a few
 * seeds (structure, determinism, rates from counts), and the committed
 * data/rule-checks/clinical.json (written by `npm run rule-checks -- clinical`, 1000 seeds per
 * scenario; too slow to regenerate here) has the same scenarios and shows each rule
 * discriminating: the null scenarios remove C9-C11, which then pass far less often.
 */
import { test } from "node:test";
import * as assert from "assert";
import { readRuleCheckReport } from "../../src/claims/rule-checks";
import { clinicalRuleChecks, CLINICAL_NULL_FOR, CLINICAL_RULE_PARTS } from "../../src/synth/clinical-rule-checks";
import { CLINICAL_CLAIM_IDS } from "../../src/clinical/index";

test("clinicalRuleChecks: four scenarios, every claim and part counted, deterministic", () => {
  const a = clinicalRuleChecks(4);
  assert.strictEqual(a.domain, "clinical");
  assert.strictEqual(a.command, "npm run rule-checks -- clinical --seeds 4");
  assert.deepStrictEqual(a.scenarios.map((s) => [s.id, s.kind, s.nullFor]), [
    ["calibrated", "calibrated", []],
    ["null-no-rt-effect", "null", CLINICAL_NULL_FOR],
    ["null-exchangeable-arms", "null", CLINICAL_NULL_FOR],
    ["false-claim-infield-nonresponse", "false-claim", ["C9"]],
  ]);
  for (const s of a.scenarios) {
    assert.strictEqual(s.seeds, 4);
    assert.deepStrictEqual(s.claims.map((c) => c.id), CLINICAL_CLAIM_IDS);
    assert.deepStrictEqual((s.parts ?? []).map((p) => p.id), CLINICAL_RULE_PARTS);
    for (const c of s.claims) {
      assert.strictEqual(c.evaluated, 4, `${s.id} ${c.id}`);
      assert.strictEqual(c.rate, c.passed / 4);
    }
    assert.ok(s.allPassed <= Math.min(...s.claims.map((c) => c.passed)));
    // C10 and C11 pass only when both of their parts do
    for (const id of ["C10", "C11"]) {
      const claim = s.claims.filter((c) => c.id === id)[0];
      for (const part of ["first-failure", "every-progression"]) assert.ok(claim.passed <= (s.parts ?? []).filter((p) => p.id === `${id}:${part}`)[0].passed);
    }
  }
  // arm sizes and the enrollment window hold by construction in every scenario; C9 only with RT's effect
  const rate = (s: number, id: string) => a.scenarios[s].claims.filter((c) => c.id === id)[0].rate;
  for (let s = 0; s < 4; s++) for (const id of ["C1", "C2", "C3"]) assert.strictEqual(rate(s, id), 1);
  assert.deepStrictEqual([rate(0, "C9"), rate(1, "C9"), rate(2, "C9")], [1, 0, 0]);
  assert.deepStrictEqual(clinicalRuleChecks(4), a);
});

test("data/rule-checks/clinical.json: committed, 1000 seeds per scenario, null false-pass rates far below the calibrated pass rates", () => {
  const report = readRuleCheckReport("clinical");
  assert.ok(report !== null, "run npm run rule-checks -- clinical");
  assert.strictEqual(report.command, "npm run rule-checks -- clinical --seeds 1000");
  assert.deepStrictEqual(report.scenarios.map((s) => [s.id, s.seeds, s.seedPattern]), [
    ["calibrated", 1000, "hcc-check-{k}, k = 1..1000"],
    ["null-no-rt-effect", 1000, "hcc-null-no-effect-{k}, k = 1..1000"],
    ["null-exchangeable-arms", 1000, "hcc-null-exchangeable-{k}, k = 1..1000"],
    ["false-claim-infield-nonresponse", 1000, "hcc-check-{k}, k = 1..1000"],
  ]);
  const rate = (s: number, id: string) => report.scenarios[s].claims.filter((c) => c.id === id)[0].rate as number;
  for (const id of ["C10", "C11"]) {
    assert.ok(rate(0, id) > 0.5, `${id} holds on most calibrated seeds: ${rate(0, id)}`);
    for (const s of [1, 2]) assert.ok(rate(s, id) < 0.06, `${id} false-pass rate in ${report.scenarios[s].id}: ${rate(s, id)}`);
  }
  // C9: passes on every calibrated cohort (every irradiated lesion regresses there) and fails on
  // most cohorts in which 5 % of irradiated lesions do not: (0.95)^64 = 3.75 % expected, within 4 MC SE
  assert.strictEqual(rate(0, "C9"), 1);
  const c9 = rate(3, "C9");
  assert.ok(Math.abs(c9 - Math.pow(0.95, 64)) < 4 * Math.sqrt((0.0375 * 0.9625) / 1000), `C9 false-pass rate ${c9}`);
});
