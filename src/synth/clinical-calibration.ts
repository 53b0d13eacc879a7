/**
 * The published figures the simulated cohort is calibrated to (claims C1-C11 of
 * STUDY.md) and a function measuring them on a cohort with the project's own
 * survival functions:
 * - follow-up: reverse Kaplan-Meier median per arm (medianFollowUp);
 * - overall survival: Kaplan-Meier median per arm, log-rank test (kaplanMeier, logRank);
 * - failure patterns: cumulative incidence of first failure with death without
 *   failure as a competing risk, at 12 months, and Gray's test (cumulativeIncidence),
 *   once per site (local / intrahepatic / extrahepatic) and once with the two
 *   out-of-field sites together.
 *
 * `margin` of a numeric target (C4-C8) is the share of its tolerance still unused:
 * 1 at the published value, 0 at the edge, negative when it fails; yes/no targets
 * have none. The seed search picks
 * the seed whose smallest margin is largest (data/README.md).
 *
 * @example
 * const report = calibrationReport(measureClinicalCohort(loadCohort().fields));
 * report.filter((t) => !t.pass); // []
 */
import { kaplanMeier } from "../survival/kaplan-meier";
import { studyClaim } from "../claims/study-claims";
import { medianFollowUp } from "../survival/median-follow-up";
import { logRank } from "../survival/log-rank";
import { cumulativeIncidence, cumulativeIncidenceAt } from "../survival/cumulative-incidence";
import type { CumulativeIncidenceResult } from "../survival/cumulative-incidence";

/** The columns the measurement needs (a loaded cohort's `fields`, or generated records as columns). */
export interface CalibrationColumns {
  arm: ArrayLike<string>;
  enrolled: ArrayLike<string>;
  os_months: ArrayLike<number>;
  death: ArrayLike<number>;
  failure_site: ArrayLike<string>;
  failure_months: ArrayLike<number>;
  infield_response: ArrayLike<string>;
}

type ByArm = { TACE: number | null; "TACE+RT": number | null };

export interface ClinicalCalibration {
  n: { TACE: number; "TACE+RT": number };
  enrolledFirst: string;
  enrolledLast: string;
  /** Reverse Kaplan-Meier median follow-up, months. */
  followUp: ByArm;
  /** Kaplan-Meier median overall survival, months. */
  medianOs: ByArm;
  logRankP: number;
  /** TACE+RT patients whose irradiated lesion did not reach CR or PR. */
  irradiatedWithoutResponse: number;
  /** Cumulative incidence of first failure at 12 months (death without failure competing). */
  cif12: { local: ByArm; intrahepatic: ByArm; extrahepatic: ByArm; outOfField: ByArm };
  /** Gray's test P per site, and for intrahepatic + extrahepatic together. */
  grayP: { local: number; intrahepatic: number; extrahepatic: number; outOfField: number };
}

export interface CalibrationTarget {
  id: string;
  description: string;
  published: string;
  /** The accepted range, as text. */
  accepted: string;
  value: number | string | null;
  pass: boolean;
  /** Unused share of the tolerance (see the file comment); null for yes/no targets. */
  margin: number | null;
}

/** Accepted ranges of the tests (test/data/clinical-calibration.test.ts). */
export const CALIBRATION_TOLERANCE = {
  followUpMonths: 1.5,
  medianOsMonths: 1,
  logRankP: [0.55, 0.75] as [number, number],
  grayP: 0.05,
  enrollFrom: "1996-08-01",
  enrollTo: "2003-08-31",
};

const ARMS = ["TACE", "TACE+RT"] as const;
const SITES = ["local", "intrahepatic", "extrahepatic"] as const;

/** Measures C1-C11 on a cohort. */
export function measureClinicalCohort(c: CalibrationColumns): ClinicalCalibration {
  const n = c.arm.length;
  const arm = Array.from(c.arm);
  const byArm = (f: (rows: number[]) => number | null): ByArm => {
    const out: ByArm = { TACE: null, "TACE+RT": null };
    for (const a of ARMS) {
      const rows: number[] = [];
      for (let i = 0; i < n; i++) if (arm[i] === a) rows.push(i);
      out[a] = rows.length === 0 ? null : f(rows);
    }
    return out;
  };
  const pickNum = (x: ArrayLike<number>, rows: number[]): number[] => rows.map((i) => x[i]);
  const enrolled = Array.from(c.enrolled).sort();

  // Cause codes: per site, and with the out-of-field sites merged; death without failure competes.
  const siteCause = new Int32Array(n);
  const mergedCause = new Int32Array(n);
  let irradiatedWithoutResponse = 0;
  for (let i = 0; i < n; i++) {
    const s = c.failure_site[i];
    const k = SITES.indexOf(s as (typeof SITES)[number]);
    siteCause[i] = k >= 0 ? k + 1 : c.death[i] === 1 ? 4 : 0;
    mergedCause[i] = s === "local" ? 1 : s === "intrahepatic" || s === "extrahepatic" ? 2 : c.death[i] === 1 ? 3 : 0;
    if (arm[i] === "TACE+RT" && c.infield_response[i] !== "CR" && c.infield_response[i] !== "PR") irradiatedWithoutResponse++;
  }
  const levels = ARMS.slice();
  const bySite = cumulativeIncidence(c.failure_months, siteCause, arm, { levels });
  const merged = cumulativeIncidence(c.failure_months, mergedCause, arm, { levels });
  const at12 = (ci: CumulativeIncidenceResult, cause: number): ByArm => {
    const out: ByArm = { TACE: null, "TACE+RT": null };
    for (const a of ARMS) {
      const curve = ci.curves.find((k) => k.group === a && k.cause === cause);
      out[a] = curve === undefined ? 0 : cumulativeIncidenceAt(curve, [12]).estimate[0];
    }
    return out;
  };
  const grayOf = (ci: CumulativeIncidenceResult, cause: number): number => {
    const g = (ci.grayTest ?? []).find((t) => t.cause === cause);
    return g === undefined || g.pValue === null ? NaN : g.pValue;
  };

  return {
    n: { TACE: arm.filter((a) => a === "TACE").length, "TACE+RT": arm.filter((a) => a === "TACE+RT").length },
    enrolledFirst: enrolled[0],
    enrolledLast: enrolled[enrolled.length - 1],
    followUp: byArm((rows) => medianFollowUp(pickNum(c.os_months, rows), pickNum(c.death, rows)).median),
    medianOs: byArm((rows) => kaplanMeier(pickNum(c.os_months, rows), pickNum(c.death, rows)).median),
    logRankP: logRank(c.os_months, c.death, arm, { levels }).pValue,
    irradiatedWithoutResponse,
    cif12: { local: at12(bySite, 1), intrahepatic: at12(bySite, 2), extrahepatic: at12(bySite, 3), outOfField: at12(merged, 2) },
    grayP: { local: grayOf(bySite, 1), intrahepatic: grayOf(bySite, 2), extrahepatic: grayOf(bySite, 3), outOfField: grayOf(merged, 2) },
  };
}

