/**
 * Reading and checking multi-state data the way survival 3.5-3's survfit
 * does for `Surv(tstart, tstop, state)` with `id` and `istate` (survcheck2
 * and the start of survfitCI), for aalenJohansen.
 *
 * - `state` holds the state entered at the end of each row, or the censoring
 *   value. States are ordered as R's factor: `states` when given, else
 *   numbers by value and labels by text. The full list of states puts initial
 *   states that are never entered first, as R does; without `istate` every
 *   subject starts in `initialState` ("(s0)").
 * - Rows of a subject are ordered by time; each must start where the previous
 *   one ended (R stops on overlaps, gaps, and initial states that contradict
 *   the states reached: "one or more flags are >0 in survcheck"). The state
 *   during a row is the state its subject entered last (or its initial state).
 *   Right-censored data (no `start`) have one row per subject.
 * - A censored row that is neither the first nor the last of its subject only
 *   marks a change of covariates; it is joined to the next row, which gives
 *   its weight, group and status to the joint row (R's survfitCI does the
 *   same, so such rows count as neither censored nor entered; R joins with
 *   the next row in data order, which is the subject's next row only when the
 *   data are sorted by subject and time, so on unsorted data with such rows R's
 *   curves are wrong and these are not).
 * - Times closer than sqrt(eps) are merged first (timefix), as R's aeqSurv.
 * Errors are InputErrors naming the argument, the input row and the subject.
 */
import { InputError, missingRows, finiteColumn, factorColumn, labelColumn, levelsOf, requireLength, requireSameLength } from "../core/index";
import type { ArrayLikeInput, MissingPolicy } from "../core/index";
import { sortOrder } from "../core/sort-order";
import { timefixInPlace } from "./cox-risk-data";

export interface MultiStateColumns {
  /** Entry times of (start, stop] rows; omitted for right-censored data (one row per subject). */
  start?: ArrayLikeInput<unknown>;
  stop: ArrayLikeInput<unknown>;
  state: ArrayLikeInput<unknown>;
  id?: ArrayLikeInput<unknown>;
  istate?: ArrayLikeInput<unknown>;
  group?: ArrayLikeInput<unknown> | null;
  weights?: ArrayLikeInput<unknown>;
}

export interface MultiStateReadOptions {
  censor?: string | number;
  states?: readonly (string | number)[];
  initialState?: string;
  levels?: readonly string[];
  timefix?: boolean;
  missing?: MissingPolicy;
}

/** One curve's worth of rows is selected by `group`; every array is per (merged) row. */
export interface MultiStateData {
  n: number;
  /** Entry time of each row (for right-censored data min(0, min stop) - 1, as R). */
  entry: Float64Array;
  stop: Float64Array;
  /** 0 censored, else 1 + index into `states` of the state entered. */
  status: Int32Array;
  /** Index into `states` of the state occupied during the row. */
  cstate: Int32Array;
  /** Subject code of each row (0..nSubjects-1). */
  subject: Int32Array;
  weight: Float64Array;
  weighted: boolean;
  group: Int32Array;
  groups: string[];
  states: string[];
  nSubjects: number;
  counting: boolean;
  /** R's fit$transitions: counts from each state (rows) to each state or "(censored)" (columns). */
  transitions: { from: string[]; to: string[]; counts: number[][] };
  /** The (from, to) state indices of the cumulative hazard columns, in R's order. */
  hazards: Array<[number, number]>;
  dropped: number;
}

function labelOf(v: unknown): string {
  return typeof v === "number" ? String(v + 0) : String(v);
}

