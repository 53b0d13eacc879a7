/**
 * Cox proportional-hazards model of overall survival with the arm as the
 * exposure, unadjusted or adjusted for the baseline covariates, with the
 * proportional-hazards check (R: `coxph(Surv(os_months, death) ~ arm + …,
 * ties = "efron")` and `cox.zph(fit, transform = "km", terms = FALSE)`).
 *
 * Covariate coding (each hazard ratio is per the unit named):
 *   arm         1 = second arm (TACE+RT), 0 = reference arm (TACE)
 *   age         age / 10                      per 10 years older
 *   sex         1 = male, 0 = female
 *   hbv         1 = HBsAg positive, 0 = negative
 *   child_pugh  1 = Child-Pugh B, 0 = A
 *   tumor_cm    largest diameter in cm        per 1 cm larger (tumorScale "linear", the default)
 *   log_tumor   natural log of the diameter   per e-fold larger (tumorScale "log": notebooks 02, 03, 07)
 *   afp         log10(AFP in ng/mL), values below 1 ng/mL counted as 1 (the usual
 *               detection limit, so that log10 stays finite)   per 10-fold higher AFP
 * and, when the cohort has these optional columns (the reasons RT was given):
 *   ecog                    ECOG performance status              per point
 *   tumor_number            number of tumors                     per tumor
 *   portal_vein_thrombosis  1 = yes, 0 = no
 *   residual_viable_tumor   1 = viable tumor left after TACE (assessed before RT), 0 = no
 * An optional column the cohort lacks is listed in `omitted` ("column not in the data").
 * Missing values: a patient with any covariate of the model missing is left out
 * (complete-case analysis, coxPH's missing: "drop"); `dropped` counts them and
 * `missingBy` says how many lack each covariate. A covariate with one value only
 * among the complete cases cannot be estimated: it is left out of the model and
 * listed in `omitted` (e.g. a cohort of Child-Pugh A patients only).
 * Ties: Efron (R's default). The test of proportional hazards is cox.zph's score
 * test per covariate and GLOBAL, with the Kaplan-Meier time transform. When that
 * test cannot be computed (e.g. every death at one time: R's cox.zph stops with
 * "system is exactly singular"), the model is still returned, with `ph` null and
 * `phNote` saying why.
 *
 * The fitted model's AIC (R's AIC(fit): −2 log partial likelihood + 2 × coefficients) is in
 * `aic`; coxTumorScaleComparison fits the adjusted model with tumor size per cm and on the log
 * scale, on the same patients, and compares them by AIC.
 *
 * @example
 * const crude = coxByArm(loadCohort());                      // arm only
 * const adj = coxByArm(loadCohort(), { adjusted: true });
 * adj.terms[0];    // { name: "arm", label: "TACE+RT vs TACE", hazardRatio, lower, upper, pValue, ... }
 * adj.ph.pValue;   // per covariate, then GLOBAL
 */
import { InputError } from "../core/index";
import { chiSquareUpper } from "../distributions/index";
import { coxPH } from "../survival/cox";
import type { CoxPHResult } from "../survival/cox";
import { proportionalHazardsTest } from "../survival/cox-zph";
import type { ProportionalHazardsTestResult } from "../survival/cox-zph";
import { cohortArms } from "./arms";
import type { CohortData } from "./arms";

export interface CoxByArmOptions {
  /** Adjust for the baseline covariates (default false: the arm alone). */
  adjusted?: boolean;
  /** Tie handling (default "efron", as R). */
  ties?: "efron" | "breslow";
  /** Confidence level of the hazard-ratio limits (default 0.95). */
  confLevel?: number;
  /** How tumor size enters the adjusted model: "linear" (per cm, the default) or "log" (natural log of cm, as notebooks 03 and 07). */
  tumorScale?: "linear" | "log";
  /** How ECOG enters the adjusted model: "per point" (one linear term, the default) or "categories" (ECOG 1 and ECOG 2–4 against 0, 2 df). */
  ecogScale?: "per point" | "categories";
}

