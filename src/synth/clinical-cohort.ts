/**
 * Simulated clinical cohort (the study's patient records were never published).
 *
 * One population of patients treated with TACE; some of them later receive conformal RT.
 * Times are months from enrollment (the first TACE). Every assumption, the true effects
 * of RT and the published figures the model is calibrated to are listed in data/README.md.
 * Per patient:
 * 1. Baseline covariates: age, sex, HBV and Child-Pugh independent; tumor size, AFP,
 *    portal vein thrombosis (PVT), tumor number and ECOG share a latent tumor burden
 *    (Gaussian copula), so they are correlated.
 * 2. Response of the treated lesion to TACE at the assessment time a (uniform): an ordinal
 *    draw that worsens with the burden. Residual viable tumor = response other than CR.
 *    PD is local progression at a. Every patient lives to a.
 * 3. Progression at each site (local = treated lesion, intrahepatic out of field,
 *    extrahepatic) and death: hazards constant in time from a, proportional in the
 *    covariates. Death's hazard also rises with each progression (a multi-state model) and
 *    carries an unmeasured frailty.
 * 4. RT: every patient has a planned start d = a + a planning delay. Patients alive and free
 *    of progression at d are eligible; `nRt` of them receive RT, drawn without replacement
 *    with weights exp(propensity score) of the covariates (the propensity model). From d on,
 *    RT multiplies each site's progression hazard and the death hazard by its hazard ratio
 *    (`rtEffects`), and the irradiated lesion's response is redrawn (`rtResponse`). Everyone
 *    else is TACE alone.
 * 5. Enrollment date (uniform over the accrual window) and loss to follow-up (exponential
 *    from d, at a lower rate in the TACE+RT arm) are drawn after the arms are known,
 *    stratified within each arm; censoring is the earlier of loss and the data cut-off.
 *    Optional, off in the committed cohort: loss that rises in the months before a patient's
 *    progression (`informativeLoss`), and an extra scan after RT that finds progressions
 *    earlier in irradiated patients (`detectionAfterRt`); data/README.md gives their effects.
 * The CSV holds what a clinic records: overall survival, the first progression at each site
 * seen before death or last contact, the first failure (the earliest of them), the RT start,
 * and the covariates.
 *
 * The latent times come from unit-exponential draws fixed per patient, so each patient's
 * course with and without RT uses the same random numbers (common random numbers): the
 * potential outcomes behind the true total effect of RT (clinicalPotentialOutcomes,
 * src/synth/clinical-truth.ts).
 *
 * Random numbers: one seedrandom (ARC4) stream per random quantity, seeded
 * `${seed}/${quantity}` (enrollment and loss: `${seed}/enrolled/${arm}`, `${seed}/loss/${arm}`),
 * of stratified uniforms; normal variates by inverse transform with src/distributions'
 * normalQuantile. The file is byte-identical on every run.
 *
 * @example
 * const rows = generateClinicalCohort();   // the committed data/clinical/cohort.csv
 * fs.writeFileSync("cohort.csv", clinicalCohortCsv(rows));
 * generateClinicalCohort("x-1", clinicalNullParams("no-rt-effect")); // a null cohort
 */
import seedrandom from "seedrandom";
import { normalQuantile, normalUpper } from "../distributions/index";
import { daysToIsoDate, isoDateToDays } from "../data/values";
import { DAYS_PER_MONTH, Arm, FailureSite, Response } from "../data/clinical";

/** A progression site. */
export type Site = Exclude<FailureSite, "none">;
export const SITES: readonly Site[] = ["local", "intrahepatic", "extrahepatic"];

/** Weights of the RT propensity score (log scale, per unit named). */
export interface PropensityModel {
  /** Residual viable tumor after TACE (1 = yes). */
  residualTumor: number;
  portalVeinThrombosis: number;
  /** Per tumor beyond the first, counted up to `tumorNumberCap`. */
  tumorNumber: number;
  tumorNumberCap: number;
  /** Per ECOG point. */
  ecog: number;
  childPughB: number;
  /** Per unit of log(tumor / median). */
  logTumor: number;
  /** Per 10 years of age above 57. */
  age10: number;
}

/** Log hazard ratios of a progression site (per unit named). */
export interface SiteModel {
  /** Probability of progression at this site within 12 months of the assessment at the reference covariates, with nothing competing (sets the constant hazard). */
  p12: number;
  portalVeinThrombosis: number;
  /** Per tumor beyond the first, counted up to `tumorNumberCap` of the propensity model. */
  tumorNumber: number;
  logTumor: number;
  logAfp: number;
}

