/**
 * Simulated clinical cohort (the study's patient records were never published).
 *
 * Model, per patient (all times in months from enrollment = first TACE; every
 * assumption and the published figure it is calibrated to is listed in
 * data/README.md):
 * 1. Enrollment date uniform over the accrual window, baseline covariates drawn
 *    independently of arm (assumed distributions, see CLINICAL_PARAMS.covariates).
 * 2. Response of the treated lesion, assessed by imaging at time a (uniform over the
 *    arm's assessment window): a categorical draw per arm. Every patient lives to a.
 * 3. First failure: competing latent times after a, each Weibull with a 12-month
 *    probability p12 and shape k (S(t) = exp(-(t / scale)^k), scale = 12 / (-log(1 - p12))^(1/k)):
 *    local (depends on arm and response; PD means local failure at a), intrahepatic
 *    out-of-field, extrahepatic, and death without failure (exponential). Tumor size
 *    and the prognostic index scale these hazards proportionally.
 * 4. Death after a failure: the failure time plus a Weibull residual survival whose
 *    median depends on the failure site, scaled by the prognostic index.
 * 5. Censoring: administrative at the data cut-off, or loss to follow-up (exponential
 *    after a, arm-specific rate), whichever is first.
 * The CSV holds what a clinic would record: os = min(death, censoring), the first
 * failure if observed before censoring, else "none" with failure_months = os_months.
 *
 * Random numbers: one seedrandom (ARC4) stream per patient, seeded with
 * `${seed}/${arm}/${index}`, with a fixed sequence of draws, so the file is
 * byte-identical on every run; normal variates by inverse transform with
 * src/distributions' normalQuantile.
 *
 * @example
 * const rows = generateClinicalCohort();   // the committed data/clinical/cohort.csv
 * fs.writeFileSync("cohort.csv", clinicalCohortCsv(rows));
 */
import seedrandom from "seedrandom";
import { normalQuantile } from "../distributions/index";
import { daysToIsoDate, isoDateToDays } from "../data/values";
import { DAYS_PER_MONTH, Arm, FailureSite, Response } from "../data/clinical";

export interface WeibullSpec {
  /** Probability of the event by 12 months after the assessment, in the absence of competing events. */
  p12: number;
  /** Weibull shape: < 1 front-loaded (hazard falls with time), 1 exponential, > 1 rising hazard. */
  shape: number;
}

export interface ArmParams {
  n: number;
  /** Probabilities of CR, PR, SD, PD for the treated lesion (sum to 1). */
  response: Record<Response, number>;
  /** Months from enrollment to the response assessment: uniform on [from, to]. */
  assessment: { from: number; to: number };
  /** Local (in-field) failure by response; PD is local failure at the assessment itself. */
  local: Record<"CR" | "PR" | "SD", WeibullSpec>;
  /** Out-of-field progression in the liver. */
  intrahepatic: WeibullSpec;
  /** Progression outside the liver. */
  extrahepatic: WeibullSpec;
  /** Loss to follow-up: yearly probability (exponential), starting at the assessment. */
  lossPerYear: number;
}

export interface ClinicalParams {
  /** Accrual window, inclusive (YYYY-MM-DD). */
  enrollFrom: string;
  enrollTo: string;
  /** Data cut-off: administrative censoring date (YYYY-MM-DD). */
  cutoff: string;
  arms: Record<Arm, ArmParams>;
  /** Death before any failure (liver failure, other causes): yearly probability at prognostic index 0. */
  deathWithoutFailurePerYear: number;
  /** Survival after first failure: median months by site at prognostic index 0, Weibull shape. */
  postFailure: { median: Record<Exclude<FailureSite, "none">, number>; shape: number };
  /** Baseline covariates (assumed; the study does not publish them). */
  covariates: {
    age: { mean: number; sd: number; min: number; max: number };
    maleShare: number;
    hbvShare: number;
    childPughBShare: number;
    /** Largest diameter, log-normal (median, sd of log), truncated to [min, max]. */
    tumorCm: { median: number; sdLog: number; min: number; max: number };
    /** Serum AFP, log-normal (median, sd of log), truncated to [min, max]. */
    afp: { median: number; sdLog: number; min: number; max: number };
  };
  /**
   * Log hazard ratios: prognostic index PI = childPughB * [B] + logTumor * log(tumor / median)
   * + logAfp * log(afp / median); exp(PI) multiplies the death hazards (before and after
   * failure), exp(failureLogTumor * log(tumor / median)) the three failure hazards.
   */
  effects: { childPughB: number; logTumor: number; logAfp: number; failureLogTumor: number };
  /** SD of an unmeasured normal term added to PI (liver reserve, tumor biology not in the covariates). */
  frailtySd: number;
}

