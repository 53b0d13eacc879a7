/**
 * The seed search of the simulated clinical cohort, re-runnable:
 *
 *   npx tsx src/synth/clinical-seed-search.ts [FROM TO]
 *
 * With the model fixed (CLINICAL_PARAMS), the cohort still depends on the seed: with
 * 64 TACE+RT patients, the reverse Kaplan-Meier median follow-up and the log-rank P
 * vary widely from seed to seed. The committed cohort uses seed
 * `${SEED_PREFIX}<k>` for the k in the fixed range SEED_RANGE whose cohort meets every
 * claim C1-C11 as evaluateClinicalClaims judges it (src/clinical/clinical-claims.ts, the
 * same function the claims ledger and the data tests use) and, among those, has the
 * largest smallest margin (seedScore: the share of each tolerance left unused over
 * C4-C8); ties go to the smaller k. The model parameters were set first, so that each target's median over many
 * seeds sits near its published value (data/README.md); the search only picks one
 * draw of that model.
 *
 * This is circular by design: the shipped cohort meets C1-C11 because its seed was chosen
 * for it, so that it does shows that the pipeline computes the published numbers, not that
 * the study is right. How often each claim holds on other seeds of the same model, and on
 * null models without the RT effect, is data/rule-checks/clinical.json
 * (src/synth/clinical-rule-checks.ts). The search also reports, over all searched seeds,
 * each claim's pass count and the median of the C4-C8 estimates (the calibration).
 *
 * @example
 * const best = searchClinicalSeed(1, 5000); // { seed: "hcc-cohort-...", score, hits, ... }
 */
import { CLINICAL_COLUMNS, CLINICAL_PARAMS, ClinicalParams, ClinicalRecord, generateClinicalCohort } from "./clinical-cohort";
import { evaluateClinicalClaims } from "../clinical/clinical-claims";
import type { ClinicalClaimResult } from "../clinical/clinical-claims";
import type { CohortData } from "../clinical/arms";
import { studyClaim } from "../claims/study-claims";

export const SEED_PREFIX = "hcc-cohort-";
/** The searched range of k (inclusive). */
export const SEED_RANGE: [number, number] = [1, 20000];

export interface SeedSearchResult {
  seed: string;
  k: number;
  score: number;
  /** The claims C1-C11 on the picked seed's cohort. */
  claims: ClinicalClaimResult[];
  /** Seeds in the range meeting every target. */
  hits: number;
  searched: number;
  /** Over all searched seeds: each claim's pass count, and the median estimate of C4-C8 (null estimates, e.g. a median not reached, count as +Infinity). */
  passCounts: Record<string, number>;
  medianEstimates: Record<string, number>;
}

/** Generated records as a cohort: the columns loadCohort would give for the written file (empty cells as NaN). */
export function recordCohort(rows: readonly ClinicalRecord[]): CohortData {
  const fields: Record<string, unknown[]> = {};
  for (const column of CLINICAL_COLUMNS) fields[column] = rows.map((r) => (r[column] === null ? NaN : r[column]));
  return { fields: fields as unknown as CohortData["fields"] };
}

/**
 * The score of a seed: -Infinity unless every claim passes, else the smallest margin over
 * the claims with an accepted range (C4-C8), margin = 1 - |estimate - centre| / half-width:
 * 1 at the centre of the range (the published value), 0 at its edge.
 */
export function seedScore(claims: readonly ClinicalClaimResult[]): number {
  let worst = Infinity;
  for (const c of claims) {
    if (!c.pass) return -Infinity;
    const m = claimMargin(c);
    if (m !== null && m < worst) worst = m;
  }
  return worst;
}

/** A claim's unused share of its tolerance (see seedScore); null for claims without a range. */
export function claimMargin(claim: ClinicalClaimResult): number | null {
  if (claim.accepted === null) return null;
  if (claim.estimate === null) return -Infinity;
  const [lo, hi] = claim.accepted;
  return 1 - Math.abs(claim.estimate - (lo + hi) / 2) / ((hi - lo) / 2);
}

/** Scores seeds from..to and returns the best (see the file comment); throws when none meets every target. */
export function searchClinicalSeed(from = SEED_RANGE[0], to = SEED_RANGE[1], params: ClinicalParams = CLINICAL_PARAMS): SeedSearchResult {
  let best: { seed: string; k: number; score: number; claims: ClinicalClaimResult[] } | null = null;
  let hits = 0;
  const passCounts: Record<string, number> = {};
  const estimates: Record<string, number[]> = {};
  for (let k = from; k <= to; k++) {
    const seed = `${SEED_PREFIX}${k}`;
    const claims = evaluateClinicalClaims(recordCohort(generateClinicalCohort(seed, params)));
    for (const c of claims) {
      passCounts[c.id] = (passCounts[c.id] ?? 0) + (c.pass ? 1 : 0);
      if (c.accepted !== null) (estimates[c.id] = estimates[c.id] ?? []).push(c.estimate === null ? Infinity : c.estimate);
    }
    const score = seedScore(claims);
    if (score < 0) continue;
    hits++;
    if (best === null || score > best.score) best = { seed, k, score, claims };
  }
  if (best === null) throw new Error(`no seed in ${SEED_PREFIX}${from}..${to} meets every target`);
  const medianEstimates: Record<string, number> = {};
  for (const id of Object.keys(estimates)) {
    const x = estimates[id].sort((a, b) => a - b);
    const m = x.length >> 1;
    medianEstimates[id] = x.length % 2 === 1 ? x[m] : (x[m - 1] + x[m]) / 2;
  }
  return { ...best, hits, searched: to - from + 1, passCounts, medianEstimates };
}

if (require.main === module) {
  const args = process.argv.slice(2).map(Number);
  const from = args.length >= 2 ? args[0] : SEED_RANGE[0];
  const to = args.length >= 2 ? args[1] : SEED_RANGE[1];
  const result = searchClinicalSeed(from, to);
  console.log(`searched ${result.searched} seeds (${SEED_PREFIX}${from}..${to}); ${result.hits} meet every target`);
  console.log(`pass counts: ${Object.keys(result.passCounts).map((id) => `${id} ${result.passCounts[id]}`).join(", ")}`);
  console.log(`median estimates: ${Object.keys(result.medianEstimates).map((id) => `${id} ${Number(result.medianEstimates[id].toPrecision(4))}`).join(", ")}`);
  console.log(`best: ${result.seed} (smallest margin ${result.score.toFixed(3)})`);
  for (const c of result.claims) {
    const margin = claimMargin(c);
    const estimate = c.estimate === null || c.accepted === null ? "" : ` [${Number(c.estimate.toPrecision(4))}]`;
    console.log(`  ${c.id} ${studyClaim(c.id).statement}: ${c.value}${estimate} (${c.rule})${margin !== null ? ` margin ${margin.toFixed(2)}` : ""}`);
  }
}