/** One model term with its coding and estimate. */
export interface CoxTerm {
  /** Covariate key: "arm", "age", "sex", "hbv", "child_pugh", "tumor_cm", "afp", and the optional "ecog", "tumor_number", "portal_vein_thrombosis", "residual_viable_tumor". */
  name: string;
  /** What the hazard ratio compares, e.g. "TACE+RT vs TACE", "per 10 years". */
  label: string;
  /** How the column enters the model, in words. */
  coding: string;
  coef: number;
  se: number;
  hazardRatio: number;
  lower: number;
  upper: number;
  pValue: number;
}

export interface CoxByArmResult {
  adjusted: boolean;
  /** How tumor size entered (adjusted models; "linear" for the unadjusted one, which has no tumor term). */
  tumorScale: "linear" | "log";
  /** AIC of the fit, R's AIC(coxph): −2 log partial likelihood + 2 × number of coefficients. */
  aic: number;
  arms: string[];
  terms: CoxTerm[];
  /** The full coxPH result (tests of the whole model, concordance, …). */
  fit: CoxPHResult;
  /** cox.zph score test per term and GLOBAL; null when it cannot be computed (see phNote). */
  ph: ProportionalHazardsTestResult | null;
  /** Why the proportional-hazards test could not be computed (e.g. "its information matrix is singular (…)"), else null. */
  phNote: string | null;
  /** Patients and deaths in the model. */
  n: number;
  nEvent: number;
  /** Patients left out for a missing covariate. */
  dropped: number;
  /** Patients missing each covariate (keys as CoxTerm.name). */
  missingBy: Record<string, number>;
  /** Covariates left out of the model, with why. */
  omitted: { name: string; reason: string }[];
}

interface CovariateSpec {
  name: string;
  label: string;
  coding: string;
  values: (cohort: CohortData) => number[];
  /** An optional cohort column (may be absent from the data). */
  optional?: string;
}

/** An optional 0/1 or count column as numbers (NaN where missing). */
function optionalColumn(c: CohortData, name: string): number[] {
  return ((c.fields as unknown as Record<string, number[]>)[name] as number[]).slice();
}

function indicator(values: readonly string[], one: string, zero: string): number[] {
  return values.map((v) => (v === one ? 1 : v === zero ? 0 : NaN));
}

const COVARIATES: CovariateSpec[] = [
  {
    name: "age",
    label: "Age, per 10 years",
    coding: "age in years / 10",
    values: (c) => c.fields.age.map((a) => a / 10),
  },
  { name: "sex", label: "Male vs female", coding: "1 = male, 0 = female", values: (c) => indicator(c.fields.sex, "M", "F") },
  {
    name: "hbv",
    label: "HBsAg positive vs negative",
    coding: "1 = HBsAg positive, 0 = negative",
    values: (c) => c.fields.hbv.map((v) => (v === 1 ? 1 : v === 0 ? 0 : NaN)),
  },
  { name: "child_pugh", label: "Child-Pugh B vs A", coding: "1 = class B, 0 = class A", values: (c) => indicator(c.fields.child_pugh, "B", "A") },
  { name: "tumor_cm", label: "Tumor diameter, per cm", coding: "largest diameter in cm", values: (c) => c.fields.tumor_cm.slice() },
  {
    name: "afp",
    label: "AFP, per 10-fold higher",
    coding: "log10(AFP ng/mL), values below 1 counted as 1",
    values: (c) => c.fields.afp_ng_ml.map((v) => (Number.isNaN(v) ? NaN : Math.log10(Math.max(v, 1)))),
  },
  { name: "ecog", label: "ECOG, per point", coding: "ECOG performance status 0-4", values: (c) => optionalColumn(c, "ecog"), optional: "ecog" },
  { name: "tumor_number", label: "Number of tumors, per tumor", coding: "number of tumors", values: (c) => optionalColumn(c, "tumor_number"), optional: "tumor_number" },
  {
    name: "portal_vein_thrombosis",
    label: "Portal vein thrombosis",
    coding: "1 = portal vein thrombosis, 0 = none",
    values: (c) => optionalColumn(c, "portal_vein_thrombosis"),
    optional: "portal_vein_thrombosis",
  },
  {
    name: "residual_viable_tumor",
    label: "Residual viable tumor after TACE",
    coding: "1 = viable tumor left at the post-TACE assessment, 0 = none",
    values: (c) => optionalColumn(c, "residual_viable_tumor"),
    optional: "residual_viable_tumor",
  },
];

