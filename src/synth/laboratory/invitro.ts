/**
 * Simulated in vitro experiments: RT-qPCR of VEGF mRNA and ELISA of VEGF
 * secreted into conditioned medium, for four hepatoma lines irradiated with
 * 0–8 Gy and harvested 0–72 h later (0 h = just after irradiation).
 *
 * RT-qPCR: Ct_GAPDH = g_line + plate + input + e1;
 *          Ct_VEGF  = g_line + ΔCt_line − b_line·s(d)·m(t) + plate + plateVEGF + input + e2,
 * so −ΔΔCt (vs 0 Gy, normalised to GAPDH) has expectation b_line·s(d)·m(t).
 * ELISA:   log VEGF = log base_line + log(1 + a_line·s(d)·g(t)) + run + e.
 * Parameters and their meaning: ./params.ts.
 */
import { LabRng } from "./random";
import {
  CELL_LINES,
  INVITRO_DESIGN,
  MRNA_MODEL,
  SECRETION_MODEL,
  doseShape,
  mrnaTimeCourse,
  secretionTimeCourse,
} from "./params";
import type { P53Status, HbvStatus } from "../../data/laboratory";

export interface VegfMrnaRow {
  cell_line: string;
  p53_status: P53Status;
  hbv_status: HbvStatus;
  dose_gy: number;
  hours: number;
  replicate: number;
  ct_vegf: number;
  ct_gapdh: number;
}

export interface VegfSecretionRow {
  cell_line: string;
  p53_status: P53Status;
  hbv_status: HbvStatus;
  dose_gy: number;
  hours: number;
  replicate: number;
  vegf_pg_ml: number;
}

function round(x: number, digits: number): number {
  const f = Math.pow(10, digits);
  return Math.round(x * f) / f;
}

/** Expected log2 fold change of VEGF mRNA vs 0 Gy for a line at a dose and time. */
export function expectedLog2FoldChange(lineIndex: number, dose: number, hours: number): number {
  return CELL_LINES[lineIndex].mrnaInduction * doseShape(dose, MRNA_MODEL.doseScale) * mrnaTimeCourse(hours);
}

/** Expected fold change of secreted VEGF vs 0 Gy for a line at a dose and time. */
export function expectedSecretionFold(lineIndex: number, dose: number, hours: number): number {
  return 1 + CELL_LINES[lineIndex].secretionInduction * doseShape(dose, SECRETION_MODEL.doseScale) * secretionTimeCourse(hours);
}

/** RT-qPCR rows, ordered by line, dose, hours, replicate. */
export function simulateVegfMrna(seed: string): VegfMrnaRow[] {
  const rng = new LabRng(`${seed}:vegf_mrna`);
  const m = MRNA_MODEL;
  const rows: VegfMrnaRow[] = [];
  CELL_LINES.forEach((line, li) => {
    // One plate per experiment (replicate) of a line.
    const plate: number[] = [];
    const plateVegf: number[] = [];
    for (let r = 0; r < INVITRO_DESIGN.replicates; r++) {
      plate.push(rng.normal(0, m.sdPlate));
      plateVegf.push(rng.normal(0, m.sdPlateVegf));
    }
    for (const dose of INVITRO_DESIGN.doses) {
      for (const hours of INVITRO_DESIGN.mrnaHours) {
        for (let r = 0; r < INVITRO_DESIGN.replicates; r++) {
          const input = rng.normal(0, m.sdInput);
          const gapdh = line.ctGapdh + plate[r] + input + rng.normal(0, m.sdTechnical);
          const vegf =
            line.ctGapdh + line.deltaCt - expectedLog2FoldChange(li, dose, hours) + plate[r] + plateVegf[r] + input + rng.normal(0, m.sdTechnical);
          rows.push({
            cell_line: line.name,
            p53_status: line.p53,
            hbv_status: line.hbv,
            dose_gy: dose,
            hours,
            replicate: r + 1,
            ct_vegf: round(vegf, 2),
            ct_gapdh: round(gapdh, 2),
          });
        }
      }
    }
  });
  return rows;
}

/** ELISA rows, ordered by line, dose, hours, replicate. */
export function simulateVegfSecretion(seed: string): VegfSecretionRow[] {
  const rng = new LabRng(`${seed}:vegf_secretion`);
  const s = SECRETION_MODEL;
  const rows: VegfSecretionRow[] = [];
  CELL_LINES.forEach((line, li) => {
    const run: number[] = [];
    for (let r = 0; r < INVITRO_DESIGN.replicates; r++) run.push(rng.normal(0, s.sdLogRun));
    for (const dose of INVITRO_DESIGN.doses) {
      for (const hours of INVITRO_DESIGN.secretionHours) {
        for (let r = 0; r < INVITRO_DESIGN.replicates; r++) {
          const logValue = Math.log(line.baselinePgMl) + Math.log(expectedSecretionFold(li, dose, hours)) + run[r] + rng.normal(0, s.sdLogResidual);
          rows.push({
            cell_line: line.name,
            p53_status: line.p53,
            hbv_status: line.hbv,
            dose_gy: dose,
            hours,
            replicate: r + 1,
            vegf_pg_ml: round(Math.exp(logValue), 1),
          });
        }
      }
    }
  });
  return rows;
}