export function readMultiStateData(columns: MultiStateColumns, options: MultiStateReadOptions = {}): MultiStateData {
  const policy = options.missing ?? "error";
  if (policy !== "error" && policy !== "drop") throw new InputError("missing", null, policy, 'must be "error" or "drop"');
  const counting = columns.start !== undefined;
  if (counting && columns.id === undefined) throw new InputError("id", null, undefined, "is required with start: (start, stop] rows need a subject id");
  const named: Record<string, ArrayLikeInput<unknown>> = {};
  requireLength("stop", columns.stop);
  named.stop = columns.stop;
  for (const name of ["state", "start", "id", "istate", "group", "weights"] as const) {
    const c = columns[name];
    if (c === undefined || c === null) continue;
    requireLength(name, c);
    named[name] = c;
  }
  if (!("state" in named)) throw new InputError("state", null, undefined, "must be an array");
  requireSameLength(named);
  const dropped = missingRows(named, policy);
  const input: number[] = [];
  for (let i = 0; i < columns.stop.length; i++) if (!(dropped.size > 0 && dropped.has(i))) input.push(i);
  const n0 = input.length;
  if (n0 === 0) throw new InputError("stop", null, columns.stop.length, "no rows left after dropping rows with missing values");
  const stop = finiteColumn("stop", columns.stop, dropped);
  const start = counting ? finiteColumn("start", columns.start as ArrayLikeInput<unknown>, dropped) : null;
  if (start !== null) {
    for (let k = 0; k < n0; k++) {
      if (!(start[k] < stop[k])) {
        throw new InputError(
          "stop",
          input[k],
          stop[k],
          `must be greater than start (${start[k]})` +
            (stop[k] === start[k] ? ": an event or censoring at the entry time cannot be counted, the subject is not yet at risk" : ""),
        );
      }
    }
  }
  let weight = new Float64Array(n0).fill(1);
  const weighted = columns.weights !== undefined;
  if (weighted) {
    weight = finiteColumn("weights", columns.weights as ArrayLikeInput<unknown>, dropped);
    for (let k = 0; k < n0; k++) if (!(weight[k] > 0)) throw new InputError("weights", input[k], weight[k], "must be a positive number");
  }

  // States: labels, the censoring value, the order.
  const stateCol = columns.state;
  const labels: string[] = new Array(n0);
  let allNumbers = true;
  for (let k = 0; k < n0; k++) {
    const v = stateCol[input[k]];
    if (typeof v === "number") {
      if (!Number.isFinite(v)) throw new InputError("state", input[k], v, "must be a state label or number");
    } else if (typeof v === "string") allNumbers = false;
    else throw new InputError("state", input[k], v, "must be a state label (string) or number");
    labels[k] = labelOf(v);
  }
  const censor = options.censor === undefined ? (allNumbers ? "0" : "censor") : labelOf(options.censor);
  let eventStates: string[];
  if (options.states !== undefined) {
    if (!Array.isArray(options.states) || options.states.length === 0) throw new InputError("states", null, options.states, "must be a non-empty array of state labels");
    eventStates = options.states.map(labelOf);
    eventStates.forEach((s, j) => {
      if (s === censor) throw new InputError("states", j, s, "is the censoring value");
      if (eventStates.indexOf(s) !== j) throw new InputError("states", j, s, "is listed twice");
    });
    for (let k = 0; k < n0; k++) {
      if (labels[k] !== censor && eventStates.indexOf(labels[k]) < 0) {
        throw new InputError("state", input[k], stateCol[input[k]], `is neither the censoring value (${censor}) nor one of the given states (${eventStates.join(", ")})`);
      }
    }
  } else {
    eventStates = levelsOf(Array.from(new Set(labels.filter((l) => l !== censor))));
  }
  let initialLabels: string[] | null = null;
  let initialLevels: string[];
  if (columns.istate !== undefined) {
    initialLabels = labelColumn("istate", columns.istate, dropped);
    initialLevels = levelsOf(Array.from(new Set(initialLabels)));
  } else {
    const s0 = options.initialState ?? "(s0)";
    if (typeof s0 !== "string" || s0 === "") throw new InputError("initialState", null, s0, "must be a non-empty state label");
    initialLevels = [s0];
  }
  const states = initialLevels.filter((s) => eventStates.indexOf(s) < 0).concat(eventStates);
  const stateIndex = new Map<string, number>();
  states.forEach((s, j) => stateIndex.set(s, j));
  const status = new Int32Array(n0);
  for (let k = 0; k < n0; k++) status[k] = labels[k] === censor ? 0 : (stateIndex.get(labels[k]) as number) + 1;

  if (options.timefix ?? true) timefixInPlace(stop, start);

  // Subjects, and each subject's rows in time order.
  const idLabels = columns.id === undefined ? null : columns.id;
  const subject = columns.id === undefined ? Int32Array.from({ length: n0 }, (_, k) => k) : subjectCodes(columns.id, input);
  let nSubjects = 0;
  for (let k = 0; k < n0; k++) nSubjects = Math.max(nSubjects, subject[k] + 1);
  const byStart = start === null ? Uint32Array.from({ length: n0 }, (_, k) => k) : sortOrder(start);
  const stopKeys = new Float64Array(n0);
  for (let k = 0; k < n0; k++) stopKeys[k] = stop[byStart[k]];
  const p = sortOrder(stopKeys);
  const byStop = new Uint32Array(n0);
  for (let k = 0; k < n0; k++) byStop[k] = byStart[p[k]];
  const order = stableBy(byStop, subject, nSubjects);

  const idText = (k: number): string => (idLabels === null ? String(input[k]) : JSON.stringify(idLabels[input[k]]));
  const cstate = new Int32Array(n0);
  const first = new Uint8Array(n0);
  const last = new Uint8Array(n0);
  for (let a = 0; a < n0; a++) {
    const k = order[a];
    const prev = a > 0 && subject[order[a - 1]] === subject[k] ? order[a - 1] : -1;
    if (prev < 0) {
      first[k] = 1;
      if (initialLabels !== null) cstate[k] = stateIndex.get(initialLabels[k]) as number;
      else cstate[k] = stateIndex.get(initialLevels[0]) as number;
    } else {
      if (start === null) {
        throw new InputError("id", input[k], idLabels === null ? input[k] : idLabels[input[k]], `subject ${idText(k)} has more than one row; without start each subject has one row (give start for (start, stop] rows)`);
      }
      if (start[k] < stop[prev]) {
        throw new InputError("start", input[k], start[k], `overlaps the previous row of subject ${idText(k)} (row ${input[prev]}, which ends at ${stop[prev]}): a subject's rows must not overlap in time`);
      }
      if (start[k] > stop[prev]) {
        throw new InputError("start", input[k], start[k], `leaves a gap after the previous row of subject ${idText(k)} (row ${input[prev]}, which ends at ${stop[prev]}); survfit needs contiguous rows`);
      }
      const chained = status[prev] > 0 ? status[prev] - 1 : cstate[prev];
      if (initialLabels !== null && stateIndex.get(initialLabels[k]) !== chained) {
        throw new InputError("istate", input[k], initialLabels[k], `contradicts the state subject ${idText(k)} is in after its earlier rows (${states[chained]})`);
      }
      cstate[k] = chained;
    }
    const next = a + 1 < n0 && subject[order[a + 1]] === subject[k];
    if (!next) last[k] = 1;
  }

  // R's transitions table (before joining rows): from the current state to the state entered, or censored.
  const ns = states.length;
  const table: number[][] = Array.from({ length: ns }, () => new Array(ns + 1).fill(0));
  for (let k = 0; k < n0; k++) {
    if (status[k] === 0 && !last[k]) continue;
    table[cstate[k]][status[k] === 0 ? ns : status[k] - 1]++;
  }
  const keepFrom: number[] = [];
  for (let s = 0; s < ns; s++) {
    let used = 0;
    for (let c = 0; c <= ns; c++) used += table[s][c];
    for (let r = 0; r < ns; r++) used += table[r][s];
    if (used > 0) keepFrom.push(s);
  }
  const keepTo: number[] = [];
  for (let c = 0; c <= ns; c++) {
    let sum = 0;
    for (let r = 0; r < ns; r++) sum += table[r][c];
    if (sum > 0) keepTo.push(c);
  }
  const transitions = {
    from: keepFrom.map((s) => states[s]),
    to: keepTo.map((c) => (c === ns ? "(censored)" : states[c])),
    counts: keepFrom.map((s) => keepTo.map((c) => table[s][c])),
  };
  const hazards: Array<[number, number]> = [];
  for (let to = 0; to < ns; to++) for (let from = 0; from < ns; from++) if (table[from][to] > 0) hazards.push([from, to]);

  // Join censored rows that are neither first nor last to the next row of their subject.
  const groupCodes = columns.group === undefined || columns.group === null ? null : groupFactor(columns.group, dropped, options.levels);
  const joined = new Uint8Array(n0);
  const joinedStart = start === null ? null : Float64Array.from(start);
  let n = n0;
  for (let a = 0; a < n0; a++) {
    const k = order[a];
    if (start !== null && status[k] === 0 && !first[k] && !last[k]) {
      const next = order[a + 1];
      (joinedStart as Float64Array)[next] = (joinedStart as Float64Array)[k];
      joined[k] = 1;
      n--;
    }
  }
  const keep = new Int32Array(n);
  for (let k = 0, j = 0; k < n0; k++) if (!joined[k]) keep[j++] = k;
  let minStop = Infinity;
  for (let k = 0; k < n0; k++) minStop = Math.min(minStop, stop[k]);
  const entryRight = Math.min(0, minStop) - 1;
  const pick = <T extends Float64Array | Int32Array>(from: ArrayLike<number>, to: T): T => {
    for (let j = 0; j < n; j++) to[j] = from[keep[j]];
    return to;
  };
  const out: MultiStateData = {
    n,
    entry: joinedStart === null ? new Float64Array(n).fill(entryRight) : pick(joinedStart, new Float64Array(n)),
    stop: pick(stop, new Float64Array(n)),
    status: pick(status, new Int32Array(n)),
    cstate: pick(cstate, new Int32Array(n)),
    subject: pick(subject, new Int32Array(n)),
    weight: pick(weight, new Float64Array(n)),
    weighted,
    group: groupCodes === null ? new Int32Array(n) : pick(groupCodes.codes, new Int32Array(n)),
    groups: groupCodes === null ? ["all"] : groupCodes.levels,
    states,
    nSubjects,
    counting,
    transitions,
    hazards,
    dropped: dropped.size,
  };
  return out;
}

