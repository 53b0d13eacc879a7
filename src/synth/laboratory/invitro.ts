/**
 * Simulated in vitro experiments: RT-qPCR of VEGF mRNA and ELISA of VEGF secreted into
 * conditioned medium, for four hepatoma lines irradiated with 0–10 Gy and harvested up to 72 h
 * later, in independent experiments. Each experiment of a line is one culture batch, one qPCR
 * plate and one ELISA run: a block.
 *
 * RT-qPCR, sample of line l, dose d, time t in experiment e:
 *   Ct_GAPDH = G_l − γ·s(d)·m_l(t) + plate_e + input + bioG + tech1
 *   Ct_VEGF  = G_l + ΔCt_l − b_l·R_e·s(d)·m_l(t) + plate_e + plateVEGF_e + input + bio + tech2,
 * so −ΔΔCt paired within an experiment has expectation (b_l − γ)·s(d)·m_l(t) (R_e = e^N(0, sdResponse)
 * is the experiment's response strength, median 1; γ the reference gene's own rise).
 * ELISA: fresh medium at irradiation; the well's cells secrete at a per-cell rate that rises after
 * irradiation, 2^(E_l·R_e·H(d)·g(t)), while they live; irradiated cells stop dividing for a while and
 * those that lost their clonogenic capacity (1 − surviving fraction, line-specific) divide once more and
 * die over the following days. The concentration at harvest is the secretion integrated over the culture
 * (accumulatedVegf); the count is the cells alive at harvest. Both scale with the well's seeding.
 * Parameters and their meaning: ./params.ts.
 */
import { LabRng } from "./random";
import { LAB_MODEL, accumulatedVegf, doseShape, expectedObservedLog2, mrnaTimeCourse, relativeCells } from "./params";
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

/** Expected log2 fold change of VEGF mRNA itself vs 0 Gy for a line at a dose and time (what a perfect reference gene would show). */
export function expectedLog2FoldChange(lineIndex: number, dose: number, hours: number, model: LabModel = LAB_MODEL): number {
  const line = model.cellLines[lineIndex];
  return line.mrnaInduction * doseShape(dose, model.mrna.doseScale) * mrnaTimeCourse(hours, line.mrnaPeakHours, model.mrna);
}

/** Expected −ΔΔCt against GAPDH (the VEGF induction minus GAPDH's own rise), the quantity the paired ΔΔCt estimates. */
export function expectedObservedLog2FoldChange(lineIndex: number, dose: number, hours: number, model: LabModel = LAB_MODEL): number {
  return expectedObservedLog2(model, lineIndex, dose, hours);
}

/** Expected fold of the VEGF concentration in the medium over sham, at a median experiment (R = 1) and seeding. */
export function expectedConcentrationFold(lineIndex: number, dose: number, hours: number, model: LabModel = LAB_MODEL): number {
  const line = model.cellLines[lineIndex];
  return accumulatedVegf(line, dose, hours, 1, model) / accumulatedVegf(line, 0, hours, 1, model);
}

/** Expected fold over sham of VEGF divided by the cells alive at harvest (what the harvest count normalisation estimates). */
export function expectedPerCellAtHarvestFold(lineIndex: number, dose: number, hours: number, model: LabModel = LAB_MODEL): number {
  const line = model.cellLines[lineIndex];
  const cells = relativeCells(line, dose, hours, model.secretion) / relativeCells(line, 0, hours, model.secretion);
  return expectedConcentrationFold(lineIndex, dose, hours, model) / cells;
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
        const shape = doseShape(dose, m.doseScale) * mrnaTimeCourse(hours, line.mrnaPeakHours, m);
        for (let r = 0; r < design.experiments; r++) {
          const input = rng.normal(0, m.sdInput);
          const bio = rng.normal(0, m.sdBiological);
          const bioGapdh = rng.normal(0, m.sdGapdhBiological);
          const gapdh = line.ctGapdh - m.gapdhShiftAt8Gy * shape + plate[r] + input + bioGapdh + rng.normal(0, m.sdTechnical);
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
  model.cellLines.forEach((line) => {
    const run: number[] = [];
    const response: number[] = [];
    for (let r = 0; r < design.experiments; r++) {
      run.push(rng.normal(0, s.sdLogRun));
      response.push(Math.exp(rng.normal(0, s.sdResponseLog)));
    }
    for (const dose of design.secretionDoses) {
      for (const hours of design.secretionHours) {
        for (let r = 0; r < design.experiments; r++) {
          // The well's cells at irradiation scale both its cell count and its VEGF.
          const seeded = s.cellsAtIrradiation * Math.exp(rng.normal(0, s.sdLogCells));
          const concentration = seeded * accumulatedVegf(line, dose, hours, response[r], model) * Math.exp(run[r] + rng.normal(0, s.sdLogResidual));
          const counted = seeded * relativeCells(line, dose, hours, s) * Math.exp(rng.normal(0, s.sdLogCount));
          rows.push({
            cell_line: line.name,
            p53_status: line.p53,
            hbv_status: line.hbv,
            dose_gy: dose,
            hours,
            replicate: r + 1,
            vegf_pg_ml: round(concentration, 1),
            cells_1e6: round(counted, 2),
          });
        }
      }
    }
  });
  return rows;
}
