/**
 * Every assumption of the simulated laboratory data in one place: design, effect sizes
 * and noise levels, as one model object (LAB_MODEL). data/README.md ("Laboratory data")
 * documents the same numbers; change both together. The design is assumed: the study
 * published no raw laboratory measurements, only the direction of its findings.
 *
 * The null and sensitivity scenarios of the rule checks (src/synth/laboratory/rule-checks.ts)
 * are this model with one effect removed or changed (nullModel, associationModel): the
 * generator code is the same.
 */

import type { P53Status, HbvStatus } from "../../data/laboratory";

export interface CellLineParams {
  name: string;
  p53: P53Status;
  hbv: HbvStatus;
  /** Mean GAPDH Ct of the line (cycles). */
  ctGapdh: number;
  /** Baseline ΔCt = Ct(VEGF) − Ct(GAPDH) of unirradiated cells (cycles). */
  deltaCt: number;
  /** log2 fold change of VEGF mRNA at 8 Gy at the line's peak (time course m(t) = 1). */
  mrnaInduction: number;
  /** Hours from irradiation to the peak of the line's transient mRNA response (the pulse of m(t)). */
  mrnaPeakHours: number;
  /** Sham (0 Gy) VEGF secretion rate, pg/ml of medium per 10^6 cells per 24 h (median over experiments). */
  secretionPerDay: number;
  /** Maximum radiation-induced rise of the per-cell secretion rate, log2 (dose → ∞, time course g = 1). */
  secretionEmaxLog2: number;
  /** Linear-quadratic radiosensitivity of the line: clonogenic surviving fraction exp(−α d − β d²). */
  alpha: number;
  beta: number;
}

export interface InVitroDesign {
  /** RT-qPCR doses (Gy). */
  doses: readonly number[];
  /** ELISA doses (Gy): more of them, for a dose-response curve with a plateau. */
  secretionDoses: readonly number[];
  /** RT-qPCR harvests (h after irradiation). */
  mrnaHours: readonly number[];
  /** ELISA harvests (h after irradiation; the medium is replaced with fresh medium at irradiation, so none at 0 h). */
  secretionHours: readonly number[];
  /** Independent experiments per line; each is one culture batch, one qPCR plate and one ELISA run. */
  experiments: number;
}

export interface MrnaModel {
  /** D0 of the dose shape s(d) = (1 − e^(−d/D0)) / (1 − e^(−8/D0)) (Gy). */
  doseScale: number;
  /**
   * Time course m(t) = plateau · (1 − e^(−t/rise)) + (1 − plateau) · (t/peak)² · e^(2(1 − t/peak)):
   * a fast rise to a lasting plateau plus a transient pulse that peaks at the line's mrnaPeakHours.
   */
  riseHours: number;
  plateau: number;
  /** Per experiment (plate) offset shared by both genes, cycles: cancels in ΔCt. */
  sdPlate: number;
  /** Per experiment offset of VEGF only (RT / primer batch), cycles: cancels in a ΔΔCt paired within the experiment. */
  sdPlateVegf: number;
  /** Per experiment response strength: the induction is multiplied by e^N(0, sd) in that experiment. */
  sdResponseLog: number;
  /** Per sample cDNA input, shared by both genes, cycles: cancels in ΔCt. */
  sdInput: number;
  /** Per sample (dish) biological variation of VEGF relative to GAPDH, cycles. */
  sdBiological: number;
  /** Technical noise per gene and sample (mean of triplicate wells), cycles. */
  sdTechnical: number;
  /**
   * The reference gene is not perfectly stable: GAPDH (a HIF-1 target) rises after irradiation, lowering
   * Ct(GAPDH) by this many cycles at 8 Gy at the peak (× s(d) · m(t), the same shape as VEGF's response).
   * It makes the 2^−ΔΔCt fold change understate the VEGF induction by the same amount (log2).
   */
  gapdhShiftAt8Gy: number;
  /** Per sample variation of GAPDH expression, cycles (beyond the technical noise). */
  sdGapdhBiological: number;
}

