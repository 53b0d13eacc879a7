/**
 * The clinical claims C1–C11 evaluated on a cohort, each with the value this cohort gives
 * (text), the pass rule, pass / fail, and the numbers behind it. The analyses are the
 * notebooks' own (enrollmentByYear, survivalByArm, failurePatterns with compareIncidence),
 * with their default choices. This is the one definition of how C1–C11 are judged: the
 * claims ledger (src/claims) calls it for the clinical rows, the seed search of the
 * simulated cohort (src/synth/clinical-seed-search.ts) scores each draw from its numbers,
 * and test/data/clinical-calibration.test.ts checks the committed cohort with it.
 *
 * Pass rules (published values from src/claims/study-claims.ts):
 *  C1, C2  arm sizes (TACE, TACE+RT) equal the published ones;
 *  C3      first and last enrollment within the published months (1996-08-01 to 2003-08-31);
 *  C4, C5  reverse Kaplan-Meier median follow-up within ±1.5 months of the published one;
 *  C6, C7  Kaplan-Meier median overall survival within ±1 month of the published one;
 *  C8      log-rank P strictly between 0.55 and 0.75 (published 0.65: no difference);
 *  C9      every TACE+RT patient's irradiated lesion CR or PR;
 *  C10     intrahepatic (out-of-field) progression, judged on its own site, in two analyses:
 *          (a) the study's: intrahepatic first failure, its 12-month cumulative incidence
 *          (the other first failures and death without failure competing) higher after
 *          TACE+RT and Gray's test of that site P < 0.05; and (b) when the cohort records
 *          per-site progression times (intrahepatic_progression_months), every patient's
 *          intrahepatic progression, not only first failures (death competing): higher at
 *          12 months and Gray P < 0.05. Part (b) was added because (a) alone passed on 11 %
 *          of cohorts simulated without any RT effect (data/rule-checks/clinical.json): RT
 *          goes to patients still free of progression, so the TACE arm keeps the early local
 *          failures that hide its out-of-field ones. Without the column only (a) is judged,
 *          and the detail says so;
 *  C11     the same for extrahepatic progression (an earlier rule judged C10 and C11 on the
 *          combined out-of-field Gray test, so C11 could pass with no extrahepatic
 *          difference at all).
 * For C4–C8, `estimate` is the judged number and `accepted` its range, so a caller can
 * tell how much of the tolerance is left (the seed search does).
 * A claim whose analysis cannot run on the cohort (e.g. a single arm) is returned with
 * evaluated = false, pass = false and the reason in `detail`.
 *
 * @example
 * evaluateClinicalClaims(loadCohort()).map((c) => [c.id, c.pass, c.value]);
 */
import { InputError } from "../core/index";
import { studyClaim } from "../claims/study-claims";
import { formatEstimate, formatNumber, formatPExact, withPLabel } from "../display/format-number";
import { REFERENCE_ARM, RT_ARM, rowsByArm } from "./arms";
import type { CohortData } from "./arms";
import { enrollmentByYear } from "./enrollment";
import { cohortCapabilities, capabilityNote } from "./capabilities";
import { compareIncidence, compareSiteProgression, failurePatterns } from "./failure-patterns";
import type { FailurePatternsResult, IncidenceComparison } from "./failure-patterns";
import { survivalByArm } from "./survival-by-arm";
import type { ArmSurvival, SurvivalByArmResult } from "./survival-by-arm";

export type ClinicalClaimId = "C1" | "C2" | "C3" | "C4" | "C5" | "C6" | "C7" | "C8" | "C9" | "C10" | "C11";

