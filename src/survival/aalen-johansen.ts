/**
 * Multi-state Aalen-Johansen estimate of state occupancy, as survival
 * 3.5-3's
 *   survfit(Surv(tstart, tstop, state) ~ group, id = id, istate = istate, weights = w)
 * (and `survfit(Surv(time, state) ~ group)` for one row per subject: competing
 * risks). Returns, per group and at each distinct stop time, the probability
 * of being in each state (R's pstate), its infinitesimal-jackknife standard
 * error (std.err), confidence limits, the number at risk in each state
 * (n.risk), the transitions into each state (n.event), the censorings
 * (n.censor) and the cumulative hazard of each observed transition (cumhaz).
 *
 * Estimator: at each time t with transitions, with w_s(t) the weighted number
 * at risk in state s and dN_sk(t) the weighted transitions s -> k,
 *   H(t)_sk = dN_sk / w_s (k != s),  H(t)_ss = 1 - sum_k dN_sk / w_s,
 *   p(t) = p(t-) H(t),   p(0) = p0,
 * p0 the weighted share of each state among the rows at risk at the first
 * transition time. A row (a, b] is at risk at times a < t <= b, in the state
 * its subject entered last; a "transition" to the current state is not one.
 *
 * Standard error (R's robust, infinitesimal jackknife; survfitci.c): the
 * influence U_i(t) of subject i on p(t) follows
 *   U_i(t) = U_i(t-) H(t) - [i at risk in s] (p_s(t-) / w_s) (H(t)_s. - e_k),
 * k the state i is in after t, U_i(0) = 0 (R's default: p0 is treated as
 * known), and std.err_j(t) = sqrt(sum_i w_i^2 U_ij(t)^2), w_i the subject's
 * latest case weight. Computed here without touching every subject at every
 * time: subjects in the same state share one affine update, so only the
 * weighted sum of U_i' U_i over subjects is propagated, and a subject's own
 * U_i is brought up to date (through a tree of the products of the H(t)) only
 * when it enters, changes state or leaves. O((rows + times) log(times) k^2 +
 * times k^3) for k states, against R's O(subjects x times x k^2).
 *
 * Limits (R's survfit_confint with logse = FALSE): "log" (default)
 * exp(log p -/+ z se / p) with the upper limit capped at 1, "log-log",
 * "plain"; null where p = 0 (R's NA).
 *
 * Input conventions (see ./multi-state-data): `state` is the state entered at
 * the end of each row or the censoring value (`censor`: default 0 for numeric
 * states, "censor" for labels); rows of a subject must be contiguous; the
 * first row's `istate` (default "(s0)") is the starting state.
 *
 * @example
 * // rows from multiStateRows(...): entry -> local -> out of field -> death
 * const aj = aalenJohansen(rows.stop, rows.state, rows.group, { start: rows.start, id: rows.id, censor: "censor" });
 * aj.states;                 // ["(s0)", "local", "out of field", "death"]
 * aj.curves[0].pstate[10];   // occupancy of each state at aj.curves[0].time[10]
 * showTable(stateOccupancyAt(aj, [12, 24, 36]));
 */
import { InputError, finiteColumn, requireLength } from "../core/index";
import type { ArrayLikeInput } from "../core/index";
import { sortOrder } from "../core/sort-order";
import { checkConfidenceLevel, checkConfidenceType, survivalConfidenceLimits } from "./confidence-interval";
import type { ConfidenceType } from "./confidence-interval";
import { readMultiStateData } from "./multi-state-data";
import type { MultiStateData, MultiStateReadOptions } from "./multi-state-data";
import { flatRows, toNullableArray, toNumberArray } from "./plain-arrays";

export interface AalenJohansenOptions extends MultiStateReadOptions {
  /** Entry time of each (start, stop] row (needs `id`); omit for one row per subject. */
  start?: ArrayLikeInput<unknown>;
  /** Subject of each row. */
  id?: ArrayLikeInput<unknown>;
  /** State at the start of each row (R's istate; only the first row of a subject sets it, later ones must agree). */
  istate?: ArrayLikeInput<unknown>;
  /** Case weights (positive); a subject's latest weight counts in its standard error, as R. */
  weights?: ArrayLikeInput<unknown>;
  /** Confidence-interval transform (default "log", as survfit). */
  confType?: ConfidenceType;
  /** Confidence level (default 0.95). */
  confLevel?: number;
}

