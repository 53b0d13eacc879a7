/**
 * How well the clinical claims' rules discriminate (src/claims/rule-checks.ts): each claim
 * C1-C11, as evaluateClinicalClaims judges it, on many seeds of
 * - the calibrated generator (CLINICAL_PARAMS): how often the claim holds beyond the one
 *   shipped draw, whose seed was chosen because it meets C1-C11;
 * - two null generators (clinicalNullParams): "no-rt-effect" (RT changes nothing; who gets
 *   RT and when, hence confounding by indication and immortal time, unchanged) and
 *   "exchangeable-arms" (the TACE+RT arm a random draw at enrollment, and no effect). A pass
 *   of a claim named in `nullFor` on null data is a false pass;
 * - a false-claim scenario for C9 alone (kind "false-claim", not a null: RT's effects are all
 *   there; clinicalInFieldNonResponseParams): RT keeps all its
 *   effects on progression, but a share `C9_NON_RESPONSE_SHARE` of irradiated lesions does not
 *   regress (recorded SD). Same seeds as the calibrated scenario (common random numbers), so
 *   every other claim is judged on the same cohorts and only C9 can differ.
 * Run by `npm run rule-checks -- clinical` (data/rule-checks/clinical.json).
 *
 * @example
 * const report = clinicalRuleChecks(100);
 * report.scenarios[1].claims.find((c) => c.id === "C10").rate; // false-pass rate of C10 without an RT effect
 */
import { claimRuleRate } from "../claims/rule-checks";
import type { RuleCheckReport, RuleCheckScenario } from "../claims/rule-checks";
import { CLINICAL_CLAIM_IDS, CLINICAL_CLAIM_TOLERANCE, evaluateClinicalClaims } from "../clinical/clinical-claims";
import type { ClinicalClaimResult } from "../clinical/clinical-claims";
import { CLINICAL_PARAMS, clinicalInFieldNonResponseParams, clinicalNullParams, generateClinicalCohort } from "./clinical-cohort";
import type { ClinicalParams } from "./clinical-cohort";
import { recordCohort } from "./clinical-seed-search";

/** Claims whose effect the null scenarios remove: the in-field response to RT (C9) and the out-of-field progression after it (C10, C11). */
export const CLINICAL_NULL_FOR = ["C9", "C10", "C11"];

/** Share of irradiated lesions that do not regress in C9's false-claim scenario: about 3 of 64 per cohort. */
export const C9_NON_RESPONSE_SHARE = 0.05;

/**
 * Probability that C9's rule ("every irradiated lesion CR or PR") passes when each of `irradiated`
 * lesions independently fails to regress with probability `share`: (1 − share)^irradiated. The
 * generator draws each post-RT response independently, so this is exact for its cohorts.
 *
 * @example
 * c9PassProbability(0.05, 64); // 0.0375: the rule fails on about 96 % of such cohorts
 */
export function c9PassProbability(share: number, irradiated: number): number {
  if (typeof share !== "number" || !Number.isFinite(share) || share < 0 || share > 1) throw new Error(`share must be a number between 0 and 1, got ${JSON.stringify(share)}`);
  if (!Number.isInteger(irradiated) || irradiated < 0) throw new Error(`irradiated must be a whole number ≥ 0, got ${JSON.stringify(irradiated)}`);
  return Math.pow(1 - share, irradiated);
}

export interface ClinicalRuleCheckScenarioSpec {
  id: string;
  kind: "calibrated" | "null" | "false-claim";
  description: string;
  nullFor: string[];
  prefix: string;
  params: ClinicalParams;
}

export const CLINICAL_RULE_CHECK_SCENARIOS: ClinicalRuleCheckScenarioSpec[] = [
  {
    id: "calibrated",
    kind: "calibrated",
    description:
      "The generator of the shipped cohort (CLINICAL_PARAMS, data/README.md): RT given through the propensity model to patients alive and progression-free at its planned start, with its true effects (hazard ratios local 0.3, intrahepatic 1.7, extrahepatic 2.2, death 1 in every progression state; irradiated lesions CR or PR).",
    nullFor: [],
    prefix: "hcc-check-",
    params: CLINICAL_PARAMS,
  },
  {
    id: "null-no-rt-effect",
    kind: "null",
    description:
      "RT has no effect: hazard ratio 1 for death and every progression site, and the irradiated lesion keeps its TACE response. Who receives RT and when is unchanged, so confounding by indication and immortal time remain.",
    nullFor: CLINICAL_NULL_FOR,
    prefix: "hcc-null-no-effect-",
    params: clinicalNullParams("no-rt-effect"),
  },
  {
    id: "null-exchangeable-arms",
    kind: "null",
    description:
      "Arms exchangeable: the TACE+RT arm is a random draw of 64 patients at enrollment, independent of covariates and prognosis, and RT has no effect (as in a randomized trial of an inert treatment). Follow-up still differs by arm.",
    nullFor: CLINICAL_NULL_FOR,
    prefix: "hcc-null-exchangeable-",
    params: clinicalNullParams("exchangeable-arms"),
  },
  {
    id: "false-claim-infield-nonresponse",
    kind: "false-claim",
    description: `Some irradiated tumors do not regress: ${100 * C9_NON_RESPONSE_SHARE} % of irradiated lesions are recorded as stable disease after RT (CR and PR scaled down); RT's effects on progression and everything else as calibrated, on the calibrated scenario's seeds. Claim C9 is false here.`,
    nullFor: ["C9"],
    prefix: "hcc-check-",
    params: clinicalInFieldNonResponseParams(C9_NON_RESPONSE_SHARE),
  },
];