export interface ClinicalClaimResult {
  id: ClinicalClaimId;
  /** The value this cohort gives, as text. */
  value: string;
  /** The pass rule. */
  rule: string;
  pass: boolean;
  /** False when the analysis could not run on the cohort (then pass is false). */
  evaluated: boolean;
  /** The numbers behind the value, as text (or why the claim was not evaluated). */
  detail: string;
  /** The judged number of C1, C2 (patients) and C4–C8 (months, P); null for the others or when not estimable. */
  estimate: number | null;
  /** The accepted range of `estimate` for the claims with a tolerance (C4–C8), else null. */
  accepted: [number, number] | null;
  /** The numbers behind value and detail, by name (C10, C11: the 12-month first-failure incidence per arm, Gray's P values, and the every-progression incidence and P, null when not recorded). */
  numbers: Record<string, number | null>;
}

export const CLINICAL_CLAIM_IDS: ClinicalClaimId[] = ["C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "C9", "C10", "C11"];

/** Tolerances of the pass rules (see the file comment). */
export const CLINICAL_CLAIM_TOLERANCE = {
  followUpMonths: 1.5,
  medianOsMonths: 1,
  logRankP: [0.55, 0.75] as [number, number],
  alpha: 0.05,
  /** Cumulative incidence compared at this time, months. */
  incidenceMonths: 12,
};

type Outcome = Omit<ClinicalClaimResult, "id" | "evaluated">;

/** The published number of a claim (src/claims), so that no published value is typed here. */
function published(id: ClinicalClaimId): number {
  const value = studyClaim(id).publishedNumber;
  if (value === null) throw new Error(`claim ${id} has no published number`);
  return value;
}

/** The first and last day of the published enrollment window ("1996-08 to 2003-08"). */
function enrollmentWindow(): [string, string] {
  const text = studyClaim("C3").published;
  const m = /^(\d{4})-(\d{2}) to (\d{4})-(\d{2})$/.exec(text);
  if (m === null) throw new Error(`claim C3's published window ${JSON.stringify(text)} is not "YYYY-MM to YYYY-MM"`);
  const lastDay = new Date(Date.UTC(Number(m[3]), Number(m[4]), 0)).getUTCDate();
  return [`${m[1]}-${m[2]}-01`, `${m[3]}-${m[4]}-${String(lastDay).padStart(2, "0")}`];
}

const months = (x: number | null): string => (x === null ? "not reached" : `${formatNumber(x, 1)} months`);
const pValue = (p: number | null): string => withPLabel(formatPExact(p));

/** A computed analysis, or the InputError saying why it cannot run on this cohort. */
function tryRun<T>(run: () => T): T | InputError {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return error;
  }
}

/** The claim judged on an analysis, or not evaluated (with the reason) when the analysis or the judging meets an InputError. */
function attempt<T>(id: ClinicalClaimId, rule: string, analysis: T | InputError, judge: (x: T) => Outcome): ClinicalClaimResult {
  const o = analysis instanceof InputError ? analysis : tryRun(() => judge(analysis));
  if (o instanceof InputError) {
    return { id, value: "not evaluated", rule, pass: false, evaluated: false, detail: o.message, estimate: null, accepted: null, numbers: {} };
  }
  return { id, evaluated: true, ...o };
}

/** The rule of C4–C7 as text. */
function withinRule(id: ClinicalClaimId, tolerance: number): string {
  return `within ${published(id) - tolerance} to ${published(id) + tolerance} months`;
}

/** Within ±tolerance of the published value (inclusive); null (not reached) fails. */
function near(id: ClinicalClaimId, x: number | null, tolerance: number, value: string, detail: string, numbers: Record<string, number | null>): Outcome {
  const target = published(id);
  const accepted: [number, number] = [target - tolerance, target + tolerance];
  return {
    value,
    rule: withinRule(id, tolerance),
    pass: x !== null && Math.abs(x - target) <= tolerance,
    detail,
    estimate: x,
    accepted,
    numbers,
  };
}

