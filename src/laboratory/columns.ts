/**
 * Column input shared by the laboratory analyses: the column names of the
 * laboratory files (src/data/laboratory.ts), read from any object holding them as
 * arrays (a loader's `fields`, a danfojs frame's `df[col].values`, plain arrays).
 * Cell lines, doses, times, groups and sites are always taken from the data, never
 * from the simulated design, so a user's own lines and schedules go through.
 */
import { InputError, requireLength, requireSameLength, missingRows, finiteColumn, labelColumn } from "../core/index";
import type { ArrayLikeInput, MissingPolicy } from "../core/index";
import { sampleStandardDeviation } from "../stats/sample-standard-deviation";

/**
 * The design columns of both in vitro files (p53 and HBV status only where a function says
 * so). `replicate` numbers the independent experiments of a line (one culture batch, qPCR
 * plate and ELISA run each): the blocks of the blocked analyses, which need it.
 */
export interface InVitroDesignColumns {
  cell_line: ArrayLikeInput<unknown>;
  dose_gy: ArrayLikeInput<unknown>;
  hours: ArrayLikeInput<unknown>;
  replicate?: ArrayLikeInput<unknown>;
  p53_status?: ArrayLikeInput<unknown>;
  hbv_status?: ArrayLikeInput<unknown>;
}

/** invitro/vegf_mrna.csv. */
export interface MrnaColumns extends InVitroDesignColumns {
  ct_vegf: ArrayLikeInput<unknown>;
  ct_gapdh: ArrayLikeInput<unknown>;
}

/** invitro/vegf_secretion.csv; `cells_1e6` (optional) gives secretion per 10^6 cells. */
export interface SecretionColumns extends InVitroDesignColumns {
  vegf_pg_ml: ArrayLikeInput<unknown>;
  cells_1e6?: ArrayLikeInput<unknown>;
}

/** invivo/tumor_growth.csv. */
export interface GrowthColumns {
  mouse_id: ArrayLikeInput<unknown>;
  group: ArrayLikeInput<unknown>;
  site: ArrayLikeInput<unknown>;
  day: ArrayLikeInput<unknown>;
  volume_mm3: ArrayLikeInput<unknown>;
}

/** invivo/endpoint.csv. */
export interface EndpointColumns {
  group: ArrayLikeInput<unknown>;
  mvd_per_hpf: ArrayLikeInput<unknown>;
  serum_vegf_pg_ml: ArrayLikeInput<unknown>;
  mouse_id?: ArrayLikeInput<unknown>;
}

/** The control and treated groups of the xenograft files, in this order (the schema's values). */
export const CONTROL_GROUP = "sham";
export const TREATED_GROUP = "irradiated";

/** p53 wild type versus p53-deficient (null or mutant): the comparison of claim C12. */
export type P53Group = "wild-type" | "deficient";

/** The p53 group of a p53_status value ("wild-type"; "null" or "mutant"). */
export function p53Group(status: string): P53Group | null {
  if (status === "wild-type") return "wild-type";
  if (status === "null" || status === "mutant") return "deficient";
  return null;
}

/** Distinct labels in order of first appearance (the data's own order, e.g. cell lines as listed in the file). */
export function firstAppearance(labels: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const l of labels) {
    if (!seen.has(l)) {
      seen.add(l);
      out.push(l);
    }
  }
  return out;
}

/** Distinct numbers ascending. */
export function distinctSorted(values: ArrayLike<number>): number[] {
  return Array.from(new Set(Array.from(values))).sort((a, b) => a - b);
}

/** Validated in vitro rows (missing rows dropped or thrown per the policy). */
export interface InVitroRows {
  line: string[];
  dose: Float64Array;
  hours: Float64Array;
  /** The requested numeric columns. */
  values: Record<string, Float64Array>;
  /** Experiment (replicate) label per kept row, null without the column (or when not requested). */
  experiment: string[] | null;
  /** p53_status / hbv_status per kept row when present in the input. */
  p53: string[] | null;
  hbv: string[] | null;
  /** Cell lines in order of first appearance. */
  lines: string[];
  /** Original row index of each kept row. */
  rows: number[];
  dropped: number;
}