export interface SecretionModel {
  /** Dose shape of the per-cell secretion rise H(d) = d^h / (EC50^h + d^h) (Emax / four-parameter log-logistic). */
  ec50Gy: number;
  hill: number;
  /** g(t) = 1 − e^(−t/tau): the radiation-induced rise of the per-cell secretion rate builds up after irradiation. */
  tauHours: number;
  /** Per experiment effect on log secretion (culture batch + ELISA run), shared by all samples of a line's experiment. */
  sdLogRun: number;
  /** Per experiment response strength: the induction is multiplied by e^N(0, sd) in that experiment. */
  sdResponseLog: number;
  /** Per sample residual of log concentration (dish and ELISA well). */
  sdLogResidual: number;
  /** Cells per well at irradiation (10^6) and the sham doubling time (h). */
  cellsAtIrradiation: number;
  doublingHours: number;
  /** log sd of the well's cell number at irradiation (seeding): it scales the well's cells and its VEGF alike. */
  sdLogCells: number;
  /** Counting error of the cell count (automated counter), log sd. */
  sdLogCount: number;
  /** Division delay of irradiated cells, hours per Gy. */
  delayHoursPerGy: number;
  /** Cells that lose their clonogenic capacity divide `doomedDivisions` more times (after the delay), then die: from deathLagHours on, at 1/deathTauHours. */
  doomedDivisions: number;
  deathLagHours: number;
  deathTauHours: number;
  /** Step of the numerical integral of secretion over the culture (h). */
  integrationStepHours: number;
}

export interface InVivoDesign {
  micePerGroup: number;
  groups: readonly ["sham", "irradiated"];
  /** Caliper days after irradiation (day 0 = irradiation, before it). */
  days: readonly number[];
  /** Single fraction to the in-field tumor on day 0 (Gy); the out-of-field tumor is shielded. */
  inFieldDoseGy: number;
  /** Hotspot high-power fields counted per out-of-field tumor for CD31 microvessel density. */
  fieldsCounted: number;
}

export interface TumorModel {
  /** Day-0 volume of the in-field tumor (mm³): median, log sd. */
  inFieldV0: number;
  inFieldV0SdLog: number;
  /** Day-0 volume of the smaller out-of-field tumor (mm³): median, log sd. */
  outFieldV0: number;
  outFieldV0SdLog: number;
  /** Gompertz V(t) = V0 exp((r/beta)(1 − e^(−beta t))): median initial rate r (per day) and deceleration beta. */
  rate: number;
  beta: number;
  /** log sd of a tumor's own rate. */
  rateSdLog: number;
  /** Loading of the mouse's angiogenic drive A on the log rate of its unirradiated tumors. */
  rateDrive: number;
  /** Out-of-field rate multiplier in irradiated mice (radiation-induced paracrine VEGF). */
  irradiatedRateRatio: number;
  /** In-field tumor after the dose: surviving fraction (median, log sd) regrows, the rest is cleared. */
  survivingFraction: number;
  survivingFractionSdLog: number;
  clearancePerDay: number;
  /** Rate multiplier of the regrowing irradiated in-field tumor (damaged tumor bed). */
  regrowthRateRatio: number;
  /** Null scenario only: the irradiated in-field tumor keeps its day-0 volume (neither regresses nor grows). */
  inFieldStasis: boolean;
  /** Caliper measurement error, log sd. */
  caliperSdLog: number;
}

export interface EndpointModel {
  /**
   * Serum human VEGF at sacrifice (tumor-derived; human-specific ELISA), pg/ml per 1000 mm³ of total tumor
   * (both tumors' true day-28 volume), by group: serum = perBurden[group] · (burden / 1000 mm³)^burdenPower · e^(noise).
   */
  serumPerBurden: { sham: number; irradiated: number };
  burdenPower: number;
  serumSdLog: number;
  /** Mean CD31+ microvessels per hotspot field: group medians and log sd. */
  mvd: { sham: number; irradiated: number };
  mvdSdLog: number;
  /**
   * Loading of the mouse's angiogenic drive A on the log of serum VEGF (beyond its tumor burden) and on the log
   * microvessel rate: the two share A, so their own parts correlate with driveLoading² within a group
   * (0: no association within a group beyond what the tumor burden carries).
   */
  driveLoading: number;
}

