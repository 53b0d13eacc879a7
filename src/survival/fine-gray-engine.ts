/**
 * The numerical core of the Fine-Gray model (internal; the public entry point
 * is fineGray in ./fine-gray), following cmprsk 2.2-11's crr (Fortran crrfsv,
 * crrf, crrvv, crrsr, crrfit) in what it computes, not in how.
 *
 * Rows are sorted by time; each row is a cause-of-interest failure (code 1
 * here), a competing failure (2) or censored (0), and belongs to a censoring
 * group g with censoring Kaplan-Meier G_g. At each distinct failure time u_k
 * (d_k failures) the risk set weights a row j by
 *   w_j(u) = 1                          if t_j >= u,
 *          = G_g(u-) / G_g(t_j-)        if j had a competing failure before u,
 *          = 0                          otherwise,
 * with covariates z_j(u) = (x_j, x2_j * tf(u)) and risk r_j(u) = exp(z_j(u)'b):
 *   S0 = sum w r, S1 = sum w r z, S2 = sum w r z z', zbar = S1 / S0,
 *   log pseudo-likelihood l(b) = sum_k [ sum_{failures at u_k} z'b - d_k log S0_k ]
 * (Breslow's handling of ties), score U = sum_k [sum z - d_k zbar_k], information
 * I = sum_k d_k (S2/S0 - zbar zbar'). crr minimises -l; the values kept here are
 * crr's (lik = -l, s = -U).
 *
 * Without time-varying terms every S is a suffix sum over t_j >= u plus, per
 * censoring group, G_g(u-) times a prefix sum of r / G_g(t_j-) over earlier
 * competing failures, so one pass costs O(n p^2) ("fast" path). With
 * cov2 * tf(u) the risk of every row changes with u and each failure time needs
 * its own pass over the rows, O(n m p^2) ("general" path, as crr itself). The
 * tests run both paths on the same data.
 *
 * Variance (crrvv): var = I^-1 (sum_i (eta_i + psi_i)(eta_i + psi_i)') I^-1 with
 *   eta_i = dN_i part (z_i - zbar at i's failure) - sum_k (d_k / S0_k) w_i(u_k) r_i (z_i - zbar_k),
 *   psi_i = sum over censoring times c <= t_i of -n^c_g(c) q_g(c) / Y_g(c)^2 + [i censored] q_g(t_i) / Y_g(t_i),
 *   q_g(c) = sum_{k: u_k >= c} (d_kg G_g(u_k-) / S0_k) sum_{j: competing, group g, t_j < c} (r_j / G_g(t_j-)) (z_j - zbar_k),
 * g = i's censoring group, Y_g(c) = rows of group g with t >= c, n^c_g(c) =
 * its censorings at c and d_kg = failures at u_k in group g. (crr's q uses the
 * failures of the same censoring group only; that is kept.) Covariates are
 * centred internally, which changes none of these quantities.
 */
import { InputError } from "../core/index";
import { sortOrder } from "../core/sort-order";
import { mergeNearTimes } from "./time-order";

/** Machine epsilon as R's .Machine$double.eps. */
const EPS = Number.EPSILON;

/** Sorted data with censoring weights: what every pass needs. */
export interface CrrData {
  n: number;
  /** Fixed covariates (p1) and time-varying ones (p2); p = p1 + p2. */
  p1: number;
  p2: number;
  p: number;
  /** Times ascending. */
  time: Float64Array;
  /** 1 failure of interest, 2 competing failure, 0 censored (sorted order). */
  ici: Uint8Array;
  /** Censoring group 0..ncg-1 (sorted order). */
  group: Int32Array;
  ncg: number;
  /** Centred fixed covariates, n x p1 row-major (sorted order). */
  x1: Float64Array;
  /** Centred time-varying covariates, n x p2 (multiplied by tf(u) at each u). */
  x2: Float64Array;
  /** Column means removed from x1 and x2. */
  mean1: Float64Array;
  mean2: Float64Array;
  /** Distinct failure times u_k, ascending, and the failures at each. */
  m: number;
  uft: Float64Array;
  d: Float64Array;
  /** Failures at u_k in censoring group g: dg[k * ncg + g]. */
  dg: Float64Array;
  /** tf(u_k), m x p2. */
  tfs: Float64Array;
  /** G_{g_i}(t_i-) for each row. */
  gOwn: Float64Array;
  /** G_g(u_k-): gAt[k * ncg + g]. */
  gAt: Float64Array;
  /** For each row, the number of distinct failure times <= its time. */
  kLE: Int32Array;
  /** Sorted position -> input row (post-drop). */
  order: Uint32Array;
}