/**
 * Reads the design columns and the named value columns, checks equal lengths and
 * finite numbers, applies the missing policy (a row missing any used column is
 * dropped with "drop"), and checks one p53 / HBV status per line when given.
 */
export function readInVitro(
  columns: InVitroDesignColumns,
  valueNames: string[],
  missing: MissingPolicy | undefined,
  requireP53 = false,
  requireReplicate = false,
): InVitroRows {
  if (columns === null || typeof columns !== "object") throw new InputError("columns", null, columns, "must be an object of columns");
  const byName = columns as unknown as Record<string, ArrayLikeInput<unknown> | undefined>;
  const used: Record<string, ArrayLikeInput<unknown>> = {};
  const names = ["cell_line", "dose_gy", "hours"].concat(valueNames);
  if (requireReplicate || columns.replicate !== undefined) names.push("replicate");
  if (requireP53 || columns.p53_status !== undefined) names.push("p53_status");
  if (columns.hbv_status !== undefined) names.push("hbv_status");
  for (const name of names) {
    const col = byName[name];
    requireLength(name, col);
    used[name] = col as ArrayLikeInput<unknown>;
  }
  requireSameLength(used);
  const policy = missing === undefined ? "error" : missing;
  if (policy !== "error" && policy !== "drop") throw new InputError("missing", null, missing, 'must be "error" or "drop"');
  const drop = missingRows(used, policy);
  const n = used.cell_line.length;
  const rows: number[] = [];
  for (let i = 0; i < n; i++) if (!drop.has(i)) rows.push(i);
  if (rows.length === 0) throw new InputError("cell_line", null, n, "has no complete rows once missing values are dropped");
  const line = labelColumn("cell_line", used.cell_line, drop);
  const dose = finiteColumn("dose_gy", used.dose_gy, drop);
  const hours = finiteColumn("hours", used.hours, drop);
  dose.forEach((d, k) => {
    if (d < 0) throw new InputError("dose_gy", rows[k], d, "must be a dose >= 0");
  });
  const values: Record<string, Float64Array> = {};
  for (const name of valueNames) values[name] = finiteColumn(name, used[name], drop);
  const experiment = used.replicate === undefined ? null : labelColumn("replicate", used.replicate, drop);
  const p53 = used.p53_status === undefined ? null : labelColumn("p53_status", used.p53_status, drop);
  const hbv = used.hbv_status === undefined ? null : labelColumn("hbv_status", used.hbv_status, drop);
  for (const [name, status] of [["p53_status", p53], ["hbv_status", hbv]] as [string, string[] | null][]) {
    if (status === null) continue;
    const first = new Map<string, string>();
    status.forEach((s, k) => {
      const seen = first.get(line[k]);
      if (seen === undefined) first.set(line[k], s);
      else if (seen !== s) throw new InputError(name, rows[k], s, `differs within cell line ${JSON.stringify(line[k])} (first ${JSON.stringify(seen)})`);
    });
  }
  return { line, dose, hours, values, experiment, p53, hbv, lines: firstAppearance(line), rows, dropped: drop.size };
}

/** Status of each line (first row of the line), or null without the column. */
export function statusByLine(data: InVitroRows, which: "p53" | "hbv"): Record<string, string> | null {
  const status = which === "p53" ? data.p53 : data.hbv;
  if (status === null) return null;
  const out: Record<string, string> = {};
  data.line.forEach((l, k) => {
    if (out[l] === undefined) out[l] = status[k];
  });
  return out;
}

/** Row indices (into the kept rows) per cell, keyed line | dose | hours. */
export function cellIndex(data: InVitroRows): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (let k = 0; k < data.line.length; k++) {
    const key = cellKey(data.line[k], data.dose[k], data.hours[k]);
    let list = out.get(key);
    if (list === undefined) {
      list = [];
      out.set(key, list);
    }
    list.push(k);
  }
  return out;
}