export interface ClinicalParams {
  /** Accrual window, inclusive (YYYY-MM-DD). */
  enrollFrom: string;
  enrollTo: string;
  /** Data cut-off: administrative censoring date (YYYY-MM-DD). */
  cutoff: string;
  /** Patients in all, and how many receive RT. */
  n: number;
  nRt: number;
  /** Baseline covariates (assumed; the study publishes none). */
  covariates: {
    age: { mean: number; sd: number; min: number; max: number };
    maleShare: number;
    hbvShare: number;
    childPughBShare: number;
    /** Largest diameter, log-normal (median, sd of log), truncated to [min, max]; `burden` = correlation of its log with the latent burden. */
    tumorCm: { median: number; sdLog: number; min: number; max: number; burden: number };
    afp: { median: number; sdLog: number; min: number; max: number; burden: number };
    portalVeinThrombosis: { share: number; burden: number };
    /** P(number of tumors = 1, 2, ...), the last value standing for that many or more. */
    tumorNumber: { probs: number[]; burden: number };
    /** P(ECOG = 0, 1, 2, ...). */
    ecog: { probs: number[]; burden: number };
  };
  /** Response of the treated lesion to TACE: probabilities of CR, PR, SD, PD (at average burden), and the correlation of the latent response with the burden (worse with more). */
  taceResponse: { probs: Record<Response, number>; burden: number };
  /** Months from enrollment to the response assessment: uniform on [from, to]. */
  assessment: { from: number; to: number };
  /** Months from the assessment to the (planned) start of RT: uniform on [from, to]. */
  rtDelay: { from: number; to: number };
  /** How RT is assigned: through the propensity model among the eligible, or at random at enrollment (a null scenario). */
  assignment: "propensity" | "random";
  propensity: PropensityModel;
  /**
   * Recorded response of the irradiated lesion after RT: probabilities of CR, PR, SD and PD
   * (each in [0, 1], summing to 1; checkRtResponse), drawn independently of the patient's
   * covariates and of later local progression; null = RT does not change the lesion, whose
   * response stays the TACE response. The default (CR 0.35, PR 0.65) makes every irradiated
   * lesion regress (claim C9 true); SD or PD above 0 makes some not regress (C9 false).
   */
  rtResponse: { probs: Record<Response, number> } | null;
  /** Local progression: 12-month probability by TACE response (CR, PR, SD; PD is progression at the assessment) and log hazard ratios. */
  local: { p12: Record<"CR" | "PR" | "SD", number>; logTumor: number };
  intrahepatic: SiteModel;
  extrahepatic: SiteModel;
  /** Death: yearly probability without progression at prognostic index 0, the index's terms, the frailty and the rise after progression. */
  death: {
    perYear: number;
    childPughB: number;
    logTumor: number;
    logAfp: number;
    portalVeinThrombosis: number;
    /** Per ECOG point. */
    ecog: number;
    /** SD of an unmeasured normal term (liver reserve, tumor biology). */
    frailtySd: number;
    /** Log hazard ratios after progression: any site, plus extra for intrahepatic and extrahepatic. */
    afterProgression: number;
    afterIntrahepatic: number;
    afterExtrahepatic: number;
  };
  /** Hazard ratios of RT from its start on, conditional on the covariates (and on frailty and progression state). */
  rtEffects: { death: number; local: number; intrahepatic: number; extrahepatic: number };
  /** Loss to follow-up, yearly probability (exponential) from the planned RT start: TACE alone, and TACE+RT. */
  lossPerYear: { tace: number; afterRt: number };
  /**
   * Loss to follow-up that depends on impending progression (informative censoring; absent or
   * null: none, the committed cohort). In the `months` months before a patient's first latent
   * progression at one of `sites` (default all three), the hazard of loss is multiplied by
   * `hazardRatio` (patients about to progress stop coming back, or progress at a referring
   * hospital that does not report it), in the arms `arms` (default both). Censoring at random
   * given the covariates no longer holds; see checkInformativeLoss.
   */
  informativeLoss?: InformativeLoss | null;
  /**
   * Earlier detection of progression after RT (detection bias; absent or null: none, the committed
   * cohort). Irradiated patients get one extra scan `scanMonths` after the start of RT (the
   * post-RT response scan): a progression at one of `sites` (default all three) that routine
   * follow-up would have found within `leadMonths` after that scan is found at the scan instead,
   * up to `leadMonths` earlier. Only what is recorded moves: the latent course (and death, whose
   * hazard rises after progression) is unchanged; see checkDetectionAfterRt.
   */
  detectionAfterRt?: DetectionAfterRt | null;
}

/** See ClinicalParams.informativeLoss. */
export interface InformativeLoss {
  hazardRatio: number;
  months: number;
  arms?: Arm[];
  sites?: Site[];
}

/** See ClinicalParams.detectionAfterRt. */
export interface DetectionAfterRt {
  scanMonths: number;
  leadMonths: number;
  sites?: Site[];
}

function checkSites(sites: unknown, what: string): void {
  if (sites === undefined) return;
  if (!Array.isArray(sites) || sites.length === 0) throw new Error(`${what}.sites must be a non-empty list of ${SITES.join(", ")}, got ${JSON.stringify(sites)}`);
  sites.forEach((x, k) => {
    if (SITES.indexOf(x as Site) < 0) throw new Error(`${what}.sites[${k}] must be one of ${SITES.join(", ")}, got ${JSON.stringify(x)}`);
  });
}

/**
 * Checks an `informativeLoss` parameter: null/absent, or a hazard ratio ≥ 0 and a window of
 * months > 0, with optional arms (TACE, TACE+RT) and sites. Throws an Error naming the bad entry.
 *
 * @example
 * checkInformativeLoss({ hazardRatio: 8, months: 3, arms: ["TACE"] }); // fine
 */
export function checkInformativeLoss(x: ClinicalParams["informativeLoss"]): void {
  if (x === null || x === undefined) return;
  if (typeof x !== "object") throw new Error(`informativeLoss must be null or { hazardRatio, months, arms?, sites? }, got ${JSON.stringify(x)}`);
  if (typeof x.hazardRatio !== "number" || !Number.isFinite(x.hazardRatio) || x.hazardRatio < 0) throw new Error(`informativeLoss.hazardRatio must be a finite number ≥ 0, got ${JSON.stringify(x.hazardRatio)}`);
  if (typeof x.months !== "number" || !Number.isFinite(x.months) || x.months <= 0) throw new Error(`informativeLoss.months must be a finite number > 0, got ${JSON.stringify(x.months)}`);
  if (x.arms !== undefined) {
    if (!Array.isArray(x.arms) || x.arms.length === 0) throw new Error(`informativeLoss.arms must be a non-empty list of TACE, TACE+RT, got ${JSON.stringify(x.arms)}`);
    x.arms.forEach((a, k) => {
      if (a !== "TACE" && a !== "TACE+RT") throw new Error(`informativeLoss.arms[${k}] must be "TACE" or "TACE+RT", got ${JSON.stringify(a)}`);
    });
  }
  checkSites(x.sites, "informativeLoss");
}

/**
 * Checks a `detectionAfterRt` parameter: null/absent, or scanMonths > 0 and leadMonths > 0, with
 * optional sites. Throws an Error naming the bad entry.
 *
 * @example
 * checkDetectionAfterRt({ scanMonths: 2, leadMonths: 3 }); // fine
 */
