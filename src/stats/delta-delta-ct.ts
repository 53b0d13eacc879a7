/**
 * RT-qPCR relative quantification by the comparative Ct (Livak 2^−ΔΔCt) method.
 *
 *   ΔCt  = Ct(target) − Ct(reference gene)                       per row (one biological replicate)
 *   ΔΔCt = ΔCt − mean ΔCt of the calibrator rows of the same calibration group
 *          (e.g. the 0 Gy rows of the same cell line and time point)
 *   fold change = 2^−ΔΔCt
 *
 * Assumption: both amplicons amplify with ≈100% efficiency (the product doubles each
 * cycle) and equally; with other efficiencies use the Pfaffl ratio instead. Average
 * technical replicate wells before calling this, so each row is one biological replicate.
 *
 * Summaries are computed on the ΔΔCt scale, where replicate values are roughly normal,
 * then transformed: fold change 2^−mean(ΔΔCt) (the geometric mean of the per-row fold
 * changes) with the t interval mean ± t_{n−1}·sd/√n mapped to 2^−(upper), 2^−(lower)
 * (asymmetric around the fold change; limits swap because of the minus sign). The
 * arithmetic mean and SD of the per-row fold changes are reported as well, for tables
 * that show "mean ± SD" of fold change. The calibrator's own sampling error is not
 * propagated into the other conditions' intervals (the usual Livak practice).
 */
import { InputError, requireLength, requireSameLength, missingRows, finiteColumn, labelColumn, isMissing, levelsOf } from "../core/index";
import type { ArrayLikeInput, MissingPolicy } from "../core/index";
import { tQuantile } from "../distributions/index";
import { keptRows, meanOf, requireConfLevel, requireMissingPolicy, varianceOf } from "./input";

export interface DeltaDeltaCtInput {
  ctTarget: ArrayLikeInput<unknown>;
  ctReference: ArrayLikeInput<unknown>;
  /** true (or 1) for calibrator rows, e.g. the unirradiated (0 Gy) samples. */
  isCalibrator: ArrayLikeInput<unknown>;
  /** Rows normalised to the same calibrator, e.g. `${cellLine} ${hours}`. Omit for a single calibrator group. */
  calibrationGroup?: ArrayLikeInput<unknown>;
}

export interface DeltaDeltaCtOptions {
  /** "drop" turns rows with a missing Ct (an undetermined well) into null outputs and counts them. */
  missing?: MissingPolicy;
}

export interface DeltaDeltaCtResult {
  method: "Livak 2^-ddCt (amplification efficiency assumed 100%)";
  /** One entry per input row (null for a dropped row). */
  deltaCt: (number | null)[];
  deltaDeltaCt: (number | null)[];
  foldChange: (number | null)[];
  /** The calibrator mean ΔCt subtracted in each calibration group. */
  calibrators: { group: string; n: number; meanDeltaCt: number }[];
  dropped: number;
}

/**
 * Per-row ΔCt, ΔΔCt and fold change 2^−ΔΔCt (see the file comment for the formulas).
 * Every calibration group needs at least one calibrator row with both Ct values.
 *
 * @example
 * const q = deltaDeltaCt({ ctTarget, ctReference, isCalibrator: dose.map((d) => d === 0),
 *   calibrationGroup: cellLine.map((c, i) => `${c} ${hours[i]}`) });
 * q.foldChange
 */
