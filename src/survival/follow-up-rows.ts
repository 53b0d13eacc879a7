/**
 * Reading the follow-up columns of a data set for the row builders
 * (splitFollowUp, addTimeDependentExposure): named time, event and optional
 * start columns, checked as R's survSplit and tmerge check them (times finite,
 * events 0/1, every start before its time, every time after `zero` when there
 * is no start column), and copying a data set's columns to new rows.
 *
 * Internal to src/survival.
 */
import { InputError, eventColumn, finiteColumn, requireSameLength } from "../core/index";
import type { ArrayLikeInput } from "../core/index";

/** Columns by name, all of the same length: the row builders' input and output. */
export type RowColumns = Record<string, unknown[]>;

export interface FollowUpColumnOptions {
  /** Name of the exit-time column (R's `end`; (start, time] rows). */
  time: string;
  /** Name of the event column (0/1 or booleans; output as 0/1). */
  event: string;
  /**
   * Name of the entry-time column (default "tstart"). Used when the data have
   * it; otherwise created with the value `zero` on every row.
   */
  start?: string;
  /** Entry time when there is no start column (default 0); every time must be greater. */
  zero?: number;
  /** Name of a new column numbering each output row's source row 1, 2, ... (R's survSplit `id`); none by default. */
  id?: string;
}

export interface FollowUpRows {
  n: number;
  start: Float64Array;
  stop: Float64Array;
  event: Uint8Array;
  startName: string;
  timeName: string;
  eventName: string;
  idName: string | null;
}

export function readFollowUp(data: Readonly<Record<string, ArrayLikeInput<unknown>>>, options: FollowUpColumnOptions): FollowUpRows {
  if (data === null || typeof data !== "object") throw new InputError("data", null, data, "must be an object of columns");
  if (options === null || typeof options !== "object") throw new InputError("options", null, options, "must give the time and event column names");
  const columns: Record<string, ArrayLikeInput<unknown>> = {};
  for (const key of Object.keys(data)) {
    const values = data[key];
    if (values === null || values === undefined || typeof values.length !== "number" || typeof values === "string") {
      throw new InputError(key, null, values, "must be an array (a column of data)");
    }
    columns[key] = values;
  }
  if (Object.keys(columns).length > 0) requireSameLength(columns);
  const timeName = columnName("time", options.time, data);
  const eventName = columnName("event", options.event, data);
  const startName = options.start === undefined ? "tstart" : options.start;
  if (typeof startName !== "string" || startName === "") throw new InputError("start", null, startName, "must be a column name");
  const zero = options.zero === undefined ? 0 : options.zero;
  if (typeof zero !== "number" || !Number.isFinite(zero)) throw new InputError("zero", null, zero, "must be a finite number");
  const stop = finiteColumn(timeName, data[timeName]);
  const n = stop.length;
  const event = eventColumn(eventName, data[eventName]);
  let start: Float64Array;
  if (startName in data) {
    start = finiteColumn(startName, data[startName]);
    for (let i = 0; i < n; i++) {
      if (!(start[i] < stop[i])) throw new InputError(startName, i, start[i], `must be less than ${timeName} (${stop[i]}): rows are (start, time] intervals`);
    }
  } else {
    start = new Float64Array(n).fill(zero);
    for (let i = 0; i < n; i++) {
      if (!(stop[i] > zero)) {
        throw new InputError(timeName, i, stop[i], `must be greater than the start of follow-up (zero = ${zero}), as in R's survSplit/tmerge`);
      }
    }
  }
  const idName = options.id;
  if (idName !== undefined && (typeof idName !== "string" || idName === "" || idName in data || idName === startName)) {
    throw new InputError("id", null, idName, "must be a new column name (not one of data's columns)");
  }
  return { n, start, stop, event, startName, timeName, eventName, idName: idName === undefined ? null : idName };
}

/** The builders' output: data's columns for the source rows, the follow-up columns, the optional id column. */
export function outputColumns(
  data: Readonly<Record<string, ArrayLikeInput<unknown>>>,
  rows: FollowUpRows,
  source: readonly number[],
  start: number[],
  stop: number[],
  event: number[],
): RowColumns {
  const out = copyColumns(data, source);
  out[rows.startName] = start;
  out[rows.timeName] = stop;
  out[rows.eventName] = event;
  if (rows.idName !== null) out[rows.idName] = source.map((i) => i + 1);
  return out;
}

function columnName(option: string, name: unknown, data: Readonly<Record<string, unknown>>): string {
  if (typeof name !== "string" || !(name in data)) throw new InputError(option, null, name, "must name a column of data");
  return name;
}

/** Each column of `data` with row `source[k]` at position k (values copied as they are). */
export function copyColumns(data: Readonly<Record<string, ArrayLikeInput<unknown>>>, source: readonly number[]): RowColumns {
  const out: RowColumns = {};
  for (const key of Object.keys(data)) {
    const values = data[key];
    const column: unknown[] = new Array(source.length);
    for (let k = 0; k < source.length; k++) column[k] = values[source[k]];
    out[key] = column;
  }
  return out;
}
