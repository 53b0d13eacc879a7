/**
 * The generator's post-RT in-field response parameter (`rtResponse` of ClinicalParams):
 * validation of bad values, the default that keeps the committed cohort, seeded determinism,
 * and the false-claim scenario for C9 (clinicalInFieldNonResponseParams) in which the rule
 * "every irradiated lesion CR or PR" fails.
 */
import { test } from "node:test";
import * as assert from "assert";
import {
  CLINICAL_PARAMS,
  CLINICAL_SEED,
  checkRtResponse,
  clinicalInFieldNonResponseParams,
  generateClinicalCohort,
} from "../../src/synth/clinical-cohort";
import type { ClinicalParams } from "../../src/synth/clinical-cohort";
import { c9PassProbability, clinicalRuleCheckScenario, CLINICAL_RULE_CHECK_SCENARIOS, C9_NON_RESPONSE_SHARE } from "../../src/synth/clinical-rule-checks";

const withProbs = (probs: unknown): ClinicalParams => ({ ...CLINICAL_PARAMS, rtResponse: { probs } as ClinicalParams["rtResponse"] });
const rtResponses = (rows: ReturnType<typeof generateClinicalCohort>) => rows.filter((r) => r.arm === "TACE+RT").map((r) => r.infield_response);

test("rtResponse: bad values are refused with the entry named", () => {
  const cases: Array<[unknown, RegExp]> = [
    [{ CR: 0.3, PR: 0.6, SD: 0.2, PD: 0 }, /must sum to 1, got 1\.1/],
    [{ CR: -0.1, PR: 1.1, SD: 0, PD: 0 }, /rtResponse\.probs\.CR must be a number between 0 and 1, got -0\.1/],
    [{ CR: 0.35, PR: 0.65, SD: 0 }, /rtResponse\.probs\.PD is missing/],
    [{ CR: 0.35, PR: 0.65, SD: 0, PD: 0, NE: 0 }, /unknown response "NE"/],
    [{ CR: NaN, PR: 0.65, SD: 0, PD: 0 }, /rtResponse\.probs\.CR must be a number between 0 and 1, got null/],
    [{ CR: "0.35", PR: 0.65, SD: 0, PD: 0 }, /rtResponse\.probs\.CR must be a number between 0 and 1, got "0\.35"/],
  ];
  for (const [probs, message] of cases) {
    assert.throws(() => checkRtResponse({ probs } as ClinicalParams["rtResponse"]), message, JSON.stringify(probs));
    assert.throws(() => generateClinicalCohort("x-1", withProbs(probs)), message);
  }
  assert.throws(() => checkRtResponse({} as ClinicalParams["rtResponse"]), /rtResponse must be null or \{ probs/);
  assert.doesNotThrow(() => checkRtResponse(null));
  assert.doesNotThrow(() => checkRtResponse(CLINICAL_PARAMS.rtResponse));
  assert.throws(() => clinicalInFieldNonResponseParams(-0.01), /share must be a number between 0 and 1/);
  assert.throws(() => clinicalInFieldNonResponseParams(1.5), /share must be a number between 0 and 1/);
});

test("rtResponse: the default makes every irradiated lesion CR or PR; the committed cohort's draw is unchanged by the explicit form", () => {
  const rows = generateClinicalCohort();
  const rt = rtResponses(rows);
  assert.strictEqual(rt.length, CLINICAL_PARAMS.nRt);
  assert.ok(rt.every((r) => r === "CR" || r === "PR"));
  // the same probabilities written out again give the same file (no dependence on object identity)
  assert.deepStrictEqual(generateClinicalCohort(CLINICAL_SEED, withProbs({ CR: 0.35, PR: 0.65, SD: 0, PD: 0 })), rows);
  // clinicalInFieldNonResponseParams(0) is the calibrated model
  assert.deepStrictEqual(generateClinicalCohort(CLINICAL_SEED, clinicalInFieldNonResponseParams(0)), rows);
});

test("rtResponse: seeded and deterministic; only the irradiated lesions' responses change (common random numbers)", () => {
  const p = withProbs({ CR: 0.2, PR: 0.5, SD: 0.2, PD: 0.1 });
  const a = generateClinicalCohort("rt-response-1", p);
  assert.deepStrictEqual(generateClinicalCohort("rt-response-1", p), a);
  assert.notDeepStrictEqual(generateClinicalCohort("rt-response-2", p), a);
  const calibrated = generateClinicalCohort("rt-response-1");
  const strip = (rows: typeof a) => rows.map((r) => ({ ...r, infield_response: r.arm === "TACE+RT" ? "-" : r.infield_response }));
  assert.deepStrictEqual(strip(a), strip(calibrated));
  const levels = new Set(rtResponses(a));
  assert.ok(levels.has("SD") && levels.has("PD"), `SD and PD drawn: ${[...levels].join(", ")}`);
  const all = withProbs({ CR: 0, PR: 0, SD: 0, PD: 1 });
  assert.ok(rtResponses(generateClinicalCohort("rt-response-1", all)).every((r) => r === "PD"));
});

test("rtResponse: shares over many irradiated lesions follow the probabilities", () => {
  const p = withProbs({ CR: 0.3, PR: 0.4, SD: 0.2, PD: 0.1 });
  const counts: Record<string, number> = { CR: 0, PR: 0, SD: 0, PD: 0 };
  let n = 0;
  for (let k = 1; k <= 20; k++) for (const r of rtResponses(generateClinicalCohort(`rt-share-${k}`, p))) (counts[r]++, n++);
  assert.strictEqual(n, 20 * CLINICAL_PARAMS.nRt);
  for (const [level, prob] of Object.entries({ CR: 0.3, PR: 0.4, SD: 0.2, PD: 0.1 })) {
    const se = Math.sqrt((prob * (1 - prob)) / n);
    assert.ok(Math.abs(counts[level] / n - prob) < 4 * se, `${level}: ${counts[level]} of ${n}`);
  }
});

test("C9's rule fails when some irradiated tumors do not regress, and passes when all do", () => {
  assert.strictEqual(c9PassProbability(0, 64), 1);
  assert.ok(Math.abs(c9PassProbability(0.05, 64) - Math.pow(0.95, 64)) < 1e-15);
  assert.throws(() => c9PassProbability(2, 64), /share/);
  assert.throws(() => c9PassProbability(0.1, 1.5), /irradiated/);
  const spec = CLINICAL_RULE_CHECK_SCENARIOS.filter((s) => s.id === "false-claim-infield-nonresponse")[0];
  assert.ok(spec !== undefined);
  assert.deepStrictEqual(spec.nullFor, ["C9"]);
  const calibrated = CLINICAL_RULE_CHECK_SCENARIOS.filter((s) => s.id === "calibrated")[0];
  assert.strictEqual(spec.prefix, calibrated.prefix);
  const seeds = 40;
  const falseClaim = clinicalRuleCheckScenario(spec, seeds);
  const trueClaim = clinicalRuleCheckScenario(calibrated, seeds);
  const c9 = (s: typeof trueClaim) => s.claims.filter((c) => c.id === "C9")[0];
  assert.strictEqual(c9(trueClaim).passed, seeds);
  // (1 - 0.05)^64 = 0.0375: expected 1.5 passes of 40; 8 or more would be P < 1e-4
  assert.ok(c9(falseClaim).passed < 8, `C9 passed on ${c9(falseClaim).passed} of ${seeds} false-claim cohorts`);
  assert.ok(C9_NON_RESPONSE_SHARE > 0);
  // common random numbers: every other claim is judged identically on the two scenarios
  for (const id of ["C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "C10", "C11"]) {
    assert.deepStrictEqual(falseClaim.claims.filter((c) => c.id === id)[0], trueClaim.claims.filter((c) => c.id === id)[0], id);
  }
});