/** Subject codes 0, 1, ... by first appearance (no sorting of the labels: only equality matters). */
function subjectCodes(values: ArrayLikeInput<unknown>, rows: readonly number[]): Int32Array {
  const codes = new Int32Array(rows.length);
  const codeOf = new Map<unknown, number>();
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k];
    let v = values[i];
    if (typeof v === "number") {
      if (!Number.isFinite(v)) throw new InputError("id", i, v, "must be a subject label (string or number)");
      v = v + 0; // -0 is 0
    } else if (typeof v !== "string") throw new InputError("id", i, v, "must be a subject label (string or number)");
    let c = codeOf.get(v);
    if (c === undefined) {
      c = codeOf.size;
      codeOf.set(v, c);
    }
    codes[k] = c;
  }
  return codes;
}

/** `order` reordered stably by `code` (0..nCode-1). */
function stableBy(order: Uint32Array, code: Int32Array, nCode: number): Uint32Array {
  const pos = new Int32Array(nCode + 1);
  for (let i = 0; i < code.length; i++) pos[code[i] + 1]++;
  for (let c = 0; c < nCode; c++) pos[c + 1] += pos[c];
  const out = new Uint32Array(order.length);
  for (let k = 0; k < order.length; k++) out[pos[code[order[k]]]++] = order[k];
  return out;
}

