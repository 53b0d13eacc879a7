/**
 * What the secretion analyses analyse: VEGF per 10^6 cells when the ELISA file has the
 * cell count of each well (`cells_1e6`), else the concentration in the medium.
 *
 * Irradiation lowers the number of cells in a well by 72 h, so the concentration mixes the
 * per-cell secretion with the cell yield: a radiation-induced rise per cell is understated
 * in pg/ml. With `cells_1e6`, the measure is vegf_pg_ml / cells_1e6 (pg/ml per 10^6 cells);
 * without it, the analyses run on pg/ml and say so in `measure.note`, naming the column.
 * Both are analysed as log2 (ELISA error is multiplicative).
 */
import { InputError } from "../core/index";
import type { MissingPolicy } from "../core/index";
import { readInVitro, log2Column } from "./columns";
import type { InVitroRows, SecretionColumns } from "./columns";

export interface SecretionMeasure {
  kind: "per 10^6 cells" | "concentration";
  /** Axis and table label, e.g. "VEGF (pg/ml per 10^6 cells)". */
  label: string;
  unit: string;
  /** Why the concentration is used (the cell-count column is absent), or null. */
  note: string | null;
}

export interface SecretionRows {
  data: InVitroRows;
  /** The measure per kept row (pg/ml per 10^6 cells, or pg/ml) and its log2. */
  value: Float64Array;
  y: Float64Array;
  measure: SecretionMeasure;
}

export const CELL_COUNT_COLUMN = "cells_1e6";

/** Reads the ELISA columns (experiments required unless `blocks` is false) and forms the measure; see the file comment. */
export function readSecretion(columns: SecretionColumns, missing: MissingPolicy | undefined, blocks = true): SecretionRows {
  const hasCells = columns !== null && typeof columns === "object" && columns.cells_1e6 !== undefined;
  const data = readInVitro(columns, hasCells ? ["vegf_pg_ml", CELL_COUNT_COLUMN] : ["vegf_pg_ml"], missing, false, blocks);
  const conc = data.values.vegf_pg_ml;
  let value: Float64Array;
  let measure: SecretionMeasure;
  if (hasCells) {
    const cells = data.values[CELL_COUNT_COLUMN];
    value = new Float64Array(conc.length);
    for (let i = 0; i < conc.length; i++) {
      if (!(cells[i] > 0)) throw new InputError(CELL_COUNT_COLUMN, data.rows[i], cells[i], "must be > 0 to express VEGF per 10^6 cells");
      value[i] = conc[i] / cells[i];
    }
    measure = { kind: "per 10^6 cells", label: "VEGF (pg/ml per 10^6 cells)", unit: "pg/ml per 10^6 cells", note: null };
  } else {
    value = conc;
    measure = {
      kind: "concentration",
      label: "VEGF (pg/ml)",
      unit: "pg/ml",
      note: `no "${CELL_COUNT_COLUMN}" column: secreted VEGF is analysed as its concentration (pg/ml), not per 10^6 cells; irradiation lowers the cell yield, so a rise per cell is understated`,
    };
  }
  const y = log2Column(hasCells ? "vegf_pg_ml / cells_1e6" : "vegf_pg_ml", value, data.rows);
  return { data, value, y, measure };
}
