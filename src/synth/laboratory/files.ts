/**
 * The laboratory CSV files of a seed and a model (LAB_MODEL or a null scenario's): their
 * texts keyed by path relative to the data folder, and writing them. Same seed, same bytes.
 */
import * as fs from "fs";
import * as path from "path";
import { toCsv } from "./csv";
import { simulateVegfMrna, simulateVegfSecretion } from "./invitro";
import type { VegfMrnaRow, VegfSecretionRow } from "./invitro";
import { simulateXenografts } from "./invivo";
import type { TumorGrowthRow, EndpointRow } from "./invivo";
import { LAB_MODEL, LAB_SEED } from "./params";
import type { LabModel } from "./params";
import { LABORATORY_FILES } from "../../data/laboratory";

/** The four CSV texts, keyed by path relative to the data folder (`model`: LAB_MODEL, or a null scenario's). */
export function laboratoryFiles(seed: string = LAB_SEED, model: LabModel = LAB_MODEL): Record<string, string> {
  const mrna = simulateVegfMrna(seed, model);
  const secretion = simulateVegfSecretion(seed, model);
  const xeno = simulateXenografts(seed, model);
  const invitroKeys = ["cell_line", "p53_status", "hbv_status", "dose_gy", "hours", "replicate"] as const;
  return {
    [LABORATORY_FILES.vegfMrna]: toCsv<VegfMrnaRow>(mrna, [
      ...invitroKeys.map((name) => ({ name })),
      { name: "ct_vegf", digits: 2 },
      { name: "ct_gapdh", digits: 2 },
    ]),
    [LABORATORY_FILES.vegfSecretion]: toCsv<VegfSecretionRow>(secretion, [
      ...invitroKeys.map((name) => ({ name })),
      { name: "vegf_pg_ml", digits: 1 },
      { name: "cells_1e6", digits: 2 },
    ]),
    [LABORATORY_FILES.tumorGrowth]: toCsv<TumorGrowthRow>(xeno.growth, [
      { name: "mouse_id" },
      { name: "group" },
      { name: "site" },
      { name: "day" },
      { name: "volume_mm3", digits: 1 },
    ]),
    [LABORATORY_FILES.endpoint]: toCsv<EndpointRow>(xeno.endpoint, [
      { name: "mouse_id" },
      { name: "group" },
      { name: "mvd_per_hpf", digits: 1 },
      { name: "serum_vegf_pg_ml", digits: 1 },
    ]),
  };
}

/** Writes the laboratory files under `dataDir` (creating invitro/ and invivo/); returns the paths written. */
export function generateLaboratoryData(dataDir: string, seed: string = LAB_SEED): string[] {
  const written: string[] = [];
  const files = laboratoryFiles(seed);
  for (const rel of Object.keys(files)) {
    const file = path.join(dataDir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, files[rel]);
    written.push(file);
  }
  return written;
}
