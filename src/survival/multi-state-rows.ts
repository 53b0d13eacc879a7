/**
 * Multi-state rows from per-event columns: one row per (subject, interval),
 * as survfit(Surv(tstart, tstop, state) ~ ..., id, istate) and aalenJohansen
 * expect, built from the time of each kind of event (empty when not
 * observed) and the end of follow-up.
 *
 * States are progressive, in the order of `events` (or `order`): e.g.
 *   events = { local, intrahepatic, extrahepatic, death }
 * gives the states "(s0)" -> local -> intrahepatic -> extrahepatic -> death,
 * where a subject moves to an event's state when it is further along than the
 * current one (an intrahepatic progression after a local one moves the
 * subject on; a local progression after an intrahepatic one changes nothing,
 * since the subject has already progressed beyond it). Events at the same time
 * count as the furthest of them. The last state (default) is absorbing: its
 * time must be the end of follow-up, and nothing may follow it.
 *
 * With `entry` (a later time origin, e.g. the start of RT, or delayed entry),
 * follow-up starts at entry: events at or before entry set the starting state
 * (`istate`), later ones are transitions. Each subject gets rows
 *   (entry, t1] -> state1, (t1, t2] -> state2, ..., (t_last, end] -> censor
 * (no censored row after an absorbing state or after an event at the end).
 *
 * Bad input is an InputError naming the column and row: an event after the
 * end of follow-up, an absorbing event before it (so nothing can follow an
 * absorbing state), an absorbing event at or before entry, follow-up that ends
 * at or before entry, negative times.
 *
 * @example
 * const rows = multiStateRows(os_months, { local: localMonths, "out of field": oofMonths, death: deathMonths }, { group: arm });
 * const aj = aalenJohansen(rows.stop, rows.state, rows.group, { start: rows.start, id: rows.id, istate: rows.istate, censor: rows.censor, states: rows.states });
 */
import { InputError, finiteColumn, isMissing, labelColumn, missingRows, requireLength, requireSameLength } from "../core/index";
import type { ArrayLikeInput, MissingPolicy } from "../core/index";

export interface MultiStateRowsOptions {
  /** Subject labels (default the row index). */
  id?: ArrayLikeInput<unknown>;
  /** Start of follow-up per subject (default 0). */
  entry?: ArrayLikeInput<unknown>;
  /** Group label per subject, carried to every row. */
  group?: ArrayLikeInput<unknown>;
  /** State order (names of `events`), if not the order of its keys. */
  order?: readonly string[];
  /** States that end follow-up (default: the last state). */
  absorbing?: readonly string[];
  /** Name of the starting state (default "(s0)", survfit's). */
  initialState?: string;
  /** Label of censored rows (default "censor"). */
  censor?: string;
  /** "error" (default) throws on a missing follow-up time (or entry, group); "drop" drops the subject and reports it. */
  missing?: MissingPolicy;
}

export interface MultiStateRows {
  /** Subject of each row (the id label, or the subject's row index). */
  id: (string | number)[];
  /** Input row (subject) of each row. */
  subject: number[];
  start: number[];
  stop: number[];
  /** State entered at the end of the row, or the censoring label. */
  state: string[];
  /** State during the row. */
  istate: string[];
  /** Group of each row, or null without groups. */
  group: string[] | null;
  /** Event states in order; the starting state; the censoring label. */
  states: string[];
  initialState: string;
  censor: string;
  /** Subjects used, and dropped for missing values. */
  nSubjects: number;
  dropped: number;
  /** Subjects per starting state other than the initial one (events at or before entry). */
  startedLater: number;
}