/** The parameters of the committed cohort (calibration in data/README.md). */
export const CLINICAL_PARAMS: ClinicalParams = {
  enrollFrom: "1996-08-01",
  enrollTo: "2003-08-31",
  cutoff: "2005-06-30",
  arms: {
    TACE: {
      n: 276,
      response: { CR: 0.1, PR: 0.45, SD: 0.3, PD: 0.15 },
      assessment: { from: 1, to: 3 },
      local: { CR: { p12: 0.12, shape: 1 }, PR: { p12: 0.38, shape: 1 }, SD: { p12: 0.6, shape: 1 } },
      intrahepatic: { p12: 0.22, shape: 1 },
      extrahepatic: { p12: 0.08, shape: 1 },
      lossPerYear: 0.14,
    },
    "TACE+RT": {
      n: 64,
      response: { CR: 0.35, PR: 0.65, SD: 0, PD: 0 },
      assessment: { from: 2, to: 4 },
      local: { CR: { p12: 0.02, shape: 1 }, PR: { p12: 0.05, shape: 1 }, SD: { p12: 0.3, shape: 1 } },
      intrahepatic: { p12: 0.45, shape: 0.5 },
      extrahepatic: { p12: 0.26, shape: 0.5 },
      lossPerYear: 0.07,
    },
  },
  deathWithoutFailurePerYear: 0.08,
  postFailure: { median: { local: 10.5, intrahepatic: 6.5, extrahepatic: 4.5 }, shape: 1.1 },
  covariates: {
    age: { mean: 57, sd: 11, min: 25, max: 85 },
    maleShare: 0.82,
    hbvShare: 0.75,
    childPughBShare: 0.18,
    tumorCm: { median: 7.5, sdLog: 0.4, min: 2.5, max: 20 },
    afp: { median: 150, sdLog: 2, min: 1, max: 500000 },
  },
  effects: { childPughB: 0.5, logTumor: 0.5, logAfp: 0.08, failureLogTumor: 0.4 },
  frailtySd: 0.7,
};

/** Seed of the committed cohort: the best of a documented seed search (clinical-seed-search.ts, data/README.md). */
export const CLINICAL_SEED = "hcc-cohort-784";

/** One simulated patient, as written to the CSV. */
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
}

/** Column order of data/clinical/cohort.csv. */
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
];

const ARM_ORDER: Arm[] = ["TACE", "TACE+RT"];
const RESPONSE_ORDER: Response[] = ["CR", "PR", "SD", "PD"];

/** The random quantities of one patient; each has its own stream per arm. */
const DIMENSIONS = [
  "enrolled",
  "age",
  "sex",
  "hbv",
  "child_pugh",
  "tumor",
  "afp",
  "response",
  "assessment",
  "local",
  "intrahepatic",
  "extrahepatic",
  "death",
  "post_failure",
  "loss",
  "frailty",
] as const;
type Dimension = (typeof DIMENSIONS)[number];

/**
 * n stratified (Latin hypercube) uniforms: one in each interval [k/n, (k+1)/n),
 * the intervals shuffled (Fisher-Yates) so they fall on random patients. Every
 * value is a uniform draw, but the n values together cover (0, 1) evenly, so a
 * 64-patient arm follows its model closely instead of by luck of the draw.
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

/** Inverse-CDF draw of a Weibull time given its 12-month probability and shape. */
function weibull(u: number, spec: WeibullSpec, hazardRatio: number): number {
  if (spec.p12 <= 0) return Infinity;
  // cumulative hazard H(t) = HR * (t / scale)^k; H(12) = -log(1 - p12) at HR = 1
  const h12 = -Math.log(1 - spec.p12) * hazardRatio;
  return 12 * Math.pow(-Math.log(1 - u) / h12, 1 / spec.shape);
}

