/**
 * Immortal time in numbers: when RT started, how much follow-up the TACE+RT arm lived before
 * it (time in which, by design, no TACE+RT patient could die or progress and still be
 * irradiated), and how many patients of the reference arm died, or progressed, before the
 * median RT start, events the TACE+RT arm cannot have there. These are the patients and months
 * the naive comparison credits to the wrong arm.
 * Needs `rt_start_months` (cohortCapabilities: "rt-start").
 *
 * @example
 * immortalTime(loadCohort()).reference.diedBeforeMedianStart;
 */
import type { CohortData } from "./arms";
import { cohortArms } from "./arms";
import { quantileSorted } from "./describe";
import { rtStartColumn } from "./landmark-cox";

export interface ImmortalTimeResult {
  /** RT start, months from enrollment: first, median, last. */
  rtStart: { min: number; median: number; max: number; n: number };
  /** Sum of the months from enrollment to RT over the TACE+RT arm (immortal person-time). */
  immortalMonths: number;
  /** Shortest overall survival in the TACE+RT arm. */
  rtShortestSurvival: number;
  reference: {
    arm: string;
    n: number;
    /** Died before the first / the median RT start. */
    diedBeforeFirstStart: number;
    diedBeforeMedianStart: number;
    /** Alive at the median RT start but progressed before it (no longer eligible for RT). */
    progressedBeforeMedianStart: number;
  };
}

/** Immortal time of the comparison; see the file comment. */
export function immortalTime(cohort: CohortData): ImmortalTimeResult {
  const f = cohort.fields;
  const arms = cohortArms(cohort);
  const rtStart = rtStartColumn(cohort);
  const starts = rtStart.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  const median = quantileSorted(starts, 0.5);
  const ref = f.arm.map((_, i) => i).filter((i) => f.arm[i] === arms[0]);
  const rt = f.arm.map((_, i) => i).filter((i) => f.arm[i] === arms[1]);
  const died = (i: number, t: number) => f.death[i] === 1 && f.os_months[i] < t;
  return {
    rtStart: { min: starts[0], median, max: starts[starts.length - 1], n: starts.length },
    immortalMonths: starts.reduce((s, x) => s + x, 0),
    rtShortestSurvival: Math.min(...rt.map((i) => f.os_months[i])),
    reference: {
      arm: arms[0],
      n: ref.length,
      diedBeforeFirstStart: ref.filter((i) => died(i, starts[0])).length,
      diedBeforeMedianStart: ref.filter((i) => died(i, median)).length,
      progressedBeforeMedianStart: ref.filter((i) => f.os_months[i] >= median && f.failure_site[i] !== "none" && f.failure_months[i] < median).length,
    },
  };
}