/** The targets C1-C11 with their values, pass/fail and margins. */
export function calibrationReport(m: ClinicalCalibration): CalibrationTarget[] {
  const tol = CALIBRATION_TOLERANCE;
  const near = (id: string, description: string, value: number | null, target: number, within: number): CalibrationTarget => {
    const margin = value === null ? -Infinity : 1 - Math.abs(value - target) / within;
    return { id, description, published: String(target), accepted: `${target - within} to ${target + within}`, value, pass: margin >= 0, margin };
  };
  const exact = (id: string, description: string, value: number | string, target: number | string, pass: boolean, accepted: string): CalibrationTarget => ({
    id,
    description,
    published: String(target),
    accepted,
    value,
    pass,
    margin: null,
  });
  const [lo, hi] = tol.logRankP;
  const higher = (site: "intrahepatic" | "extrahepatic"): boolean => {
    const v = m.cif12[site];
    return v.TACE !== null && v["TACE+RT"] !== null && v["TACE+RT"] > v.TACE;
  };
  const cifText = (site: "intrahepatic" | "extrahepatic"): string =>
    `${fmt(m.cif12[site].TACE)} vs ${fmt(m.cif12[site]["TACE+RT"])}; Gray P (out-of-field) ${m.grayP.outOfField.toPrecision(3)}`;
  const outOfField = m.grayP.outOfField < tol.grayP;
  return [
    exact("C1", "TACE arm size", m.n.TACE, published("C1"), m.n.TACE === published("C1"), String(published("C1"))),
    exact("C2", "TACE+RT arm size", m.n["TACE+RT"], published("C2"), m.n["TACE+RT"] === published("C2"), String(published("C2"))),
    exact(
      "C3",
      "enrollment window",
      `${m.enrolledFirst} to ${m.enrolledLast}`,
      studyClaim("C3").published,
      m.enrolledFirst >= tol.enrollFrom && m.enrolledLast <= tol.enrollTo,
      `${tol.enrollFrom} to ${tol.enrollTo}`,
    ),
    near("C4", "median follow-up, TACE (reverse KM), months", m.followUp.TACE, published("C4"), tol.followUpMonths),
    near("C5", "median follow-up, TACE+RT (reverse KM), months", m.followUp["TACE+RT"], published("C5"), tol.followUpMonths),
    near("C6", "median overall survival, TACE, months", m.medianOs.TACE, published("C6"), tol.medianOsMonths),
    near("C7", "median overall survival, TACE+RT, months", m.medianOs["TACE+RT"], published("C7"), tol.medianOsMonths),
    {
      id: "C8",
      description: "log-rank P, overall survival",
      published: String(published("C8")),
      accepted: `${lo} to ${hi}`,
      value: m.logRankP,
      pass: m.logRankP > lo && m.logRankP < hi,
      margin: 1 - Math.abs(m.logRankP - (lo + hi) / 2) / ((hi - lo) / 2),
    },
    exact("C9", "TACE+RT patients whose irradiated lesion did not regress (not CR/PR)", m.irradiatedWithoutResponse, 0, m.irradiatedWithoutResponse === 0, "0"),
    exact(
      "C10",
      "12-month cumulative incidence of intrahepatic first failure, TACE vs TACE+RT",
      cifText("intrahepatic"),
      "higher after TACE+RT",
      higher("intrahepatic") && outOfField,
      "TACE+RT higher, Gray P (out-of-field) < 0.05",
    ),
    exact(
      "C11",
      "12-month cumulative incidence of extrahepatic first failure, TACE vs TACE+RT",
      cifText("extrahepatic"),
      "higher after TACE+RT",
      higher("extrahepatic") && outOfField,
      "TACE+RT higher, Gray P (out-of-field) < 0.05",
    ),
  ];
}

/** The published number of a claim (src/claims), so no published value is typed twice. */
function published(id: string): number {
  const value = studyClaim(id).publishedNumber;
  if (value === null) throw new Error(`claim ${id} has no published number`);
  return value;
}

function fmt(x: number | null): string {
  return x === null ? "NA" : x.toFixed(3);
}

/** The smallest margin over the targets that have one (the seed-search score). */
export function calibrationScore(report: CalibrationTarget[]): number {
  let worst = Infinity;
  for (const t of report) {
    if (!t.pass) return -Infinity;
    if (t.margin !== null && t.margin < worst) worst = t.margin;
  }
  return worst;
}
