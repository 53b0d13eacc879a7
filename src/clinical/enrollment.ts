/**
 * Enrollment over time: patients enrolled per calendar year and arm, and the
 * first and last enrollment date per arm and overall (the study's enrollment
 * window, claim C3). Years run from the first to the last enrollment year with
 * no gaps, so a year without enrollment shows as zero. Dates are the cohort's
 * YYYY-MM-DD strings, compared as text (which orders ISO dates correctly).
 *
 * @example
 * const e = enrollmentByYear(loadCohort());
 * e.years;            // ["1996", "1997", ...]
 * e.counts[1];        // TACE+RT patients per year
 * e.first, e.last;    // "1996-08-09", "2003-08-22"
 */
import { InputError } from "../core/index";
import { cohortArms, rowsByArm } from "./arms";
import type { CohortData } from "./arms";

export interface EnrollmentResult {
  arms: string[];
  /** Calendar years, first to last, as text (category labels for a bar chart). */
  years: string[];
  /** counts[a][y]: patients of arms[a] enrolled in years[y]. */
  counts: number[][];
  /** Patients per year, all arms. */
  totals: number[];
  /** First and last enrollment date per arm. */
  firstByArm: string[];
  lastByArm: string[];
  first: string;
  last: string;
  /** Whole months from the first to the last enrollment (calendar months, day of month ignored). */
  spanMonths: number;
}

/** Enrollment per year and arm; see the file comment. */
export function enrollmentByYear(cohort: CohortData): EnrollmentResult {
  const arms = cohortArms(cohort);
  const enrolled = cohort.fields.enrolled;
  enrolled.forEach((d, i) => {
    if (typeof d !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(d)) throw new InputError("enrolled", i, d, "must be a date YYYY-MM-DD");
  });
  const byArm = rowsByArm(cohort, arms);
  const firstByArm = byArm.map((idx) => idx.reduce((m, i) => (enrolled[i] < m ? enrolled[i] : m), enrolled[idx[0]]));
  const lastByArm = byArm.map((idx) => idx.reduce((m, i) => (enrolled[i] > m ? enrolled[i] : m), enrolled[idx[0]]));
  const first = firstByArm.reduce((m, d) => (d < m ? d : m));
  const last = lastByArm.reduce((m, d) => (d > m ? d : m));
  const y0 = Number(first.slice(0, 4));
  const y1 = Number(last.slice(0, 4));
  const years: string[] = [];
  for (let y = y0; y <= y1; y++) years.push(String(y));
  const counts = byArm.map((idx) => {
    const c = years.map(() => 0);
    for (const i of idx) c[Number(enrolled[i].slice(0, 4)) - y0]++;
    return c;
  });
  const totals = years.map((_, y) => counts.reduce((s, c) => s + c[y], 0));
  const spanMonths = (Number(last.slice(0, 4)) - y0) * 12 + Number(last.slice(5, 7)) - Number(first.slice(5, 7));
  return { arms, years, counts, totals, firstByArm, lastByArm, first, last, spanMonths };
}