export interface LabModel {
  cellLines: readonly CellLineParams[];
  invitro: InVitroDesign;
  mrna: MrnaModel;
  secretion: SecretionModel;
  invivo: InVivoDesign;
  tumor: TumorModel;
  endpoint: EndpointModel;
  /** Null scenario switches for the secretion model (all false in LAB_MODEL). */
  secretionNull?: {
    /** The per-cell rise is the same at every dose > 0 (a step, no dose dependence beyond the first dose). */
    stepDose?: boolean;
    /** The per-cell rise is complete within the first hours (g(t) with tau of 1 h: complete by 6 h). */
    earlyComplete?: boolean;
  };
}

/**
 * The four lines of STUDY.md with their real p53 and HBV status; the numbers are assumed. The mRNA peaks
 * (8–16 h) differ between lines and none is at the analysis plan's pre-specified 6 h. The radiosensitivities
 * give clonogenic surviving fractions at 2 Gy of 0.45–0.67 (typical of hepatoma lines).
 */
export const CELL_LINES: readonly CellLineParams[] = [
  { name: "HepG2", p53: "wild-type", hbv: "negative", ctGapdh: 17.6, deltaCt: 7.8, mrnaInduction: 1.55, mrnaPeakHours: 12, secretionPerDay: 250, secretionEmaxLog2: 2.0, alpha: 0.35, beta: 0.035 },
  { name: "Hep3B", p53: "null", hbv: "positive", ctGapdh: 18.0, deltaCt: 7.4, mrnaInduction: 1.8, mrnaPeakHours: 8, secretionPerDay: 450, secretionEmaxLog2: 2.8, alpha: 0.2, beta: 0.02 },
  { name: "PLC/PRF/5", p53: "mutant", hbv: "positive", ctGapdh: 18.4, deltaCt: 8.6, mrnaInduction: 1.35, mrnaPeakHours: 16, secretionPerDay: 170, secretionEmaxLog2: 1.7, alpha: 0.12, beta: 0.02 },
  { name: "HuH-7", p53: "mutant", hbv: "negative", ctGapdh: 18.1, deltaCt: 8.0, mrnaInduction: 1.5, mrnaPeakHours: 10, secretionPerDay: 330, secretionEmaxLog2: 1.8, alpha: 0.25, beta: 0.035 },
];

export const INVITRO_DESIGN: InVitroDesign = {
  doses: [0, 2, 4, 6, 8],
  secretionDoses: [0, 1, 2, 4, 6, 8, 10],
  mrnaHours: [0, 2, 6, 12, 24, 48, 72],
  secretionHours: [6, 12, 24, 48, 72],
  experiments: 4,
};

export const MRNA_MODEL: MrnaModel = {
  doseScale: 4,
  riseHours: 2,
  plateau: 0.4,
  sdPlate: 0.4,
  sdPlateVegf: 0.3,
  sdResponseLog: 0.08,
  sdInput: 0.3,
  sdBiological: 0.1,
  sdTechnical: 0.08,
  gapdhShiftAt8Gy: 0.15,
  sdGapdhBiological: 0.05,
};

export const SECRETION_MODEL: SecretionModel = {
  ec50Gy: 3,
  hill: 2,
  tauHours: 24,
  sdLogRun: 0.22,
  sdResponseLog: 0.1,
  sdLogResidual: 0.08,
  cellsAtIrradiation: 0.5,
  doublingHours: 36,
  sdLogCells: 0.06,
  sdLogCount: 0.06,
  delayHoursPerGy: 1,
  doomedDivisions: 2,
  deathLagHours: 48,
  deathTauHours: 72,
  integrationStepHours: 0.5,
};

export const INVIVO_DESIGN: InVivoDesign = {
  micePerGroup: 10,
  groups: ["sham", "irradiated"],
  days: [0, 3, 7, 10, 14, 17, 21, 24, 28],
  inFieldDoseGy: 15,
  fieldsCounted: 5,
};

