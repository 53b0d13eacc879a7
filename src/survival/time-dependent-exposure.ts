/**
 * Adds a time-dependent 0/1 exposure that switches on at a per-row time (e.g.
 * radiotherapy from its start), splitting follow-up into (start, stop] rows,
 * as R survival's
 *   tmerge(data, data, id = id, <event> = event(<time>, <event>), <name> = tdc(<exposureTime>))
 * (survival 3.5-3) does for one exposure.
 *
 * For a row followed over (a, b] with exposure time e:
 * - e missing (null, undefined, NaN or ""): never exposed, one row with 0;
 * - e <= a (exposed at or before entry, e.g. e = 0 = a): one row with 1;
 * - a < e < b: two rows, (a, e] with 0 and event 0, then (e, b] with 1 and the
 *   row's event (the event stays on the row that ends at the event time);
 * - e >= b (exposure at the event/censoring time or after the last follow-up):
 *   one row with 0. An exposure at the event time does not count as exposed
 *   before the event, as in tmerge.
 * Rows that are already (start, stop] pieces of one subject (e.g. from
 * splitFollowUp) are each split the same way, which is what tmerge does when
 * the exposure time is the subject's. Every other column is copied to each
 * piece; rows come out in input order.
 *
 * Entry times: the `start` column when the data have it, else `zero` (default
 * 0) in a new column (default "tstart"); every time must be after its start.
 * Exposure times must be >= 0 (a negative one is an error, as it is usually a
 * date arithmetic mistake); with a start column they may precede the start.
 *
 * The exposed-time analysis this gives (e.g. coxPH with `start`) avoids the
 * immortal-time bias of classifying subjects by an exposure that begins after
 * time zero.
 *
 * @example
 * addTimeDependentExposure(
 *   { id: ["a", "b", "c"], time: [10, 8, 5], event: [1, 1, 0], rt: [4, null, 0] },
 *   { time: "time", event: "event", exposureTime: "rt", name: "onRT" },
 * );
 * // { id: ["a", "a", "b", "c"], time: [4, 10, 8, 5], event: [0, 1, 1, 0], rt: [4, 4, null, 0],
 * //   tstart: [0, 4, 0, 0], onRT: [0, 1, 0, 1] }
 */
import { InputError, isMissing } from "../core/index";
import type { ArrayLikeInput } from "../core/index";
import { outputColumns, readFollowUp } from "./follow-up-rows";
import type { FollowUpColumnOptions, RowColumns } from "./follow-up-rows";

export interface TimeDependentExposureOptions extends FollowUpColumnOptions {
  /** Exposure start per row: a column name of data, or an array of the same length. */
  exposureTime: string | ArrayLikeInput<unknown>;
  /** Name of the new 0/1 exposure column. */
  name: string;
}

/** New rows with the exposure column; see the file comment. */
export function addTimeDependentExposure(
  data: Readonly<Record<string, ArrayLikeInput<unknown>>>,
  options: TimeDependentExposureOptions,
): RowColumns {
  const rows = readFollowUp(data, options);
  const name = options.name;
  if (typeof name !== "string" || name === "") throw new InputError("name", null, name, "must be a column name for the exposure");
  if (name in data || name === rows.startName || name === rows.idName) throw new InputError("name", null, name, "is already a column of data: choose another name");
  let exposure: ArrayLikeInput<unknown>;
  let exposureName = "exposureTime";
  if (typeof options.exposureTime === "string") {
    if (!(options.exposureTime in data)) throw new InputError("exposureTime", null, options.exposureTime, "must name a column of data (or be an array)");
    exposureName = options.exposureTime;
    exposure = data[exposureName];
  } else {
    exposure = options.exposureTime;
    if (exposure === null || exposure === undefined || typeof exposure.length !== "number") {
      throw new InputError("exposureTime", null, exposure, "must be a column name or an array");
    }
    if (exposure.length !== rows.n) throw new InputError("exposureTime", null, exposure.length, `has length ${exposure.length} but data has ${rows.n} rows`);
  }
  const source: number[] = [];
  const start: number[] = [];
  const stop: number[] = [];
  const event: number[] = [];
  const exposed: number[] = [];
  for (let i = 0; i < rows.n; i++) {
    const raw = exposure[i];
    const a = rows.start[i];
    const b = rows.stop[i];
    const push = (from: number, to: number, ev: number, on: number) => {
      source.push(i);
      start.push(from);
      stop.push(to);
      event.push(ev);
      exposed.push(on);
    };
    if (isMissing(raw) || raw === "") {
      push(a, b, rows.event[i], 0);
      continue;
    }
    if (typeof raw !== "number" || !Number.isFinite(raw)) throw new InputError(exposureName, i, raw, "must be a finite time, or missing when never exposed");
    if (raw < 0) throw new InputError(exposureName, i, raw, "must be a time >= 0 (exposure before time zero?)");
    if (raw <= a) push(a, b, rows.event[i], 1);
    else if (raw < b) {
      push(a, raw, 0, 0);
      push(raw, b, rows.event[i], 1);
    } else push(a, b, rows.event[i], 0);
  }
  const out = outputColumns(data, rows, source, start, stop, event);
  out[name] = exposed;
  return out;
}
