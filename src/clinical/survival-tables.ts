/**
 * The survival results as the tables a paper prints, one record per row (for
 * showTable), numbers formatted once here so every notebook prints them alike:
 * - survivalSummaryRows: per arm, patients, deaths, median OS (95% CI), and
 *   survival at each time as a percentage with its 95% CI (headers follow the result's confLevel);
 * - followUpRows: reverse Kaplan-Meier median follow-up per arm;
 * - logRankRows: observed and expected deaths per arm, with chi-square, df, P;
 * - coxRows: hazard ratio (95% CI) and P per model term, with its coding;
 * - proportionalHazardsRows: cox.zph chi-square, df and P per term and GLOBAL;
 * - rmstRows: RMST per arm and the difference between arms, per tau.
 * Months to 1 decimal, hazard ratios to 2, P values as formatP.
 *
 * @example
 * showTable(survivalSummaryRows(survivalByArm(cohort)), { caption: "Overall survival" });
 */
import type { CoxByArmResult } from "./cox-by-arm";
import type { SurvivalByArmResult } from "./survival-by-arm";
import { ciLabel, fmt, formatCI, formatP } from "./format";

function percentCI(s: number | null, lo: number | null, hi: number | null): string {
  if (s === null) return "NA (beyond follow-up)";
  return `${fmt(100 * s, 1)} (${fmt(lo === null ? null : 100 * lo, 1)}\u2013${fmt(hi === null ? null : 100 * hi, 1)})`;
}

/** One row per arm: n, deaths, median OS with CI, survival % at each time. */
export function survivalSummaryRows(s: SurvivalByArmResult): Record<string, string | number>[] {
  return s.arms.map((a) => {
    const row: Record<string, string | number> = {
      Arm: a.arm,
      Patients: a.n,
      Deaths: a.deaths,
      [`Median OS, months (${ciLabel(s.confLevel)})`]: formatCI(a.median, a.medianLower, a.medianUpper, 1),
    };
    for (const p of a.survivalAt) row[`${fmt(p.time, 0)}-month OS, % (${ciLabel(s.confLevel)})`] = percentCI(p.survival, p.lower, p.upper);
    return row;
  });
}

/** One row per arm: reverse Kaplan-Meier median follow-up with CI, and the longest follow-up. */
export function followUpRows(s: SurvivalByArmResult): Record<string, string | number>[] {
  return s.arms.map((a) => ({
    Arm: a.arm,
    Patients: a.n,
    "Alive at last follow-up": a.n - a.deaths,
    [`Median follow-up, months (${ciLabel(s.confLevel)})`]: formatCI(a.followUp, a.followUpLower, a.followUpUpper, 1),
    "Longest follow-up, months": fmt(a.lastTime, 1),
  }));
}

/** One row per arm with observed and expected deaths; the test in the last columns of the first row. */
export function logRankRows(s: SurvivalByArmResult): Record<string, string | number>[] {
  const lr = s.logRank;
  return lr.groups.map((g, i) => ({
    Arm: g,
    Patients: lr.n[i],
    "Observed deaths": lr.observed[i],
    "Expected deaths": fmt(lr.expected[i], 1),
    "O/E": fmt(lr.observed[i] / lr.expected[i], 2),
    "Chi-square": i === 0 ? fmt(lr.chiSq, 3) : "",
    df: i === 0 ? lr.df : "",
    P: i === 0 ? formatP(lr.pValue) : "",
  }));
}

/** One row per model term: hazard ratio (95% CI), P and the coding. */
export function coxRows(c: CoxByArmResult): Record<string, string>[] {
  return c.terms.map((t) => ({
    Term: t.label,
    [`Hazard ratio (${ciLabel(c.fit.confLevel)})`]: formatCI(t.hazardRatio, t.lower, t.upper, 2),
    P: formatP(t.pValue),
    Coding: t.coding,
  }));
}

/** cox.zph per term and GLOBAL, with term names as coxRows labels them; one row saying why when the test could not be computed. */
export function proportionalHazardsRows(c: CoxByArmResult): Record<string, string | number>[] {
  const labels: Record<string, string> = {};
  c.terms.forEach((t) => (labels[t.name] = t.label));
  const ph = c.ph;
  if (ph === null) return [{ Term: "Global test", "Chi-square": "NA", df: "", P: "NA", Note: `not computed: ${c.phNote}` }];
  return ph.terms.map((name, i) => ({
    Term: name === "GLOBAL" ? "Global test" : labels[name] === undefined ? name : labels[name],
    "Chi-square": fmt(ph.chiSq[i], 2),
    df: ph.df[i],
    P: formatP(ph.pValue[i]),
  }));
}

/** Per tau: RMST per arm with 95% CI, and the difference (second arm minus first). */
export function rmstRows(s: SurvivalByArmResult): Record<string, string>[] {
  return s.rmst.map((r) => {
    const row: Record<string, string> = { "Horizon (tau), months": fmt(r.tau, 0) };
    s.arms.forEach((a, i) => {
      row[`${a.arm}, months (${ciLabel(s.confLevel)})`] = formatCI(r.rmst[i], r.lower[i], r.upper[i], 1) + (r.beyondFollowUp[i] ? " *" : "");
    });
    row[`Difference, ${s.arms[1].arm} \u2212 ${s.arms[0].arm} (${ciLabel(s.confLevel)})`] = formatCI(r.difference, r.differenceLower, r.differenceUpper, 1);
    row.P = formatP(r.pValue);
    return row;
  });
}