/** The parts of C10 and C11 reported separately: the study's first-failure analysis alone, and every progression at the site alone. */
export const CLINICAL_RULE_PARTS = ["C10:first-failure", "C10:every-progression", "C11:first-failure", "C11:every-progression"];

/** Whether a part of C10 / C11 holds, from the claim's numbers (higher after TACE+RT at 12 months, Gray P below alpha); null when not evaluated. */
function partHolds(claim: ClinicalClaimResult, part: string): boolean | null {
  if (!claim.evaluated) return null;
  const n = claim.numbers;
  const [ref, rt, p] = part === "first-failure" ? [n.TACE, n["TACE+RT"], n.grayP] : [n.everyProgression, n.everyProgressionRt, n.everyProgressionGrayP];
  if (ref === null || ref === undefined || rt === null || rt === undefined) return null;
  return rt > ref && p !== null && p !== undefined && p < CLINICAL_CLAIM_TOLERANCE.alpha;
}

/** One scenario over seeds prefix1 .. prefixN. */
export function clinicalRuleCheckScenario(spec: ClinicalRuleCheckScenarioSpec, seeds: number): RuleCheckScenario {
  if (!Number.isInteger(seeds) || seeds < 1) throw new Error(`seeds must be a positive integer, got ${seeds}`);
  const passed = new Map<string, number>(CLINICAL_CLAIM_IDS.map((id) => [id, 0]));
  const evaluated = new Map<string, number>(CLINICAL_CLAIM_IDS.map((id) => [id, 0]));
  let allPassed = 0;
  const partPassed = new Map<string, number>(CLINICAL_RULE_PARTS.map((id) => [id, 0]));
  const partEvaluated = new Map<string, number>(CLINICAL_RULE_PARTS.map((id) => [id, 0]));
  for (let k = 1; k <= seeds; k++) {
    const claims = evaluateClinicalClaims(recordCohort(generateClinicalCohort(`${spec.prefix}${k}`, spec.params)));
    for (const id of CLINICAL_RULE_PARTS) {
      const [claimId, part] = id.split(":");
      const holds = partHolds(claims.filter((c) => c.id === claimId)[0], part);
      if (holds === null) continue;
      partEvaluated.set(id, (partEvaluated.get(id) as number) + 1);
      if (holds) partPassed.set(id, (partPassed.get(id) as number) + 1);
    }
    let all = true;
    for (const c of claims) {
      if (c.evaluated) evaluated.set(c.id, (evaluated.get(c.id) as number) + 1);
      if (c.evaluated && c.pass) passed.set(c.id, (passed.get(c.id) as number) + 1);
      all = all && c.evaluated && c.pass;
    }
    if (all) allPassed++;
  }
  return {
    id: spec.id,
    kind: spec.kind,
    description: spec.description,
    nullFor: spec.nullFor.slice(),
    seedPattern: `${spec.prefix}{k}, k = 1..${seeds}`,
    seeds,
    claims: CLINICAL_CLAIM_IDS.map((id) => claimRuleRate(id, passed.get(id) as number, evaluated.get(id) as number)),
    allPassed,
    parts: CLINICAL_RULE_PARTS.map((id) => claimRuleRate(id, partPassed.get(id) as number, partEvaluated.get(id) as number)),
  };
}

/** The clinical rule-check report over `seeds` seeds per scenario. */
export function clinicalRuleChecks(seeds: number): RuleCheckReport {
  return {
    domain: "clinical",
    command: `npm run rule-checks -- clinical --seeds ${seeds}`,
    scenarios: CLINICAL_RULE_CHECK_SCENARIOS.map((s) => clinicalRuleCheckScenario(s, seeds)),
  };
}
