/**
 * The laboratory CSV files of a seed and a model (LAB_MODEL or a null scenario's): their
 * texts keyed by path relative to the data folder, and writing them. Same seed, same bytes.
 */
import * as fs from "fs";
import * as path from "path";
import { toCsv } from "./csv";
import type { CsvColumn } from "./csv";
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
    ...invivoFiles(seed, model),
  };
}

const GROWTH_COLUMNS: CsvColumn<TumorGrowthRow>[] = [
  { name: "mouse_id" },
  { name: "group" },
  { name: "site" },
  { name: "day" },
  { name: "volume_mm3", digits: 1 },
];
const ENDPOINT_COLUMNS: CsvColumn<EndpointRow>[] = [
  { name: "mouse_id" },
  { name: "group" },
  { name: "mvd_per_hpf", digits: 1 },
  { name: "serum_vegf_pg_ml", digits: 1 },
];

/**
 * The two in vivo CSV texts of laboratoryFiles (tumor growth and endpoints), the same bytes,
 * without simulating the in vitro experiments: the xenografts draw from their own streams
 * (`<seed>:xenograft…`), so they do not depend on the in vitro draws. For checks that read
 * only the in vivo data (the in vivo rule-check scenarios).
 */
export function invivoFiles(seed: string = LAB_SEED, model: LabModel = LAB_MODEL): Record<string, string> {
  const xeno = simulateXenografts(seed, model);
  return {
    [LABORATORY_FILES.tumorGrowth]: toCsv<TumorGrowthRow>(xeno.growth, GROWTH_COLUMNS),
    [LABORATORY_FILES.endpoint]: toCsv<EndpointRow>(xeno.endpoint, ENDPOINT_COLUMNS),
  };
}

/** The endpoint CSV text of laboratoryFiles alone (same bytes; pooledVersusPartialCorrelationRule). */
export function endpointFile(seed: string = LAB_SEED, model: LabModel = LAB_MODEL): string {
  return toCsv<EndpointRow>(simulateXenografts(seed, model).endpoint, ENDPOINT_COLUMNS);
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