export function deltaDeltaCt(input: DeltaDeltaCtInput, options: DeltaDeltaCtOptions = {}): DeltaDeltaCtResult {
  const { ctTarget, ctReference, isCalibrator } = input;
  requireLength("ctTarget", ctTarget);
  requireLength("ctReference", ctReference);
  requireLength("isCalibrator", isCalibrator);
  const columns: Record<string, ArrayLikeInput<unknown>> = { ctTarget, ctReference, isCalibrator };
  if (input.calibrationGroup !== undefined) {
    requireLength("calibrationGroup", input.calibrationGroup);
    columns.calibrationGroup = input.calibrationGroup;
  }
  requireSameLength(columns);
  const dropSet = missingRows(columns, requireMissingPolicy(options.missing));
  const target = finiteColumn("ctTarget", ctTarget, dropSet);
  const reference = finiteColumn("ctReference", ctReference, dropSet);
  const calibrator = flagColumn("isCalibrator", isCalibrator, dropSet);
  const rows = keptRows(ctTarget.length, dropSet);
  const labels = input.calibrationGroup === undefined ? Array.from(rows, () => "all") : labelColumn("calibrationGroup", input.calibrationGroup, dropSet);
  if (rows.length === 0) throw new InputError("ctTarget", null, ctTarget.length, "has no complete rows once missing values are dropped");

  const m = rows.length;
  const dct = new Float64Array(m);
  for (let i = 0; i < m; i++) dct[i] = target[i] - reference[i];

  // Calibrator mean ΔCt per group (groups in order of first appearance).
  const groups: string[] = [];
  const groupIndex = new Map<string, number>();
  const firstRow: number[] = [];
  const g = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    let k = groupIndex.get(labels[i]);
    if (k === undefined) {
      k = groups.length;
      groupIndex.set(labels[i], k);
      groups.push(labels[i]);
      firstRow.push(rows[i]);
    }
    g[i] = k;
  }
  const calCount = new Int32Array(groups.length);
  for (let i = 0; i < m; i++) if (calibrator[i]) calCount[g[i]]++;
  const calValues = groups.map((_, k) => new Float64Array(calCount[k]));
  const fill = new Int32Array(groups.length);
  for (let i = 0; i < m; i++) if (calibrator[i]) calValues[g[i]][fill[g[i]]++] = dct[i];
  const calMean = new Float64Array(groups.length);
  for (let k = 0; k < groups.length; k++) {
    if (calCount[k] === 0) {
      const where = input.calibrationGroup === undefined ? "" : ` in calibration group "${groups[k]}"`;
      throw new InputError("isCalibrator", firstRow[k], isCalibrator[firstRow[k]], `no calibrator row with both Ct values${where}`);
    }
    calMean[k] = meanOf(calValues[k]);
  }

  const n = ctTarget.length;
  const deltaCt: (number | null)[] = new Array(n).fill(null);
  const ddct: (number | null)[] = new Array(n).fill(null);
  const fold: (number | null)[] = new Array(n).fill(null);
  for (let i = 0; i < m; i++) {
    const d = dct[i] - calMean[g[i]];
    deltaCt[rows[i]] = dct[i];
    ddct[rows[i]] = d;
    fold[rows[i]] = Math.pow(2, -d);
  }
  return {
    method: "Livak 2^-ddCt (amplification efficiency assumed 100%)",
    deltaCt,
    deltaDeltaCt: ddct,
    foldChange: fold,
    calibrators: groups.map((group, k) => ({ group, n: calCount[k], meanDeltaCt: calMean[k] })),
    dropped: dropSet.size,
  };
}

export interface FoldChangeSummaryOptions {
  /** Level of the t interval for the mean ΔΔCt (default 0.95). */
  confLevel?: number;
  /** "drop" skips rows whose ΔΔCt or condition is missing (e.g. the nulls of dropped wells). */
  missing?: MissingPolicy;
}

export interface FoldChangeSummary {
  condition: string;
  n: number;
  meanDeltaDeltaCt: number;
  /** null when n = 1 (also for every interval below). */
  sdDeltaDeltaCt: number | null;
  lowerDeltaDeltaCt: number | null;
  upperDeltaDeltaCt: number | null;
  /** 2^−mean(ΔΔCt): the geometric mean of the per-row fold changes. */
  foldChange: number;
  /** 2^−upperDeltaDeltaCt and 2^−lowerDeltaDeltaCt. */
  foldChangeLower: number | null;
  foldChangeUpper: number | null;
  /** Livak's ±SD range 2^−(mean+sd) .. 2^−(mean−sd). */
  foldChangeSdLower: number | null;
  foldChangeSdUpper: number | null;
  /** Arithmetic mean and SD of the per-row fold changes 2^−ΔΔCt. */
  meanFoldChange: number;
  sdFoldChange: number | null;
}

/**
 * Per-condition summary of ΔΔCt values (from `deltaDeltaCt`): mean, SD and t interval
 * of ΔΔCt, transformed to fold change (see the file comment). Conditions are listed
 * in order of first appearance. The interval matches R's `t.test(ddct, conf.level = )`.
 *
 * @example
 * summarizeFoldChange(q.deltaDeltaCt, conditionLabels, { missing: "drop" })
 */