export interface AalenJohansenCurve {
  group: string;
  /** Rows (after joining covariate-only splits) and subjects in this curve. */
  n: number;
  nSubjects: number;
  /** Distinct stop times (events and censorings), ascending. */
  time: number[];
  /** pstate[t][s]: probability of being in state s just after time[t]. */
  pstate: number[][];
  /** Infinitesimal-jackknife standard error of pstate. */
  stdErr: number[][];
  lower: (number | null)[][];
  upper: (number | null)[][];
  /** Rows at risk in each state just before time[t] (unweighted). */
  nRisk: number[][];
  /** Transitions into each state at time[t] (unweighted). */
  nEvent: number[][];
  /** Censored rows at time[t]. */
  nCensor: number[];
  /** Cumulative hazard of each transition (columns as the result's hazards). */
  cumhaz: number[][];
  /** Initial state distribution. */
  p0: number[];
}

export interface AalenJohansenResult {
  method: "Aalen-Johansen state occupancy, infinitesimal-jackknife standard errors (survival::survfit, multi-state)";
  /** All states, in R's order (initial states never entered first). */
  states: string[];
  /** R's fit$transitions: counts from each state (rows) to each state or "(censored)" (columns). */
  transitions: { from: string[]; to: string[]; counts: number[][] };
  /** Cumulative hazard columns: from and to state of each, and R's "i.j" name (1-based state numbers). */
  hazards: { from: string; to: string; name: string }[];
  groups: string[];
  curves: AalenJohansenCurve[];
  confType: ConfidenceType;
  confLevel: number;
  /** Rows used (after joining), subjects, rows dropped for missing values. */
  n: number;
  nSubjects: number;
  dropped: number;
  weighted: boolean;
}

export function aalenJohansen(
  time: ArrayLikeInput<unknown>,
  state: ArrayLikeInput<unknown>,
  group?: ArrayLikeInput<unknown> | null,
  options: AalenJohansenOptions = {},
): AalenJohansenResult {
  const confType = checkConfidenceType(options.confType);
  const { confLevel, z } = checkConfidenceLevel(options.confLevel);
  const data = readMultiStateData(
    { start: options.start, stop: time, state, id: options.id, istate: options.istate, group: group === null ? undefined : group, weights: options.weights },
    options,
  );
  const curves: AalenJohansenCurve[] = [];
  for (let g = 0; g < data.groups.length; g++) curves.push(ajCurve(data, g, confType, z));
  return {
    method: "Aalen-Johansen state occupancy, infinitesimal-jackknife standard errors (survival::survfit, multi-state)",
    states: data.states.slice(),
    transitions: data.transitions,
    hazards: data.hazards.map(([from, to]) => ({ from: data.states[from], to: data.states[to], name: `${from + 1}.${to + 1}` })),
    groups: data.groups.slice(),
    curves,
    confType,
    confLevel,
    n: data.n,
    nSubjects: new Set(Array.from(data.subject)).size,
    dropped: data.dropped,
    weighted: data.weighted,
  };
}

/**
 * Products of the H(t) over ranges of transition times: a segment tree over
 * the times, built as they come (a node is filled when its last time arrives),
 * so a row vector can be carried from one time to a later one in O(log T) k x k
 * products.
 */
class ProductTree {
  private readonly size: number;
  private readonly k2: number;
  private readonly nodes: Float64Array;
  private count = 0;
  private readonly tmp: Float64Array;
  private readonly stack: Int32Array;

  constructor(capacity: number, private readonly k: number) {
    let size = 1;
    while (size < capacity) size *= 2;
    this.size = size;
    this.k2 = k * k;
    this.nodes = new Float64Array(2 * size * this.k2);
    this.tmp = new Float64Array(k);
    this.stack = new Int32Array(128);
  }

  /** Adds H for the next time (row-major k x k). */
  append(h: Float64Array): void {
    const { k, k2, nodes } = this;
    let q = this.size + this.count++;
    nodes.set(h, q * k2);
    while (q & 1 && q > 1) {
      const parent = q >> 1;
      const left = (q - 1) * k2;
      const right = q * k2;
      const out = parent * k2;
      for (let i = 0; i < k; i++) {
        for (let j = 0; j < k; j++) {
          let s = 0;
          for (let m = 0; m < k; m++) s += nodes[left + i * k + m] * nodes[right + m * k + j];
          nodes[out + i * k + j] = s;
        }
      }
      q = parent;
    }
  }

