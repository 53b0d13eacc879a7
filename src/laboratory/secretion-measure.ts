/**
 * What the secretion analyses analyse: the VEGF concentration in the conditioned medium
 * (`vegf_pg_ml`, what the ELISA reads; the analysis plan's measure), or VEGF per 10^6 cells
 * counted in the well at harvest (`vegf_pg_ml / cells_1e6`, when the file has the optional
 * `cells_1e6` column). Both are analysed as log2 (ELISA error is multiplicative).
 *
 * Neither is the per-cell secretion rate itself. VEGF accumulates in the medium over the
 * culture, secreted by the cells alive at each moment, and irradiation kills cells over the
 * days after it (having secreted while alive):
 * - the concentration understates a per-cell rise, because an irradiated well holds fewer
 *   cells; a rise of the concentration therefore shows that the cells secrete more (no other
 *   source of human VEGF is assumed);
 * - VEGF per cell counted at harvest overstates it, because the cells that died before harvest
 *   secreted too: it rises with dose even when no cell secretes more.
 * `measure.assumption` says this in a sentence for the measure used; `measure.note` names a
 * missing `cells_1e6` column when the per-cell measure was asked for.
 */
import { InputError } from "../core/index";
import type { MissingPolicy } from "../core/index";
import { readInVitro, log2Column } from "./columns";
import type { InVitroRows, SecretionColumns } from "./columns";

export type SecretionMeasureKind = "concentration" | "per 10^6 cells";

export interface SecretionMeasure {
  kind: SecretionMeasureKind;
  /** Axis and table label, e.g. "VEGF (pg/ml)". */
  label: string;
  unit: string;
  /** What the measure assumes, and in which direction it is biased for a per-cell rise. */
  assumption: string;
  /** Why another measure than the one asked for is used (the cell-count column is absent), or null. */
  note: string | null;
}

export interface SecretionRows {
  data: InVitroRows;
  /** The measure per kept row (pg/ml, or pg/ml per 10^6 cells) and its log2. */
  value: Float64Array;
  y: Float64Array;
  measure: SecretionMeasure;
}

export const CELL_COUNT_COLUMN = "cells_1e6";

export const CONCENTRATION_ASSUMPTION =
  "the concentration in the medium (what the ELISA reads): VEGF accumulates over the culture from the cells alive at each moment, and irradiation leaves fewer cells, so it understates a rise of the per-cell secretion";
export const PER_CELL_ASSUMPTION =
  "VEGF divided by the cells counted at harvest: cells that died before harvest secreted too, so it overstates a rise of the per-cell secretion (it rises with dose even when no cell secretes more)";

/** Whether a secretion file's columns hold the optional cell count. */
export function hasCellCounts(columns: SecretionColumns): boolean {
  return columns !== null && typeof columns === "object" && columns.cells_1e6 !== undefined;
}

/**
 * Reads the ELISA columns (experiments required unless `blocks` is false) and forms the measure
 * (default the concentration). Asking for "per 10^6 cells" of a file without `cells_1e6` throws an
 * InputError naming the column.
 */
export function readSecretion(columns: SecretionColumns, missing: MissingPolicy | undefined, blocks = true, kind: SecretionMeasureKind = "concentration"): SecretionRows {
  if (kind !== "concentration" && kind !== "per 10^6 cells") throw new InputError("measure", null, kind, 'must be "concentration" or "per 10^6 cells"');
  const hasCells = hasCellCounts(columns);
  if (kind === "per 10^6 cells" && !hasCells) {
    throw new InputError(CELL_COUNT_COLUMN, null, null, `is not in the file: VEGF per 10^6 cells needs the cell count of each well ("${CELL_COUNT_COLUMN}"); the concentration can still be analysed`);
  }
  const data = readInVitro(columns, kind === "per 10^6 cells" ? ["vegf_pg_ml", CELL_COUNT_COLUMN] : ["vegf_pg_ml"], missing, false, blocks);
  const conc = data.values.vegf_pg_ml;
  let value: Float64Array;
  let measure: SecretionMeasure;
  if (kind === "per 10^6 cells") {
    const cells = data.values[CELL_COUNT_COLUMN];
    value = new Float64Array(conc.length);
    for (let i = 0; i < conc.length; i++) {
      if (!(cells[i] > 0)) throw new InputError(CELL_COUNT_COLUMN, data.rows[i], cells[i], "must be > 0 to express VEGF per 10^6 cells");
      value[i] = conc[i] / cells[i];
    }
    measure = { kind, label: "VEGF (pg/ml per 10^6 cells at harvest)", unit: "pg/ml per 10^6 cells", assumption: PER_CELL_ASSUMPTION, note: null };
  } else {
    value = conc;
    measure = { kind, label: "VEGF (pg/ml)", unit: "pg/ml", assumption: CONCENTRATION_ASSUMPTION, note: null };
  }
  const y = log2Column(kind === "per 10^6 cells" ? "vegf_pg_ml / cells_1e6" : "vegf_pg_ml", value, data.rows);
  return { data, value, y, measure };
}