export function summarizeFoldChange(
  deltaDeltaCtValues: ArrayLikeInput<unknown>,
  condition: ArrayLikeInput<unknown>,
  options: FoldChangeSummaryOptions = {},
): FoldChangeSummary[] {
  const confLevel = options.confLevel === undefined ? 0.95 : options.confLevel;
  requireConfLevel(confLevel);
  requireLength("deltaDeltaCt", deltaDeltaCtValues);
  requireLength("condition", condition);
  requireSameLength({ deltaDeltaCt: deltaDeltaCtValues, condition });
  const dropSet = missingRows({ deltaDeltaCt: deltaDeltaCtValues, condition }, requireMissingPolicy(options.missing));
  const values = finiteColumn("deltaDeltaCt", deltaDeltaCtValues, dropSet);
  const labels = labelColumn("condition", condition, dropSet);
  if (values.length === 0) throw new InputError("deltaDeltaCt", null, deltaDeltaCtValues.length, "has no complete rows once missing values are dropped");
  const order: string[] = [];
  const byLabel = new Map<string, number[]>();
  for (let i = 0; i < labels.length; i++) {
    let list = byLabel.get(labels[i]);
    if (list === undefined) {
      list = [];
      byLabel.set(labels[i], list);
      order.push(labels[i]);
    }
    list.push(values[i]);
  }
  return order.map((label) => summarizeOne(label, Float64Array.from(byLabel.get(label) as number[]), confLevel));
}

function summarizeOne(condition: string, v: Float64Array, confLevel: number): FoldChangeSummary {
  const n = v.length;
  const mean = meanOf(v);
  const folds = v.map((d) => Math.pow(2, -d));
  const out: FoldChangeSummary = {
    condition,
    n,
    meanDeltaDeltaCt: mean,
    sdDeltaDeltaCt: null,
    lowerDeltaDeltaCt: null,
    upperDeltaDeltaCt: null,
    foldChange: Math.pow(2, -mean),
    foldChangeLower: null,
    foldChangeUpper: null,
    foldChangeSdLower: null,
    foldChangeSdUpper: null,
    meanFoldChange: meanOf(folds),
    sdFoldChange: null,
  };
  if (n < 2) return out;
  const sd = Math.sqrt(varianceOf(v));
  const half = tQuantile(1 - (1 - confLevel) / 2, n - 1) * (sd / Math.sqrt(n));
  out.sdDeltaDeltaCt = sd;
  out.lowerDeltaDeltaCt = mean - half;
  out.upperDeltaDeltaCt = mean + half;
  out.foldChangeLower = Math.pow(2, -(mean + half));
  out.foldChangeUpper = Math.pow(2, -(mean - half));
  out.foldChangeSdLower = Math.pow(2, -(mean + sd));
  out.foldChangeSdUpper = Math.pow(2, -(mean - sd));
  out.sdFoldChange = Math.sqrt(varianceOf(folds));
  return out;
}

export interface DoseTimeQpcrInput {
  cellLine: ArrayLikeInput<unknown>;
  dose: ArrayLikeInput<unknown>;
  hours: ArrayLikeInput<unknown>;
  ctTarget: ArrayLikeInput<unknown>;
  ctReference: ArrayLikeInput<unknown>;
}

export interface DoseTimeQpcrOptions extends FoldChangeSummaryOptions {
  /** Dose of the calibrator rows (default 0, i.e. sham-irradiated). */
  calibratorDose?: number;
}

export interface DoseTimeQpcrResult extends DeltaDeltaCtResult {
  /** One row per (cell line, dose, hours), sorted by cell line, hours, dose. */
  summary: (FoldChangeSummary & { cellLine: string; dose: number; hours: number })[];
}

/**
 * ΔΔCt for the usual irradiation layout: rows of (cell line, dose, hours, Ct target,
 * Ct reference), calibrated to the `calibratorDose` rows of the same cell line and time,
 * summarised per (cell line, dose, hours).
 *
 * @example
 * const q = deltaDeltaCtByDose({ cellLine: df["cell_line"].values, dose: df["dose_gy"].values,
 *   hours: df["hours"].values, ctTarget: df["ct_vegf"].values, ctReference: df["ct_gapdh"].values });
 * q.summary.map((s) => [s.cellLine, s.dose, s.hours, s.foldChange])
 */
