/**
 * Every assumption of the simulated laboratory data in one place: design, effect sizes
 * and noise levels, as one model object (LAB_MODEL). data/README.md ("Laboratory data")
 * documents the same numbers; change both together. The design is assumed: the study
 * published no raw laboratory measurements, only the direction of its findings.
 *
 * The null scenarios of the rule checks (src/synth/laboratory/rule-checks.ts) are this
 * model with one effect removed (nullModel): the generator code is the same.
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
  /** Sham (0 Gy) VEGF secretion, pg/ml per 10^6 cells (median over experiments). */
  baselinePerMillion: number;
  /** Maximum radiation-induced rise of log2 secretion per 10^6 cells (dose → ∞, time course g(t) = 1). */
  secretionEmaxLog2: number;
}

export interface InVitroDesign {
  /** RT-qPCR doses (Gy). */
  doses: readonly number[];
  /** ELISA doses (Gy): more of them, for a dose-response curve with a plateau. */
  secretionDoses: readonly number[];
  /** RT-qPCR harvests (h after irradiation). */
  mrnaHours: readonly number[];
  /** ELISA harvests (h after irradiation). */
  secretionHours: readonly number[];
  /** Independent experiments per line; each is one culture batch, one qPCR plate and one ELISA run. */
  experiments: number;
}

export interface MrnaModel {
  /** D0 of the dose shape s(d) = (1 − e^(−d/D0)) / (1 − e^(−8/D0)) (Gy). */
  doseScale: number;
  /** Time course m(t) = (1 − e^(−t/rise)) · (plateau + (1 − plateau) e^(−t/decay)). */
  riseHours: number;
  decayHours: number;
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
}

export interface SecretionModel {
  /** Dose shape H(d) = d^h / (EC50^h + d^h) (Emax / four-parameter log-logistic). */
  ec50Gy: number;
  hill: number;
  /** g(t) = 1 − e^(−t/tau): the radiation-induced secretion builds up after irradiation. */
  tauHours: number;
  /** Per experiment effect on log secretion (culture batch + ELISA run), shared by all samples of a line's experiment. */
  sdLogRun: number;
  /** Per experiment response strength: the induction is multiplied by e^N(0, sd) in that experiment. */
  sdResponseLog: number;
  /** Per sample residual of log secretion (dish and ELISA well). */
  sdLogResidual: number;
  /** Cells seeded per well at irradiation (10^6) and the sham doubling time (h). */
  seededMillions: number;
  doublingHours: number;
  /** Relative cell yield after irradiation: exp(−k · d · (1 − e^(−t/yieldTau))). */
  yieldLossPerGy: number;
  yieldTauHours: number;
  /** log sd of the well's cell number around its expectation (seeding and growth). */
  sdLogCells: number;
  /** Counting error of the cell count (automated counter), log sd. */
  sdLogCount: number;
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
  /** Caliper measurement error, log sd. */
  caliperSdLog: number;
}

export interface EndpointModel {
  /** Serum human VEGF at sacrifice (tumor-derived; human-specific ELISA), pg/ml: group medians and log sd. */
  serumVegf: { sham: number; irradiated: number };
  serumSdLog: number;
  /** Mean CD31+ microvessels per hotspot field: group medians and log sd. */
  mvd: { sham: number; irradiated: number };
  mvdSdLog: number;
  /** Correlation of each endpoint's log with the mouse's angiogenic drive A (0: no association within a group). */
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
}

/** The four lines of STUDY.md with their real p53 and HBV status; the numbers are assumed. */
export const CELL_LINES: readonly CellLineParams[] = [
  { name: "HepG2", p53: "wild-type", hbv: "negative", ctGapdh: 17.6, deltaCt: 7.8, mrnaInduction: 1.55, baselinePerMillion: 420, secretionEmaxLog2: 1.2 },
  { name: "Hep3B", p53: "null", hbv: "positive", ctGapdh: 18.0, deltaCt: 7.4, mrnaInduction: 1.8, baselinePerMillion: 760, secretionEmaxLog2: 1.8 },
  { name: "PLC/PRF/5", p53: "mutant", hbv: "positive", ctGapdh: 18.4, deltaCt: 8.6, mrnaInduction: 1.35, baselinePerMillion: 280, secretionEmaxLog2: 0.9 },
  { name: "HuH-7", p53: "mutant", hbv: "negative", ctGapdh: 18.1, deltaCt: 8.0, mrnaInduction: 1.5, baselinePerMillion: 550, secretionEmaxLog2: 0.8 },
];

export const INVITRO_DESIGN: InVitroDesign = {
  doses: [0, 2, 4, 6, 8],
  secretionDoses: [0, 1, 2, 4, 6, 8, 10],
  mrnaHours: [0, 2, 6, 12, 24, 48, 72],
  secretionHours: [0, 6, 12, 24, 48, 72],
  experiments: 4,
};

export const MRNA_MODEL: MrnaModel = {
  doseScale: 4,
  riseHours: 2,
  decayHours: 24,
  plateau: 0.5,
  sdPlate: 0.4,
  sdPlateVegf: 0.3,
  sdResponseLog: 0.08,
  sdInput: 0.3,
  sdBiological: 0.1,
  sdTechnical: 0.08,
};

