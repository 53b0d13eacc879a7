/**
 * Detection bias in numbers: progressions found soon after the start of RT, when RT planning
 * and the first response assessment add imaging, against the same window in patients not
 * irradiated. For TACE+RT patients: first progressions (the first failure, any site) within
 * `window` months after the start of RT, among those free of progression at it. For the
 * reference arm: the same window after the median RT start, among its patients alive and
 * free of progression then. A higher share after RT can be the treatment, or more imaging;
 * overall survival does not depend on how often patients are scanned, progression does.
 * The two shares are compared by Fisher's exact test (R's fisher.test on the 2 x 2 table of
 * progressed / not by RT arm / reference arm): the conditional maximum-likelihood odds ratio
 * with its exact confidence interval and the two-sided P.
 * Needs `rt_start_months` (cohortCapabilities: "rt-start").
 *
 * @example
 * detectionWindow(loadCohort(), 3).rt.share;
 * detectionWindow(loadCohort(), 3, { confLevel: 0.95 }).comparison.oddsRatio;
 */
import { fisherExactTest } from "../stats/fisher-exact-test";
import { quantileSorted } from "./describe";
import type { CohortData } from "./arms";
import { cohortArms } from "./arms";
import { rtStartColumn } from "./landmark-cox";

export interface WindowCount {
  arm: string;
  /** Patients free of progression and alive at the window's start. */
  atRisk: number;
  /** Of them, first progression within the window. */
  progressed: number;
  share: number;
}

export interface DetectionWindowResult {
  window: number;
  /** Median RT start, months: the reference arm's window starts here. */
  medianRtStart: number;
  rt: WindowCount;
  reference: WindowCount;
  /** Fisher's exact test, RT arm against reference: odds ratio of progressing in the window (conditional MLE), exact limits, P. */
  comparison: { oddsRatio: number; lower: number; upper: number; pValue: number; confLevel: number };
}

/** Progressions in the window after the start of RT; see the file comment. */
export function detectionWindow(cohort: CohortData, window: number, options: { confLevel?: number } = {}): DetectionWindowResult {
  const f = cohort.fields;
  const arms = cohortArms(cohort);
  const rtStart = rtStartColumn(cohort);
  const firstProgression = f.failure_site.map((s, i) => (s === "none" ? Infinity : f.failure_months[i]));
  const starts = rtStart.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  const medianRtStart = quantileSorted(starts, 0.5);
  const count = (arm: string, from: (i: number) => number): WindowCount => {
    let atRisk = 0;
    let progressed = 0;
    for (let i = 0; i < f.arm.length; i++) {
      if (f.arm[i] !== arm) continue;
      const s = from(i);
      if (!(f.os_months[i] > s && firstProgression[i] > s)) continue;
      atRisk++;
      if (firstProgression[i] <= s + window) progressed++;
    }
    return { arm, atRisk, progressed, share: atRisk > 0 ? progressed / atRisk : NaN };
  };
  const rt = count(arms[1], (i) => rtStart[i]);
  const reference = count(arms[0], () => medianRtStart);
  const test = fisherExactTest(
    [
      [rt.progressed, rt.atRisk - rt.progressed],
      [reference.progressed, reference.atRisk - reference.progressed],
    ],
    { confLevel: options.confLevel },
  );
  return {
    window,
    medianRtStart,
    rt,
    reference,
    comparison: { oddsRatio: test.estimate, lower: test.lower, upper: test.upper, pValue: test.pValue, confLevel: test.confLevel },
  };
}