export const TUMOR_MODEL: TumorModel = {
  inFieldV0: 150,
  inFieldV0SdLog: 0.2,
  outFieldV0: 60,
  outFieldV0SdLog: 0.2,
  rate: 0.1,
  beta: 0.04,
  rateSdLog: 0.06,
  rateDrive: 0.12,
  irradiatedRateRatio: 1.4,
  survivingFraction: 0.06,
  survivingFractionSdLog: 0.3,
  clearancePerDay: 0.18,
  regrowthRateRatio: 0.8,
  inFieldStasis: false,
  caliperSdLog: 0.1,
};

export const ENDPOINT_MODEL: EndpointModel = {
  serumPerBurden: { sham: 45, irradiated: 135 },
  burdenPower: 0.75,
  serumSdLog: 0.2,
  mvd: { sham: 14, irradiated: 22 },
  mvdSdLog: 0.22,
  driveLoading: 0.9,
};

/** The calibrated model of the shipped data. */
export const LAB_MODEL: LabModel = {
  cellLines: CELL_LINES,
  invitro: INVITRO_DESIGN,
  mrna: MRNA_MODEL,
  secretion: SECRETION_MODEL,
  invivo: INVIVO_DESIGN,
  tumor: TUMOR_MODEL,
  endpoint: ENDPOINT_MODEL,
};

/** Dose shape of the mRNA response s(d) = (1 − e^(−d/D0)) / (1 − e^(−8/D0)): 0 at 0 Gy, 1 at 8 Gy, saturating. */
export function doseShape(dose: number, d0: number): number {
  return (1 - Math.exp(-dose / d0)) / (1 - Math.exp(-8 / d0));
}

/** m(t), the relative VEGF mRNA response t hours after irradiation in a line whose transient peaks at `peakHours` (0 at 0 h). */
export function mrnaTimeCourse(hours: number, peakHours: number, m: MrnaModel = MRNA_MODEL): number {
  if (hours <= 0) return 0;
  const u = hours / peakHours;
  return m.plateau * (1 - Math.exp(-hours / m.riseHours)) + (1 - m.plateau) * u * u * Math.exp(2 * (1 - u));
}

/** H(d) = d^h / (EC50^h + d^h), the Emax dose shape of the per-cell secretion rise (0 at 0 Gy, 1/2 at EC50); 1 at every dose > 0 in the step null. */
export function secretionDoseShape(dose: number, s: SecretionModel = SECRETION_MODEL, step = false): number {
  if (dose <= 0) return 0;
  if (step) return 1;
  const dh = Math.pow(dose, s.hill);
  return dh / (Math.pow(s.ec50Gy, s.hill) + dh);
}

/** g(t), the built-up fraction of the radiation-induced per-cell secretion rise at t hours (tau 1 h in the early-complete null). */
export function secretionTimeCourse(hours: number, s: SecretionModel = SECRETION_MODEL, early = false): number {
  return hours <= 0 ? 0 : 1 - Math.exp(-hours / (early ? 1 : s.tauHours));
}

/** Clonogenic surviving fraction exp(−α d − β d²) of a line. */
export function survivingFraction(line: CellLineParams, dose: number): number {
  return Math.exp(-line.alpha * dose - line.beta * dose * dose);
}

/**
 * Viable cells at t hours after irradiation per cell at irradiation (sham: 2^(t/Td)). After a dose d, every
 * cell waits d · delay hours; the clonogenic survivors (surviving fraction SF) then grow as sham cells, the
 * others divide k more times (doomedDivisions) and die from deathLag hours on at rate 1/deathTau:
 *   N(t) = SF · 2^((t − delay)+/Td) + (1 − SF) · 2^(min((t − delay)+, k·Td)/Td) · e^(−(t − lag)+/tau).
 */
export function relativeCells(line: CellLineParams, dose: number, hours: number, s: SecretionModel = SECRETION_MODEL): number {
  if (dose <= 0) return Math.pow(2, hours / s.doublingHours);
  const sf = survivingFraction(line, dose);
  const after = Math.max(0, hours - s.delayHoursPerGy * dose);
  const doomed = (1 - sf) * Math.pow(2, Math.min(after, s.doomedDivisions * s.doublingHours) / s.doublingHours) * Math.exp(-Math.max(0, hours - s.deathLagHours) / s.deathTauHours);
  return sf * Math.pow(2, after / s.doublingHours) + doomed;
}