/**
 * Sorts and prepares the data. `ici` codes are per input row (1, 2, 0),
 * `x1`/`x2` are columns, `tf` gives the p2 time functions at each failure time.
 */
export function prepareCrrData(
  time: Float64Array,
  ici: Uint8Array,
  group: Int32Array,
  ncg: number,
  x1: Float64Array[],
  x2: Float64Array[],
  tf: ((u: number) => number | ArrayLike<number>) | null,
): CrrData {
  const n = time.length;
  const p1 = x1.length;
  const p2 = x2.length;
  const order = sortOrder(time);
  const st = new Float64Array(n);
  const si = new Uint8Array(n);
  const sg = new Int32Array(n);
  const sx1 = new Float64Array(n * p1);
  const sx2 = new Float64Array(n * p2);
  const mean1 = new Float64Array(p1);
  const mean2 = new Float64Array(p2);
  for (let j = 0; j < p1; j++) mean1[j] = columnMean(x1[j]);
  for (let j = 0; j < p2; j++) mean2[j] = columnMean(x2[j]);
  for (let k = 0; k < n; k++) {
    const i = order[k];
    st[k] = time[i];
    si[k] = ici[i];
    sg[k] = group[i];
    for (let j = 0; j < p1; j++) sx1[k * p1 + j] = x1[j][i] - mean1[j];
    for (let j = 0; j < p2; j++) sx2[k * p2 + j] = x2[j][i] - mean2[j];
  }

  // Distinct failure times and the number of them at or before each row's time.
  const uftList: number[] = [];
  const kLE = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    if (si[k] === 1 && (uftList.length === 0 || st[k] > uftList[uftList.length - 1])) uftList.push(st[k]);
    kLE[k] = uftList.length;
  }
  // Rows tied with a later failure at the same time: kLE must count it.
  for (let k = n - 2; k >= 0; k--) if (st[k] === st[k + 1]) kLE[k] = kLE[k + 1];
  const m = uftList.length;
  const uft = Float64Array.from(uftList);
  const d = new Float64Array(m);
  const dg = new Float64Array(m * ncg);
  for (let k = 0; k < n; k++) {
    if (si[k] !== 1) continue;
    const idx = kLE[k] - 1;
    d[idx]++;
    dg[idx * ncg + sg[k]]++;
  }
  const tfs = new Float64Array(m * p2);
  if (p2 > 0) {
    if (tf === null) throw new InputError("tf", null, tf, "is required with cov2: a function of time giving one value per cov2 column");
    for (let k = 0; k < m; k++) {
      const raw = tf(uft[k]);
      const values = typeof raw === "number" ? [raw] : raw;
      if (values === null || values === undefined || typeof values.length !== "number" || values.length !== p2) {
        throw new InputError("tf", null, raw, `must return ${p2} number${p2 > 1 ? "s" : ""} (one per cov2 column) at each failure time; at time ${uft[k]} it did not`);
      }
      for (let j = 0; j < p2; j++) {
        const v = values[j];
        if (typeof v !== "number" || !Number.isFinite(v)) {
          throw new InputError("tf", null, v, `must return finite numbers; at time ${uft[k]} value ${j + 1} is not`);
        }
        tfs[k * p2 + j] = v;
      }
    }
  }

  // Censoring weights, per group: G_g(t-) as crr reads it off survfit with approx(..., f = 0).
  const gOwn = new Float64Array(n);
  const gAt = new Float64Array(m * ncg);
  for (let g = 0; g < ncg; g++) {
    const curve = censoringCurve(st, si, sg, g);
    for (let k = 0; k < n; k++) if (sg[k] === g) gOwn[k] = curve(st[k]);
    for (let k = 0; k < m; k++) gAt[k * ncg + g] = curve(uft[k]);
  }
  for (let k = 0; k < n; k++) {
    if (si[k] === 2 && !(gOwn[k] > 0)) {
      throw new InputError("time", order[k], st[k], "a competing failure at a time where the censoring distribution of its group is 0 cannot be weighted (cmprsk divides by it)");
    }
  }
  return { n, p1, p2, p: p1 + p2, time: st, ici: si, group: sg, ncg, x1: sx1, x2: sx2, mean1, mean2, m, uft, d, dg, tfs, gOwn, gAt, kLE, order };
}

