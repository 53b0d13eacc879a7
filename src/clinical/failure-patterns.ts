/**
 * Patterns of failure by arm: the response of the treated lesion, the site of
 * first failure, the cumulative incidence of each kind of first failure with
 * death as a competing risk, and how soon out-of-field failures come.
 *
 * Competing-risks coding of the first event (time `failure_months`, from
 * enrollment, i.e. the first TACE, as the study counted it):
 *   1 local         first failure in the treated (irradiated) lesion
 *   2 intrahepatic  first failure elsewhere in the liver, outside the treated lesion / RT field
 *   3 extrahepatic  first failure outside the liver
 *   4 death without failure (failure_site "none" and death = 1): competes with all three
 *   0 censored      (failure_site "none", alive at last follow-up)
 * A patient counts once, at the first failure; later progression at other sites
 * is not counted here (compareSiteProgression counts every progression at a site, from
 * the cohort's optional per-site columns). Out-of-field failure merges causes 2 and 3 (then: 1
 * out-of-field, 2 local, 3 death without failure), the study's "outside the
 * radiation field, in the liver or beyond".
 *
 * Methods:
 * - In-field response: counts of CR / PR / SD / PD per arm; the share that
 *   regressed (CR or PR) compared between arms with Fisher's exact test (2 x 2).
 * - First-failure site: counts per arm (sites and "none"), Pearson's chi-square
 *   test of the arm x site table (R's chisq.test; its small-count warning kept).
 * - Cumulative incidence per cause and arm: Aalen-Johansen estimator as
 *   cmprsk::cuminc, at chosen times (default 6, 12, 24 months) with pointwise
 *   95% limits F ± z sqrt(var) clipped to [0, 1] (cuminc's variance); Gray's test
 *   per cause (cmprsk). The naive 1 - Kaplan-Meier, which treats deaths as
 *   censored, would overstate each incidence, hence the competing-risks estimator.
 * - Time to out-of-field failure: among patients whose first failure was out of
 *   field, the months from enrollment, median [IQR] per arm and the Wilcoxon
 *   rank-sum test. This conditions on failing out of field, so it describes
 *   timing only; the cumulative incidence above is the comparison of risk.
 *
 * @example
 * const fp = failurePatterns(loadCohort());
 * fp.response.regressed;        // CR + PR per arm
 * fp.gray.find((g) => g.site === "intrahepatic").pValue;
 * fp.outOfField.gray.pValue;    // Gray's test, out-of-field first failure
 */
import { InputError } from "../core/index";
import { normalQuantile } from "../distributions/index";
import { FAILURE_SITES, PROGRESSION_COLUMNS, RESPONSES } from "../data/clinical";
import { chiSquareTest } from "../stats/chi-square-test";
import type { ChiSquareTestResult } from "../stats/chi-square-test";
import { contingencyTable } from "../stats/contingency-table";
import { fisherExactTest } from "../stats/fisher-exact-test";
import type { FisherExactTestResult } from "../stats/fisher-exact-test";
import { wilcoxonTest } from "../stats/wilcoxon-test";
import type { WilcoxonTestResult } from "../stats/wilcoxon-test";
import { cumulativeIncidence, cumulativeIncidenceAt } from "../survival/cumulative-incidence";
import type { CumulativeIncidenceResult } from "../survival/cumulative-incidence";
import { cohortArms, rowsByArm } from "./arms";
import type { CohortData } from "./arms";
import { describeNumbers } from "./describe";
import { requireConfLevel } from "../stats/input";

export interface FailurePatternsOptions {
  /** Times (months) for the cumulative incidence table (default [6, 12, 24]). */
  times?: number[];
  /** Confidence level of the incidence limits (default 0.95). */
  confLevel?: number;
  /** "Early" out-of-field failure: within this many months (default 6). */
  earlyMonths?: number;
}

/** A cause of the competing-risks coding. */
export interface FailureCause {
  code: number;
  /** failure_site value, or "death" for death without failure, or "out-of-field". */
  site: string;
  label: string;
}

