/**
 * Robustness of the simulated laboratory data: how often C12–C18 hold when the same model
 * is drawn with other seeds. Each draw is judged by evaluateLaboratoryClaims
 * (src/laboratory/laboratory-claims.ts), the one definition of the claims that the
 * notebooks and the claims ledger use. The shipped seed (LAB_SEED) was fixed before
 * looking at its data, not picked by a search; this check shows the claims are a property
 * of the model's effect sizes rather than of one lucky draw (data/README.md quotes its output).
 *
 * Run: npx tsx src/synth/laboratory/seed-check.ts [count=1000] [--failures]
 * (--failures also prints, for each claim that did not hold, the seed and the claim's value
 * and detail, so the reasons can be read off.)
 *
 * @example
 * checkSeeds(100).passed.C12; // seeds (of 100) on which C12 held
 */
import { laboratoryFiles } from "./index";
import { evaluateLaboratoryClaims, LABORATORY_CLAIM_IDS } from "../../laboratory/laboratory-claims";
import { LABORATORY_FILES, validateEndpoint, validateTumorGrowth, validateVegfMrna, validateVegfSecretion } from "../../data/laboratory";

export interface SeedCheckResult {
  seeds: number;
  /** Seeds on which each claim held (evaluated and passed). */
  passed: Record<string, number>;
  /** Seeds on which a claim's analysis could not run (none expected on the model's balanced design). */
  notEvaluated: Record<string, number>;
  allPassed: number;
  /** The claims that did not hold: seed, claim id, and the claim's value and detail text. */
  failures: { seed: string; id: string; value: string; detail: string }[];
}

/** Generates seeds `lab-check-1` … `lab-check-<count>` and counts the claims that hold on each. */
export function checkSeeds(count: number): SeedCheckResult {
  const passed: Record<string, number> = {};
  const notEvaluated: Record<string, number> = {};
  for (const id of LABORATORY_CLAIM_IDS) {
    passed[id] = 0;
    notEvaluated[id] = 0;
  }
  const failures: SeedCheckResult["failures"] = [];
  let allPassed = 0;
  for (let k = 1; k <= count; k++) {
    const seed = `lab-check-${k}`;
    const files = laboratoryFiles(seed);
    const claims = evaluateLaboratoryClaims({
      vegfMrna: validateVegfMrna(files[LABORATORY_FILES.vegfMrna]).table,
      vegfSecretion: validateVegfSecretion(files[LABORATORY_FILES.vegfSecretion]).table,
      growth: validateTumorGrowth(files[LABORATORY_FILES.tumorGrowth]).table,
      endpoint: validateEndpoint(files[LABORATORY_FILES.endpoint]).table,
    });
    for (const c of claims) {
      if (c.pass) passed[c.id]++;
      else failures.push({ seed, id: c.id, value: c.value, detail: c.detail });
      if (!c.evaluated) notEvaluated[c.id]++;
    }
    if (claims.every((c) => c.pass)) allPassed++;
  }
  return { seeds: count, passed, notEvaluated, allPassed, failures };
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const countArg = args.filter((a) => a !== "--failures")[0];
  const count = Number(countArg === undefined ? 1000 : countArg);
  const r = checkSeeds(count);
  if (args.indexOf("--failures") >= 0) for (const f of r.failures) console.log(`${f.seed} ${f.id}: ${f.value} | ${f.detail}`);
  for (const id of Object.keys(r.passed)) {
    const skipped = r.notEvaluated[id] > 0 ? `  (not evaluated on ${r.notEvaluated[id]})` : "";
    console.log(`${id}  ${((100 * r.passed[id]) / count).toFixed(1)} %${skipped}`);
  }
  console.log(`all   ${((100 * r.allPassed) / count).toFixed(1)} %  (${r.allPassed} of ${count} seeds)`);
}