/** The baseline covariates a model of the arm adjusts for, as coxByArm codes them (see the file comment). */
export interface AdjustmentCovariates {
  /** Columns of the covariates kept, by name (NaN where missing), over all patients of the cohort. */
  columns: Record<string, number[]>;
  /** The covariates kept, in model order, with their labels, coding and the cohort column each comes from. */
  specs: { name: string; label: string; coding: string; column: string }[];
  /** Patients (among `rows`) missing each candidate covariate. */
  missingBy: Record<string, number>;
  /** Covariates left out, with why (column not in the data, not recorded, no variation among the complete cases). */
  omitted: { name: string; reason: string }[];
}

/** The cohort column of each non-optional covariate. */
const COLUMN_OF: Record<string, string> = { age: "age", sex: "sex", hbv: "hbv", child_pugh: "child_pugh", tumor_cm: "tumor_cm", log_tumor: "tumor_cm", afp: "afp_ng_ml" };

/** Tumor size on the log scale (notebook 07's coding, biasCovariates' log_tumor). */
const LOG_TUMOR: CovariateSpec = {
  name: "log_tumor",
  label: "Tumor diameter, per e-fold (log cm)",
  coding: "natural log of the largest diameter in cm",
  values: (c) =>
    c.fields.tumor_cm.map((v, i) => {
      if (v === 0) throw new InputError("tumor_cm", i, v, "must be greater than 0 to enter the model on the log scale");
      return Math.log(v);
    }),
};

export interface AdjustmentCovariatesOptions {
  /** How tumor size enters: "linear" (tumor_cm, per cm; coxByArm's coding, the default) or "log" (log_tumor, natural log of cm, as notebook 07). */
  tumorScale?: "linear" | "log";
  /** How ECOG enters: "per point" (the default) or "categories" (ecog_1 = [ECOG 1], ecog_2plus = [ECOG 2–4], reference 0). */
  ecogScale?: "per point" | "categories";
}

/** ECOG as categories: indicators of ECOG 1 and of ECOG 2–4, ECOG 0 the reference (NaN where missing). */
const ECOG_CATEGORIES: CovariateSpec[] = [
  { name: "ecog_1", label: "ECOG 1 vs 0", coding: "1 = ECOG 1, 0 = other", values: (c) => optionalColumn(c, "ecog").map((v) => (Number.isNaN(v) ? NaN : v === 1 ? 1 : 0)), optional: "ecog" },
  { name: "ecog_2plus", label: "ECOG 2–4 vs 0", coding: "1 = ECOG 2 to 4, 0 = other", values: (c) => optionalColumn(c, "ecog").map((v) => (Number.isNaN(v) ? NaN : v >= 2 ? 1 : 0)), optional: "ecog" },
];

/**
 * The covariates coxByArm adjusts for, chosen among the patients `rows` (default all): the
 * original baseline columns and the optional RT-indication columns the cohort has; a
 * covariate not recorded for any of them, or with one value only among those with every
 * covariate recorded, is left out and listed in `omitted`. Other models of the arm
 * (e.g. failure timed from RT, src/clinical/failure-from-rt.ts) adjust for the same set;
 * `tumorScale: "log"` codes tumor size as its natural log (log_tumor) instead of cm.
 */
