/**
 * The failure-pattern results as printed tables (records for showTable), and
 * the series the stacked-bar figures need, formatted once here:
 * - responseRows: CR / PR / SD / PD and "regressed" (CR + PR) as n (%) per arm;
 * - firstFailureRows: first-failure site as n (%) per arm, "none" split into
 *   death without failure and alive without failure;
 * - incidenceRows: cumulative incidence (%) with 95% CI per cause, arm and time;
 * - grayRows: Gray's test per cause, and for out-of-field failure;
 * - outOfFieldTimingRows: months to an out-of-field first failure per arm;
 * - countSeries: per-arm counts of each level as stackedBarFigure series.
 *
 * @example
 * const fp = failurePatterns(cohort);
 * showTable(firstFailureRows(fp));
 * show(stackedBarFigure(fp.arms, countSeries(fp.firstFailure.sites, fp.firstFailure.counts), { percent: true }));
 */
import type { FailurePatternsResult, GrayTestRow, IncidenceAtTime } from "./failure-patterns";
import { ciLabel, fmt, formatP, formatPExact } from "./format";

/**
 * Colours of the response and site categories in the stacked bars, from the
 * Okabe-Ito palette but not the two arm colours (blue TACE, vermillion TACE+RT),
 * so that a category is never mistaken for an arm: good outcomes green / sky blue,
 * no failure grey.
 */
export const RESPONSE_COLORS: Readonly<Record<string, string>> = { CR: "#009E73", PR: "#56B4E9", SD: "#999999", PD: "#CC79A7" };
export const SITE_COLORS: Readonly<Record<string, string>> = {
  "Local (treated lesion)": "#009E73",
  "Intrahepatic, out of field": "#E69F00",
  Extrahepatic: "#CC79A7",
  "No failure": "#BBBBBB",
};

function nPercent(count: number, total: number): string {
  return total > 0 ? `${count} (${fmt((100 * count) / total, 1)})` : "NA";
}

/** One row per response level and a "regressed" row; one column per arm, then the test. */
export function responseRows(fp: FailurePatternsResult): Record<string, string>[] {
  const rows = fp.response.levels.map((level, k) => {
    const row: Record<string, string> = { Response: level };
    fp.arms.forEach((arm, a) => (row[`${arm}, n (%)`] = nPercent(fp.response.counts[a][k], fp.n[a])));
    return row;
  });
  const regressed: Record<string, string> = { Response: "Regressed (CR or PR)" };
  fp.arms.forEach((arm, a) => (regressed[`${arm}, n (%)`] = nPercent(fp.response.regressed[a], fp.n[a])));
  rows.push(regressed);
  const test = fp.response.test;
  for (const row of rows) row["P (Fisher exact, regressed vs not)"] = "";
  rows[rows.length - 1]["P (Fisher exact, regressed vs not)"] = test === null ? "not tested" : formatPExact(test.pValue);
  return rows;
}

const SITE_LABELS: Record<string, string> = {
  local: "Local (treated lesion)",
  intrahepatic: "Intrahepatic, out of field",
  extrahepatic: "Extrahepatic",
  none: "No failure",
};

/** Display label of a first-failure site. */
export function siteLabel(site: string): string {
  return SITE_LABELS[site] === undefined ? site : SITE_LABELS[site];
}

/** One row per site (no failure split into died / alive), one column per arm. */
export function firstFailureRows(fp: FailurePatternsResult): Record<string, string>[] {
  const ff = fp.firstFailure;
  const rows: Record<string, string>[] = [];
  ff.sites.forEach((site, k) => {
    const row: Record<string, string> = { "First failure": siteLabel(site) };
    fp.arms.forEach((arm, a) => (row[`${arm}, n (%)`] = nPercent(ff.counts[a][k], fp.n[a])));
    rows.push(row);
    if (site === "none") {
      const died: Record<string, string> = { "First failure": "\u2003died without failure" };
      const alive: Record<string, string> = { "First failure": "\u2003alive without failure (censored)" };
      fp.arms.forEach((arm, a) => {
        died[`${arm}, n (%)`] = nPercent(ff.deathWithoutFailure[a], fp.n[a]);
        alive[`${arm}, n (%)`] = nPercent(ff.censoredWithoutFailure[a], fp.n[a]);
      });
      rows.push(died, alive);
    }
  });
  return rows;
}

/** Counts per arm of each level as stacked-bar series: one series per level, one value per arm. */
export function countSeries(levels: readonly string[], countsByArm: readonly (readonly number[])[], labels: Record<string, string> = {}): { name: string; values: number[] }[] {
  return levels.map((level, k) => ({ name: labels[level] === undefined ? level : labels[level], values: countsByArm.map((row) => row[k]) }));
}

/** One row per cause and arm: cumulative incidence % (95% CI, or the level given: FailurePatternsResult.confLevel) at each time. */
export function incidenceRows(rows: readonly IncidenceAtTime[], confLevel = 0.95): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  const keys: string[] = [];
  for (const r of rows) {
    const key = `${r.cause}\u0000${r.arm}`;
    let row: Record<string, string>;
    const k = keys.indexOf(key);
    if (k < 0) {
      keys.push(key);
      row = { Cause: r.label, Arm: r.arm };
      out.push(row);
    } else row = out[k];
    row[`${fmt(r.time, 0)} months, % (${ciLabel(confLevel)})`] =
      r.estimate === null ? "NA (beyond follow-up)" : `${fmt(100 * r.estimate, 1)} (${fmt(100 * (r.lower as number), 1)}\u2013${fmt(100 * (r.upper as number), 1)})`;
  }
  return out;
}

/** Gray's test rows: cause, chi-square, df, P (tiny P in scientific notation). */
export function grayRows(tests: readonly GrayTestRow[]): Record<string, string | number>[] {
  return tests.map((g) => ({
    Cause: g.label,
    "Chi-square": fmt(g.statistic, 2),
    df: g.df,
    P: formatPExact(g.pValue),
  }));
}

/** Per arm: out-of-field first failures, median [IQR] months, and how many came early. */
export function outOfFieldTimingRows(fp: FailurePatternsResult): Record<string, string | number>[] {
  const t = fp.timeToOutOfField;
  return t.perArm.map((a, k) => ({
    Arm: a.arm,
    "Out-of-field first failures": a.n,
    "Months from enrollment, median [IQR]": a.n === 0 ? "NA" : `${fmt(a.median, 1)} [${fmt(a.q1, 1)}\u2013${fmt(a.q3, 1)}]`,
    [`Within ${fmt(t.earlyMonths, 0)} months, n (%)`]: nPercent(a.early, a.n),
    "P (Wilcoxon rank-sum)": k === 0 ? (t.test === null ? "not tested" : formatP(t.test.pValue)) : "",
  }));
}