export function multiStateRows(
  time: ArrayLikeInput<unknown>,
  events: Readonly<Record<string, ArrayLikeInput<unknown>>>,
  options: MultiStateRowsOptions = {},
): MultiStateRows {
  requireLength("time", time);
  if (events === null || typeof events !== "object" || Array.isArray(events)) {
    throw new InputError("events", null, events, "must be an object of event-time columns, e.g. { local, death }");
  }
  const order = options.order === undefined ? Object.keys(events) : options.order.slice();
  if (order.length === 0) throw new InputError("events", null, "{}", "needs at least one event column");
  order.forEach((name, j) => {
    if (!(name in events)) throw new InputError("order", j, name, "is not a column of events");
    if (order.indexOf(name) !== j) throw new InputError("order", j, name, "is listed twice");
  });
  Object.keys(events).forEach((name) => {
    if (order.indexOf(name) < 0) throw new InputError("order", null, name, `must list every event column (missing: ${name})`);
  });
  const initialState = options.initialState ?? "(s0)";
  const censor = options.censor ?? "censor";
  if (order.indexOf(initialState) >= 0) throw new InputError("initialState", null, initialState, "is also an event state");
  if (order.indexOf(censor) >= 0 || censor === initialState) throw new InputError("censor", null, censor, "is also a state name");
  const absorbing = new Set(options.absorbing ?? [order[order.length - 1]]);
  absorbing.forEach((name) => {
    if (order.indexOf(name) < 0) throw new InputError("absorbing", null, name, "is not a column of events");
  });

  const n0 = time.length;
  const columns: Record<string, ArrayLikeInput<unknown>> = { time };
  for (const name of ["id", "entry", "group"] as const) {
    const c = options[name];
    if (c === undefined) continue;
    requireLength(name, c);
    columns[name] = c;
  }
  for (const name of order) {
    requireLength(`events.${name}`, events[name]);
    if (events[name].length !== n0) throw new InputError(`events.${name}`, null, events[name].length, `has length ${events[name].length} but time has length ${n0}`);
  }
  requireSameLength(columns);
  const dropped = missingRows(columns, options.missing ?? "error");
  const end = finiteColumn("time", time, dropped);
  const entry = options.entry === undefined ? null : finiteColumn("entry", options.entry, dropped);
  const groups = options.group === undefined ? null : labelColumn("group", options.group, dropped);

  const out: MultiStateRows = {
    id: [],
    subject: [],
    start: [],
    stop: [],
    state: [],
    istate: [],
    group: groups === null ? null : [],
    states: order.slice(),
    initialState,
    censor,
    nSubjects: 0,
    dropped: dropped.size,
    startedLater: 0,
  };
  const stateName = (k: number) => (k < 0 ? initialState : order[k]);
  let k = 0;
  for (let i = 0; i < n0; i++) {
    if (dropped.size > 0 && dropped.has(i)) continue;
    const t1 = end[k];
    const t0 = entry === null ? 0 : entry[k];
    const label = groups === null ? "" : groups[k];
    k++;
    if (t1 < 0) throw new InputError("time", i, t1, "must be a non-negative time");
    if (!(t1 > t0)) throw new InputError("time", i, t1, `must be after entry (${t0}): a subject needs follow-up after it enters`);
    // This subject's events, by time.
    const seen: Array<{ t: number; s: number }> = [];
    for (let s = 0; s < order.length; s++) {
      const v = events[order[s]][i];
      if (isMissing(v)) continue;
      if (typeof v !== "number" || !Number.isFinite(v)) throw new InputError(`events.${order[s]}`, i, v, "must be a time (number) or empty when not observed");
      if (v < 0) throw new InputError(`events.${order[s]}`, i, v, "must be a non-negative time");
      if (v > t1) throw new InputError(`events.${order[s]}`, i, v, `is after the end of follow-up (${t1})`);
      if (absorbing.has(order[s]) && v !== t1) {
        throw new InputError(`events.${order[s]}`, i, v, `is before the end of follow-up (${t1}): follow-up ends at ${order[s]}`);
      }
      seen.push({ t: v, s });
    }
    seen.sort((a, b) => a.t - b.t || a.s - b.s);
    // Starting state: the furthest state reached at or before entry.
    let cur = -1;
    let e = 0;
    for (; e < seen.length && seen[e].t <= t0; e++) cur = Math.max(cur, seen[e].s);
    if (cur >= 0 && absorbing.has(order[cur])) {
      throw new InputError(`events.${order[cur]}`, i, seen[e - 1].t, `is at or before entry (${t0}): the subject cannot enter after ${order[cur]}`);
    }
    if (cur >= 0) out.startedLater++;
    let from = t0;
    const idLabel = options.id === undefined ? i : (options.id[i] as string | number);
    const push = (a: number, b: number, during: number, st: string) => {
      out.id.push(idLabel);
      out.subject.push(i);
      out.start.push(a);
      out.stop.push(b);
      out.state.push(st);
      out.istate.push(stateName(during));
      if (out.group !== null) out.group.push(label);
    };
    while (e < seen.length) {
      const t = seen[e].t;
      let next = cur;
      for (; e < seen.length && seen[e].t === t; e++) next = Math.max(next, seen[e].s);
      if (next === cur) continue; // nothing further along
      push(from, t, cur, order[next]);
      cur = next;
      from = t;
      if (absorbing.has(order[cur])) break;
    }
    if (!absorbing.has(stateName(cur)) && from < t1) push(from, t1, cur, censor);
    out.nSubjects++;
  }
  return out;
}