function pick<T extends string>(u: number, order: T[], probs: Record<T, number>): T {
  let acc = 0;
  for (const k of order) {
    acc += probs[k];
    if (u < acc) return k;
  }
  // rounding in the sum: the last category with positive probability
  for (let i = order.length - 1; i >= 0; i--) if (probs[order[i]] > 0) return order[i];
  throw new Error("response probabilities are all zero");
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

/**
 * Simulates the cohort: the arms' patients in order of enrollment (ties by arm, then
 * draw order), ids HCC-001, HCC-002, ...
 */
export function generateClinicalCohort(seed: string = CLINICAL_SEED, params: ClinicalParams = CLINICAL_PARAMS): ClinicalRecord[] {
  const from = isoDateToDays(params.enrollFrom);
  const to = isoDateToDays(params.enrollTo);
  const cutoff = isoDateToDays(params.cutoff);
  const cov = params.covariates;
  const eff = params.effects;
  const drafts: Array<Omit<ClinicalRecord, "patient_id"> & { order: number }> = [];

  for (const arm of ARM_ORDER) {
    const p = params.arms[arm];
    const draws: Record<Dimension, Float64Array> = {} as Record<Dimension, Float64Array>;
    for (const dim of DIMENSIONS) draws[dim] = stratifiedUniforms(seedrandom(`${seed}/${arm}/${dim}`), p.n);
    for (let i = 0; i < p.n; i++) {
      const u = (dim: Dimension): number => draws[dim][i];
      const enrolledDay = from + Math.floor(u("enrolled") * (to - from + 1));
      const age = Math.round(clamp(cov.age.mean + cov.age.sd * normalQuantile(u("age")), cov.age.min, cov.age.max));
      const sex = u("sex") < cov.maleShare ? "M" : "F";
      const hbv = u("hbv") < cov.hbvShare ? 1 : 0;
      const childB = u("child_pugh") < cov.childPughBShare;
      const tumor = Math.round(10 * clamp(cov.tumorCm.median * Math.exp(cov.tumorCm.sdLog * normalQuantile(u("tumor"))), cov.tumorCm.min, cov.tumorCm.max)) / 10;
      const afp = Math.round(10 * clamp(cov.afp.median * Math.exp(cov.afp.sdLog * normalQuantile(u("afp"))), cov.afp.min, cov.afp.max)) / 10;
      const response = pick(u("response"), RESPONSE_ORDER, p.response);
      const assess = p.assessment.from + u("assessment") * (p.assessment.to - p.assessment.from);

      const pi = (childB ? eff.childPughB : 0) + eff.logTumor * Math.log(tumor / cov.tumorCm.median) + eff.logAfp * Math.log(afp / cov.afp.median) +
        params.frailtySd * normalQuantile(u("frailty"));
      const deathHr = Math.exp(pi);
      const failHr = Math.exp(eff.failureLogTumor * Math.log(tumor / cov.tumorCm.median));

            const tLocal = response === "PD" ? assess : assess + weibull(u("local"), p.local[response], failHr);
      const tIntra = assess + weibull(u("intrahepatic"), p.intrahepatic, failHr);
      const tExtra = assess + weibull(u("extrahepatic"), p.extrahepatic, failHr);
      const tDeath0 = assess + weibull(u("death"), { p12: params.deathWithoutFailurePerYear, shape: 1 }, deathHr);
            const tLoss = assess + weibull(u("loss"), { p12: p.lossPerYear, shape: 1 }, 1);

      // First failure among the competing latent times.
      let site: FailureSite = "local";
      let tFail = tLocal;
      if (tIntra < tFail) {
        site = "intrahepatic";
        tFail = tIntra;
      }
      if (tExtra < tFail) {
        site = "extrahepatic";
        tFail = tExtra;
      }
      let tDeath: number;
      if (tDeath0 < tFail) {
        site = "none";
        tDeath = tDeath0;
      } else {
        const post = params.postFailure;
        const median = post.median[site as Exclude<FailureSite, "none">];
        // Weibull residual with this median at PI = 0: P(R <= median) = 1/2
        const residual = weibull(u("post_failure"), { p12: 1 - Math.pow(0.5, Math.pow(12 / median, post.shape)), shape: post.shape }, deathHr);
        tDeath = tFail + residual;
      }

      const tAdmin = (cutoff - enrolledDay) / DAYS_PER_MONTH;
      const tCensor = Math.min(tAdmin, tLoss);
      const died = tDeath <= tCensor;
      const os = roundMonths(died ? tDeath : tCensor);
      const failureSeen = site !== "none" && tFail <= tCensor;
      drafts.push({
        order: drafts.length,
        arm,
        enrolled: daysToIsoDate(enrolledDay),
        os_months: os,
        death: died ? 1 : 0,
        failure_site: failureSeen ? site : "none",
        failure_months: failureSeen ? Math.min(roundMonths(tFail), os) : os,
        infield_response: response,
        age,
        sex,
        hbv,
        child_pugh: childB ? "B" : "A",
        tumor_cm: tumor,
        afp_ng_ml: afp,
      });
    }
  }
  drafts.sort((a, b) => (a.enrolled < b.enrolled ? -1 : a.enrolled > b.enrolled ? 1 : a.order - b.order));
  const width = String(drafts.length).length < 3 ? 3 : String(drafts.length).length;
  return drafts.map((d, k) => {
    const { order, ...rest } = d;
    void order;
    return { patient_id: `HCC-${String(k + 1).padStart(width, "0")}`, ...rest };
  });
}

/** The cohort as CSV text: header, "\n" line ends, months with 2 decimals. */
export function clinicalCohortCsv(rows: readonly ClinicalRecord[]): string {
  const lines = [CLINICAL_COLUMNS.join(",")];
  for (const r of rows) {
    lines.push(
      CLINICAL_COLUMNS.map((c) => {
        const v = r[c];
        if (c === "os_months" || c === "failure_months") return (v as number).toFixed(2);
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