function columnMean(c: Float64Array): number {
  let s = 0;
  for (let i = 0; i < c.length; i++) s += c[i];
  return s / c.length;
}

/**
 * The censoring Kaplan-Meier of one group as crr evaluates it: survfit(Surv(t, censored) ~ 1)
 * (times closer than sqrt(eps) merged, as survfit's timefix), read at t * (1 - 100 eps) as the
 * value at the last curve time at or before that point (1 before the first, 0 past the last).
 */
function censoringCurve(time: Float64Array, ici: Uint8Array, group: Int32Array, g: number): (t: number) => number {
  // The group's rows, already in time order.
  let count = 0;
  for (let k = 0; k < time.length; k++) if (group[k] === g) count++;
  const t = new Float64Array(count);
  const cens = new Uint8Array(count);
  let c = 0;
  for (let k = 0; k < time.length; k++) {
    if (group[k] !== g) continue;
    t[c] = time[k];
    cens[c] = ici[k] === 0 ? 1 : 0;
    c++;
  }
  mergeNearTimes(t);
  const times: number[] = [];
  const surv: number[] = [];
  let atRisk = count;
  let s = 1;
  for (let i = 0; i < count; ) {
    let j = i;
    let censored = 0;
    while (j < count && t[j] === t[i]) censored += cens[j++];
    if (censored > 0) s *= 1 - censored / atRisk;
    times.push(t[i]);
    surv.push(s);
    atRisk -= j - i;
    i = j;
  }
  const nt = times.length;
  const last = nt > 0 ? times[nt - 1] * (1 + 10 * EPS) : 0;
  return (u: number): number => {
    const x = u * (1 - 100 * EPS);
    if (nt === 0) return 1;
    if (x >= last) return 0;
    // Last curve time <= x.
    let lo = 0;
    let hi = nt;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (times[mid] <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? 1 : surv[lo - 1];
  };
}

/** crr's objective and derivatives at b: lik = -l(b), score = -U(b), info = I(b) (p x p). */
export interface CrrEvaluation {
  lik: number;
  score: Float64Array;
  info: Float64Array;
}

/** Per failure time quantities at b, for the variance, the baseline and the residuals. */
export interface CrrRiskSets {
  /** S0_k with the centred covariates. */
  s0: Float64Array;
  /** zbar_k (centred), m x p. */
  zbar: Float64Array;
}

/** Covariates of sorted row j at failure time k: (x1_j, x2_j * tf_k), centred. */
function covariatesAt(dt: CrrData, j: number, k: number, out: Float64Array): void {
  const { p1, p2 } = dt;
  for (let a = 0; a < p1; a++) out[a] = dt.x1[j * p1 + a];
  for (let a = 0; a < p2; a++) out[p1 + a] = dt.x2[j * p2 + a] * dt.tfs[k * p2 + a];
}

/** l(b) pieces; `derivatives` false computes only lik (crr's crrf). */
export function evaluateCrr(dt: CrrData, b: Float64Array, derivatives: boolean, riskSets?: CrrRiskSets): CrrEvaluation {
  return dt.p2 === 0 ? evaluateFast(dt, b, derivatives, riskSets) : evaluateGeneral(dt, b, derivatives, riskSets);
}

function evaluateFast(dt: CrrData, b: Float64Array, derivatives: boolean, riskSets?: CrrRiskSets): CrrEvaluation {
  const { n, p, m, ncg, time, ici, group, x1: x, gOwn, gAt, d } = dt;
  const q = derivatives || riskSets ? p : 0;
  const w = 1 + q + q * q; // S0, S1, S2 packed
  const r = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let e = 0;
    for (let a = 0; a < p; a++) e += x[j * p + a] * b[a];
    r[j] = Math.exp(e);
  }
  // Suffix sums over t_j >= u_k, at each failure time (backward pass).
  const suffix = new Float64Array(m * w);
  const acc = new Float64Array(w);
  let j = n - 1;
  for (let k = m - 1; k >= 0; k--) {
    const u = dt.uft[k];
    for (; j >= 0 && time[j] >= u; j--) addRow(acc, 0, r[j], x, j, p, q);
    suffix.set(acc, k * w);
  }
  // Forward pass: prefix sums of competing failures before u_k, per censoring group.
  const prefix = new Float64Array(ncg * w);
  const s = new Float64Array(w);
  const score = new Float64Array(p);
  const info = new Float64Array(p * p);
  const zsum = new Float64Array(p);
  let lik = 0;
  j = 0;
  for (let k = 0; k < m; k++) {
    const u = dt.uft[k];
    for (; j < n && time[j] < u; j++) {
      if (ici[j] === 2) addRow(prefix, group[j] * w, r[j] / gOwn[j], x, j, p, q);
    }
    s.set(suffix.subarray(k * w, k * w + w));
    for (let g = 0; g < ncg; g++) {
      const gw = gAt[k * ncg + g];
      if (gw === 0) continue;
      for (let a = 0; a < w; a++) s[a] += gw * prefix[g * w + a];
    }
    // Failures at u_k: rows j.. with time === u and ici 1.
    zsum.fill(0);
    for (let jj = j; jj < n && time[jj] === u; jj++) {
      if (ici[jj] !== 1) continue;
      for (let a = 0; a < p; a++) {
        zsum[a] += x[jj * p + a];
        lik -= x[jj * p + a] * b[a];
      }
    }
    const dk = d[k];
    const s0 = s[0];
    lik += dk * Math.log(s0);
    if (derivatives) {
      for (let a = 0; a < p; a++) {
        const za = s[1 + a] / s0;
        score[a] += dk * za - zsum[a];
        for (let c = 0; c <= a; c++) {
          const v = dk * (s[1 + p + a * p + c] / s0 - za * (s[1 + c] / s0));
          info[a * p + c] += v;
        }
      }
    }
    if (riskSets) {
      riskSets.s0[k] = s0;
      for (let a = 0; a < p; a++) riskSets.zbar[k * p + a] = s[1 + a] / s0;
    }
  }
  if (derivatives) symmetrize(info, p);
  return { lik, score, info };
}