export function checkDetectionAfterRt(x: ClinicalParams["detectionAfterRt"]): void {
  if (x === null || x === undefined) return;
  if (typeof x !== "object") throw new Error(`detectionAfterRt must be null or { scanMonths, leadMonths, sites? }, got ${JSON.stringify(x)}`);
  for (const key of ["scanMonths", "leadMonths"] as const) {
    const v = x[key];
    if (typeof v !== "number" || !Number.isFinite(v) || v <= 0) throw new Error(`detectionAfterRt.${key} must be a finite number > 0, got ${JSON.stringify(v)}`);
  }
  checkSites(x.sites, "detectionAfterRt");
}

/** The parameters of the committed cohort (data/README.md gives each one's reason). */
export const CLINICAL_PARAMS: ClinicalParams = {
  enrollFrom: "1996-08-01",
  enrollTo: "2003-08-31",
  cutoff: "2005-06-30",
  n: 340,
  nRt: 64,
  covariates: {
    age: { mean: 57, sd: 11, min: 25, max: 85 },
    maleShare: 0.82,
    hbvShare: 0.75,
    childPughBShare: 0.18,
    tumorCm: { median: 7.5, sdLog: 0.4, min: 2.5, max: 20, burden: 0.5 },
    afp: { median: 150, sdLog: 2, min: 1, max: 500000, burden: 0.4 },
    portalVeinThrombosis: { share: 0.25, burden: 0.5 },
    tumorNumber: { probs: [0.4, 0.25, 0.15, 0.1, 0.05, 0.05], burden: 0.4 },
    ecog: { probs: [0.45, 0.42, 0.13], burden: 0.3 },
  },
  taceResponse: { probs: { CR: 0.1, PR: 0.47, SD: 0.31, PD: 0.12 }, burden: 0.4 },
  assessment: { from: 1, to: 3 },
  rtDelay: { from: 0.5, to: 2.5 },
  assignment: "propensity",
  propensity: { residualTumor: 2, portalVeinThrombosis: 2, tumorNumber: -0.35, tumorNumberCap: 4, ecog: -0.3, childPughB: -0.8, logTumor: -0.3, age10: -0.15 },
  rtResponse: { probs: { CR: 0.35, PR: 0.65, SD: 0, PD: 0 } },
  local: { p12: { CR: 0.08, PR: 0.22, SD: 0.4 }, logTumor: 0.4 },
  intrahepatic: { p12: 0.25, portalVeinThrombosis: 0.5, tumorNumber: 0.15, logTumor: 0.3, logAfp: 0.08 },
  extrahepatic: { p12: 0.07, portalVeinThrombosis: 0.7, tumorNumber: 0, logTumor: 0.3, logAfp: 0.12 },
  death: {
    perYear: 0.08,
    childPughB: 0.5,
    logTumor: 0.4,
    logAfp: 0.08,
    portalVeinThrombosis: 0.8,
    ecog: 0.25,
    frailtySd: 0.6,
    afterProgression: 1.8,
    afterIntrahepatic: 0.3,
    afterExtrahepatic: 0.8,
  },
  rtEffects: { death: 1, local: 0.3, intrahepatic: 1.7, extrahepatic: 2.2 },
  lossPerYear: { tace: 0.145, afterRt: 0.07 },
};

/** The null scenarios of the rule checks (src/synth/clinical-rule-checks.ts). */
export type ClinicalNullScenario = "no-rt-effect" | "exchangeable-arms";

/**
 * The calibrated model with RT's effect removed:
 * - "no-rt-effect": RT changes nothing (hazard ratios 1 for death and every site, the
 *   irradiated lesion keeps its TACE response); who receives RT and when is unchanged, so
 *   confounding by indication and immortal time remain.
 * - "exchangeable-arms": in addition, the TACE+RT arm is a random draw of `nRt` patients at
 *   enrollment, independent of covariates and prognosis (as in a randomized trial). Its
 *   patients start RT at their planned time if alive and under follow-up then; those who
 *   die or are lost before it never start RT (rt_start_months empty).
 */
export function clinicalNullParams(scenario: ClinicalNullScenario, params: ClinicalParams = CLINICAL_PARAMS): ClinicalParams {
  const none = { death: 1, local: 1, intrahepatic: 1, extrahepatic: 1 };
  if (scenario === "no-rt-effect") return { ...params, rtEffects: none, rtResponse: null };
  if (scenario === "exchangeable-arms") return { ...params, rtEffects: none, rtResponse: null, assignment: "random" };
  throw new Error(`unknown null scenario ${JSON.stringify(scenario)} (known: no-rt-effect, exchangeable-arms)`);
}

/**
 * Checks an `rtResponse` parameter: null, or probabilities of exactly CR, PR, SD and PD, each
 * a finite number in [0, 1], summing to 1 (within 1e-9). Throws an Error naming the bad entry.
 *
 * @example
 * checkRtResponse({ probs: { CR: 0.3, PR: 0.6, SD: 0.1, PD: 0 } }); // fine
 * checkRtResponse({ probs: { CR: 0.3, PR: 0.6, SD: 0.2, PD: 0 } }); // throws: the probabilities sum to 1.1
 */
export function checkRtResponse(rtResponse: ClinicalParams["rtResponse"]): void {
  if (rtResponse === null) return;
  if (typeof rtResponse !== "object" || rtResponse === undefined || typeof rtResponse.probs !== "object" || rtResponse.probs === null) {
    throw new Error(`rtResponse must be null or { probs: { CR, PR, SD, PD } }, got ${JSON.stringify(rtResponse)}`);
  }
  const probs = rtResponse.probs as Record<string, unknown>;
  for (const key of Object.keys(probs)) {
    if (RESPONSE_ORDER.indexOf(key as Response) < 0) throw new Error(`rtResponse.probs has an unknown response "${key}" (known: ${RESPONSE_ORDER.join(", ")})`);
  }
  let sum = 0;
  for (const level of RESPONSE_ORDER) {
    const p = probs[level];
    if (p === undefined) throw new Error(`rtResponse.probs.${level} is missing (give a probability for each of ${RESPONSE_ORDER.join(", ")})`);
    if (typeof p !== "number" || !Number.isFinite(p) || p < 0 || p > 1) throw new Error(`rtResponse.probs.${level} must be a number between 0 and 1, got ${JSON.stringify(p)}`);
    sum += p;
  }
  if (Math.abs(sum - 1) > 1e-9) throw new Error(`rtResponse.probs must sum to 1, got ${Number(sum.toPrecision(12))}`);
}

