/**
 * Simulated in vitro experiments: RT-qPCR of VEGF mRNA and ELISA of VEGF secreted into
 * conditioned medium, for four hepatoma lines irradiated with 0–8 Gy and harvested 0–72 h
 * later (0 h = just after irradiation), in independent experiments. Each experiment of a
 * line is one culture batch, one qPCR plate and one ELISA run: a block.
 *
 * RT-qPCR, sample of line l, dose d, time t in experiment e:
 *   Ct_GAPDH = G_l + plate_e + input + tech1
 *   Ct_VEGF  = G_l + ΔCt_l − b_l·R_e·s(d)·m(t) + plate_e + plateVEGF_e + input + bio + tech2,
 * so −ΔΔCt paired within an experiment has expectation b_l·s(d)·m(t) (R_e = e^N(0, sdResponse)
 * is the experiment's response strength, median 1).
 * ELISA, VEGF per 10^6 cells:
 *   log2 V = log2 base_l + E_l·R_e·H(d)·g(t) + run_e + e,   H(d) = d^h / (EC50^h + d^h);
 * cells in the well = seeded · 2^(t/doubling) · exp(−k·d·(1 − e^(−t/τ))) · e^N(0, sdCells), counted
 * with error; the ELISA reads the concentration V · cells (pg/ml), the file holds the
 * concentration and the count.
 * Parameters and their meaning: ./params.ts.
 */
import { LabRng } from "./random";
import { LAB_MODEL, doseShape, expectedCellsMillions, mrnaTimeCourse, secretionDoseShape, secretionTimeCourse } from "./params";
import type { LabModel } from "./params";
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
  cells_1e6: number;
}

function round(x: number, digits: number): number {
  const f = Math.pow(10, digits);
  return Math.round(x * f) / f;
}

/** Expected log2 fold change of VEGF mRNA vs 0 Gy for a line at a dose and time. */
export function expectedLog2FoldChange(lineIndex: number, dose: number, hours: number, model: LabModel = LAB_MODEL): number {
  return model.cellLines[lineIndex].mrnaInduction * doseShape(dose, model.mrna.doseScale) * mrnaTimeCourse(hours, model.mrna);
}

/** Expected log2 rise of VEGF secretion per 10^6 cells vs 0 Gy for a line at a dose and time. */
export function expectedSecretionLog2Rise(lineIndex: number, dose: number, hours: number, model: LabModel = LAB_MODEL): number {
  return model.cellLines[lineIndex].secretionEmaxLog2 * secretionDoseShape(dose, model.secretion) * secretionTimeCourse(hours, model.secretion);
}

/** Expected fold change of VEGF secretion per 10^6 cells vs 0 Gy (2 to the log2 rise). */
export function expectedSecretionFold(lineIndex: number, dose: number, hours: number, model: LabModel = LAB_MODEL): number {
  return Math.pow(2, expectedSecretionLog2Rise(lineIndex, dose, hours, model));
}

/** RT-qPCR rows, ordered by line, dose, hours, experiment. */
export function simulateVegfMrna(seed: string, model: LabModel = LAB_MODEL): VegfMrnaRow[] {
  const rng = new LabRng(`${seed}:vegf_mrna`);
  const m = model.mrna;
  const design = model.invitro;
  const rows: VegfMrnaRow[] = [];
  model.cellLines.forEach((line, li) => {
    // One plate per experiment of a line.
    const plate: number[] = [];
    const plateVegf: number[] = [];
    const response: number[] = [];
    for (let r = 0; r < design.experiments; r++) {
      plate.push(rng.normal(0, m.sdPlate));
      plateVegf.push(rng.normal(0, m.sdPlateVegf));
      response.push(Math.exp(rng.normal(0, m.sdResponseLog)));
    }
    for (const dose of design.doses) {
      for (const hours of design.mrnaHours) {
        for (let r = 0; r < design.experiments; r++) {
          const input = rng.normal(0, m.sdInput);
          const bio = rng.normal(0, m.sdBiological);
          const gapdh = line.ctGapdh + plate[r] + input + rng.normal(0, m.sdTechnical);
          const induction = response[r] * expectedLog2FoldChange(li, dose, hours, model);
          const vegf = line.ctGapdh + line.deltaCt - induction + plate[r] + plateVegf[r] + input + bio + rng.normal(0, m.sdTechnical);
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

/** ELISA rows with the cell count of each well, ordered by line, dose, hours, experiment. */
export function simulateVegfSecretion(seed: string, model: LabModel = LAB_MODEL): VegfSecretionRow[] {
  const rng = new LabRng(`${seed}:vegf_secretion`);
  const s = model.secretion;
  const design = model.invitro;
  const rows: VegfSecretionRow[] = [];
  model.cellLines.forEach((line, li) => {
    const run: number[] = [];
    const response: number[] = [];
    for (let r = 0; r < design.experiments; r++) {
      run.push(rng.normal(0, s.sdLogRun));
      response.push(Math.exp(rng.normal(0, s.sdResponseLog)));
    }
    for (const dose of design.secretionDoses) {
      for (const hours of design.secretionHours) {
        for (let r = 0; r < design.experiments; r++) {
          const logPerMillion =
            Math.log(line.baselinePerMillion) + Math.LN2 * response[r] * expectedSecretionLog2Rise(li, dose, hours, model) + run[r] + rng.normal(0, s.sdLogResidual);
          const cells = expectedCellsMillions(dose, hours, s) * Math.exp(rng.normal(0, s.sdLogCells));
          const counted = cells * Math.exp(rng.normal(0, s.sdLogCount));
          rows.push({
            cell_line: line.name,
            p53_status: line.p53,
            hbv_status: line.hbv,
            dose_gy: dose,
            hours,
            replicate: r + 1,
            vegf_pg_ml: round(Math.exp(logPerMillion) * cells, 1),
            cells_1e6: round(counted, 2),
          });
        }
      }
    }
  });
  return rows;
}
