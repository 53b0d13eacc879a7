/**
 * Splits each row's follow-up at given cut times into (start, stop] rows, as
 * R survival's `survSplit(Surv([start, ]time, event) ~ ., data, cut, start =
 * "tstart", episode = "episode")` (survival 3.5-3).
 *
 * For a row followed over (a, b] and the sorted distinct cuts c_1 < ... < c_k,
 * every cut strictly inside (a, b) ends one piece and starts the next:
 * (a, c_i], (c_i, c_j], ..., (c_m, b]. Only the last piece keeps the row's
 * event; the others are censored (event 0). `episode` numbers the piece's
 * interval, 1 + the number of cuts <= its start (so it is the same interval
 * number for every subject, whatever its entry time). Every other column is
 * copied to each piece unchanged. Rows come out in input order, pieces in
 * time order.
 *
 * The entry time: the column named `start` when the data have it (already
 * (start, stop] rows), else `zero` (default 0) for every row, written to a new
 * column of that name (default "tstart"). As in R, every time must then be
 * greater than `zero`, and every start less than its time.
 *
 * Typical use: piecewise-constant effects or a landmark/time-varying
 * coefficient in a Cox model, hazard by follow-up interval, or a
 * Lexis-style split before adding a time-dependent exposure.
 *
 * @example
 * splitFollowUp({ id: ["a", "b"], time: [5, 14], event: [1, 0] }, { time: "time", event: "event", cut: [6, 12] });
 * // { id: ["a", "b", "b", "b"], time: [5, 6, 12, 14], event: [1, 0, 0, 0],
 * //   tstart: [0, 0, 6, 12], episode: [1, 1, 2, 3] }
 */
import { InputError, finiteColumn, requireLength } from "../core/index";
import type { ArrayLikeInput } from "../core/index";
import { readFollowUp, outputColumns } from "./follow-up-rows";
import type { FollowUpColumnOptions, RowColumns } from "./follow-up-rows";

export interface SplitFollowUpOptions extends FollowUpColumnOptions {
  /** Cut times (finite; sorted and de-duplicated here). */
  cut: ArrayLikeInput<unknown>;
  /** Name of the interval-number column (default "episode"). */
  episode?: string;
}

/** New rows: the input's columns (each piece a copy of its row) plus the start and episode columns. */
export function splitFollowUp(data: Readonly<Record<string, ArrayLikeInput<unknown>>>, options: SplitFollowUpOptions): RowColumns {
  const rows = readFollowUp(data, options);
  requireLength("cut", options.cut, 0);
  const cuts = Array.from(new Set(Array.from(finiteColumn("cut", options.cut)))).sort((a, b) => a - b);
  const episodeName = options.episode === undefined ? "episode" : options.episode;
  if (typeof episodeName !== "string" || episodeName === "") throw new InputError("episode", null, episodeName, "must be a column name");
  if (episodeName in data || episodeName === rows.startName || episodeName === rows.idName) throw new InputError("episode", null, episodeName, "is already a column of data: choose another name");
  const source: number[] = [];
  const start: number[] = [];
  const stop: number[] = [];
  const event: number[] = [];
  const episode: number[] = [];
  for (let i = 0; i < rows.n; i++) {
    const a = rows.start[i];
    const b = rows.stop[i];
    let j = 0;
    while (j < cuts.length && cuts[j] <= a) j++;
    let from = a;
    for (; j < cuts.length && cuts[j] < b; j++) {
      source.push(i);
      start.push(from);
      stop.push(cuts[j]);
      event.push(0);
      episode.push(j + 1);
      from = cuts[j];
    }
    source.push(i);
    start.push(from);
    stop.push(b);
    event.push(rows.event[i]);
    episode.push(j + 1);
  }
  const out = outputColumns(data, rows, source, start, stop, event);
  out[episodeName] = episode;
  return out;
}