/** Causes of the site-by-site coding (codes 1-4; 0 = censored). */
export const FAILURE_CAUSES: readonly FailureCause[] = [
  { code: 1, site: "local", label: "Local (treated lesion)" },
  { code: 2, site: "intrahepatic", label: "Intrahepatic, out of field" },
  { code: 3, site: "extrahepatic", label: "Extrahepatic" },
  { code: 4, site: "death", label: "Death without failure" },
];

/** Causes of the out-of-field coding. */
export const OUT_OF_FIELD_CAUSES: readonly FailureCause[] = [
  { code: 1, site: "out-of-field", label: "Out of field (intrahepatic or extrahepatic)" },
  { code: 2, site: "local", label: "Local (treated lesion)" },
  { code: 3, site: "death", label: "Death without failure" },
];

/** One cumulative incidence value: cause, arm, time. */
export interface IncidenceAtTime {
  cause: number;
  site: string;
  label: string;
  arm: string;
  time: number;
  /** null past the arm's last follow-up time. */
  estimate: number | null;
  lower: number | null;
  upper: number | null;
}

export interface GrayTestRow {
  cause: number;
  site: string;
  label: string;
  statistic: number | null;
  df: number;
  pValue: number | null;
}

export interface FailurePatternsResult {
  arms: string[];
  n: number[];
  response: {
    levels: string[];
    /** counts[a][k]: patients of arms[a] with response levels[k]. */
    counts: number[][];
    /** CR + PR per arm, and its percentage. */
    regressed: number[];
    regressedPercent: number[];
    /** Fisher's exact test of regressed vs not by arm (null when every patient, or none, regressed). */
    test: FisherExactTestResult | null;
  };
  firstFailure: {
    /** local, intrahepatic, extrahepatic, none. */
    sites: string[];
    counts: number[][];
    percents: number[][];
    /** "none" split: died without failure, censored without failure. */
    deathWithoutFailure: number[];
    censoredWithoutFailure: number[];
    /** Chi-square test of arm x site (null when fewer than two sites occur). */
    test: ChiSquareTestResult | null;
  };
  causes: FailureCause[];
  /** Per-site competing-risks analysis (causes 1-4). */
  incidence: CumulativeIncidenceResult;
  incidenceAt: IncidenceAtTime[];
  gray: GrayTestRow[];
  outOfField: {
    causes: FailureCause[];
    incidence: CumulativeIncidenceResult;
    incidenceAt: IncidenceAtTime[];
    /** Gray's test for out-of-field first failure. */
    gray: GrayTestRow;
  };
  timeToOutOfField: {
    earlyMonths: number;
    perArm: {
      arm: string;
      /** Patients whose first failure was out of field. */
      n: number;
      median: number | null;
      q1: number | null;
      q3: number | null;
      /** Of them, how many within earlyMonths. */
      early: number;
      /** Their failure times, ascending (for a plot). */
      times: number[];
    }[];
    test: WilcoxonTestResult | null;
  };
  confLevel: number;
  times: number[];
}

/** Site-by-site cause code of each patient (see the file comment). */
export function failureCauseCodes(cohort: CohortData): number[] {
  const { failure_site: site, death } = cohort.fields;
  return site.map((s, i) => {
    if (s === "local") return 1;
    if (s === "intrahepatic") return 2;
    if (s === "extrahepatic") return 3;
    if (s === "none") return death[i] === 1 ? 4 : 0;
    throw new InputError("failure_site", i, s, `is not one of ${FAILURE_SITES.join(", ")}`);
  });
}

/** Out-of-field cause code of each patient (1 out-of-field, 2 local, 3 death without failure, 0 censored). */
export function outOfFieldCauseCodes(cohort: CohortData): number[] {
  return failureCauseCodes(cohort).map((c) => (c === 2 || c === 3 ? 1 : c === 1 ? 2 : c === 4 ? 3 : 0));
}