/** acc[off..] += weight * (1, x, x x') for row j (lower triangle of x x' only). */
function addRow(acc: Float64Array, off: number, weight: number, x: Float64Array, j: number, p: number, q: number): void {
  acc[off] += weight;
  const s2 = off + 1 + q;
  for (let a = 0; a < q; a++) {
    const wa = weight * x[j * p + a];
    acc[off + 1 + a] += wa;
    for (let c = 0; c <= a; c++) acc[s2 + a * q + c] += wa * x[j * p + c];
  }
}

function symmetrize(m: Float64Array, p: number): void {
  for (let a = 0; a < p; a++) for (let c = 0; c < a; c++) m[c * p + a] = m[a * p + c];
}

/** Weight of sorted row j in the risk set at failure time k (0 when not in it). */
function riskWeight(dt: CrrData, j: number, k: number): number {
  if (dt.time[j] >= dt.uft[k]) return 1;
  if (dt.ici[j] === 2) return dt.gAt[k * dt.ncg + dt.group[j]] / dt.gOwn[j];
  return 0;
}

function evaluateGeneral(dt: CrrData, b: Float64Array, derivatives: boolean, riskSets?: CrrRiskSets): CrrEvaluation {
  const { n, p, m, ici, d } = dt;
  const z = new Float64Array(p);
  const s1 = new Float64Array(p);
  const s2 = new Float64Array(p * p);
  const score = new Float64Array(p);
  const info = new Float64Array(p * p);
  let lik = 0;
  for (let k = 0; k < m; k++) {
    let s0 = 0;
    s1.fill(0);
    s2.fill(0);
    for (let j = 0; j < n; j++) {
      const wj = riskWeight(dt, j, k);
      if (wj === 0) continue;
      covariatesAt(dt, j, k, z);
      let e = 0;
      for (let a = 0; a < p; a++) e += z[a] * b[a];
      const rw = wj * Math.exp(e);
      s0 += rw;
      if (derivatives || riskSets) {
        for (let a = 0; a < p; a++) {
          s1[a] += rw * z[a];
          if (derivatives) for (let c = 0; c <= a; c++) s2[a * p + c] += rw * z[a] * z[c];
        }
      }
      if (ici[j] === 1 && dt.time[j] === dt.uft[k]) {
        lik -= e;
        if (derivatives) for (let a = 0; a < p; a++) score[a] -= z[a];
      }
    }
    lik += d[k] * Math.log(s0);
    if (derivatives) {
      for (let a = 0; a < p; a++) {
        score[a] += (d[k] * s1[a]) / s0;
        for (let c = 0; c <= a; c++) info[a * p + c] += d[k] * (s2[a * p + c] / s0 - (s1[a] / s0) * (s1[c] / s0));
      }
    }
    if (riskSets) {
      riskSets.s0[k] = s0;
      for (let a = 0; a < p; a++) riskSets.zbar[k * p + a] = s1[a] / s0;
    }
  }
  if (derivatives) symmetrize(info, p);
  return { lik, score, info };
}