export function adjustmentCovariates(cohort: CohortData, rows?: readonly number[], options: AdjustmentCovariatesOptions = {}): AdjustmentCovariates {
  const f = cohort.fields;
  const tumorScale = options.tumorScale ?? "linear";
  if (tumorScale !== "linear" && tumorScale !== "log") throw new InputError("tumorScale", null, tumorScale, 'must be "linear" or "log"');
  const ecogScale = options.ecogScale ?? "per point";
  if (ecogScale !== "per point" && ecogScale !== "categories") throw new InputError("ecogScale", null, ecogScale, 'must be "per point" or "categories"');
  const specsTumor = tumorScale === "linear" ? COVARIATES : COVARIATES.map((s) => (s.name === "tumor_cm" ? LOG_TUMOR : s));
  const specsIn = ecogScale === "per point" ? specsTumor : specsTumor.flatMap((s) => (s.name === "ecog" ? ECOG_CATEGORIES : [s]));
  const idx = rows === undefined ? f.arm.map((_, i) => i) : rows.slice();
  const missingBy: Record<string, number> = {};
  const omitted: { name: string; reason: string }[] = [];
  const inData = (s: CovariateSpec): boolean => s.optional === undefined || (f as unknown as Record<string, unknown>)[s.optional] !== undefined;
  for (const s of specsIn) if (!inData(s)) omitted.push({ name: s.name, reason: "column not in the data" });
  let candidates = specsIn.filter(inData).map((s) => ({ spec: s, values: s.values(cohort) }));
  candidates.forEach((c) => (missingBy[c.spec.name] = idx.filter((i) => Number.isNaN(c.values[i])).length));
  candidates = candidates.filter((c) => {
    if (missingBy[c.spec.name] < idx.length) return true;
    omitted.push({ name: c.spec.name, reason: "not recorded for any patient" });
    return false;
  });
  const complete = (i: number): boolean => candidates.every((c) => !Number.isNaN(c.values[i]));
  const columns: Record<string, number[]> = {};
  const specs: { name: string; label: string; coding: string; column: string }[] = [];
  for (const c of candidates) {
    let first: number | null = null;
    let varies = false;
    let any = false;
    for (const i of idx) {
      if (varies) break;
      if (!complete(i)) continue;
      any = true;
      if (first === null) first = c.values[i];
      else if (c.values[i] !== first) varies = true;
    }
    if (!any) {
      omitted.push({ name: c.spec.name, reason: "no patient has every covariate recorded" });
    } else if (!varies) {
      omitted.push({ name: c.spec.name, reason: `the same value (${first}) in every complete case` });
    } else {
      columns[c.spec.name] = c.values;
      specs.push({ name: c.spec.name, label: c.spec.label, coding: c.spec.coding, column: c.spec.optional ?? COLUMN_OF[c.spec.name] });
    }
  }
  return { columns, specs, missingBy, omitted };
}