/** The recorded post-RT response of a lesion with uniform draw u: the first level whose cumulative probability exceeds u (levels of probability 0 are never drawn). */
function drawRtResponse(u: number, probs: Record<Response, number>): Response {
  let cumulative = 0;
  let last: Response = "CR";
  for (const level of RESPONSE_ORDER) {
    if (!(probs[level] > 0)) continue;
    cumulative += probs[level];
    last = level;
    if (u < cumulative) return level;
  }
  return last;
}

/**
 * The calibrated model (or `params`) in which a share `share` of irradiated lesions does not
 * regress after RT: recorded as stable disease (SD), the CR and PR probabilities scaled by
 * 1 − share; nothing else changes (the same seeds give the same patients, RT assignment and
 * times). Claim C9 ("every irradiated tumor regressed") is false in it for any share > 0: the
 * rule checks' false-claim scenario for C9 (src/synth/clinical-rule-checks.ts).
 *
 * @example
 * generateClinicalCohort("hcc-check-1", clinicalInFieldNonResponseParams(0.05)); // about 3 of 64 irradiated lesions SD
 */
export function clinicalInFieldNonResponseParams(share: number, params: ClinicalParams = CLINICAL_PARAMS): ClinicalParams {
  if (typeof share !== "number" || !Number.isFinite(share) || share < 0 || share > 1) throw new Error(`share must be a number between 0 and 1, got ${JSON.stringify(share)}`);
  const base = params.rtResponse ?? CLINICAL_PARAMS.rtResponse!;
  const regress = base.probs.CR + base.probs.PR;
  if (!(regress > 0)) throw new Error("the base rtResponse gives CR and PR probability 0: nothing to scale");
  const keep = 1 - share;
  return { ...params, rtResponse: { probs: { CR: (keep * base.probs.CR) / regress, PR: (keep * base.probs.PR) / regress, SD: share, PD: 0 } } };
}

/** Seed of the committed cohort: the best of a documented seed search (clinical-seed-search.ts, data/README.md). */
export const CLINICAL_SEED = "hcc-cohort-18871";

/** One simulated patient, as written to the CSV (null = empty cell). */
export interface ClinicalRecord {
  patient_id: string;
  arm: Arm;
  enrolled: string;
  os_months: number;
  death: 0 | 1;
  failure_site: FailureSite;
  failure_months: number;
  infield_response: Response;
  age: number;
  sex: "M" | "F";
  hbv: 0 | 1;
  child_pugh: "A" | "B";
  tumor_cm: number;
  afp_ng_ml: number;
  rt_start_months: number | null;
  local_progression_months: number | null;
  intrahepatic_progression_months: number | null;
  extrahepatic_progression_months: number | null;
  tumor_number: number;
  portal_vein_thrombosis: 0 | 1;
  ecog: number;
  residual_viable_tumor: 0 | 1;
}

/** Column order of data/clinical/cohort.csv: the original columns, then the optional ones. */
export const CLINICAL_COLUMNS: ReadonlyArray<keyof ClinicalRecord> = [
  "patient_id",
  "arm",
  "enrolled",
  "os_months",
  "death",
  "failure_site",
  "failure_months",
  "infield_response",
  "age",
  "sex",
  "hbv",
  "child_pugh",
  "tumor_cm",
  "afp_ng_ml",
  "rt_start_months",
  "local_progression_months",
  "intrahepatic_progression_months",
  "extrahepatic_progression_months",
  "tumor_number",
  "portal_vein_thrombosis",
  "ecog",
  "residual_viable_tumor",
];

const MONTH_COLUMNS = new Set<string>([
  "os_months",
  "failure_months",
  "rt_start_months",
  "local_progression_months",
  "intrahepatic_progression_months",
  "extrahepatic_progression_months",
]);

/** The random quantities of a patient, each one stream of stratified uniforms. */
const DIMENSIONS = [
  "age",
  "sex",
  "hbv",
  "child_pugh",
  "burden",
  "tumor",
  "afp",
  "pvt",
  "tumor_number",
  "ecog",
  "response",
  "assessment",
  "rt_delay",
  "rt_select",
  "rt_response",
  "local",
  "intrahepatic",
  "extrahepatic",
  "death",
  "frailty",
] as const;
type Dimension = (typeof DIMENSIONS)[number];

/**
 * n stratified (Latin hypercube) uniforms: one in each interval [k/n, (k+1)/n),
 * the intervals shuffled (Fisher-Yates) so they fall on random patients. Every
 * value is a uniform draw, but the n values together cover (0, 1) evenly.
 */
function stratifiedUniforms(rng: seedrandom.PRNG, n: number): Float64Array {
  const strata = new Int32Array(n);
  for (let k = 0; k < n; k++) strata[k] = k;
  for (let k = n - 1; k > 0; k--) {
    const j = Math.floor(rng.double() * (k + 1));
    const t = strata[k];
    strata[k] = strata[j];
    strata[j] = t;
  }
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let v = rng.double();
    while (v === 0) v = rng.double(); // keep strictly inside (0, 1): 0 would give an infinite quantile
    out[k] = (strata[k] + v) / n;
  }
  return out;
}