  /** v <- v H_from ... H_{to-1} (times numbered from 0, as appended). */
  carry(v: Float64Array, vOff: number, from: number, to: number): void {
    if (from >= to) return;
    const { k, k2, nodes, tmp, stack } = this;
    let l = from + this.size;
    let r = to + this.size;
    let nLeft = 0;
    let nRight = 0;
    // Left nodes go first in order; right nodes are applied after, in reverse of collection.
    while (l < r) {
      if (l & 1) stack[nLeft++] = l++;
      if (r & 1) stack[127 - nRight++] = --r;
      l >>= 1;
      r >>= 1;
    }
    // Right nodes were collected from the end: move them after the left ones, in order.
    for (let a = nRight - 1; a >= 0; a--) stack[nLeft++] = stack[127 - a];
    for (let a = 0; a < nLeft; a++) {
      const base = stack[a] * k2;
      for (let j = 0; j < k; j++) {
        let s = 0;
        for (let m = 0; m < k; m++) s += v[vOff + m] * nodes[base + m * k + j];
        tmp[j] = s;
      }
      for (let j = 0; j < k; j++) v[vOff + j] = tmp[j];
    }
  }
}

function ajCurve(data: MultiStateData, g: number, confType: ConfidenceType, z: number): AalenJohansenCurve {
  const S = data.states.length;
  // Rows of this curve, subjects renumbered 0..np-1.
  const rows: number[] = [];
  for (let r = 0; r < data.n; r++) if (data.group[r] === g) rows.push(r);
  const n = rows.length;
  const entry = Float64Array.from(rows, (r) => data.entry[r]);
  const stop = Float64Array.from(rows, (r) => data.stop[r]);
  const status = Int32Array.from(rows, (r) => data.status[r]);
  const rowState = Int32Array.from(rows, (r) => data.cstate[r]);
  const wt = Float64Array.from(rows, (r) => data.weight[r]);
  const personOf = new Map<number, number>();
  const person = new Int32Array(n);
  for (let a = 0; a < n; a++) {
    const sub = data.subject[rows[a]];
    let q = personOf.get(sub);
    if (q === undefined) {
      q = personOf.size;
      personOf.set(sub, q);
    }
    person[a] = q;
  }
  const np = personOf.size;
  const sort1 = sortOrder(entry);
  const sort2 = sortOrder(stop);
  // Initial state of each subject: its first row by entry time.
  const cstate = new Int32Array(np).fill(-1);
  for (let a = 0; a < n; a++) {
    const r = sort1[a];
    if (cstate[person[r]] < 0) cstate[person[r]] = rowState[r];
  }

  // p0: weighted state shares among rows at risk at the first transition time.
  let t0 = -Infinity;
  let anyEvent = false;
  for (let a = 0; a < n; a++) {
    if (status[a] !== 0 && (!anyEvent || stop[a] < t0)) {
      t0 = stop[a];
      anyEvent = true;
    }
  }
  if (!anyEvent) for (let a = 0; a < n; a++) t0 = Math.max(t0, stop[a]);
  const p = new Float64Array(S);
  let wtsum = 0;
  for (let a = 0; a < n; a++) {
    if (entry[a] < t0 && stop[a] >= t0) {
      p[rowState[a]] += wt[a];
      wtsum += wt[a];
    }
  }
  for (let s = 0; s < S; s++) p[s] /= wtsum;
  const p0 = Array.from(p);

  // Distinct stop times.
  let ntime = 0;
  for (let a = 0; a < n; a++) if (a === 0 || stop[sort2[a]] !== stop[sort2[a - 1]]) ntime++;

  // Results, flat (time-major), turned into nested arrays at the end.
  const nh = data.hazards.length;
  const outTime = new Float64Array(ntime);
  const outP = new Float64Array(ntime * S);
  const outSe = new Float64Array(ntime * S);
  const outRisk = new Int32Array(ntime * S);
  const outEvent = new Int32Array(ntime * S);
  const outCensor = new Int32Array(ntime);
  const outHaz = new Float64Array(ntime * nh);
  const hazFrom = Int32Array.from(data.hazards, ([from, to]) => from * S + to);
  let nt = 0;

  const ns = new Int32Array(S);
  const ws = new Float64Array(S);
  const hmat = new Float64Array(S * S);
  const chaz = new Float64Array(S * S);
  const nev = new Int32Array(S);
  const pNext = new Float64Array(S);

  // Influence bookkeeping (see the file comment): U_i = A_i - B[class_i], B[-1] = 0.
  const tree = new ProductTree(Math.max(1, ntime), S);
  let steps = 0;
  const cls = new Int32Array(np).fill(-1);
  const wtp = new Float64Array(np);
  const A = new Float64Array(np * S);
  const stamp = new Int32Array(np);
  const B = new Float64Array(S * S); // row s: B^s
  const RA = new Float64Array(S * S); // row s: sum over class s of w^2 A_i
  const N = new Float64Array(S); // sum over class s of w^2
  const members = new Int32Array(S); // subjects in class s (an empty class is reset to exact zeros)
  const M = new Float64Array(S * S); // sum over all subjects of w^2 U_i' U_i
  const u = new Float64Array(S);
  const refresh = (q: number) => {
    if (stamp[q] < steps) {
      tree.carry(A, q * S, stamp[q], steps);
      stamp[q] = steps;
    }
  };
  const addOuter = (m: Float64Array, x: Float64Array, xOff: number, y: Float64Array, yOff: number, f: number) => {
    for (let i = 0; i < S; i++) {
      const xi = f * x[xOff + i];
      if (xi === 0) continue;
      for (let j = 0; j < S; j++) m[i * S + j] += xi * y[yOff + j];
    }
  };
  const join = (q: number, s: number, w: number) => {
    refresh(q);
    const old = wtp[q];
    if (w !== old) {
      // Every past influence of the subject now counts with the new weight (R keeps the latest).
      for (let j = 0; j < S; j++) u[j] = A[q * S + j] - (cls[q] >= 0 ? B[cls[q] * S + j] : 0);
      addOuter(M, u, 0, u, 0, w * w - old * old);
      if (cls[q] >= 0) {
        for (let j = 0; j < S; j++) RA[cls[q] * S + j] += (w * w - old * old) * A[q * S + j];
        N[cls[q]] += w * w - old * old;
      }
      wtp[q] = w;
    }
    if (cls[q] === s) return;
    leave(q, 0, 0);
    const w2 = w * w;
    for (let j = 0; j < S; j++) {
      A[q * S + j] += B[s * S + j];
      RA[s * S + j] += w2 * A[q * S + j];
    }
    N[s] += w2;
    members[s]++;
    cls[q] = s;
  };
  /** Subject q leaves its class; `toState`/`coef` add the mover's own jump c_s (e_to - e_s). */
  const leave = (q: number, coef: number, toState: number) => {
    const s = cls[q];
    if (s < 0) return;
    refresh(q);
    const w2 = wtp[q] * wtp[q];
    for (let j = 0; j < S; j++) {
      RA[s * S + j] -= w2 * A[q * S + j];
      A[q * S + j] -= B[s * S + j];
    }
    N[s] -= w2;
    if (--members[s] === 0) {
      N[s] = 0;
      RA.fill(0, s * S, (s + 1) * S);
    }
    if (coef !== 0) {
      A[q * S + toState] += coef;
      A[q * S + s] -= coef;
    }
    cls[q] = -1;
  };

  const movers: number[] = []; // rows that change state at the current time
  const xm = new Float64Array(S * S * S); // [s][d] sum of w^2 U(t-)
  const wm = new Float64Array(S * S);
  const moversFrom = new Int32Array(S);
  const cS = new Float64Array(S);
  const bS = new Float64Array(S * S);
  const X = new Float64Array(S * S);
  const Q = new Float64Array(S * S);
  const HM = new Float64Array(S * S);
  const MH = new Float64Array(S * S);
  const beta = new Float64Array(S);

  let eptr = 0;
  for (let i = 0; i < n; ) {
    const ctime = stop[sort2[i]];
    for (; eptr < n; eptr++) {
      const k = sort1[eptr];
      if (!(entry[k] < ctime)) break;
      const q = person[k];
      const kk = cstate[q];
      ns[kk]++;
      ws[kk] += wt[k];
      join(q, kk, wt[k]);
    }
    hmat.fill(0);
    nev.fill(0);
    let ncensor = 0;
    let wevent = 0;
    movers.length = 0;
    let j2 = i;
    for (; j2 < n && stop[sort2[j2]] === ctime; j2++) {
      const k = sort2[j2];
      if (status[k] > 0) {
        const newState = status[k] - 1;
        const oldState = cstate[person[k]];
        if (oldState !== newState) {
          nev[newState]++;
          wevent += wt[k];
          hmat[oldState * S + newState] += wt[k];
          movers.push(k);
        }
      } else ncensor++;
    }
    if (wevent > 0) {
      for (let s = 0; s < S; s++) {
        if (ns[s] > 0) {
          let sum = 0;
          for (let k = 0; k < S; k++) {
            sum += hmat[s * S + k];
            hmat[s * S + k] /= ws[s];
          }
          hmat[s * S + s] = 1 - sum / ws[s];
        } else hmat[s * S + s] = 1;
      }
      // Influence step.
      for (let s = 0; s < S; s++) {
        cS[s] = ns[s] > 0 ? p[s] / ws[s] : 0;
        for (let k = 0; k < S; k++) bS[s * S + k] = cS[s] * (hmat[s * S + k] - (k === s ? 1 : 0));
      }
      xm.fill(0);
      wm.fill(0);
      moversFrom.fill(0);
      for (const k of movers) {
        const q = person[k];
        const s = cstate[q];
        const d = status[k] - 1;
        refresh(q);
        const w2 = wtp[q] * wtp[q];
        for (let j = 0; j < S; j++) xm[(s * S + d) * S + j] += w2 * (A[q * S + j] - B[s * S + j]);
        wm[s * S + d] += w2;
        moversFrom[s]++;
      }
      X.fill(0);
      Q.fill(0);
      for (let s = 0; s < S; s++) {
        if (cS[s] === 0) continue;
        // Stayers in s: class sums minus the movers out of s (none at all: exactly nothing).
        if (members[s] > moversFrom[s]) {
          let wStay = N[s];
          for (let j = 0; j < S; j++) u[j] = RA[s * S + j] - N[s] * B[s * S + j];
          for (let d = 0; d < S; d++) {
            if (wm[s * S + d] === 0) continue;
            wStay -= wm[s * S + d];
            for (let j = 0; j < S; j++) u[j] -= xm[(s * S + d) * S + j];
          }
          addOuter(X, u, 0, bS, s * S, 1);
          addOuter(Q, bS, s * S, bS, s * S, wStay);
        }
        for (let d = 0; d < S; d++) {
          if (wm[s * S + d] === 0) continue;
          for (let j = 0; j < S; j++) beta[j] = bS[s * S + j] - (j === d ? cS[s] : 0) + (j === s ? cS[s] : 0);
          addOuter(X, xm, (s * S + d) * S, beta, 0, 1);
          addOuter(Q, beta, 0, beta, 0, wm[s * S + d]);
        }
      }
      // M <- H'MH - H'X - X'H + Q  (MH = M H; HM = H'X; then M = H'(MH) - HM - HM' + Q)
      for (let a = 0; a < S; a++) {
        for (let b = 0; b < S; b++) {
          let s1 = 0;
          let s2 = 0;
          for (let m = 0; m < S; m++) {
            s1 += M[a * S + m] * hmat[m * S + b];
            s2 += hmat[m * S + a] * X[m * S + b];
          }
          MH[a * S + b] = s1;
          HM[a * S + b] = s2;
        }
      }
      for (let a = 0; a < S; a++) {
        for (let b = 0; b < S; b++) {
          let s1 = 0;
          for (let m = 0; m < S; m++) s1 += hmat[m * S + a] * MH[m * S + b];
          Q[a * S + b] += s1 - HM[a * S + b] - HM[b * S + a];
        }
      }
      M.set(Q);
      // Class offsets and sums move with H.
      for (let s = 0; s < S; s++) {
        for (let b = 0; b < S; b++) {
          let s1 = 0;
          let s2 = 0;
          for (let m = 0; m < S; m++) {
            s1 += B[s * S + m] * hmat[m * S + b];
            s2 += RA[s * S + m] * hmat[m * S + b];
          }
          u[b] = s1 + bS[s * S + b];
          pNext[b] = s2;
        }
        for (let b = 0; b < S; b++) {
          B[s * S + b] = u[b];
          RA[s * S + b] = pNext[b];
        }
      }
      tree.append(hmat);
      steps++;
      // Cumulative hazards and p.
      for (let a = 0; a < S; a++) {
        for (let b = 0; b < S; b++) chaz[a * S + b] += hmat[a * S + b];
        chaz[a * S + a] -= 1;
      }
      for (let b = 0; b < S; b++) {
        let s1 = 0;
        for (let m = 0; m < S; m++) s1 += p[m] * hmat[m * S + b];
        pNext[b] = s1;
      }
      p.set(pNext);
    }
    outTime[nt] = ctime;
    for (let s = 0; s < S; s++) {
      outP[nt * S + s] = p[s];
      outSe[nt * S + s] = Math.sqrt(Math.max(0, M[s * S + s]));
      outRisk[nt * S + s] = ns[s];
      outEvent[nt * S + s] = nev[s];
    }
    outCensor[nt] = ncensor;
    for (let h = 0; h < nh; h++) outHaz[nt * nh + h] = chaz[hazFrom[h]];
    nt++;
    // Rows ending now leave the risk set.
    for (; i < j2; i++) {
      const k = sort2[i];
      const q = person[k];
      const old = cstate[q];
      ns[old]--;
      ws[old] -= wt[k];
      const newState = status[k] > 0 ? status[k] - 1 : old;
      const moved = newState !== old && wevent > 0;
      leave(q, moved ? cS[old] : 0, newState);
      if (status[k] > 0) cstate[q] = newState;
    }
  }

  const rowsOf = (flat: Float64Array | Int32Array, width: number): number[][] => flatRows(flat, nt, width);
  const seLog = new Float64Array(ntime * S);
  for (let k = 0; k < nt * S; k++) seLog[k] = outSe[k] === 0 ? 0 : outSe[k] / outP[k];
  const lim = survivalConfidenceLimits(outP, seLog, confType, z);
  const nullableRows = (flat: Float64Array): (number | null)[][] => {
    const out: (number | null)[][] = new Array(nt);
    for (let t = 0; t < nt; t++) out[t] = toNullableArray(flat.subarray(t * S, (t + 1) * S));
    return out;
  };
  return {
    group: data.groups[g],
    n,
    nSubjects: np,
    time: toNumberArray(outTime.subarray(0, nt)),
    pstate: rowsOf(outP, S),
    stdErr: rowsOf(outSe, S),
    lower: nullableRows(lim.lower),
    upper: nullableRows(lim.upper),
    nRisk: rowsOf(outRisk, S),
    nEvent: rowsOf(outEvent, S),
    nCensor: toNumberArray(outCensor.subarray(0, nt)),
    cumhaz: rowsOf(outHaz, nh),
    p0,
  };
}