function incidenceTable(ci: CumulativeIncidenceResult, causes: readonly FailureCause[], times: number[], z: number): IncidenceAtTime[] {
  const out: IncidenceAtTime[] = [];
  for (const cause of causes) {
    for (const curve of ci.curves.filter((c) => c.cause === cause.code)) {
      const at = cumulativeIncidenceAt(curve, times);
      at.time.forEach((t, j) => {
        const est = at.estimate[j];
        const v = at.variance[j];
        out.push({
          cause: cause.code,
          site: cause.site,
          label: cause.label,
          arm: curve.group,
          time: t,
          estimate: est,
          lower: est === null || v === null ? null : Math.max(0, est - z * Math.sqrt(v)),
          upper: est === null || v === null ? null : Math.min(1, est + z * Math.sqrt(v)),
        });
      });
    }
  }
  return out;
}

function grayRows(ci: CumulativeIncidenceResult, causes: readonly FailureCause[]): GrayTestRow[] {
  const tests = ci.grayTest === null ? [] : ci.grayTest;
  return causes
    .filter((c) => ci.causes.indexOf(c.code) >= 0)
    .map((c) => {
      const g = tests.filter((t) => t.cause === c.code)[0];
      return { cause: c.code, site: c.site, label: c.label, statistic: g ? g.statistic : null, df: g ? g.df : 0, pValue: g ? g.pValue : null };
    });
}

/** Failure patterns by arm; see the file comment. */
export function failurePatterns(cohort: CohortData, options: FailurePatternsOptions = {}): FailurePatternsResult {
  const arms = cohortArms(cohort);
  const times = options.times === undefined ? [6, 12, 24] : options.times.slice();
  times.forEach((t, i) => {
    if (typeof t !== "number" || !Number.isFinite(t) || t < 0) throw new InputError("times", i, t, "must be a non-negative finite time");
  });
  const confLevel = options.confLevel === undefined ? 0.95 : options.confLevel;
  requireConfLevel(confLevel);
  const earlyMonths = options.earlyMonths === undefined ? 6 : options.earlyMonths;
  const z = normalQuantile(0.5 + confLevel / 2);
  const f = cohort.fields;
  const byArm = rowsByArm(cohort, arms);
  const n = byArm.map((r) => r.length);

  // In-field response.
  const resp = contingencyTable(f.arm, f.infield_response, { rowLevels: arms, columnLevels: RESPONSES as unknown as string[] });
  const regressed = resp.counts.map((row) => row[RESPONSES.indexOf("CR")] + row[RESPONSES.indexOf("PR")]);
  const respTable = regressed.map((r, a) => [r, n[a] - r]);
  const anyNot = respTable.some((row) => row[1] > 0);
  const anyYes = respTable.some((row) => row[0] > 0);
  const responseTest = arms.length === 2 && anyNot && anyYes ? fisherExactTest(respTable) : null;

  // Site of first failure.
  const sites = ["local", "intrahepatic", "extrahepatic", "none"];
  const ff = contingencyTable(f.arm, f.failure_site, { rowLevels: arms, columnLevels: sites });
  const used = ff.columnLevels.map((_, j) => ff.counts.some((row) => row[j] > 0));
  const firstFailureTest = used.filter((u) => u).length < 2 ? null : chiSquareTest(ff.counts.map((row) => row.filter((_, j) => used[j])));
  const codes = failureCauseCodes(cohort);
  const deathWithoutFailure = byArm.map((idx) => idx.filter((i) => codes[i] === 4).length);
  const censoredWithoutFailure = byArm.map((idx) => idx.filter((i) => codes[i] === 0).length);

  // Competing risks, site by site.
  const incidence = cumulativeIncidence(f.failure_months, codes, f.arm, { levels: arms });
  const causes = FAILURE_CAUSES.filter((c) => incidence.causes.indexOf(c.code) >= 0);
  const ofCodes = outOfFieldCauseCodes(cohort);
  const ofIncidence = cumulativeIncidence(f.failure_months, ofCodes, f.arm, { levels: arms });
  const ofCauses = OUT_OF_FIELD_CAUSES.filter((c) => ofIncidence.causes.indexOf(c.code) >= 0);
  const ofGray = grayRows(ofIncidence, OUT_OF_FIELD_CAUSES.slice(0, 1));

  // Timing of out-of-field first failures.
  const perArm = arms.map((arm, a) => {
    const t = byArm[a].filter((i) => ofCodes[i] === 1).map((i) => f.failure_months[i]);
    t.sort((x, y) => x - y);
    const d = describeNumbers(t);
    return { arm, n: t.length, median: d.median, q1: d.q1, q3: d.q3, early: t.filter((v) => v <= earlyMonths).length, times: t };
  });
  const timeTest = arms.length === 2 && perArm[0].n > 0 && perArm[1].n > 0 ? wilcoxonTest(perArm[0].times, perArm[1].times) : null;

  return {
    arms,
    n,
    response: {
      levels: resp.columnLevels,
      counts: resp.counts,
      regressed,
      regressedPercent: regressed.map((r, a) => (100 * r) / n[a]),
      test: responseTest,
    },
    firstFailure: {
      sites,
      counts: ff.counts,
      percents: ff.counts.map((row, a) => row.map((c) => (100 * c) / n[a])),
      deathWithoutFailure,
      censoredWithoutFailure,
      test: firstFailureTest,
    },
    causes,
    incidence,
    incidenceAt: incidenceTable(incidence, causes, times, z),
    gray: grayRows(incidence, causes),
    outOfField: {
      causes: ofCauses,
      incidence: ofIncidence,
      incidenceAt: incidenceTable(ofIncidence, ofCauses, times, z),
      gray:
        ofGray.length > 0
          ? ofGray[0]
          : { cause: 1, site: "out-of-field", label: OUT_OF_FIELD_CAUSES[0].label, statistic: null, df: 0, pValue: null },
    },
    timeToOutOfField: { earlyMonths, perArm, test: timeTest },
    confLevel,
    times,
  };
}