/** S0_k and zbar_k at b. */
export function crrRiskSets(dt: CrrData, b: Float64Array): CrrRiskSets {
  const rs: CrrRiskSets = { s0: new Float64Array(dt.m), zbar: new Float64Array(dt.m * dt.p) };
  evaluateCrr(dt, b, false, rs);
  return rs;
}

/**
 * The middle of crr's sandwich, sum_i (eta_i + psi_i)(eta_i + psi_i)' (p x p), at b
 * with its risk sets (see the file comment).
 */
export function crrScoreVariance(dt: CrrData, b: Float64Array, rs: CrrRiskSets): Float64Array {
  return dt.p2 === 0 ? scoreVarianceFast(dt, b, rs) : scoreVarianceGeneral(dt, b, rs);
}

/** psi_i for every sorted row from q_g at the censoring times (shared by both paths). */
function addPsi(dt: CrrData, qAt: (blockStart: number, out: Float64Array) => void, eta: Float64Array): void {
  const { n, p, ncg, time, ici, group } = dt;
  const y = new Float64Array(ncg);
  for (let j = 0; j < n; j++) y[group[j]]++;
  const ss2 = new Float64Array(ncg * p);
  const q = new Float64Array(ncg * p);
  const nc = new Float64Array(ncg);
  let b0 = 0;
  while (b0 < n) {
    let b1 = b0;
    nc.fill(0);
    while (b1 < n && time[b1] === time[b0]) {
      if (ici[b1] === 0) nc[group[b1]]++;
      b1++;
    }
    let anyCensored = false;
    for (let g = 0; g < ncg; g++) if (nc[g] > 0) anyCensored = true;
    if (anyCensored) {
      qAt(b0, q);
      for (let g = 0; g < ncg; g++) {
        if (nc[g] === 0) continue;
        const f = nc[g] / (y[g] * y[g]);
        for (let a = 0; a < p; a++) ss2[g * p + a] -= f * q[g * p + a];
      }
    }
    for (let i = b0; i < b1; i++) {
      const g = group[i];
      for (let a = 0; a < p; a++) {
        let psi = ss2[g * p + a];
        if (ici[i] === 0) psi += q[g * p + a] / y[g];
        eta[i * p + a] += psi;
      }
    }
    for (let i = b0; i < b1; i++) y[group[i]]--;
    b0 = b1;
  }
}

function outerSum(v: Float64Array, n: number, p: number): Float64Array {
  const out = new Float64Array(p * p);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < p; a++) {
      const va = v[i * p + a];
      for (let c = 0; c <= a; c++) out[a * p + c] += va * v[i * p + c];
    }
  }
  symmetrize(out, p);
  return out;
}

