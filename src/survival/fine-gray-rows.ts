/**
 * The weighted (start, stop] data set of survival's `finegray()` (3.5-3): the
 * Fine-Gray model for one cause becomes an ordinary weighted Cox model
 * (`coxph(Surv(fgstart, fgstop, fgstatus) ~ ..., weights = fgwt)`, see
 * fineGrayCox) or a weighted Kaplan-Meier.
 *
 * Every row is kept; a subject whose last row ends in a competing event is
 * extended past it: its row runs on to the end of the censoring interval that
 * contains its event time, with weight 1, and one row is added for each later
 * interval (c_{j-1}, c_j] that contains an event time of the cause of
 * interest, with weight
 *   w = G(c_{j-1}) H(c_{j-1}) / (G(t-) H(t-)),
 * t the competing event time, G the Kaplan-Meier of the censoring distribution
 * and H that of the entry (truncation) distribution on reversed time (only
 * with delayed entry; Geskus 2011). As survival computes them: G counts a
 * subject whose event is at t as no longer at risk of censoring at t, only a
 * subject's last row can be censored, and H is 1 without delayed entry. All
 * computed within each stratum (a stratum without an event of interest
 * contributes no rows, as in R); user weights multiply the new weights.
 * Times closer than sqrt(eps) are merged first (timefix, as R's default).
 * Status is 1 for an event of the cause of interest, else 0.
 *
 * One deliberate difference: with both strata and case weights, finegray
 * 3.5-3 multiplies the k-th row of each stratum by the k-th weight of the whole
 * data set (user.weights[split$row]); here each row keeps its own weight.
 * Where R checks that a subject's first rows start after the first event time
 * it reads rows by position in the unsorted data; here each subject's first
 * row is used (the same for data sorted by subject and time).
 *
 * Rows come out as R orders them: stratum by stratum (in the order of the
 * strata labels), input rows in order within a stratum, each followed by its
 * added rows. `row` gives the input row of each output row, to carry
 * covariates along.
 *
 * @example
 * const fg = fineGrayRows(months, cause, { failCode: 1 });
 * // fg.start, fg.stop, fg.status, fg.weight, and fg.row to index covariates:
 * const age = fg.row.map((i) => cohort.age[i]);
 */
import { InputError, missingRows, finiteColumn, timeColumn, factorColumn, requireLength, requireSameLength } from "../core/index";
import { causeCodes, failCodeAbsent } from "./cause-codes";
import type { ArrayLikeInput, MissingPolicy } from "../core/index";
import { sortOrder } from "../core/sort-order";
import { timefixInPlace } from "./cox-risk-data";

export interface FineGrayRowsOptions {
  /** Code of the cause of interest in `cause` (finegray's etype; default 1). */
  failCode?: number;
  /** Code of censoring (default 0); every other code is a competing event. */
  censCode?: number;
  /** Entry times for (start, stop] rows (delayed entry or several rows per subject); needs `id`. */
  start?: ArrayLikeInput<unknown>;
  /** Subject of each row (required with `start`). */
  id?: ArrayLikeInput<unknown>;
  /** Strata: G (and H) are computed within each. */
  strata?: ArrayLikeInput<unknown>;
  /** Case weights (positive), multiplied into the new weights. */
  weights?: ArrayLikeInput<unknown>;
  /** Merge times closer than sqrt(machine eps) first, as R's timefix (default true). */
  timefix?: boolean;
  /** "error" (default) throws on a missing value; "drop" drops the row and reports the count. */
  missing?: MissingPolicy;
}

export interface FineGrayRows {
  method: "Fine-Gray weighted data set (survival::finegray)";
  failCode: number;
  censCode: number;
  /** Input row of each output row (indices into the caller's arrays). */
  row: number[];
  start: number[];
  stop: number[];
  /** 1: event of the cause of interest; 0 otherwise. */
  status: number[];
  weight: number[];
  /** 0 for an input row, k for the k-th row added after it (finegray's count). */
  count: number[];
  /** Stratum label of each output row, or null without strata. */
  strata: string[] | null;
  /** Whether some subject enters after the first event time (H is used). */
  delayedEntry: boolean;
  /** Input rows used and output rows. */
  nInput: number;
  n: number;
  /** Rows dropped for missing values. */
  dropped: number;
}