/** Cox model of overall survival by arm; see the file comment. */
export function coxByArm(cohort: CohortData, options: CoxByArmOptions = {}): CoxByArmResult {
  const arms = cohortArms(cohort);
  if (arms.length !== 2) throw new InputError("arm", null, arms.join(", "), "the Cox model compares exactly two arms");
  const adjusted = options.adjusted === true;
  const tumorScale = options.tumorScale ?? "linear";
  if (tumorScale !== "linear" && tumorScale !== "log") throw new InputError("tumorScale", null, tumorScale, 'must be "linear" or "log"');
  const f = cohort.fields;
  const n = f.arm.length;
  const columns: Record<string, number[]> = { arm: f.arm.map((a) => (a === arms[1] ? 1 : 0)) };
  const specs: { name: string; label: string; coding: string }[] = [{ name: "arm", label: `${arms[1]} vs ${arms[0]}`, coding: `1 = ${arms[1]}, 0 = ${arms[0]}` }];
  const missingBy: Record<string, number> = { arm: 0 };
  const omitted: { name: string; reason: string }[] = [];
  if (adjusted) {
    const adj = adjustmentCovariates(cohort, undefined, { tumorScale, ecogScale: options.ecogScale });
    for (const s of adj.specs) {
      columns[s.name] = adj.columns[s.name];
      specs.push(s);
    }
    Object.assign(missingBy, adj.missingBy);
    omitted.push(...adj.omitted);
  }
  const used: Record<string, number[]> = {};
  for (const s of specs) used[s.name] = columns[s.name];
  const fit = coxPH(f.os_months, f.death, used, {
    ties: options.ties === undefined ? "efron" : options.ties,
    confLevel: options.confLevel,
    missing: "drop",
  });
  let ph: ProportionalHazardsTestResult | null = null;
  let phNote: string | null = null;
  try {
    ph = proportionalHazardsTest(fit);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    phNote = error.message.replace(/^fit: /, "").replace(/^the proportional-hazards test cannot be computed: /, "");
  }
  const terms: CoxTerm[] = specs.map((s, j) => ({
    name: s.name,
    label: s.label,
    coding: s.coding,
    coef: fit.coef[j],
    se: fit.se[j],
    hazardRatio: fit.hazardRatio[j],
    lower: fit.lower[j],
    upper: fit.upper[j],
    pValue: fit.pValue[j],
  }));
  const aic = -2 * fit.logLik + 2 * terms.length;
  return { adjusted, tumorScale, aic, arms, terms, fit, ph, phNote, n: fit.n, nEvent: fit.nEvent, dropped: fit.dropped, missingBy, omitted };
}

/** The adjusted Cox model of the arm with tumor size per cm and on the log scale, compared by AIC. */
export interface CoxTumorScaleComparison {
  /** The two adjusted fits, per cm ("linear") first, on the same patients. */
  fits: { tumorScale: "linear" | "log"; model: CoxByArmResult; aic: number; arm: CoxTerm; tumor: CoxTerm | null }[];
  /** The coding with the lower AIC. */
  better: "linear" | "log";
  /** AIC per cm minus AIC log: positive favours the log scale. Both models have the same number of coefficients, so this is the difference of −2 log partial likelihoods. */
  difference: number;
}

/**
 * Adjusted Cox model of the arm with tumor size per cm and as log(cm), each with every other
 * covariate as coxByArm codes it, compared by AIC (lower fits better; same number of
 * coefficients, so a difference of 2 or more is the usual mark of a real difference). R:
 * AIC(coxph(...tumor_cm...)) and AIC(coxph(...log(tumor_cm)...)) (test/fixtures/r/clinical-analyses.R).
 *
 * @example
 * const s = coxTumorScaleComparison(loadCohort());
 * s.better; s.difference; s.fits.map((x) => x.arm.hazardRatio);
 */
export function coxTumorScaleComparison(cohort: CohortData, options: { confLevel?: number; ties?: "efron" | "breslow" } = {}): CoxTumorScaleComparison {
  const fits = (["linear", "log"] as const).map((tumorScale) => {
    const model = coxByArm(cohort, { adjusted: true, tumorScale, confLevel: options.confLevel, ties: options.ties });
    const tumor = model.terms.filter((t) => t.name === (tumorScale === "linear" ? "tumor_cm" : "log_tumor"))[0];
    return { tumorScale, model, aic: model.aic, arm: model.terms[0], tumor: tumor === undefined ? null : tumor };
  });
  if (fits[0].model.n !== fits[1].model.n) throw new InputError("tumor_cm", null, null, "the per-cm and log models are fitted to different patients");
  const difference = fits[0].aic - fits[1].aic;
  return { fits, better: difference > 0 ? "log" : "linear", difference };
}

