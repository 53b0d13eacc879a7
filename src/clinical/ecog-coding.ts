/**
 * How to code ECOG performance status in the models of notebook 07, checked on the data:
 * Table 1 (notebook 01) shows ECOG by level, 0 / 1 / 2–4; the bias models (biasCovariates) use it per
 * point, a linear term. Three codings are fitted in the two models where ECOG matters — the
 * propensity model of RT at a landmark (logistic regression, as propensityAnalysis) and the
 * adjusted Cox model of death from enrollment (as naiveCox, adjusted) — with every other
 * covariate as biasCovariates codes it:
 *   "per point"  ecog (1 df);   "0 vs 1–4"  [ecog >= 1] (1 df);
 *   "categories" [ecog = 1] + [ecog >= 2] (2 df; 0, 1, 2–4: the levels beyond 2 are rare).
 * For each: -2 log likelihood, AIC (and in the Cox model the hazard ratio of the arm); and the likelihood-ratio test of the categories
 * against per point (does a straight line in ECOG lose information?), 1 df, and against
 * 0 vs 1–4 (does the dichotomy lose information?), 1 df. R: glm / coxph with the same
 * codings, anova(..., test = "LRT") (test/fixtures/r/clinical-weighting.R).
 * Also the ECOG distribution by arm (0, 1, 2–4). Needs the `ecog` column.
 *
 * @example
 * ecogCoding(loadCohort(), 6).models[0].perPointVsCategories.pValue;
 */
import { InputError } from "../core/index";
import { chiSquareUpper } from "../distributions/index";
import { logisticRegression } from "../stats/logistic-regression";
import { coxPH } from "../survival/cox";
import type { CohortData } from "./arms";
import { cohortArms } from "./arms";
import { biasCovariates } from "./bias-covariates";
import { rtStartColumn } from "./landmark-cox";

export type EcogCodingName = "per point" | "0 vs 1–4" | "categories";

export interface EcogModelCheck {
  model: string;
  n: number;
  /** -2 log likelihood and AIC of each coding (the other covariates unchanged). */
  fits: { coding: EcogCodingName; df: number; minus2LogLik: number; aic: number; exposureHazardRatio: number | null }[];
  /** Likelihood-ratio tests of the categories against each 1-df coding. */
  perPointVsCategories: { chiSq: number; df: number; pValue: number };
  dichotomyVsCategories: { chiSq: number; df: number; pValue: number };
}

export interface EcogCodingResult {
  /** Patients per arm at ECOG 0, 1 and 2–4 (recorded values only). */
  byArm: { arm: string; levels: [number, number, number]; n: number }[];
  models: EcogModelCheck[];
}

function codings(ecog: readonly number[]): Record<EcogCodingName, Record<string, number[]>> {
  return {
    "per point": { ecog: ecog.slice() },
    "0 vs 1–4": { ecog_1plus: ecog.map((e) => (Number.isNaN(e) ? NaN : e >= 1 ? 1 : 0)) },
    categories: { ecog_1: ecog.map((e) => (Number.isNaN(e) ? NaN : e === 1 ? 1 : 0)), ecog_2plus: ecog.map((e) => (Number.isNaN(e) ? NaN : e >= 2 ? 1 : 0)) },
  };
}

function lrt(a: number, b: number, df: number) {
  const chiSq = Math.max(0, a - b);
  return { chiSq, df, pValue: chiSquareUpper(chiSq, df) };
}

function check(model: string, n: number, m2ll: Record<EcogCodingName, number>, baseDf: number, hr: Record<EcogCodingName, number> | null): EcogModelCheck {
  const df: Record<EcogCodingName, number> = { "per point": 1, "0 vs 1–4": 1, categories: 2 };
  const names: EcogCodingName[] = ["per point", "0 vs 1–4", "categories"];
  return {
    model,
    n,
    fits: names.map((coding) => ({ coding, df: df[coding], minus2LogLik: m2ll[coding], aic: m2ll[coding] + 2 * (baseDf + df[coding]), exposureHazardRatio: hr === null ? null : hr[coding] })),
    perPointVsCategories: lrt(m2ll["per point"], m2ll.categories, 1),
    dichotomyVsCategories: lrt(m2ll["0 vs 1–4"], m2ll.categories, 1),
  };
}

/** Patients per arm at ECOG 0, 1 and 2–4 (recorded values; needs the ecog column). */
export function ecogByArm(cohort: CohortData): EcogCodingResult["byArm"] {
  const cov = biasCovariates(cohort);
  if (cov.names.indexOf("ecog") < 0) throw new InputError("ecog", null, null, "the cohort has no ecog column");
  const f = cohort.fields;
  const ecog = cov.columns.ecog;
  return cohortArms(cohort).map((arm) => {
    const levels: [number, number, number] = [0, 0, 0];
    f.arm.forEach((a, i) => {
      if (a !== arm || Number.isNaN(ecog[i])) return;
      levels[ecog[i] === 0 ? 0 : ecog[i] === 1 ? 1 : 2]++;
    });
    return { arm, levels, n: levels[0] + levels[1] + levels[2] };
  });
}

/** ECOG per point, dichotomized and categorical, compared; see the file comment. */
export function ecogCoding(cohort: CohortData, landmark: number): EcogCodingResult {
  const byArm = ecogByArm(cohort);
  const cov = biasCovariates(cohort);
  const f = cohort.fields;
  const arms = cohortArms(cohort);
  const ecog = cov.columns.ecog;
  const others = cov.names.filter((k) => k !== "ecog");
  const code = codings(ecog);
  const rows = f.arm.map((_, i) => i).filter((i) => cov.complete[i]);
  const pick = (cols: Record<string, number[]>, idx: readonly number[]) => {
    const out: Record<string, number[]> = {};
    for (const k of Object.keys(cols)) out[k] = idx.map((i) => cols[k][i]);
    return out;
  };
  const base = pick(Object.fromEntries(others.map((k) => [k, cov.columns[k]])), rows);
  // Propensity model at the landmark.
  const rtStart = rtStartColumn(cohort);
  const alive = rows.filter((i) => f.os_months[i] > landmark);
  const exposed = alive.map((i) => (!Number.isNaN(rtStart[i]) && rtStart[i] <= landmark ? 1 : 0));
  const baseAlive = pick(Object.fromEntries(others.map((k) => [k, cov.columns[k]])), alive);
  const ps = {} as Record<EcogCodingName, number>;
  const cox = {} as Record<EcogCodingName, number>;
  const hr = {} as Record<EcogCodingName, number>;
  const rt = rows.map((i) => (f.arm[i] === arms[1] ? 1 : 0));
  for (const name of Object.keys(code) as EcogCodingName[]) {
    ps[name] = logisticRegression(exposed, { ...baseAlive, ...pick(code[name], alive) }).deviance;
    const fit = coxPH(rows.map((i) => f.os_months[i]), rows.map((i) => f.death[i]), { rt, ...base, ...pick(code[name], rows) });
    cox[name] = -2 * fit.logLik;
    hr[name] = fit.hazardRatio[0];
  }
  return {
    byArm,
    models: [
      check(`propensity of RT by ${landmark} months (logistic)`, alive.length, ps, others.length + 1, null),
      check("death from enrollment, adjusted Cox", rows.length, cox, others.length + 1, hr),
    ],
  };
}
