/**
 * Robustness of the laboratory calibration: how often C12–C18 hold when the same model
 * is drawn with other seeds. The shipped seed (LAB_SEED) was fixed before looking at
 * its data, not picked by a search; this check shows the claims are a property of the
 * model's effect sizes rather than of one lucky draw (data/README.md quotes its output).
 *
 * Run: npx tsx src/synth/laboratory/seed-check.ts [count=1000]
 */
import { laboratoryFiles } from "./index";
import { measureLaboratory, laboratoryClaimChecks } from "./calibration";
import { LABORATORY_FILES, validateEndpoint, validateTumorGrowth, validateVegfMrna, validateVegfSecretion } from "../../data/laboratory";

export interface SeedCheckResult {
  seeds: number;
  /** Seeds on which each claim held. */
  passed: Record<string, number>;
  allPassed: number;
}

/** Generates seeds `lab-check-1` … `lab-check-<count>` and counts the claims that hold on each. */
export function checkSeeds(count: number): SeedCheckResult {
  const passed: Record<string, number> = {};
  let allPassed = 0;
  for (let k = 1; k <= count; k++) {
    const files = laboratoryFiles(`lab-check-${k}`);
    const checks = laboratoryClaimChecks(
      measureLaboratory({
        vegfMrna: validateVegfMrna(files[LABORATORY_FILES.vegfMrna]).table,
        vegfSecretion: validateVegfSecretion(files[LABORATORY_FILES.vegfSecretion]).table,
        growth: validateTumorGrowth(files[LABORATORY_FILES.tumorGrowth]).table,
        endpoint: validateEndpoint(files[LABORATORY_FILES.endpoint]).table,
      }),
    );
    for (const c of checks) passed[c.id] = (passed[c.id] ?? 0) + (c.pass ? 1 : 0);
    if (checks.every((c) => c.pass)) allPassed++;
  }
  return { seeds: count, passed, allPassed };
}

if (require.main === module) {
  const count = Number(process.argv[2] ?? 1000);
  const r = checkSeeds(count);
  for (const id of Object.keys(r.passed)) console.log(`${id}  ${((100 * r.passed[id]) / count).toFixed(1)} %`);
  console.log(`all   ${((100 * r.allPassed) / count).toFixed(1)} %  (${r.allPassed} of ${count} seeds)`);
}