export const SECRETION_MODEL: SecretionModel = {
  ec50Gy: 3,
  hill: 2,
  tauHours: 24,
  sdLogRun: 0.22,
  sdResponseLog: 0.1,
  sdLogResidual: 0.1,
  seededMillions: 0.5,
  doublingHours: 36,
  yieldLossPerGy: 0.1,
  yieldTauHours: 24,
  sdLogCells: 0.1,
  sdLogCount: 0.06,
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
  rateSdLog: 0.08,
  rateDrive: 0.08,
  irradiatedRateRatio: 1.4,
  survivingFraction: 0.06,
  survivingFractionSdLog: 0.3,
  clearancePerDay: 0.18,
  regrowthRateRatio: 0.8,
  caliperSdLog: 0.1,
};

export const ENDPOINT_MODEL: EndpointModel = {
  serumVegf: { sham: 60, irradiated: 110 },
  serumSdLog: 0.25,
  mvd: { sham: 14, irradiated: 22 },
  mvdSdLog: 0.22,
  driveLoading: 0.92,
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

/** m(t), the relative VEGF mRNA response t hours after irradiation (0 at 0 h). */
export function mrnaTimeCourse(hours: number, m: MrnaModel = MRNA_MODEL): number {
  return (1 - Math.exp(-hours / m.riseHours)) * (m.plateau + (1 - m.plateau) * Math.exp(-hours / m.decayHours));
}

/** H(d) = d^h / (EC50^h + d^h), the Emax dose shape of secretion (0 at 0 Gy, 1/2 at EC50). */
export function secretionDoseShape(dose: number, s: SecretionModel = SECRETION_MODEL): number {
  if (dose <= 0) return 0;
  const dh = Math.pow(dose, s.hill);
  return dh / (Math.pow(s.ec50Gy, s.hill) + dh);
}

/** g(t), the built-up fraction of the radiation-induced secretion at t hours. */
export function secretionTimeCourse(hours: number, s: SecretionModel = SECRETION_MODEL): number {
  return 1 - Math.exp(-hours / s.tauHours);
}

/** Expected cells per well (10^6) at harvest: sham growth times the radiation yield factor. */
export function expectedCellsMillions(dose: number, hours: number, s: SecretionModel = SECRETION_MODEL): number {
  return s.seededMillions * Math.pow(2, hours / s.doublingHours) * Math.exp(-s.yieldLossPerGy * dose * (1 - Math.exp(-hours / s.yieldTauHours)));
}

/** The null scenarios of the rule checks: each removes one effect a claim asserts. */
export type NullScenario = "no-radiation-vegf" | "p53-dependent" | "same-rise-all-lines" | "no-out-of-field-effect" | "no-within-group-association";

/** Fold-change ratio, p53 wild-type over deficient lines at 8 Gy, of the "p53-dependent" null: the equivalence margin's upper end. */
export const P53_NULL_RATIO = 1.5;

/**
 * LAB_MODEL with one effect removed:
 * - "no-radiation-vegf": irradiation changes neither VEGF mRNA nor secretion per cell (it still lowers the cell yield);
 * - "p53-dependent": the wild-type line's mRNA induction is raised until its fold change at 8 Gy and the pre-specified
 *   6 h is P53_NULL_RATIO times the deficient lines' (the edge of the equivalence margin);
 * - "same-rise-all-lines": every line has the same secretion rise (the mean of the lines');
 * - "no-out-of-field-effect": the out-of-field tumor, microvessel density and serum VEGF do not differ between groups
 *   (the irradiated in-field tumor still regresses);
 * - "no-within-group-association": serum VEGF and microvessel density differ between groups as calibrated but are
 *   independent of each other (and of growth) within a group.
 */
export function nullModel(scenario: NullScenario, base: LabModel = LAB_MODEL): LabModel {
  const lines = base.cellLines.map((l) => ({ ...l }));
  const model: LabModel = { ...base, cellLines: lines, tumor: { ...base.tumor }, endpoint: { ...base.endpoint, serumVegf: { ...base.endpoint.serumVegf }, mvd: { ...base.endpoint.mvd } } };
  switch (scenario) {
    case "no-radiation-vegf":
      for (const l of lines) {
        l.mrnaInduction = 0;
        l.secretionEmaxLog2 = 0;
      }
      break;
    case "p53-dependent": {
      const deficient = lines.filter((l) => l.p53 !== "wild-type");
      const mean = deficient.reduce((s, l) => s + l.mrnaInduction, 0) / deficient.length;
      const shape = doseShape(8, base.mrna.doseScale) * mrnaTimeCourse(6, base.mrna);
      for (const l of lines) if (l.p53 === "wild-type") l.mrnaInduction = mean + Math.log2(P53_NULL_RATIO) / shape;
      break;
    }
    case "same-rise-all-lines": {
      const mean = lines.reduce((s, l) => s + l.secretionEmaxLog2, 0) / lines.length;
      for (const l of lines) l.secretionEmaxLog2 = mean;
      break;
    }
    case "no-out-of-field-effect":
      model.tumor.irradiatedRateRatio = 1;
      model.endpoint.serumVegf.irradiated = model.endpoint.serumVegf.sham;
      model.endpoint.mvd.irradiated = model.endpoint.mvd.sham;
      break;
    case "no-within-group-association":
      model.endpoint.driveLoading = 0;
      break;
  }
  return model;
}

export const LAB_SEED = "hcc-rt-vegf-laboratory-v2";