/** Months are written with 2 decimals; every derived time is rounded the same way. */
function roundMonths(t: number): number {
  return Math.round(t * 100) / 100;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

/** Constant hazard (per month) with probability p of an event within 12 months. */
function rateFrom12(p: number): number {
  return p <= 0 ? 0 : -Math.log(1 - p) / 12;
}

/** Index of the category of u in cumulative probabilities (the last one takes the rest). */
function category(u: number, probs: readonly number[]): number {
  let acc = 0;
  for (let k = 0; k < probs.length - 1; k++) {
    acc += probs[k];
    if (u < acc) return k;
  }
  return probs.length - 1;
}

/** A standard normal correlated `rho` with the latent burden b, from its own uniform u. */
function withBurden(b: number, rho: number, u: number): number {
  return rho * b + Math.sqrt(1 - rho * rho) * normalQuantile(u);
}

/**
 * The time at which a cumulative hazard reaches `e`, for a hazard that is `rate` from
 * `start` on and `rate * hr` from `switchAt` on (switchAt = Infinity: no switch).
 */
function timeAtHazard(e: number, start: number, rate: number, switchAt: number, hr: number): number {
  if (rate <= 0) return Infinity;
  const before = switchAt > start ? rate * (switchAt - start) : 0;
  if (e <= before || !Number.isFinite(switchAt)) return start + e / rate;
  if (hr <= 0) return Infinity;
  return Math.max(start, switchAt) + (e - before) / (rate * hr);
}

const RESPONSE_ORDER: Response[] = ["CR", "PR", "SD", "PD"];

/** A patient before RT is decided: covariates and the latent draws. */
export interface Draft {
  age: number;
  sex: "M" | "F";
  hbv: 0 | 1;
  childB: boolean;
  tumor: number;
  afp: number;
  pvt: 0 | 1;
  tumorNumber: number;
  ecog: number;
  response: Response;
  assess: number;
  plannedRt: number;
  /** Unit-exponential draws of the latent times. */
  e: Record<Site | "death", number>;
  frailty: number;
  uSelect: number;
  uRtResponse: number;
}

/** A patient's latent course with or without RT started at `rtStart` (null: no RT), before censoring. */
export interface PatientCourse {
  /** Latent progression times per site (Infinity: never) and death time. */
  progression: Record<Site, number>;
  death: number;
}

function siteRate(m: SiteModel, d: Draft, params: ClinicalParams): number {
  const cov = params.covariates;
  const extraTumors = Math.min(d.tumorNumber, params.propensity.tumorNumberCap) - 1;
  return (
    rateFrom12(m.p12) *
    Math.exp(
      m.portalVeinThrombosis * d.pvt +
        m.tumorNumber * extraTumors +
        m.logTumor * Math.log(d.tumor / cov.tumorCm.median) +
        m.logAfp * Math.log(d.afp / cov.afp.median),
    )
  );
}

/** Which of the changes that move the death hazard have happened. */
interface DeathState {
  any: boolean;
  intrahepatic: boolean;
  extrahepatic: boolean;
  rt: boolean;
}

/** The death hazard in a state: the base rate times the progressions' and RT's multipliers. */
function deathRate(base: number, state: DeathState, dm: ClinicalParams["death"], rtDeath: number): number {
  return (
    base *
    Math.exp((state.any ? dm.afterProgression : 0) + (state.intrahepatic ? dm.afterIntrahepatic : 0) + (state.extrahepatic ? dm.afterExtrahepatic : 0)) *
    (state.rt ? rtDeath : 1)
  );
}

/** The latent course of one patient (see the file comment). */
function course(d: Draft, rtStart: number | null, params: ClinicalParams): PatientCourse {
  const cov = params.covariates;
  const fx = params.rtEffects;
  const sw = rtStart === null ? Infinity : rtStart;
  const localRate =
    d.response === "PD" ? 0 : rateFrom12(params.local.p12[d.response as "CR" | "PR" | "SD"]) * Math.exp(params.local.logTumor * Math.log(d.tumor / cov.tumorCm.median));
  const progression: Record<Site, number> = {
    local: d.response === "PD" ? d.assess : timeAtHazard(d.e.local, d.assess, localRate, sw, fx.local),
    intrahepatic: timeAtHazard(d.e.intrahepatic, d.assess, siteRate(params.intrahepatic, d, params), sw, fx.intrahepatic),
    extrahepatic: timeAtHazard(d.e.extrahepatic, d.assess, siteRate(params.extrahepatic, d, params), sw, fx.extrahepatic),
  };
  const dm = params.death;
  const pi =
    (d.childB ? dm.childPughB : 0) +
    dm.logTumor * Math.log(d.tumor / cov.tumorCm.median) +
    dm.logAfp * Math.log(d.afp / cov.afp.median) +
    dm.portalVeinThrombosis * d.pvt +
    dm.ecog * d.ecog +
    dm.frailtySd * d.frailty;
  const base = rateFrom12(dm.perYear) * Math.exp(pi);
  // Death: piecewise-constant hazard, changing at each progression and at the start of RT.
  const changes = [
    { t: progression.local, site: "local" as const },
    { t: progression.intrahepatic, site: "intrahepatic" as const },
    { t: progression.extrahepatic, site: "extrahepatic" as const },
    { t: sw, site: "rt" as const },
  ]
    .filter((c) => Number.isFinite(c.t))
    .sort((x, y) => x.t - y.t);
  const state: DeathState = { any: false, intrahepatic: false, extrahepatic: false, rt: false };
  let t = d.assess;
  let h = 0;
  let death = Infinity;
  for (const c of changes) {
    const next = Math.max(c.t, t);
    const r = deathRate(base, state, dm, fx.death);
    if (h + r * (next - t) >= d.e.death) {
      death = t + (d.e.death - h) / r;
      break;
    }
    h += r * (next - t);
    t = next;
    if (c.site === "rt") state.rt = true;
    else {
      state.any = true;
      if (c.site === "intrahepatic") state.intrahepatic = true;
      if (c.site === "extrahepatic") state.extrahepatic = true;
    }
  }
  if (!Number.isFinite(death)) {
    const r = deathRate(base, state, dm, fx.death);
    death = r > 0 ? t + (d.e.death - h) / r : Infinity;
  }
  return { progression, death };
}

/** The drafts of a cohort: covariates and latent draws of every patient, in draw order. */
function drafts(seed: string, params: ClinicalParams, prng: (seed: string) => seedrandom.PRNG = (x) => seedrandom(x)): Draft[] {
  const n = params.n;
  const draws = {} as Record<Dimension, Float64Array>;
  for (const dim of DIMENSIONS) draws[dim] = stratifiedUniforms(prng(`${seed}/${dim}`), n);
  const cov = params.covariates;
  const out: Draft[] = [];
  const rp = params.taceResponse.probs;
  const cumulative = [rp.CR, rp.CR + rp.PR, rp.CR + rp.PR + rp.SD];
  // The helpers read patient i's draws; made once, not per patient (each closure made in the loop
  // costs a property definition under the test runner's compiler, tsx's keepNames).
  let i = 0;
  const u = (dim: Dimension): number => draws[dim][i];
  const phi = (z: number): number => normalUpper(-z);
  const expo = (dim: Dimension): number => -Math.log(1 - u(dim));
  for (i = 0; i < n; i++) {
    const b = normalQuantile(u("burden"));
    const tumorZ = withBurden(b, cov.tumorCm.burden, u("tumor"));
    const afpZ = withBurden(b, cov.afp.burden, u("afp"));
    const pvtZ = withBurden(b, cov.portalVeinThrombosis.burden, u("pvt"));
    const numberZ = withBurden(b, cov.tumorNumber.burden, u("tumor_number"));
    const ecogZ = withBurden(b, cov.ecog.burden, u("ecog"));
    const responseZ = withBurden(b, params.taceResponse.burden, u("response"));
    const rz = phi(responseZ);
    const response = rz < cumulative[0] ? "CR" : rz < cumulative[1] ? "PR" : rz < cumulative[2] ? "SD" : "PD";
    const assess = params.assessment.from + u("assessment") * (params.assessment.to - params.assessment.from);
    out.push({
      age: Math.round(clamp(cov.age.mean + cov.age.sd * normalQuantile(u("age")), cov.age.min, cov.age.max)),
      sex: u("sex") < cov.maleShare ? "M" : "F",
      hbv: u("hbv") < cov.hbvShare ? 1 : 0,
      childB: u("child_pugh") < cov.childPughBShare,
      tumor: Math.round(10 * clamp(cov.tumorCm.median * Math.exp(cov.tumorCm.sdLog * tumorZ), cov.tumorCm.min, cov.tumorCm.max)) / 10,
      afp: Math.round(10 * clamp(cov.afp.median * Math.exp(cov.afp.sdLog * afpZ), cov.afp.min, cov.afp.max)) / 10,
      pvt: phi(pvtZ) > 1 - cov.portalVeinThrombosis.share ? 1 : 0,
      tumorNumber: 1 + category(phi(numberZ), cov.tumorNumber.probs),
      ecog: category(phi(ecogZ), cov.ecog.probs),
      response,
      assess,
      plannedRt: assess + params.rtDelay.from + u("rt_delay") * (params.rtDelay.to - params.rtDelay.from),
      e: { local: expo("local"), intrahepatic: expo("intrahepatic"), extrahepatic: expo("extrahepatic"), death: expo("death") },
      frailty: normalQuantile(u("frailty")),
      uSelect: u("rt_select"),
      uRtResponse: u("rt_response"),
    });
  }
  return out;
}

/** The propensity score (log weight) of RT for a patient. */
function propensityScore(d: Draft, params: ClinicalParams): number {
  const p = params.propensity;
  return (
    p.residualTumor * (d.response === "CR" ? 0 : 1) +
    p.portalVeinThrombosis * d.pvt +
    p.tumorNumber * (Math.min(d.tumorNumber, p.tumorNumberCap) - 1) +
    p.ecog * d.ecog +
    (d.childB ? p.childPughB : 0) +
    p.logTumor * Math.log(d.tumor / params.covariates.tumorCm.median) +
    p.age10 * ((d.age - params.covariates.age.mean) / 10)
  );
}

/**
 * Enrollment day and loss-to-follow-up time of each patient, drawn after the arms are
 * known: per arm, stratified uniforms (streams `${seed}/enrolled/${arm}` and
 * `${seed}/loss/${arm}`), so each arm's accrual and loss cover their distributions evenly.
 * Enrollment is uniform over the accrual window, independent of everything else; the
 * cut-off lies after the latest possible RT start (checked). Loss is exponential from the
 * planned RT start (nobody is lost before it), at the TACE rate, or at the after-RT rate
 * in the TACE+RT arm.
 */
/**
 * The time at which the cumulative hazard of loss reaches `e`: `rate` from `start` on, times
 * `hazardRatio` on [progression − months, progression) (informative loss; Infinity: no window).
 */
function lossTime(e: number, start: number, rate: number, progression: number, months: number, hazardRatio: number): number {
  const a = Math.max(start, progression - months);
  const b = Math.max(start, progression);
  if (!Number.isFinite(progression) || b <= a) return start + e / rate;
  const before = rate * (a - start);
  if (e <= before) return start + e / rate;
  const inside = rate * hazardRatio * (b - a);
  if (e <= before + inside) return a + (e - before) / (rate * hazardRatio);
  return b + (e - before - inside) / rate;
}

function censoringDraws(seed: string, ds: Draft[], arms: Arm[], params: ClinicalParams): { enrolledDay: number[]; loss: number[] } {
  const from = isoDateToDays(params.enrollFrom);
  const to = isoDateToDays(params.enrollTo);
  const latestRt = params.assessment.to + params.rtDelay.to;
  if (to + latestRt * DAYS_PER_MONTH >= isoDateToDays(params.cutoff)) {
    throw new Error(`the cut-off ${params.cutoff} must lie after the latest possible RT start (${latestRt} months after ${params.enrollTo})`);
  }
  const enrolledDay = new Array<number>(arms.length);
  const loss = new Array<number>(arms.length);
  for (const arm of ["TACE", "TACE+RT"] as Arm[]) {
    const idx = arms.map((a, i) => (a === arm ? i : -1)).filter((i) => i >= 0);
    const ue = stratifiedUniforms(seedrandom(`${seed}/enrolled/${arm}`), idx.length);
    const ul = stratifiedUniforms(seedrandom(`${seed}/loss/${arm}`), idx.length);
    const rate = rateFrom12(arm === "TACE" ? params.lossPerYear.tace : params.lossPerYear.afterRt);
    const informative = params.informativeLoss ?? null;
    const informativeHere = informative !== null && (informative.arms ?? ["TACE", "TACE+RT"]).indexOf(arm) >= 0;
    idx.forEach((i, k) => {
      enrolledDay[i] = from + Math.floor(ue[k] * (to - from + 1));
      if (!informativeHere || !(rate > 0)) {
        loss[i] = rate > 0 ? ds[i].plannedRt - Math.log(1 - ul[k]) / rate : Infinity;
        return;
      }
      const inf = informative as InformativeLoss;
      const c = course(ds[i], arm === "TACE+RT" ? ds[i].plannedRt : null, params);
      const progression = Math.min(...(inf.sites ?? SITES).map((s) => c.progression[s]));
      loss[i] = lossTime(-Math.log(1 - ul[k]), ds[i].plannedRt, rate, progression, inf.months, inf.hazardRatio);
    });
  }
  return { enrolledDay, loss };
}

/**
 * Who receives RT (indices into the drafts). Propensity assignment: among the eligible
 * (alive and free of progression at the planned start; nobody is lost to follow-up before
 * it, and the cut-off lies after every planned start), nRt drawn without replacement with weights exp(score): the nRt largest
 * keys log(u) / exp(score) (Efraimidis and Spirakis). Random assignment: nRt of all
 * patients, the smallest uniforms.
 */
function assignRt(ds: Draft[], params: ClinicalParams): Set<number> {
  if (params.nRt > ds.length) throw new Error(`nRt ${params.nRt} exceeds n ${ds.length}`);
  const keyed: Array<{ i: number; key: number }> = [];
  ds.forEach((d, i) => {
    if (params.assignment === "random") {
      keyed.push({ i, key: -d.uSelect });
      return;
    }
    const c = course(d, null, params);
    const firstProgression = Math.min(c.progression.local, c.progression.intrahepatic, c.progression.extrahepatic);
    const eligible = c.death > d.plannedRt && firstProgression > d.plannedRt;
    if (eligible) keyed.push({ i, key: Math.log(d.uSelect) / Math.exp(propensityScore(d, params)) });
  });
  if (keyed.length < params.nRt) throw new Error(`only ${keyed.length} patients are eligible for RT, fewer than nRt = ${params.nRt}`);
  keyed.sort((x, y) => y.key - x.key || x.i - y.i);
  return new Set(keyed.slice(0, params.nRt).map((k) => k.i));
}

/**
 * What is recorded of a patient's course (times unrounded; null = not observed). With
 * `detection` (irradiated patients only), a progression routine follow-up would find in
 * (scan, scan + leadMonths], scan = rtStart + scanMonths, is found at the scan.
 */
function observe(c: PatientCourse, rtStart: number | null, adminMonths: number, loss: number, detection: DetectionAfterRt | null = null) {
  const censor = Math.min(adminMonths, loss);
  const died = c.death <= censor;
  const end = died ? c.death : censor;
  const scan = detection === null || rtStart === null ? Infinity : rtStart + detection.scanMonths;
  const detectedSites = detection === null ? [] : (detection.sites ?? SITES);
  const found = (site: Site, t: number): number => (detectedSites.indexOf(site) >= 0 && t > scan && t <= scan + (detection as DetectionAfterRt).leadMonths ? scan : t);
  const seen = (site: Site): number | null => {
    const t = c.progression[site];
    const f = found(site, t);
    return t < c.death && f <= censor ? f : null;
  };
  return {
    os: end,
    died,
    progression: { local: seen("local"), intrahepatic: seen("intrahepatic"), extrahepatic: seen("extrahepatic") },
    rtStart: rtStart !== null && rtStart < c.death && rtStart <= censor ? rtStart : null,
  };
}

/**
 * Simulates the cohort: patients in order of enrollment (ties by draw order), ids
 * HCC-001, HCC-002, ...
 */
export function generateClinicalCohort(seed: string = CLINICAL_SEED, params: ClinicalParams = CLINICAL_PARAMS): ClinicalRecord[] {
  checkRtResponse(params.rtResponse);
  checkInformativeLoss(params.informativeLoss);
  checkDetectionAfterRt(params.detectionAfterRt);
  const ds = drafts(seed, params);
  const rt = assignRt(ds, params);
  const { enrolledDay: enrolled, loss } = censoringDraws(seed, ds, ds.map((_, i) => (rt.has(i) ? "TACE+RT" : "TACE")), params);
  const cutoff = isoDateToDays(params.cutoff);
  const rows: Array<Omit<ClinicalRecord, "patient_id"> & { order: number }> = [];
  ds.forEach((d, i) => {
    const treated = rt.has(i);
    const rtStart = treated ? d.plannedRt : null;
    const o = observe(course(d, rtStart, params), rtStart, (cutoff - enrolled[i]) / DAYS_PER_MONTH, loss[i], params.detectionAfterRt ?? null);
    const os = roundMonths(o.os);
    const times = SITES.map((s) => (o.progression[s] === null ? null : Math.min(roundMonths(o.progression[s] as number), os)));
    let first = -1;
    SITES.forEach((s, k) => {
      if (o.progression[s] !== null && (first < 0 || (o.progression[s] as number) < (o.progression[SITES[first]] as number))) first = k;
    });
    let response: Response = d.response;
    if (treated && params.rtResponse !== null) response = drawRtResponse(d.uRtResponse, params.rtResponse.probs);
    rows.push({
      order: i,
      arm: treated ? "TACE+RT" : "TACE",
      enrolled: daysToIsoDate(enrolled[i]),
      os_months: os,
      death: o.died ? 1 : 0,
      failure_site: first < 0 ? "none" : SITES[first],
      failure_months: first < 0 ? os : (times[first] as number),
      infield_response: response,
      age: d.age,
      sex: d.sex,
      hbv: d.hbv,
      child_pugh: d.childB ? "B" : "A",
      tumor_cm: d.tumor,
      afp_ng_ml: d.afp,
      rt_start_months: o.rtStart === null ? null : Math.min(roundMonths(o.rtStart), os),
      local_progression_months: times[0],
      intrahepatic_progression_months: times[1],
      extrahepatic_progression_months: times[2],
      tumor_number: d.tumorNumber,
      portal_vein_thrombosis: d.pvt,
      ecog: d.ecog,
      residual_viable_tumor: d.response === "CR" ? 0 : 1,
    });
  });
  rows.sort((a, b) => (a.enrolled < b.enrolled ? -1 : a.enrolled > b.enrolled ? 1 : a.order - b.order));
  const width = Math.max(3, String(rows.length).length);
  return rows.map((r, k) => {
    const { order, ...rest } = r;
    void order;
    return { patient_id: `HCC-${String(k + 1).padStart(width, "0")}`, ...rest };
  });
}

/** One treated patient's latent course with RT and without it (the same random numbers). */
export interface PotentialOutcomes {
  rtStart: number;
  withRt: PatientCourse;
  withoutRt: PatientCourse;
}

/**
 * The potential outcomes of the patients who receive RT in cohort `seed`: their latent
 * course with RT (what happens) and without it (what would have happened), before any
 * censoring. The true total effect of RT on the treated is computed from these
 * (src/synth/clinical-truth.ts).
 */
export function clinicalPotentialOutcomes(seed: string, params: ClinicalParams = CLINICAL_PARAMS): PotentialOutcomes[] {
  const ds = drafts(seed, params);
  const rt = assignRt(ds, params);
  const out: PotentialOutcomes[] = [];
  ds.forEach((d, i) => {
    if (!rt.has(i)) return;
    out.push({ rtStart: d.plannedRt, withRt: course(d, d.plannedRt, params), withoutRt: course(d, null, params) });
  });
  return out;
}

/** The cohort as CSV text: header, "\n" line ends, months with 2 decimals, empty cells for null. */
export function clinicalCohortCsv(rows: readonly ClinicalRecord[]): string {
  const lines = [CLINICAL_COLUMNS.join(",")];
  for (const r of rows) {
    lines.push(
      CLINICAL_COLUMNS.map((c) => {
        const v = r[c];
        if (v === null) return "";
        if (MONTH_COLUMNS.has(c)) return (v as number).toFixed(2);
        if (c === "tumor_cm" || c === "afp_ng_ml") return (v as number).toFixed(1);
        return String(v);
      }).join(","),
    );
  }
  return lines.join("\n") + "\n";
}

/** Path of the cohort file relative to the data folder (as src/data/clinical.ts reads it). */
export const CLINICAL_COHORT_FILE = "clinical/cohort.csv";

/** The clinical data files, CSV text keyed by path relative to the data folder. */
export function clinicalFiles(seed: string = CLINICAL_SEED, params: ClinicalParams = CLINICAL_PARAMS): Record<string, string> {
  return { [CLINICAL_COHORT_FILE]: clinicalCohortCsv(generateClinicalCohort(seed, params)) };
}

/**
 * Patients of a randomised trial that starts at RT, drawn by this generator (SIMULATED): the
 * same patient mix, hazards, frailty and selection as the cohort's TACE+RT arm. A pool of
 * ceil(patients · n / nRt) drafts is drawn (streams `${seed}/pool/<quantity>`, seedrandom's Alea generator,
 * faster than the cohort's ARC4 for the many trials), and `patients` of its
 * eligible members (alive and free of progression at the planned RT start) are selected with
 * the propensity weights, exactly as the cohort's RT patients are (`assignRt` with nRt =
 * patients): so the trial enrols patients like those the centre chose for RT. Each candidate's
 * time zero is its RT start (randomisation); courses come from clinicalTrialCourse.
 *
 * @example
 * const pts = clinicalTrialCandidates("trial/1", 300);
 * clinicalTrialCourse(pts[0], { outOfField: 1, death: 1 }); // control arm (TACE+RT)
 */
export interface TrialCandidate {
  draft: Draft;
  /** Months from enrollment to the start of RT (= randomisation). */
  rtStart: number;
}

export function clinicalTrialCandidates(seed: string, patients: number, params: ClinicalParams = CLINICAL_PARAMS): TrialCandidate[] {
  if (!Number.isInteger(patients) || patients < 1) throw new Error(`patients must be a whole number of at least 1, not ${patients}`);
  const pool = Math.ceil((patients * params.n) / params.nRt);
  const poolParams: ClinicalParams = { ...params, n: pool, nRt: patients, assignment: "propensity" };
  const ds = drafts(`${seed}/pool`, poolParams, (x) => seedrandom.alea(x));
  const chosen = assignRt(ds, poolParams);
  const out: TrialCandidate[] = [];
  ds.forEach((d, i) => {
    if (chosen.has(i)) out.push({ draft: d, rtStart: d.plannedRt });
  });
  return out;
}

/** Multipliers of a trial arm's hazards from randomisation (the start of RT), on top of RT's own effects. */
export interface TrialArmEffect {
  /** Multiplies the intrahepatic and the extrahepatic progression hazards. */
  outOfField: number;
  /** Multiplies the death hazard in every state (before and after progression). */
  death: number;
}

/**
 * One candidate's latent course in a trial arm, in months from randomisation (the start of RT):
 * the first out-of-field progression (the earlier of intrahepatic and extrahepatic; Infinity if
 * never) and death. The control arm (TACE+RT) is `{ outOfField: 1, death: 1 }`: the cohort
 * generator's course with RT. The experimental arm multiplies the hazards from RT start on; the
 * latent unit-exponential draws are the patient's own, so a patient's course under both arms
 * uses the same random numbers.
 */
export function clinicalTrialCourse(c: TrialCandidate, effect: TrialArmEffect, params: ClinicalParams = CLINICAL_PARAMS): { outOfField: number; death: number } {
  const fx = params.rtEffects;
  const armParams: ClinicalParams =
    effect.outOfField === 1 && effect.death === 1
      ? params
      : { ...params, rtEffects: { ...fx, intrahepatic: fx.intrahepatic * effect.outOfField, extrahepatic: fx.extrahepatic * effect.outOfField, death: fx.death * effect.death } };
  const k = course(c.draft, c.rtStart, armParams);
  return { outOfField: Math.min(k.progression.intrahepatic, k.progression.extrahepatic) - c.rtStart, death: k.death - c.rtStart };
}
