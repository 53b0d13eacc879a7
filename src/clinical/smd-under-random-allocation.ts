/**
 * Table 1's standardized mean differences as random allocation would give them. In a randomized
 * comparison of arms of 276 and 64 patients, chance alone produces |SMD| of about 0.1 in a binary
 * row, so the usual 0.1 mark flags many rows even when nothing but chance separates the arms. This
 * permutes the arm labels (keeping the arm sizes) `permutations` times with a seeded generator,
 * recomputes every row's SMD (Table 1's own SMD computations on the permuted labels, tableOneWithSmdPlan:
 * the numbers tableOne with tests off gives for the permuted cohort, without building the table) and reports, per row, the median and 95th
 * percentile of |SMD| under random allocation, the share of allocations with |SMD| at or above the
 * threshold, and the permutation P of the observed |SMD| ((1 + #{|SMD*| >= |SMD|}) / (1 + B)); and,
 * over the table, the distribution of the number of rows at or above the threshold.
 *
 * The multi-level SMD (Yang & Dalton) is unsigned and so compared as is; level rows are not permuted
 * separately (their variable's row is).
 *
 * @example
 * const r = smdUnderRandomAllocation(loadCohort(), { permutations: 2000, seed: "table-one" });
 * r.rows.find((x) => x.variable === "ecog")?.medianAbsSmd; // about 0.16 for a 3-level row
 */
import seedrandom from "seedrandom";
import type { CohortData } from "./arms";
import { InputError } from "../core/index";
import { tableOneWithSmdPlan } from "./table-one";
import type { TableOneOptions } from "./table-one";
import { quantileSorted } from "../stats/quantile-sorted";

export interface SmdUnderRandomAllocationRow {
  variable: string;
  name: string;
  smdMethod: "pooled SD" | "multi-level" | null;
  /** Observed SMD (signed for "pooled SD", unsigned for "multi-level"). */
  smd: number | null;
  /** Median and 95th percentile (type 7) of |SMD| over the permutations where it was computable. */
  medianAbsSmd: number | null;
  q95AbsSmd: number | null;
  /** Share of permutations with |SMD| at or above the threshold. */
  shareAtOrAboveThreshold: number | null;
  /** (1 + #{|SMD*| >= |SMD observed|}) / (1 + permutations computed). */
  permutationP: number | null;
  /** Permutations where this row's SMD was computable. */
  computed: number;
}

export interface SmdUnderRandomAllocation {
  permutations: number;
  seed: string;
  threshold: number;
  rows: SmdUnderRandomAllocationRow[];
  /** Rows at or above the threshold in the data. */
  observedCount: number;
  /** Over the permutations: mean and median number of rows at or above the threshold. */
  meanCount: number;
  medianCount: number;
  /** (1 + #{count* >= observedCount}) / (1 + permutations). */
  countP: number;
}

export interface SmdUnderRandomAllocationOptions extends TableOneOptions {
  /** Number of random allocations (default 2000). */
  permutations?: number;
  /** Seed of the generator (default "smd-under-random-allocation"). */
  seed?: string;
  /** |SMD| mark of imbalance (default 0.1). */
  threshold?: number;
}

/** See the file comment. */
export function smdUnderRandomAllocation(cohort: CohortData, options: SmdUnderRandomAllocationOptions = {}): SmdUnderRandomAllocation {
  const permutations = options.permutations === undefined ? 2000 : options.permutations;
  if (!Number.isInteger(permutations) || permutations < 1) throw new InputError("permutations", null, permutations, "must be a whole number >= 1");
  const seed = options.seed === undefined ? "smd-under-random-allocation" : options.seed;
  if (typeof seed !== "string") throw new InputError("seed", null, seed, "must be text");
  const threshold = options.threshold === undefined ? 0.1 : options.threshold;
  if (typeof threshold !== "number" || !(threshold > 0)) throw new InputError("threshold", null, threshold, "must be a number > 0");
  const tableOptions: TableOneOptions = { levels: options.levels, fisherBelow: options.fisherBelow, tests: false };
  // Table 1 once; each allocation's SMDs are its rows' SMD computations on the permuted labels
  // (tableOneWithSmdPlan: the same numbers as Table 1 of the permuted cohort, without the table).
  const { table, patients, smdPlan } = tableOneWithSmdPlan(cohort, tableOptions);
  const observed = table.rows.filter((r) => r.variable !== "n");
  const planOf = observed.map((r) => smdPlan.filter((p) => p.variable === r.variable)[0].smd);
  const second = table.arms[1];
  const draws: number[][] = observed.map(() => []);
  const counts: number[] = [];
  const rng = seedrandom(seed);
  const arm = Array.from(cohort.fields.arm);
  const treated = patients.map(() => 0);
  for (let b = 0; b < permutations; b++) {
    // Fisher-Yates shuffle of the labels: random allocation with the observed arm sizes.
    for (let i = arm.length - 1; i > 0; i--) {
      const j = Math.floor(rng.double() * (i + 1));
      const t = arm[i];
      arm[i] = arm[j];
      arm[j] = t;
    }
    for (let k = 0; k < patients.length; k++) treated[k] = arm[patients[k]] === second ? 1 : 0;
    let count = 0;
    planOf.forEach((smdOf, k) => {
      const smd = smdOf(treated);
      if (smd !== null && Number.isFinite(smd)) {
        draws[k].push(Math.abs(smd));
        if (Math.abs(smd) >= threshold) count++;
      }
    });
    counts.push(count);
  }
  const rows = observed.map((r, k): SmdUnderRandomAllocationRow => {
    const d = draws[k].slice().sort((a, b) => a - b);
    const obs = r.smd === null ? null : Math.abs(r.smd);
    return {
      variable: r.variable,
      name: r.name,
      smdMethod: r.smdMethod,
      smd: r.smd,
      medianAbsSmd: d.length === 0 ? null : quantileSorted(d, 0.5),
      q95AbsSmd: d.length === 0 ? null : quantileSorted(d, 0.95),
      shareAtOrAboveThreshold: d.length === 0 ? null : d.filter((x) => x >= threshold).length / d.length,
      permutationP: d.length === 0 || obs === null ? null : (1 + d.filter((x) => x >= obs - 1e-12).length) / (1 + d.length),
      computed: d.length,
    };
  });
  const observedCount = observed.filter((r) => r.smd !== null && Math.abs(r.smd) >= threshold).length;
  const sortedCounts = counts.slice().sort((a, b) => a - b);
  return {
    permutations,
    seed,
    threshold,
    rows,
    observedCount,
    meanCount: counts.reduce((a, b) => a + b, 0) / counts.length,
    medianCount: quantileSorted(sortedCounts, 0.5),
    countP: (1 + counts.filter((c) => c >= observedCount).length) / (1 + counts.length),
  };
}