export function cellKey(line: string, dose: number, hours: number): string {
  return `${line}\u0000${dose}\u0000${hours}`;
}

/** Values of `v` at the given row indices. */
export function pick(v: Float64Array, idx: readonly number[]): Float64Array {
  const out = new Float64Array(idx.length);
  for (let i = 0; i < idx.length; i++) out[i] = v[idx[i]];
  return out;
}

export function mean(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  return s / v.length;
}

/** Sample SD (n − 1); null for fewer than 2 values. */
export function sd(v: ArrayLike<number>): number | null {
  return sampleStandardDeviation(v);
}

/** Sum of squared deviations from the mean. */
export function sumSq(v: ArrayLike<number>): number {
  const m = mean(v);
  let ss = 0;
  for (let i = 0; i < v.length; i++) ss += (v[i] - m) * (v[i] - m);
  return ss;
}

/** log2 of every value; throws naming the column and row for a value ≤ 0. */
export function log2Column(name: string, v: Float64Array, rows: readonly number[]): Float64Array {
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) {
    if (!(v[i] > 0)) throw new InputError(name, rows[i], v[i], "must be > 0 to be analysed on the log scale");
    out[i] = Math.log2(v[i]);
  }
  return out;
}

/**
 * The latest harvest time at which every line has at least `minDoses` doses: where
 * secreted VEGF has accumulated longest, so dose effects are largest. Throws when
 * no time qualifies.
 */
export function latestCommonTime(data: InVitroRows, minDoses = 2): number {
  const dosesAt = new Map<string, Set<number>>();
  for (let k = 0; k < data.line.length; k++) {
    const key = `${data.line[k]}\u0000${data.hours[k]}`;
    let set = dosesAt.get(key);
    if (set === undefined) {
      set = new Set<number>();
      dosesAt.set(key, set);
    }
    set.add(data.dose[k]);
  }
  const times = distinctSorted(data.hours);
  for (let t = times.length - 1; t >= 0; t--) {
    if (data.lines.every((l) => {
      const set = dosesAt.get(`${l}\u0000${times[t]}`);
      return set !== undefined && set.size >= minDoses;
    })) return times[t];
  }
  throw new InputError("hours", null, times.join(", "), `has no harvest time at which every cell line has ${minDoses} or more doses`);
}

/**
 * Row of each (line, dose, hours, experiment): the samples of one block. Throws an
 * InputError naming the row when an experiment has two samples of the same condition.
 */
export function blockIndex(data: InVitroRows): Map<string, number> {
  if (data.experiment === null) throw new InputError("replicate", null, null, "is needed: experiments are the blocks of this analysis");
  const out = new Map<string, number>();
  for (let k = 0; k < data.line.length; k++) {
    const key = blockKey(data.line[k], data.dose[k], data.hours[k], data.experiment[k]);
    const seen = out.get(key);
    if (seen !== undefined) {
      throw new InputError(
        "replicate",
        data.rows[k],
        data.experiment[k],
        `repeats experiment ${data.experiment[k]} of ${data.line[k]} at ${data.dose[k]} Gy, ${data.hours[k]} h (first at index ${data.rows[seen]}): one sample per condition and experiment`,
      );
    }
    out.set(key, k);
  }
  return out;
}

export function blockKey(line: string, dose: number, hours: number, experiment: string): string {
  return `${line}\u0000${dose}\u0000${hours}\u0000${experiment}`;
}

/** Experiments of a line in order of first appearance. */
export function experimentsOf(data: InVitroRows, line: string): string[] {
  const out: string[] = [];
  if (data.experiment === null) return out;
  for (let k = 0; k < data.line.length; k++) if (data.line[k] === line && out.indexOf(data.experiment[k]) < 0) out.push(data.experiment[k]);
  return out;
}