export function fineGrayRows(time: ArrayLikeInput<unknown>, cause: ArrayLikeInput<unknown>, options: FineGrayRowsOptions = {}): FineGrayRows {
  const { failCode, censCode } = causeCodes(options);
  const policy = options.missing ?? "error";
  if (policy !== "error" && policy !== "drop") throw new InputError("missing", null, policy, 'must be "error" or "drop"');
  const counting = options.start !== undefined;
  if (counting && options.id === undefined) throw new InputError("id", null, undefined, "is required with start: (start, stop] rows need a subject id");

  requireLength("time", time);
  requireLength("cause", cause);
  const columns: Record<string, ArrayLikeInput<unknown>> = { time, cause };
  for (const name of ["start", "id", "strata", "weights"] as const) {
    const c = options[name];
    if (c === undefined) continue;
    requireLength(name, c);
    columns[name] = c;
  }
  requireSameLength(columns);
  const dropped = missingRows(columns, policy);
  const inputRow: number[] = [];
  for (let i = 0; i < time.length; i++) if (!(dropped.size > 0 && dropped.has(i))) inputRow.push(i);
  const stop = counting ? finiteColumn("time", time, dropped) : timeColumn("time", time, dropped);
  const n = stop.length;
  if (n === 0) throw new InputError("time", null, time.length, "no rows left after dropping rows with missing values");
  const start = counting ? finiteColumn("start", options.start as ArrayLikeInput<unknown>, dropped) : null;
  if (start !== null) {
    for (let k = 0; k < n; k++) {
      if (!(start[k] < stop[k])) {
        throw new InputError("time", inputRow[k], stop[k], `must be greater than start (${start[k]}): a (start, stop] row needs positive length${stop[k] === start[k] ? "; an event at the entry time cannot be counted" : ""}`);
      }
    }
  }
  const codes = finiteColumn("cause", cause, dropped);
  const status = new Int32Array(n); // 0 censored, 1 cause of interest, 2 competing
  let nFail = 0;
  for (let k = 0; k < n; k++) {
    const c = codes[k];
    if (!Number.isInteger(c)) throw new InputError("cause", inputRow[k], cause[inputRow[k]], "must be an integer cause code");
    status[k] = c === censCode ? 0 : c === failCode ? 1 : 2;
    if (status[k] === 1) nFail++;
  }
  if (nFail === 0) throw failCodeAbsent(failCode, codes);
  const weights = options.weights === undefined ? null : finiteColumn("weights", options.weights, dropped);
  if (weights !== null) {
    for (let k = 0; k < n; k++) if (!(weights[k] > 0)) throw new InputError("weights", inputRow[k], weights[k], "must be a positive number");
  }
  let stratum = new Int32Array(n);
  let strataLevels: string[] = [];
  if (options.strata !== undefined) {
    const f = factorColumn("strata", options.strata, dropped);
    stratum = f.codes;
    strataLevels = f.levels;
  }
  const nStrata = options.strata === undefined ? 1 : strataLevels.length;
  if (options.timefix ?? true) timefixInPlace(stop, start);

  // First and last row of each subject; checks of (start, stop] rows as finegray's.
  const first = new Uint8Array(n).fill(1);
  const last = new Uint8Array(n).fill(1);
  let delayedEntry = false;
  if (start !== null) {
    const id = factorColumn("id", options.id as ArrayLikeInput<unknown>, dropped).codes;
    const byStop = sortOrder(stop);
    // Stable by id then stop: counting sort of the stop order on id.
    const order = stableByCode(byStop, id);
    for (let k = 0; k < n; k++) {
      const i = order[k];
      const next = k + 1 < n && id[order[k + 1]] === id[i] ? order[k + 1] : -1;
      if (next >= 0) {
        last[i] = 0;
        first[next] = 0;
        if (status[i] !== 0) {
          throw new InputError("cause", inputRow[i], cause[inputRow[i]], `is an event, but subject ${String((options.id as ArrayLikeInput<unknown>)[inputRow[i]])} has a later row (a transition before its last time point)`);
        }
        if (start[next] !== stop[i]) {
          throw new InputError("start", inputRow[next], start[next], `${start[next] > stop[i] ? "leaves a gap after" : "overlaps"} the subject's previous row, which ends at ${stop[i]}: rows of a subject must be contiguous`);
        }
      }
    }
    let minStop = Infinity;
    for (let k = 0; k < n; k++) minStop = Math.min(minStop, stop[k]);
    for (let k = 0; k < n; k++) if (first[k] && start[k] > minStop) delayedEntry = true;
  }

  // Start column for right-censored data: 0, or a value below every time.
  let zero = 0;
  if (start === null) {
    let minStop = Infinity;
    for (let k = 0; k < n; k++) minStop = Math.min(minStop, stop[k]);
    zero = minStop > 0 ? 0 : 2 * minStop - 1;
  }
  const startOf = (k: number): number => (start === null ? zero : start[k]);

  // Times to indices into the sorted distinct values (1-based, as findInterval); events moved to index - 0.2.
  const all: number[] = [];
  for (let k = 0; k < n; k++) {
    all.push(startOf(k));
    all.push(stop[k]);
  }
  const utime = Array.from(new Set(all)).sort((a, b) => a - b);
  const indexOf = new Map<number, number>();
  utime.forEach((v, j) => indexOf.set(v, j + 1));
  const sIdx = new Float64Array(n);
  const eIdx = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    sIdx[k] = indexOf.get(startOf(k)) as number;
    eIdx[k] = (indexOf.get(stop[k]) as number) - (status[k] !== 0 ? 0.2 : 0);
  }

  const out = { row: [] as number[], start: [] as number[], stop: [] as number[], status: [] as number[], weight: [] as number[], count: [] as number[], strata: [] as string[] };
  for (let g = 0; g < nStrata; g++) {
    const rows: number[] = [];
    for (let k = 0; k < n; k++) if (stratum[k] === g) rows.push(k);
    const eventTimes = Array.from(new Set(rows.filter((k) => status[k] === 1).map((k) => stop[k]))).sort((a, b) => a - b);
    if (eventTimes.length === 0) continue;
    let maxTime = -Infinity;
    for (const k of rows) maxTime = Math.max(maxTime, stop[k]);

    const cens = censoringCurve(rows, sIdx, eIdx, (k) => last[k] === 1 && status[k] === 0);
    let ctime: number[];
    let cprob: number[];
    if (delayedEntry) {
      const entry = entryCurve(rows, sIdx, eIdx, first);
      const temp = Array.from(new Set(entry.index.concat(cens.index))).sort((a, b) => a - b);
      const gWithOne = [1].concat(cens.surv);
      ctime = temp.map((v) => utime[v - 1]);
      cprob = temp.map((v) => entry.prob[countAtMost(entry.index, v) - 1] * gWithOne[countAtMost(cens.index, v)]);
    } else {
      ctime = cens.index.map((v) => utime[v - 1]);
      cprob = cens.surv;
    }
    const ct2 = ctime.concat([maxTime]);
    const cp2 = [1].concat(cprob);
    const ncut = ct2.length;
    const keep = new Uint8Array(ncut);
    keep[0] = 1;
    for (const t of eventTimes) {
      const j = countBelow(ct2, t); // findInterval(t, ct2, left.open = TRUE)
      if (j >= 1 && j < ncut) keep[j] = 1;
    }
    const label = options.strata === undefined ? "" : strataLevels[g];
    for (const k of rows) {
      const push = (s: number, e: number, w: number, add: number, st: number) => {
        out.row.push(inputRow[k]);
        out.start.push(s);
        out.stop.push(e);
        out.status.push(st);
        out.weight.push(w * (weights === null ? 1 : weights[k]));
        out.count.push(add);
        out.strata.push(label);
      };
      if (!(status[k] === 2 && last[k] === 1)) {
        push(startOf(k), stop[k], 1, 0, status[k] === 1 ? 1 : 0);
        continue;
      }
      let j = 0;
      while (j < ncut && ct2[j] < stop[k]) j++;
      const tempWt = cp2[j];
      push(startOf(k), ct2[j], 1, 0, 0);
      let add = 0;
      for (j++; j < ncut; j++) {
        if (keep[j]) push(ct2[j - 1], ct2[j], cp2[j] / tempWt, ++add, 0);
      }
    }
  }
  return {
    method: "Fine-Gray weighted data set (survival::finegray)",
    failCode,
    censCode,
    row: out.row,
    start: out.start,
    stop: out.stop,
    status: out.status,
    weight: out.weight,
    count: out.count,
    strata: options.strata === undefined ? null : out.strata,
    delayedEntry,
    nInput: n,
    n: out.row.length,
    dropped: dropped.size,
  };
}