/** One row of stateOccupancyAt. */
export interface StateOccupancyRow {
  group: string;
  time: number;
  state: string;
  probability: number;
  stdErr: number;
  lower: number | null;
  upper: number | null;
  /** Rows at risk in this state at the last curve time at or before `time` (before it: at the first time). */
  nRisk: number;
}

/**
 * State occupancy at chosen times, as summary(survfit, times = ...) reads a
 * multi-state curve: the values at the last curve time at or before each time
 * (p0 with standard error 0 before the first time); times after the curve's
 * last time are left out (R's extend = FALSE). One row per (group, time, state).
 *
 * @example
 * showTable(stateOccupancyAt(aalenJohansen(stop, state, arm, { start, id }), [12, 24]));
 */
export function stateOccupancyAt(result: AalenJohansenResult, times: ArrayLikeInput<unknown>): StateOccupancyRow[] {
  if (!result || !Array.isArray(result.curves)) throw new InputError("result", null, result, "must be an aalenJohansen result");
  requireLength("times", times);
  const at = finiteColumn("times", times);
  const out: StateOccupancyRow[] = [];
  for (const curve of result.curves) {
    for (let j = 0; j < at.length; j++) {
      const t = at[j];
      const last = curve.time.length - 1;
      if (last < 0 || t > curve.time[last]) continue;
      let lo = 0;
      let hi = curve.time.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (curve.time[mid] <= t) lo = mid + 1;
        else hi = mid;
      }
      const k = lo - 1;
      result.states.forEach((state, s) => {
        out.push({
          group: curve.group,
          time: t,
          state,
          probability: k < 0 ? curve.p0[s] : curve.pstate[k][s],
          stdErr: k < 0 ? 0 : curve.stdErr[k][s],
          lower: k < 0 ? curve.p0[s] : curve.lower[k][s],
          upper: k < 0 ? curve.p0[s] : curve.upper[k][s],
          nRisk: curve.nRisk[Math.max(k, 0)][s],
        });
      });
    }
  }
  return out;
}
