/**
 * The seed search of the simulated clinical cohort, re-runnable:
 *
 *   npx tsx src/synth/clinical-seed-search.ts [FROM TO]
 *
 * With the model fixed (CLINICAL_PARAMS), the cohort still depends on the seed: with
 * 64 TACE+RT patients, the reverse Kaplan-Meier median follow-up and the log-rank P
 * vary widely from seed to seed. The committed cohort uses seed
 * `${SEED_PREFIX}<k>` for the k in the fixed range SEED_RANGE whose cohort meets every
 * target C1-C11 and, among those, has the largest smallest margin (the share of each
 * target's tolerance left unused, see clinical-calibration.ts); ties go to the smaller
 * k. The model parameters were set first, so that each target's median over many
 * seeds sits near its published value (data/README.md); the search only picks one
 * draw of that model.
 *
 * @example
 * const best = searchClinicalSeed(1, 5000); // { seed: "hcc-cohort-...", score, hits, ... }
 */
import { CLINICAL_PARAMS, ClinicalParams, ClinicalRecord, generateClinicalCohort } from "./clinical-cohort";
import { CalibrationColumns, calibrationReport, calibrationScore, CalibrationTarget, measureClinicalCohort } from "./clinical-calibration";

export const SEED_PREFIX = "hcc-cohort-";
/** The searched range of k (inclusive). */
export const SEED_RANGE: [number, number] = [1, 5000];

export interface SeedSearchResult {
  seed: string;
  k: number;
  score: number;
  report: CalibrationTarget[];
  /** Seeds in the range meeting every target. */
  hits: number;
  searched: number;
}

/** Turns generated records into the columns the calibration measures. */
export function recordColumns(rows: readonly ClinicalRecord[]): CalibrationColumns {
  return {
    arm: rows.map((r) => r.arm),
    enrolled: rows.map((r) => r.enrolled),
    os_months: rows.map((r) => r.os_months),
    death: rows.map((r) => r.death),
    failure_site: rows.map((r) => r.failure_site),
    failure_months: rows.map((r) => r.failure_months),
    infield_response: rows.map((r) => r.infield_response),
  };
}

/** Scores seeds from..to and returns the best (see the file comment); throws when none meets every target. */
export function searchClinicalSeed(from = SEED_RANGE[0], to = SEED_RANGE[1], params: ClinicalParams = CLINICAL_PARAMS): SeedSearchResult {
  let best: SeedSearchResult | null = null;
  let hits = 0;
  for (let k = from; k <= to; k++) {
    const seed = `${SEED_PREFIX}${k}`;
    const report = calibrationReport(measureClinicalCohort(recordColumns(generateClinicalCohort(seed, params))));
    const score = calibrationScore(report);
    if (score < 0) continue;
    hits++;
    if (best === null || score > best.score) best = { seed, k, score, report, hits: 0, searched: 0 };
  }
  if (best === null) throw new Error(`no seed in ${SEED_PREFIX}${from}..${to} meets every target`);
  return { ...best, hits, searched: to - from + 1 };
}

if (require.main === module) {
  const args = process.argv.slice(2).map(Number);
  const from = args.length >= 2 ? args[0] : SEED_RANGE[0];
  const to = args.length >= 2 ? args[1] : SEED_RANGE[1];
  const result = searchClinicalSeed(from, to);
  console.log(`searched ${result.searched} seeds (${SEED_PREFIX}${from}..${to}); ${result.hits} meet every target`);
  console.log(`best: ${result.seed} (smallest margin ${result.score.toFixed(3)})`);
  for (const t of result.report) {
    const value = typeof t.value === "number" ? Number(t.value.toPrecision(4)) : t.value;
    console.log(`  ${t.id} ${t.description}: ${value} (accepted ${t.accepted})${t.margin !== null ? ` margin ${t.margin.toFixed(2)}` : ""}`);
  }
}
