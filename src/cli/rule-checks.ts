/**
 * npm run rule-checks [-- clinical|laboratory] [-- --seeds N]
 *
 * Runs each domain's claim rules over many seeds of its calibrated generator and of its
 * null generators (src/claims/rule-checks.ts) and writes data/rule-checks/<domain>.json.
 * Seeded throughout: a rerun with the same seed count writes the same bytes. Slow by
 * design (thousands of generated data sets), so notebooks read the committed result.
 */
import { writeRuleCheckReport, type RuleCheckDomain, type RuleCheckReport } from "../claims/rule-checks";
import { clinicalRuleChecks } from "../synth/clinical-rule-checks";
import { laboratoryRuleChecks } from "../synth/laboratory/rule-checks";

/** Each domain's runner: given a seed count per scenario, the report to write. Registered by the domain. */
const RUNNERS: Partial<Record<RuleCheckDomain, (seeds: number) => RuleCheckReport>> = {};
// clinical: C1-C11 on the calibrated generator and two null generators (src/synth/clinical-rule-checks.ts); ~90 s at 1000 seeds
RUNNERS.clinical = clinicalRuleChecks;
RUNNERS.laboratory = laboratoryRuleChecks; // src/synth/laboratory/rule-checks.ts

function main(argv: string[]): void {
  let seeds: number | null = null;
  const domains: RuleCheckDomain[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--seeds") {
      seeds = Number(argv[++i]);
      if (!Number.isInteger(seeds) || seeds < 1) throw new Error(`--seeds needs a positive integer, got ${argv[i]}`);
    } else if (arg === "clinical" || arg === "laboratory") {
      domains.push(arg);
    } else {
      throw new Error(`unknown argument ${arg} (known: clinical, laboratory, --seeds N)`);
    }
  }
  const chosen = domains.length > 0 ? domains : (Object.keys(RUNNERS) as RuleCheckDomain[]);
  for (const domain of chosen) {
    const run = RUNNERS[domain];
    if (!run) throw new Error(`no rule-check runner is registered for ${domain}`);
    const file = writeRuleCheckReport(run(seeds ?? 1000));
    console.log(`rule-checks: ${domain} -> ${file}`);
  }
}

main(process.argv.slice(2));