/** Group codes in `levels` order when given (every label listed, every level present), else levelsOf order. */
function groupFactor(values: ArrayLikeInput<unknown>, dropped: Set<number>, levels: readonly string[] | undefined): { codes: Int32Array; levels: string[] } {
  const f = factorColumn("group", values, dropped);
  if (levels === undefined) return f;
  if (!Array.isArray(levels) || levels.length === 0) throw new InputError("levels", null, levels, "must be a non-empty array of group labels");
  const order = levels.map((l, j) => {
    if (typeof l !== "string" && typeof l !== "number") throw new InputError("levels", j, l, "must be a group label (string or number)");
    return String(l);
  });
  order.forEach((l, j) => {
    if (order.indexOf(l) !== j) throw new InputError("levels", j, l, "is listed twice");
  });
  const map = f.levels.map((l) => order.indexOf(l));
  let k = 0;
  for (let i = 0; i < values.length; i++) {
    if (dropped.size > 0 && dropped.has(i)) continue;
    const code = map[f.codes[k]];
    if (code < 0) throw new InputError("group", i, values[i], "is not one of the given levels");
    f.codes[k++] = code;
  }
  const seen = new Set(Array.from(f.codes));
  order.forEach((l, j) => {
    if (!seen.has(j)) throw new InputError("levels", j, l, "has no observations in group");
  });
  return { codes: f.codes, levels: order };
}