/** One cause's cumulative incidence at one time in each arm, with Gray's test. */
export interface IncidenceComparison {
  /** "local", "intrahepatic", "extrahepatic", "death" or "out-of-field". */
  site: string;
  label: string;
  time: number;
  arms: string[];
  /** Per arm (null past the arm's follow-up, or when the cause never occurs in the cohort). */
  estimates: (number | null)[];
  grayP: number | null;
  /** The arm with the higher estimate (null when equal or not estimable). */
  higherArm: string | null;
  /** Gray's P below alpha. */
  significant: boolean;
}

/** The comparison of one cause at `time` (months) from a failurePatterns result; see IncidenceComparison. */
export function compareIncidence(fp: FailurePatternsResult, site: string, time: number, alpha = 0.05): IncidenceComparison {
  if (typeof time !== "number" || !Number.isFinite(time) || time < 0) throw new InputError("time", null, time, "must be a non-negative finite time");
  const outOfField = site === "out-of-field";
  const causes = outOfField ? OUT_OF_FIELD_CAUSES : FAILURE_CAUSES;
  const cause = causes.filter((c) => c.site === site)[0];
  if (cause === undefined) {
    throw new InputError("site", null, site, `must be one of ${FAILURE_CAUSES.map((c) => c.site).join(", ")}, out-of-field`);
  }
  const ci = outOfField ? fp.outOfField.incidence : fp.incidence;
  const estimates = fp.arms.map((arm) => {
    const curve = ci.curves.filter((c) => c.cause === cause.code && c.group === arm)[0];
    return curve === undefined ? null : cumulativeIncidenceAt(curve, [time]).estimate[0];
  });
  const gray = outOfField ? [fp.outOfField.gray] : fp.gray.filter((g) => g.site === site);
  const grayP = gray.length === 0 ? null : gray[0].pValue;
  let higherArm: string | null = null;
  if (estimates.length === 2 && estimates[0] !== null && estimates[1] !== null && estimates[0] !== estimates[1]) {
    higherArm = fp.arms[(estimates[1] as number) > (estimates[0] as number) ? 1 : 0];
  }
  return { site, label: cause.label, time, arms: fp.arms, estimates, grayP, higherArm, significant: grayP !== null && grayP < alpha };
}

