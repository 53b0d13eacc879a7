export { STUDY_CLAIMS, studyClaim } from "./study-claims";
export type { StudyClaim } from "./study-claims";
export { evaluateClaims, clinicalClaimsEvaluator, laboratoryClaimsEvaluator } from "./evaluate-claims";
export type { ClaimResult, ClaimEvaluation, ClaimEvaluator, ClaimStatus } from "./evaluate-claims";
export { claimsTableHtml, claimsSummary } from "./claims-table";
export { claimRuleRate, ruleCheckFile, writeRuleCheckReport, readRuleCheckReport } from "./rule-checks";
export type { RuleCheckDomain, ClaimRuleRate, RuleCheckScenario, RuleCheckReport } from "./rule-checks";
export { ruleDiscrimination, committedRuleDiscrimination, discriminationSummary, ruleDiscriminationRows, ruleDiscriminationHtml, reproductionFraming, reproductionFramingHtml, claimReadingNotes } from "./rule-discrimination";
export type { ClaimDiscrimination, NullRate, DiscriminationSummary } from "./rule-discrimination";