/**
 * Relative per-cell secretion rate at t hours after dose d: 2^(E · R · H(d) · g(t)) (1 for sham), with R the
 * experiment's response strength.
 */
export function relativeSecretionRate(line: CellLineParams, dose: number, hours: number, response: number, model: LabModel = LAB_MODEL): number {
  const n = model.secretionNull || {};
  return Math.pow(2, line.secretionEmaxLog2 * response * secretionDoseShape(dose, model.secretion, n.stepDose === true) * secretionTimeCourse(hours, model.secretion, n.earlyComplete === true));
}

/**
 * VEGF accumulated in the medium (pg/ml) per 10^6 cells at irradiation, t hours after irradiation (fresh medium
 * at irradiation): the secretion rate integrated over the culture by the cells alive,
 *   C(t) = (rate / 24 h) ∫₀ᵗ 2^(E R H(d) g(s)) N(s) ds,
 * by Simpson's rule on a grid of integrationStepHours (t a multiple of it, or the last interval shortened).
 */
export function accumulatedVegf(line: CellLineParams, dose: number, hours: number, response: number, model: LabModel = LAB_MODEL): number {
  const s = model.secretion;
  if (hours <= 0) return 0;
  const steps = Math.max(2, 2 * Math.ceil(hours / s.integrationStepHours / 2));
  const h = hours / steps;
  const f = (t: number) => relativeSecretionRate(line, dose, t, response, model) * relativeCells(line, dose, t, s);
  let sum = f(0) + f(hours);
  for (let k = 1; k < steps; k++) sum += (k % 2 === 1 ? 4 : 2) * f(k * h);
  return ((line.secretionPerDay / 24) * sum * h) / 3;
}

/** The null scenarios of the rule checks: each removes one effect a claim asserts. */
export type NullScenario =
  | "no-radiation-vegf"
  | "no-per-cell-secretion-change"
  | "step-dose-response"
  | "rise-complete-by-6h"
  | "p53-dependent"
  | "p53-dependent-lower"
  | "same-rise-all-lines"
  | "no-out-of-field-effect"
  | "in-field-stasis"
  | "no-within-group-association";

/** Fold-change ratios, p53 wild-type over deficient lines at 8 Gy and the plan's 6 h, of the two "p53-dependent" nulls: the equivalence margin's ends. */
export const P53_NULL_RATIO = 1.5;
export const P53_NULL_RATIO_LOWER = 2 / 3;
/** Harvest time at which the p53 nulls put the ratio on the margin (the analysis plan's pre-specified time). */
export const P53_NULL_HOURS = 6;

/** Expected observed log2 fold change (−ΔΔCt: VEGF induction minus the reference gene's shift) of line `li` at a dose and time. */
export function expectedObservedLog2(model: LabModel, li: number, dose: number, hours: number): number {
  const line = model.cellLines[li];
  const shape = doseShape(dose, model.mrna.doseScale) * mrnaTimeCourse(hours, line.mrnaPeakHours, model.mrna);
  return (line.mrnaInduction - model.mrna.gapdhShiftAt8Gy) * shape;
}

/**
 * LAB_MODEL with one effect removed:
 * - "no-radiation-vegf": irradiation changes neither VEGF mRNA nor the per-cell secretion rate (it still kills cells);
 * - "no-per-cell-secretion-change": the mRNA responds as calibrated, but the per-cell secretion rate does not change;
 *   irradiated cells still die over the days after irradiation, having secreted while alive, so VEGF divided by the
 *   cells counted at harvest rises with dose although no cell secretes more (imperfect normalisation);
 * - "step-dose-response": the per-cell rise is the same at every dose from the lowest on (no dose dependence beyond
 *   the first dose: H(d) = 1 for d > 0);
 * - "rise-complete-by-6h": the per-cell rise is complete within the first hours (g(t) with tau 1 h), so it does not
 *   grow after the first harvest;
 * - "p53-dependent" / "p53-dependent-lower": the wild-type line's mRNA induction is set so that its expected fold change
 *   at 8 Gy and the plan's 6 h is 3/2 (2/3) times the deficient lines' (geometric mean): the edges of the margin;
 * - "same-rise-all-lines": every line responds alike in secretion: the same per-cell rise and the same
 *   radiosensitivity (the means of the calibrated lines');
 * - "no-out-of-field-effect": the out-of-field tumor, microvessel density and serum VEGF per tumor burden do not
 *   differ between groups (the irradiated in-field tumor still regresses);
 * - "in-field-stasis": the irradiated in-field tumor neither regresses nor grows (it keeps its day-0 volume);
 * - "no-within-group-association": serum VEGF and microvessel density differ between groups as calibrated, but
 *   within a group microvessel density is independent of serum VEGF (and serum VEGF follows the tumor burden only).
 */