/** The study's argument tested on a cohort: local control gained, out-of-field failure more frequent and earlier. */
export interface FailurePatternSummary {
  time: number;
  local: IncidenceComparison;
  intrahepatic: IncidenceComparison;
  extrahepatic: IncidenceComparison;
  outOfField: IncidenceComparison;
  death: IncidenceComparison;
  /** Out-of-field cumulative incidence at earlyMonths. */
  outOfFieldEarly: IncidenceComparison;
  /** Local failure lower and out-of-field failure significantly higher in the second (RT) arm. */
  tradeOff: boolean;
  /** Out-of-field failure in the RT arm both more frequent by earlyMonths and sooner among those failing (median time). */
  earlier: boolean;
}

/** compareIncidence for every cause at `time` (default 12 months), and the two verdicts; two arms only. */
export function failurePatternSummary(fp: FailurePatternsResult, time = 12, alpha = 0.05): FailurePatternSummary {
  if (fp.arms.length !== 2) throw new InputError("fp", null, fp.arms.join(", "), "the summary compares exactly two arms");
  const rt = fp.arms[1];
  const c = (site: string, t: number) => compareIncidence(fp, site, t, alpha);
  const local = c("local", time);
  const outOfField = c("out-of-field", time);
  const outOfFieldEarly = c("out-of-field", fp.timeToOutOfField.earlyMonths);
  const [tRef, tRt] = fp.timeToOutOfField.perArm;
  return {
    time,
    local,
    intrahepatic: c("intrahepatic", time),
    extrahepatic: c("extrahepatic", time),
    outOfField,
    death: c("death", time),
    outOfFieldEarly,
    tradeOff: local.higherArm === fp.arms[0] && outOfField.higherArm === rt && outOfField.significant,
    earlier: outOfFieldEarly.higherArm === rt && tRt.median !== null && tRef.median !== null && tRt.median < tRef.median,
  };
}

/**
 * Progression at one site counted for every patient, not only as the first failure: the
 * cumulative incidence of the first progression at `site` (from the cohort's optional
 * column local_, intrahepatic_ or extrahepatic_progression_months), death before it
 * competing, patients alive without it censored at last follow-up, compared between the
 * arms at `time` months from enrollment with Gray's test. A progression at another site
 * first does not remove the patient, unlike the first-failure analysis, where an earlier
 * local failure hides a later out-of-field one. Throws an InputError naming the column when
 * the cohort lacks it.
 *
 * @example
 * compareSiteProgression(loadCohort(), "extrahepatic", 12).grayP;
 */
export function compareSiteProgression(cohort: CohortData, site: string, time = 12, alpha = 0.05): IncidenceComparison {
  const column = (PROGRESSION_COLUMNS as Record<string, string>)[site];
  if (column === undefined) throw new InputError("site", null, site, `must be one of ${Object.keys(PROGRESSION_COLUMNS).join(", ")}`);
  if (typeof time !== "number" || !Number.isFinite(time) || time < 0) throw new InputError("time", null, time, "must be a non-negative finite time");
  const arms = cohortArms(cohort);
  const f = cohort.fields;
  const progression = (f as unknown as Record<string, number[] | undefined>)[column];
  if (progression === undefined) throw new InputError(column, null, "", "is not in the cohort: every progression at this site needs this column");
  const t = progression.map((p, i) => (Number.isNaN(p) ? f.os_months[i] : p));
  const cause = progression.map((p, i) => (Number.isNaN(p) ? (f.death[i] === 1 ? 2 : 0) : 1));
  const ci = cumulativeIncidence(t, cause, f.arm, { levels: arms });
  const estimates = arms.map((arm) => {
    const curve = ci.curves.filter((c) => c.cause === 1 && c.group === arm)[0];
    return curve === undefined ? null : cumulativeIncidenceAt(curve, [time]).estimate[0];
  });
  const gray = (ci.grayTest ?? []).filter((g) => g.cause === 1)[0];
  const grayP = gray === undefined ? null : gray.pValue;
  let higherArm: string | null = null;
  if (estimates.length === 2 && estimates[0] !== null && estimates[1] !== null && estimates[0] !== estimates[1]) {
    higherArm = arms[(estimates[1] as number) > (estimates[0] as number) ? 1 : 0];
  }
  const label = `${site[0].toUpperCase()}${site.slice(1)} progression, every patient (death competing)`;
  return { site, label, time, arms, estimates, grayP, higherArm, significant: grayP !== null && grayP < alpha };
}