export function deltaDeltaCtByDose(input: DoseTimeQpcrInput, options: DoseTimeQpcrOptions = {}): DoseTimeQpcrResult {
  const calibratorDose = options.calibratorDose === undefined ? 0 : options.calibratorDose;
  if (typeof calibratorDose !== "number" || !Number.isFinite(calibratorDose)) {
    throw new InputError("calibratorDose", null, calibratorDose, "must be a finite number");
  }
  const { cellLine, dose, hours, ctTarget, ctReference } = input;
  for (const [name, col] of Object.entries({ cellLine, dose, hours, ctTarget, ctReference })) requireLength(name, col);
  requireSameLength({ ctTarget, ctReference, cellLine, dose, hours });
  const policy = requireMissingPolicy(options.missing);
  // Design columns must be complete; missing Ct values follow the policy inside deltaDeltaCt.
  const designMissing = missingRows({ cellLine, dose, hours }, policy);
  const lines = labelsByRow("cellLine", cellLine, designMissing);
  const doses = numericOrMissing("dose", dose, designMissing);
  const times = numericOrMissing("hours", hours, designMissing);
  const n = ctTarget.length;
  const calibrationGroup: (string | null)[] = new Array(n);
  const isCal: (boolean | null)[] = new Array(n);
  for (let i = 0; i < n; i++) {
    if (designMissing.has(i)) {
      calibrationGroup[i] = null;
      isCal[i] = null;
    } else {
      calibrationGroup[i] = `${lines[i]} | ${times[i]} h`;
      isCal[i] = doses[i] === calibratorDose;
    }
  }
  const rows = deltaDeltaCt({ ctTarget, ctReference, isCalibrator: isCal, calibrationGroup }, { missing: policy });

  const keys = new Map<string, { cellLine: string; dose: number; hours: number }>();
  const condition: (string | null)[] = new Array(n).fill(null);
  for (let i = 0; i < n; i++) {
    if (rows.deltaDeltaCt[i] === null) continue;
    const key = `${lines[i]} | ${doses[i]} Gy | ${times[i]} h`;
    condition[i] = key;
    if (!keys.has(key)) keys.set(key, { cellLine: lines[i], dose: doses[i], hours: times[i] });
  }
  const summaries = summarizeFoldChange(rows.deltaDeltaCt, condition, { confLevel: options.confLevel, missing: "drop" });
  const lineOrder = levelsOf(Array.from(keys.values(), (k) => k.cellLine));
  const summary = summaries
    .map((s) => ({ ...(keys.get(s.condition) as { cellLine: string; dose: number; hours: number }), ...s }))
    .sort((p, q) => lineOrder.indexOf(p.cellLine) - lineOrder.indexOf(q.cellLine) || p.hours - q.hours || p.dose - q.dose);
  return { ...rows, summary };
}

/** 0/1/true/false flags as booleans (rows in `dropped` skipped). */
function flagColumn(name: string, values: ArrayLikeInput<unknown>, dropped: Set<number>): Uint8Array {
  const out = new Uint8Array(values.length - dropped.size);
  let k = 0;
  for (let i = 0; i < values.length; i++) {
    if (dropped.has(i)) continue;
    const v = values[i];
    if (v === true || v === 1) out[k] = 1;
    else if (v === false || v === 0) out[k] = 0;
    else throw new InputError(name, i, v, "must be true/false (or 1/0)");
    k++;
  }
  return out;
}

/** Labels by original row; rows in `skip` become "" (they are dropped downstream). */
function labelsByRow(name: string, values: ArrayLikeInput<unknown>, skip: Set<number>): string[] {
  const out: string[] = new Array(values.length).fill("");
  const kept = labelColumn(name, values, skip);
  let k = 0;
  for (let i = 0; i < values.length; i++) if (!skip.has(i)) out[i] = kept[k++];
  return out;
}

/** Numbers by original row; rows in `skip` become NaN (they are dropped downstream). */
function numericOrMissing(name: string, values: ArrayLikeInput<unknown>, skip: Set<number>): number[] {
  const out: number[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) {
    if (skip.has(i) || isMissing(values[i])) {
      out[i] = NaN;
      continue;
    }
    const v = values[i];
    if (typeof v !== "number" || !Number.isFinite(v)) throw new InputError(name, i, v, "must be a finite number");
    out[i] = v;
  }
  return out;
}