function scoreVarianceFast(dt: CrrData, b: Float64Array, rs: CrrRiskSets): Float64Array {
  const { n, p, m, ncg, ici, group, x1: x, gOwn, gAt, d, dg, kLE } = dt;
  const r = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let e = 0;
    for (let a = 0; a < p; a++) e += x[j * p + a] * b[a];
    r[j] = Math.exp(e);
  }
  const aK = new Float64Array(m);
  for (let k = 0; k < m; k++) aK[k] = d[k] / rs.s0[k];
  // C0[k] = sum_{k' < k} a, C1 = sum a zbar; D0_g[k] = sum_{k' >= k} a G_g(u-), D1_g.
  const c0 = new Float64Array(m + 1);
  const c1 = new Float64Array((m + 1) * p);
  for (let k = 0; k < m; k++) {
    c0[k + 1] = c0[k] + aK[k];
    for (let a = 0; a < p; a++) c1[(k + 1) * p + a] = c1[k * p + a] + aK[k] * rs.zbar[k * p + a];
  }
  const d0 = new Float64Array((m + 1) * ncg);
  const d1 = new Float64Array((m + 1) * ncg * p);
  for (let k = m - 1; k >= 0; k--) {
    for (let g = 0; g < ncg; g++) {
      const ag = aK[k] * gAt[k * ncg + g];
      d0[k * ncg + g] = d0[(k + 1) * ncg + g] + ag;
      for (let a = 0; a < p; a++) d1[(k * ncg + g) * p + a] = d1[((k + 1) * ncg + g) * p + a] + ag * rs.zbar[k * p + a];
    }
  }
  const eta = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    const k = kLE[i];
    const ri = r[i];
    for (let a = 0; a < p; a++) {
      const xa = x[i * p + a];
      let e = -ri * (xa * c0[k] - c1[k * p + a]);
      if (ici[i] === 2) {
        const g = group[i];
        e -= (ri / gOwn[i]) * (xa * d0[k * ncg + g] - d1[(k * ncg + g) * p + a]);
      } else if (ici[i] === 1) {
        e += xa - rs.zbar[(k - 1) * p + a];
      }
      eta[i * p + a] = e;
    }
  }
  // q_g(c) = E1_g(c) H0_g(c) - E0_g(c) H1_g(c): suffix H over failure times >= c, prefix E over competing failures < c.
  const h0 = new Float64Array((m + 1) * ncg);
  const h1 = new Float64Array((m + 1) * ncg * p);
  for (let k = m - 1; k >= 0; k--) {
    for (let g = 0; g < ncg; g++) {
      const f = (dg[k * ncg + g] * gAt[k * ncg + g]) / rs.s0[k];
      h0[k * ncg + g] = h0[(k + 1) * ncg + g] + f;
      for (let a = 0; a < p; a++) h1[(k * ncg + g) * p + a] = h1[((k + 1) * ncg + g) * p + a] + f * rs.zbar[k * p + a];
    }
  }
  const e0 = new Float64Array(ncg);
  const e1 = new Float64Array(ncg * p);
  let next = 0; // rows before `next` are in the E sums
  addPsi(
    dt,
    (blockStart, out) => {
      for (; next < blockStart; next++) {
        if (ici[next] !== 2) continue;
        const g = group[next];
        const f = r[next] / gOwn[next];
        e0[g] += f;
        for (let a = 0; a < p; a++) e1[g * p + a] += f * x[next * p + a];
      }
      // Failure times >= the block's time: those after the first kLE of rows strictly before it.
      const k = blockStart === 0 ? 0 : kLE[blockStart - 1];
      for (let g = 0; g < ncg; g++) {
        for (let a = 0; a < p; a++) {
          out[g * p + a] = e1[g * p + a] * h0[k * ncg + g] - e0[g] * h1[(k * ncg + g) * p + a];
        }
      }
    },
    eta,
  );
  return outerSum(eta, n, p);
}