/** What the text under a Cox table reports: the arm's term, other terms below alpha, and the proportional-hazards checks. */
export interface CoxSummary {
  /** The arm's term. */
  arm: CoxTerm;
  /** Other terms with P below alpha. */
  associated: CoxTerm[];
  /** cox.zph P for the arm and the GLOBAL test; null when the test could not be computed (CoxByArmResult.phNote). */
  phArm: number | null;
  phGlobal: number | null;
  /** Terms whose cox.zph P is below alpha (label and P). */
  phDepartures: { name: string; label: string; pValue: number }[];
  alpha: number;
}

/** Summary of a coxByArm result at level alpha (default 0.05). */
export function coxSummary(c: CoxByArmResult, alpha = 0.05): CoxSummary {
  const label = (name: string): string => {
    const t = c.terms.filter((x) => x.name === name)[0];
    return t === undefined ? name : t.label;
  };
  const phDepartures: { name: string; label: string; pValue: number }[] = [];
  const ph = c.ph;
  if (ph !== null) {
    ph.terms.forEach((name, i) => {
      if (name !== "GLOBAL" && ph.pValue[i] < alpha) phDepartures.push({ name, label: label(name), pValue: ph.pValue[i] });
    });
  }
  return {
    arm: c.terms[0],
    associated: c.terms.slice(1).filter((t) => t.pValue < alpha),
    phArm: ph === null ? null : ph.pValue[ph.terms.indexOf("arm")],
    phGlobal: ph === null ? null : ph.pValue[ph.terms.indexOf("GLOBAL")],
    phDepartures,
    alpha,
  };
}

/** Likelihood-ratio test of ECOG as categories against ECOG per point, both coxByArm fits of the same patients. */
export interface EcogCategoriesVsPerPoint {
  /** AIC of each coding (-2 log partial likelihood + 2 x coefficients). */
  aicPerPoint: number;
  aicCategories: number;
  /** 2 x (log partial likelihood of categories - of per point), on the difference in coefficients (1 with ECOG 0 / 1 / 2–4). */
  chiSq: number;
  df: number;
  pValue: number;
}

/**
 * Does a straight line in ECOG lose information? The per-point model is nested in the categories model
 * (ECOG 0 / 1 / 2–4 with 2 df; per point is the special case ecog_2plus = 2 x ecog_1 when only ECOG 2 is
 * beyond 1), so the likelihood-ratio statistic is chi-square on the difference in coefficients, as R's
 * anova(fit_per_point, fit_categories).
 *
 * @example
 * const a = coxByArm(cohort, { adjusted: true, tumorScale: "log" });
 * const b = coxByArm(cohort, { adjusted: true, tumorScale: "log", ecogScale: "categories" });
 * ecogCategoriesVsPerPoint(a, b).pValue;
 */
export function ecogCategoriesVsPerPoint(perPoint: CoxByArmResult, categories: CoxByArmResult): EcogCategoriesVsPerPoint {
  const names = (m: CoxByArmResult) => m.terms.map((t) => t.name);
  if (names(perPoint).indexOf("ecog") < 0) throw new InputError("perPoint", null, names(perPoint).join(", "), "must be a fit with ECOG per point (term ecog)");
  if (names(categories).indexOf("ecog_1") < 0) throw new InputError("categories", null, names(categories).join(", "), "must be a fit with ECOG as categories (terms ecog_1, ecog_2plus)");
  if (perPoint.n !== categories.n || perPoint.nEvent !== categories.nEvent || perPoint.dropped !== categories.dropped) {
    throw new InputError("categories", null, `${categories.n} vs ${perPoint.n} patients`, "the two fits must use the same patients");
  }
  const df = categories.terms.length - perPoint.terms.length;
  if (df < 1) throw new InputError("categories", null, df, "must have more coefficients than the per-point fit");
  const chiSq = Math.max(0, 2 * (categories.fit.logLik - perPoint.fit.logLik));
  return { aicPerPoint: perPoint.aic, aicCategories: categories.aic, chiSq, df, pValue: chiSquareUpper(chiSq, df) };
}