export function nullModel(scenario: NullScenario, base: LabModel = LAB_MODEL): LabModel {
  const lines = base.cellLines.map((l) => ({ ...l }));
  const model: LabModel = {
    ...base,
    cellLines: lines,
    tumor: { ...base.tumor },
    endpoint: { ...base.endpoint, serumPerBurden: { ...base.endpoint.serumPerBurden }, mvd: { ...base.endpoint.mvd } },
    secretionNull: { ...(base.secretionNull || {}) },
  };
  switch (scenario) {
    case "no-radiation-vegf":
      for (const l of lines) {
        l.mrnaInduction = 0;
        l.secretionEmaxLog2 = 0;
      }
      model.mrna = { ...base.mrna, gapdhShiftAt8Gy: 0 };
      break;
    case "no-per-cell-secretion-change":
      for (const l of lines) l.secretionEmaxLog2 = 0;
      break;
    case "step-dose-response":
      model.secretionNull = { ...model.secretionNull, stepDose: true };
      break;
    case "rise-complete-by-6h":
      model.secretionNull = { ...model.secretionNull, earlyComplete: true };
      break;
    case "p53-dependent":
    case "p53-dependent-lower": {
      const ratio = scenario === "p53-dependent" ? P53_NULL_RATIO : P53_NULL_RATIO_LOWER;
      const def = lines.map((l, i) => i).filter((i) => lines[i].p53 !== "wild-type");
      const defMean = def.reduce((s, i) => s + expectedObservedLog2(model, i, 8, P53_NULL_HOURS), 0) / def.length;
      lines.forEach((l, i) => {
        if (l.p53 !== "wild-type") return;
        const shape = doseShape(8, model.mrna.doseScale) * mrnaTimeCourse(P53_NULL_HOURS, l.mrnaPeakHours, model.mrna);
        l.mrnaInduction = (defMean + Math.log2(ratio)) / shape + model.mrna.gapdhShiftAt8Gy;
      });
      break;
    }
    case "same-rise-all-lines": {
      const avg = (f: (l: CellLineParams) => number) => lines.reduce((s, l) => s + f(l), 0) / lines.length;
      const e = avg((l) => l.secretionEmaxLog2);
      const a = avg((l) => l.alpha);
      const b = avg((l) => l.beta);
      for (const l of lines) {
        l.secretionEmaxLog2 = e;
        l.alpha = a;
        l.beta = b;
      }
      break;
    }
    case "no-out-of-field-effect":
      model.tumor.irradiatedRateRatio = 1;
      model.endpoint.serumPerBurden.irradiated = model.endpoint.serumPerBurden.sham;
      model.endpoint.mvd.irradiated = model.endpoint.mvd.sham;
      break;
    case "in-field-stasis":
      model.tumor.inFieldStasis = true;
      break;
    case "no-within-group-association":
      model.endpoint.driveLoading = 0;
      break;
  }
  return model;
}

/** LAB_MODEL with another within-group association of serum VEGF and microvessel density: drive loading sqrt(rho), so their own parts correlate with rho. */
export function associationModel(rho: number, base: LabModel = LAB_MODEL): LabModel {
  return { ...base, endpoint: { ...base.endpoint, driveLoading: Math.sqrt(rho) } };
}

export const LAB_SEED = "hcc-rt-vegf-laboratory-v3";