function scoreVarianceGeneral(dt: CrrData, b: Float64Array, rs: CrrRiskSets): Float64Array {
  const { n, p, m, ncg, ici, group, gOwn, gAt, d, dg, kLE, time } = dt;
  const z = new Float64Array(p);
  const eta = new Float64Array(n * p);
  const riskAt = (j: number, k: number): number => {
    covariatesAt(dt, j, k, z);
    let e = 0;
    for (let a = 0; a < p; a++) e += z[a] * b[a];
    return Math.exp(e);
  };
  for (let k = 0; k < m; k++) {
    const ak = d[k] / rs.s0[k];
    for (let i = 0; i < n; i++) {
      const wi = riskWeight(dt, i, k);
      if (wi === 0) continue;
      const f = ak * wi * riskAt(i, k);
      for (let a = 0; a < p; a++) eta[i * p + a] -= f * (z[a] - rs.zbar[k * p + a]);
    }
  }
  for (let i = 0; i < n; i++) {
    if (ici[i] !== 1) continue;
    const k = kLE[i] - 1;
    covariatesAt(dt, i, k, z);
    for (let a = 0; a < p; a++) eta[i * p + a] += z[a] - rs.zbar[k * p + a];
  }
  // Censoring blocks (first row of each time with a censoring), and q at each.
  const blocks: number[] = [];
  for (let i = 0; i < n; i++) {
    if (ici[i] === 0 && (blocks.length === 0 || time[blocks[blocks.length - 1]] !== time[i])) {
      let s = i;
      while (s > 0 && time[s - 1] === time[i]) s--;
      blocks.push(s);
    }
  }
  const qs = new Float64Array(blocks.length * ncg * p);
  const e = new Float64Array(ncg * p);
  for (let k = 0; k < m; k++) {
    e.fill(0);
    let row = 0;
    for (let c = 0; c < blocks.length; c++) {
      const start = blocks[c];
      if (time[start] > dt.uft[k]) break;
      for (; row < start; row++) {
        if (ici[row] !== 2) continue;
        const g = group[row];
        const f = riskAt(row, k) / gOwn[row];
        for (let a = 0; a < p; a++) e[g * p + a] += f * (z[a] - rs.zbar[k * p + a]);
      }
      for (let g = 0; g < ncg; g++) {
        const coef = (dg[k * ncg + g] * gAt[k * ncg + g]) / rs.s0[k];
        if (coef === 0) continue;
        for (let a = 0; a < p; a++) qs[(c * ncg + g) * p + a] += coef * e[g * p + a];
      }
    }
  }
  let c = 0;
  addPsi(
    dt,
    (blockStart, out) => {
      while (blocks[c] !== blockStart) c++;
      out.set(qs.subarray(c * ncg * p, (c + 1) * ncg * p));
    },
    eta,
  );
  return outerSum(eta, n, p);
}

/**
 * crr's bfitj: the jumps d_k / S0_k(b) of the baseline cumulative subdistribution
 * hazard at each failure time, for uncentred covariates.
 */
export function crrBaselineJumps(dt: CrrData, b: Float64Array, rs: CrrRiskSets): Float64Array {
  const { m, p1, p2 } = dt;
  const out = new Float64Array(m);
  let shift1 = 0;
  for (let a = 0; a < p1; a++) shift1 += dt.mean1[a] * b[a];
  for (let k = 0; k < m; k++) {
    // S0 with uncentred covariates = S0 (centred) * exp(mean' b at u_k).
    let shift = shift1;
    for (let a = 0; a < p2; a++) shift += dt.mean2[a] * dt.tfs[k * p2 + a] * b[p1 + a];
    out[k] = dt.d[k] / (rs.s0[k] * Math.exp(shift));
  }
  return out;
}

/** crr's res: the score contributions sum over failures at u_k of (z_i - zbar_k), m x p. */
export function crrScoreResiduals(dt: CrrData, rs: CrrRiskSets): Float64Array {
  const { n, p, m, ici, kLE } = dt;
  const out = new Float64Array(m * p);
  const z = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    if (ici[i] !== 1) continue;
    const k = kLE[i] - 1;
    covariatesAt(dt, i, k, z);
    for (let a = 0; a < p; a++) out[k * p + a] += z[a] - rs.zbar[k * p + a];
  }
  return out;
}