/** C1–C11 on a cohort; see the file comment. */
export function evaluateClinicalClaims(cohort: CohortData): ClinicalClaimResult[] {
  const tol = CLINICAL_CLAIM_TOLERANCE;
  const out: ClinicalClaimResult[] = [];

  // C1, C2: arm sizes, counted even when an arm is missing (then the other claims cannot run).
  const counted = tryRun(() => {
    if (!cohort || !cohort.fields || !cohort.fields.arm) throw new InputError("cohort", null, cohort, "must be a cohort (loadCohort) with fields.arm");
    return rowsByArm(cohort, [REFERENCE_ARM, RT_ARM]).map((rows) => rows.length);
  });
  (
    [
      ["C1", REFERENCE_ARM],
      ["C2", RT_ARM],
    ] as Array<[ClinicalClaimId, string]>
  ).forEach(([id, arm], a) => {
    const target = published(id);
    out.push(
      attempt(id, `equal ${target}`, counted, (n) => ({
        value: String(n[a]),
        rule: `equal ${target}`,
        pass: n[a] === target,
        detail: `${n[a]} patients in arm ${arm}`,
        estimate: n[a],
        accepted: null,
        numbers: { n: n[a] },
      })),
    );
  });

  const [from, to] = enrollmentWindow();
  const c3Rule = `first and last enrollment within ${from} to ${to}`;
  out.push(
    attempt("C3", c3Rule, tryRun(() => enrollmentByYear(cohort)), (e) => ({
      value: `${e.first} to ${e.last}`,
      rule: c3Rule,
      pass: e.first >= from && e.last <= to,
      detail: `${e.spanMonths} months of accrual; ` + e.arms.map((arm, a) => `${arm} ${e.firstByArm[a]} to ${e.lastByArm[a]}`).join(", "),
      estimate: null,
      accepted: null,
      numbers: { spanMonths: e.spanMonths },
    })),
  );

  const os = tryRun(() => survivalByArm(cohort));
  const armOf = (s: SurvivalByArmResult, arm: string): ArmSurvival => {
    const x = s.arms.filter((a) => a.arm === arm)[0];
    if (x === undefined) throw new InputError("arm", null, arm, "has no patients");
    return x;
  };
  // C4, C5: reverse Kaplan-Meier median follow-up; C6, C7: Kaplan-Meier median overall survival.
  const medians: Array<[ClinicalClaimId, string, "followUp" | "os"]> = [
    ["C4", REFERENCE_ARM, "followUp"],
    ["C5", RT_ARM, "followUp"],
    ["C6", REFERENCE_ARM, "os"],
    ["C7", RT_ARM, "os"],
  ];
  for (const [id, arm, kind] of medians) {
    const tolerance = kind === "followUp" ? tol.followUpMonths : tol.medianOsMonths;
    out.push(
      attempt(id, withinRule(id, tolerance), os, (s) => {
        const a = armOf(s, arm);
        const [median, lower, upper] = kind === "followUp" ? [a.followUp, a.followUpLower, a.followUpUpper] : [a.median, a.medianLower, a.medianUpper];
        const what = kind === "followUp" ? "reverse Kaplan-Meier median follow-up" : "Kaplan-Meier median overall survival";
        const counts = kind === "followUp" ? `${a.n - a.deaths} of ${a.n} alive at last follow-up` : `${a.deaths} deaths of ${a.n}`;
        const detail = `${arm}: ${what} (95% CI) ${formatEstimate(median, lower, upper)} months; ${counts}`;
        return near(id, median, tolerance, months(median), detail, { median, lower, upper });
      }),
    );
  }
  const [lo, hi] = tol.logRankP;
  const c8Rule = `P within ${lo} to ${hi}`;
  out.push(
    attempt("C8", c8Rule, os, (s) => {
      const lr = s.logRank;
      return {
        value: pValue(lr.pValue),
        rule: c8Rule,
        pass: lr.pValue !== null && lr.pValue > lo && lr.pValue < hi,
        detail: `log-rank chi-square ${formatNumber(lr.chiSq, 3)} on ${lr.df} df, ${pValue(lr.pValue)} (published ${studyClaim("C8").published})`,
        estimate: lr.pValue,
        accepted: [lo, hi],
        numbers: { chiSq: lr.chiSq, df: lr.df, pValue: lr.pValue },
      };
    }),
  );

  const fp = tryRun(() => failurePatterns(cohort));
  const c9Rule = "every irradiated lesion CR or PR";
  out.push(
    attempt("C9", c9Rule, fp, (f) => {
      const a = f.arms.indexOf(RT_ARM);
      if (a < 0) throw new InputError("arm", null, RT_ARM, "has no patients");
      const counts = f.response.levels.map((level, k) => `${f.response.counts[a][k]} ${level}`).join(", ");
      return {
        value: `${f.response.regressed[a]} of ${f.n[a]} irradiated lesions CR or PR`,
        rule: c9Rule,
        pass: f.n[a] > 0 && f.response.regressed[a] === f.n[a],
        detail: `${RT_ARM}: ${counts}`,
        estimate: null,
        accepted: null,
        numbers: { regressed: f.response.regressed[a], n: f.n[a] },
      };
    }),
  );
  const t = tol.incidenceMonths;
  const caps = cohortCapabilities(cohort);
  const siteRule = (site: string) =>
    `${RT_ARM} higher at ${t} months with Gray P < ${tol.alpha}, for ${site} first failure and, when the cohort records ${site} progression times, for every ${site} progression`;
  const incidence = (id: ClinicalClaimId, site: string) =>
    attempt(id, siteRule(site), fp, (f: FailurePatternsResult) => {
      const c = compareIncidence(f, site, t, tol.alpha);
      const outOfField = compareIncidence(f, "out-of-field", t, tol.alpha);
      const every = caps.progressionBySite.available ? compareSiteProgression(cohort, site, t, tol.alpha) : null;
      const at = (x: IncidenceComparison, arm: string): number | null => {
        const a = x.arms.indexOf(arm);
        return a < 0 ? null : x.estimates[a];
      };
      const [ref, rt] = [at(c, REFERENCE_ARM), at(c, RT_ARM)];
      const firstHolds = c.higherArm === RT_ARM && c.significant;
      const everyHolds = every === null || (every.higherArm === RT_ARM && every.significant);
      const everyText =
        every === null
          ? `every ${site} progression not checked: ${capabilityNote(caps.progressionBySite)}`
          : `every ${site} progression (not only first failures), death competing: ${formatNumber(at(every, REFERENCE_ARM), 3)} vs ${formatNumber(at(every, RT_ARM), 3)} at ${t} months, Gray's test ${pValue(every.grayP)}`;
      return {
        value:
          `${t}-month cumulative incidence of ${site} first failure ${formatNumber(ref, 3)} (${REFERENCE_ARM}) vs ${formatNumber(rt, 3)} (${RT_ARM}), Gray's test ${pValue(c.grayP)}` +
          (every === null ? "" : `; every ${site} progression ${formatNumber(at(every, REFERENCE_ARM), 3)} vs ${formatNumber(at(every, RT_ARM), 3)}, ${pValue(every.grayP)}`),
        rule: siteRule(site),
        pass: firstHolds && everyHolds,
        detail:
          `First failure (the study's analysis): local failure, the other out-of-field site and death without failure competing. ${everyText}. ` +
          `Out-of-field first failure (intrahepatic or extrahepatic) at ${t} months ${formatNumber(at(outOfField, REFERENCE_ARM), 3)} vs ${formatNumber(at(outOfField, RT_ARM), 3)}, ` +
          `Gray's test ${pValue(outOfField.grayP)}`,
        estimate: null,
        accepted: null,
        numbers: {
          [REFERENCE_ARM]: ref,
          [RT_ARM]: rt,
          grayP: c.grayP,
          everyProgression: every === null ? null : at(every, REFERENCE_ARM),
          everyProgressionRt: every === null ? null : at(every, RT_ARM),
          everyProgressionGrayP: every === null ? null : every.grayP,
          outOfFieldGrayP: outOfField.grayP,
        },
      };
    });
  out.push(incidence("C10", "intrahepatic"));
  out.push(incidence("C11", "extrahepatic"));
  return out;
}
