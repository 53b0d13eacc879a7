/**
 * Every assumption of the simulated laboratory data in one place: design,
 * effect sizes and noise levels. data/README.md ("Laboratory data") documents
 * the same numbers; change both together. The design is assumed: the study
 * published no raw laboratory measurements, only the direction of its findings.
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
  /** log2 fold change of VEGF mRNA at 8 Gy when the time course m(t) equals 1. */
  mrnaInduction: number;
  /** Sham (0 Gy) VEGF concentration in conditioned medium (pg/ml, median). */
  baselinePgMl: number;
  /** Extra secretion at 8 Gy once the time course g(t) is complete: fold = 1 + a·s(d)·g(t). */
  secretionInduction: number;
}

/** The four lines of STUDY.md with their real p53 and HBV status; the numbers are assumed. */
export const CELL_LINES: readonly CellLineParams[] = [
  { name: "HepG2", p53: "wild-type", hbv: "negative", ctGapdh: 17.6, deltaCt: 7.8, mrnaInduction: 1.55, baselinePgMl: 450, secretionInduction: 1.3 },
  { name: "Hep3B", p53: "null", hbv: "positive", ctGapdh: 18.0, deltaCt: 7.4, mrnaInduction: 1.8, baselinePgMl: 850, secretionInduction: 2.6 },
  { name: "PLC/PRF/5", p53: "mutant", hbv: "positive", ctGapdh: 18.4, deltaCt: 8.6, mrnaInduction: 1.35, baselinePgMl: 300, secretionInduction: 0.8 },
  { name: "HuH-7", p53: "mutant", hbv: "negative", ctGapdh: 18.1, deltaCt: 8.0, mrnaInduction: 1.5, baselinePgMl: 600, secretionInduction: 0.6 },
];

export const INVITRO_DESIGN = {
  doses: [0, 2, 4, 6, 8] as const,
  /** RT-qPCR harvests (h after irradiation); 2 h catches the rapid transcriptional response. */
  mrnaHours: [0, 2, 6, 12, 24, 48, 72] as const,
  /** ELISA harvests (h after irradiation). */
  secretionHours: [0, 6, 12, 24, 48, 72] as const,
  /** Independent experiments per condition; each experiment of a line is one qPCR plate / one ELISA run. */
  replicates: 3,
};

/** Dose shape s(d) = (1 − e^(−d/D0)) / (1 − e^(−8/D0)): 0 at 0 Gy, 1 at 8 Gy, saturating. */
export function doseShape(dose: number, d0: number): number {
  return (1 - Math.exp(-dose / d0)) / (1 - Math.exp(-8 / d0));
}

export const MRNA_MODEL = {
  /** D0 of the dose shape (Gy). */
  doseScale: 4,
  /** Time course m(t) = (1 − e^(−t/rise)) · (plateau + (1 − plateau) e^(−t/decay)). */
  riseHours: 2,
  decayHours: 24,
  plateau: 0.5,
  /** Per experiment (plate) offset shared by both genes, cycles (cancels in ΔCt). */
  sdPlate: 0.4,
  /** Per experiment (plate) offset of VEGF only, cycles (cancels in paired ΔΔCt). */
  sdPlateVegf: 0.08,
  /** Per sample cDNA input, shared by both genes, cycles (cancels in ΔCt). */
  sdInput: 0.3,
  /** Technical noise per gene and sample (mean of duplicate wells), cycles. */
  sdTechnical: 0.12,
};

/** m(t), the relative VEGF mRNA response t hours after irradiation (0 at 0 h). */
export function mrnaTimeCourse(hours: number): number {
  const m = MRNA_MODEL;
  return (1 - Math.exp(-hours / m.riseHours)) * (m.plateau + (1 - m.plateau) * Math.exp(-hours / m.decayHours));
}

export const SECRETION_MODEL = {
  /** D0 of the dose shape (Gy): close to linear over 0–8 Gy. */
  doseScale: 8,
  /** g(t) = 1 − e^(−t/tau): secreted VEGF accumulates after irradiation (0 at 0 h). */
  tauHours: 24,
  /** log-scale sd of the per experiment (ELISA run) effect, shared by all samples of a line's experiment. */
  sdLogRun: 0.06,
  /** log-scale sd of the per sample residual (biological + ELISA well noise). */
  sdLogResidual: 0.1,
};

/** g(t), the accumulated fraction of the radiation-induced secretion at t hours. */
export function secretionTimeCourse(hours: number): number {
  return 1 - Math.exp(-hours / SECRETION_MODEL.tauHours);
}

export const INVIVO_DESIGN = {
  micePerGroup: 10,
  groups: ["sham", "irradiated"] as const,
  /** Caliper days after irradiation (day 0 = irradiation, before it), twice weekly for 4 weeks. */
  days: [0, 3, 7, 10, 14, 17, 21, 24, 28] as const,
  /** Single fraction to the in-field tumor on day 0 (Gy); the out-of-field tumor is shielded. */
  inFieldDoseGy: 15,
  /** Hotspot high-power fields counted per out-of-field tumor for CD31 microvessel density. */
  fieldsCounted: 5,
};

export const TUMOR_MODEL = {
  /** Day-0 volume of the in-field tumor (mm³): median, log sd. */
  inFieldV0: 150,
  inFieldV0SdLog: 0.2,
  /** Day-0 volume of the smaller out-of-field tumor (mm³): median, log sd. */
  outFieldV0: 60,
  outFieldV0SdLog: 0.2,
  /** Gompertz V(t) = V0 exp((r/beta)(1 − e^(−beta t))): median initial rate r (per day) and deceleration beta. */
  rate: 0.1,
  beta: 0.04,
  /** log sd of a tumor's own rate. */
  rateSdLog: 0.08,
  /** Loading of the per mouse angiogenic drive A on the log rate of the mouse's unirradiated tumors. */
  rateDrive: 0.08,
  /** Out-of-field rate multiplier in irradiated mice (radiation-induced paracrine VEGF). */
  irradiatedRateRatio: 1.4,
  /** In-field tumor after 15 Gy: surviving fraction (median, log sd) regrows, the rest is cleared at rate lambda. */
  survivingFraction: 0.06,
  survivingFractionSdLog: 0.3,
  clearancePerDay: 0.18,
  /** Rate multiplier of the regrowing irradiated in-field tumor (damaged tumor bed). */
  regrowthRateRatio: 0.8,
  /** Caliper measurement error, log sd. */
  caliperSdLog: 0.1,
};

export const ENDPOINT_MODEL = {
  /** Serum human VEGF at sacrifice (day 28), pg/ml: group medians and log sd. */
  serumVegf: { sham: 60, irradiated: 110 },
  serumSdLog: 0.28,
  /** Mean CD31+ microvessels per hotspot field: group medians and log sd. */
  mvd: { sham: 14, irradiated: 22 },
  mvdSdLog: 0.18,
  /** Correlation of each endpoint's log with the latent per mouse angiogenic drive A. */
  driveLoading: 0.85,
};

export const LAB_SEED = "hcc-rt-vegf-laboratory-v1";