/** Rows in `order` reordered stably by `code`. */
function stableByCode(order: Uint32Array, code: Int32Array): Uint32Array {
  let max = 0;
  for (let i = 0; i < code.length; i++) max = Math.max(max, code[i]);
  const pos = new Int32Array(max + 2);
  for (let i = 0; i < code.length; i++) pos[code[i] + 1]++;
  for (let c = 0; c <= max; c++) pos[c + 1] += pos[c];
  const out = new Uint32Array(order.length);
  for (let k = 0; k < order.length; k++) out[pos[code[order[k]]]++] = order[k];
  return out;
}

/** Number of values in ascending `sorted` that are <= v. */
function countAtMost(sorted: readonly number[], v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Number of values in ascending `sorted` that are < v. */
function countBelow(sorted: readonly number[], v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Kaplan-Meier of censoring on the index scale (survfit(Surv(start, stop, censored))): at each
 * censoring index c, at risk are the rows with start < c <= stop; returns the censoring indices
 * (ascending) and the curve just after each.
 */
function censoringCurve(rows: number[], sIdx: Float64Array, eIdx: Float64Array, censored: (k: number) => boolean): { index: number[]; surv: number[] } {
  const starts = rows.map((k) => sIdx[k]).sort((a, b) => a - b);
  const stops = rows.map((k) => eIdx[k]).sort((a, b) => a - b);
  const events = new Map<number, number>();
  for (const k of rows) if (censored(k)) events.set(eIdx[k], (events.get(eIdx[k]) ?? 0) + 1);
  const index = Array.from(events.keys()).sort((a, b) => a - b);
  const surv: number[] = [];
  let s = 1;
  for (const c of index) {
    // start < c <= stop  <=>  stop >= c and not start >= c
    const atRisk = stops.length - countBelow(stops, c) - (starts.length - countBelow(starts, c));
    s *= 1 - (events.get(c) as number) / atRisk;
    surv.push(s);
  }
  return { index, surv };
}

/**
 * The entry (truncation) curve on reversed time (survfit(Surv(-stop, -start, first))): entries
 * at index a, at risk the rows with start <= a < stop. Returns the entry indices ascending and,
 * for each, the product of (1 - entries / at risk) over the later entries (1 for the last).
 */
function entryCurve(rows: number[], sIdx: Float64Array, eIdx: Float64Array, first: Uint8Array): { index: number[]; prob: number[] } {
  const starts = rows.map((k) => sIdx[k]).sort((a, b) => a - b);
  const stops = rows.map((k) => eIdx[k]).sort((a, b) => a - b);
  const entries = new Map<number, number>();
  for (const k of rows) if (first[k]) entries.set(sIdx[k], (entries.get(sIdx[k]) ?? 0) + 1);
  const index = Array.from(entries.keys()).sort((a, b) => a - b);
  const factor = index.map((a) => {
    // start <= a < stop  <=>  start <= a and not stop <= a
    const atRisk = countAtMost(starts, a) - countAtMost(stops, a);
    return 1 - (entries.get(a) as number) / atRisk;
  });
  const prob = new Array(index.length);
  let p = 1;
  for (let j = index.length - 1; j >= 0; j--) {
    prob[j] = p;
    p *= factor[j];
  }
  return { index, prob };
}
