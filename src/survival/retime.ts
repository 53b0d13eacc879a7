/**
 * Re-times competing-risks data from a later origin per subject: the start of
 * RT for irradiated patients, a landmark for the others. Each subject's time
 * becomes time - origin; subjects whose event or censoring comes before their
 * origin cannot be followed from it and are dropped, and so are subjects
 * whose event or censoring falls exactly at the origin (no follow-up after
 * it: they are not at risk just after the origin). Every drop is counted by
 * reason and listed by row, so an analysis can say how many patients it left
 * out and why. The result feeds cumulativeIncidence (cmprsk::cuminc) and
 * Gray's test unchanged:
 *
 *   const r = retimeFromOrigin(failure_months, cause, origin, { group: arm });
 *   const ci = cumulativeIncidence(r.time, r.cause, r.group);
 *
 * This conditions on being event-free and under observation at the origin (a
 * landmark analysis) and does not count time before it; it is not delayed
 * entry on the original time scale (for that, see
 * cumulativeIncidenceDelayedEntry). A missing origin (e.g. no RT date) is an
 * error unless `missing: "drop"`, which drops the subject and counts it.
 *
 * @example
 * const r = retimeFromOrigin([5, 12, 3, 20], [1, 0, 2, 1], [2, 2, 4, 6]);
 * r.time;     // [3, 10, 14]
 * r.dropped;  // { beforeOrigin: 1, atOrigin: 0, missing: 0, rows: [2] }
 */
import { InputError, isMissing, requireLength, requireSameLength } from "../core/index";
import type { ArrayLikeInput, MissingPolicy } from "../core/index";

export interface RetimeOptions {
  /** Group labels, carried along for the subjects kept. */
  group?: ArrayLikeInput<unknown>;
  /** "error" (default) throws on a missing time, cause or origin; "drop" drops the subject and counts it. */
  missing?: MissingPolicy;
}

export interface RetimeResult {
  /** Time from the subject's origin. */
  time: number[];
  cause: number[];
  /** Groups of the subjects kept, or null. */
  group: string[] | null;
  /** Input row of each subject kept. */
  row: number[];
  /** The origin of each subject kept (on the original scale). */
  origin: number[];
  n: number;
  dropped: {
    /** Event or censoring before the origin. */
    beforeOrigin: number;
    /** Event or censoring exactly at the origin. */
    atOrigin: number;
    /** A missing time, cause, origin or group (with missing: "drop"). */
    missing: number;
    /** Input rows dropped, ascending. */
    rows: number[];
  };
}

export function retimeFromOrigin(
  time: ArrayLikeInput<unknown>,
  cause: ArrayLikeInput<unknown>,
  origin: ArrayLikeInput<unknown>,
  options: RetimeOptions = {},
): RetimeResult {
  const policy = options.missing ?? "error";
  if (policy !== "error" && policy !== "drop") throw new InputError("missing", null, policy, 'must be "error" or "drop"');
  requireLength("time", time);
  requireLength("cause", cause);
  requireLength("origin", origin);
  const columns: Record<string, ArrayLikeInput<unknown>> = { time, cause, origin };
  if (options.group !== undefined) {
    requireLength("group", options.group);
    columns.group = options.group;
  }
  requireSameLength(columns);
  const out: RetimeResult = {
    time: [],
    cause: [],
    group: options.group === undefined ? null : [],
    row: [],
    origin: [],
    n: 0,
    dropped: { beforeOrigin: 0, atOrigin: 0, missing: 0, rows: [] },
  };
  const names = Object.keys(columns);
  for (let i = 0; i < time.length; i++) {
    const missingIn = names.find((name) => isMissing(columns[name][i]));
    if (missingIn !== undefined) {
      if (policy === "error") throw new InputError(missingIn, i, columns[missingIn][i], 'is missing (pass { missing: "drop" } to drop such subjects and count them)');
      out.dropped.missing++;
      out.dropped.rows.push(i);
      continue;
    }
    const t = time[i];
    if (typeof t !== "number" || !Number.isFinite(t) || t < 0) throw new InputError("time", i, t, "must be a non-negative time");
    const o = origin[i];
    if (typeof o !== "number" || !Number.isFinite(o) || o < 0) throw new InputError("origin", i, o, "must be a non-negative time");
    const c = cause[i];
    if (typeof c !== "number" || !(Number.isInteger(c) && c >= 0)) throw new InputError("cause", i, c, "must be 0 (censored) or a positive integer cause code");
    if (t < o) {
      out.dropped.beforeOrigin++;
      out.dropped.rows.push(i);
      continue;
    }
    if (t === o) {
      out.dropped.atOrigin++;
      out.dropped.rows.push(i);
      continue;
    }
    out.time.push(t - o);
    out.cause.push(c);
    out.row.push(i);
    out.origin.push(o);
    if (out.group !== null) {
      const g = (options.group as ArrayLikeInput<unknown>)[i];
      if (typeof g !== "string" && !(typeof g === "number" && Number.isFinite(g))) throw new InputError("group", i, g, "must be a group label (string or number)");
      out.group.push(String(g));
    }
  }
  out.n = out.row.length;
  if (out.n === 0) throw new InputError("origin", null, null, "leaves no subject with follow-up after its origin");
  return out;
}
