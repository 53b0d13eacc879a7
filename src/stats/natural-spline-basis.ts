/**
 * Natural cubic spline basis, as R's `splines::ns(x, df, knots, intercept, Boundary.knots)`
 * builds it (R 4.2.2), for spline terms in regression models (e.g. a Cox model's check of a
 * covariate's functional form).
 *
 * - Knots: boundary knots at range(x) unless given; with `df` and no `knots`, df - 1 -
 *   intercept interior knots at the quantiles j / (that + 1) of x (R's quantile, type 7), of
 *   the values inside the boundary knots.
 * - The cubic B-spline basis (order 4) on the knots (boundary knots repeated 4 times; R's
 *   splineDesign, the last interval closed on the right), without its first column unless
 *   `intercept`.
 * - The natural constraint: second derivatives 0 at both boundary knots. With C the 2 x K
 *   matrix of the B-splines' second derivatives there, R takes the QR factorisation of C'
 *   (LINPACK dqrdc2: Householder reflections H = I - v v' / v_1, v scaled so that
 *   v_1 = 1 + |c_11| / ||c_1||) and keeps columns 3..K of B Q: the basis spans the splines
 *   that are linear beyond the boundary knots. This is done the same way here, so the basis
 *   columns (not only their span) equal R's.
 * - Outside the boundary knots (given Boundary.knots narrower than x, or `at` for new values)
 *   each basis function continues as the straight line tangent at the nearer boundary knot.
 * Missing x (NaN) gives a row of NaN, as R; an infinite x is an input error.
 * df = K - 2 = number of interior knots + 1 + intercept.
 *
 * @example
 * const s = naturalSplineBasis([1, 2, 3, 4, 5, 6, 7, 8], { df: 3 });
 * s.knots;          // [3.333..., 5.666...]  (R: attr(ns(x, 3), "knots"))
 * s.basis[0];       // [0, 0, 0]
 * s.at([2.5]);      // the same basis at new x (R: predict(ns(x, 3), 2.5))
 */
import { InputError } from "../core/index";
import { quantileSorted } from "./quantile-sorted";

export interface NaturalSplineOptions {
  /** Degrees of freedom (columns); with no `knots`, df - 1 - intercept interior knots at quantiles of x. */
  df?: number;
  /** Interior knots (instead of df). */
  knots?: readonly number[];
  /** Include the intercept column (default false, as R). */
  intercept?: boolean;
  /** Boundary knots (default: the range of x). */
  boundaryKnots?: readonly [number, number];
}

export interface NaturalSplineBasis {
  /** One row per x, df columns (R: unclass(ns(...))). */
  basis: number[][];
  /** Interior knots (R: attr(, "knots")). */
  knots: number[];
  boundaryKnots: [number, number];
  intercept: boolean;
  df: number;
  /** The basis at new values with the same knots (R: predict(ns(...), newx)). */
  at(x: readonly number[]): number[][];
}

const ORDER = 4;

/**
 * Values (deriv 0) or derivatives (deriv 1, 2) at x of the B-splines of order ORDER on
 * `knots` (non-decreasing, boundary knots repeated ORDER times); x within the boundary knots.
 */
function bsplineRow(knots: readonly number[], x: number, deriv: number): number[] {
  const nk = knots.length;
  const lowOrder = ORDER - deriv;
  // Order 1: the indicator of the knot interval holding x, the last non-empty interval closed on the right.
  const last = nk - ORDER; // index of the right boundary knot
  let span = -1;
  for (let i = 0; i < nk - 1; i++) {
    if (knots[i] < knots[i + 1] && knots[i] <= x && x < knots[i + 1]) {
      span = i;
      break;
    }
  }
  if (span < 0 && x === knots[last]) {
    for (let i = last - 1; i >= 0; i--) {
      if (knots[i] < knots[i + 1]) {
        span = i;
        break;
      }
    }
  }
  let values = new Array<number>(nk - 1).fill(0);
  if (span >= 0) values[span] = 1;
  // Cox-de Boor recursion up to order lowOrder.
  for (let m = 2; m <= lowOrder; m++) {
    const next = new Array<number>(nk - m).fill(0);
    for (let j = 0; j < nk - m; j++) {
      let v = 0;
      const d1 = knots[j + m - 1] - knots[j];
      if (d1 > 0) v += ((x - knots[j]) / d1) * values[j];
      const d2 = knots[j + m] - knots[j + 1];
      if (d2 > 0) v += ((knots[j + m] - x) / d2) * values[j + 1];
      next[j] = v;
    }
    values = next;
  }
  // Derivatives: d/dx N_{j,m} = (m - 1) [N_{j,m-1} / (t_{j+m-1} - t_j) - N_{j+1,m-1} / (t_{j+m} - t_{j+1})].
  for (let m = lowOrder + 1; m <= ORDER; m++) {
    const next = new Array<number>(nk - m).fill(0);
    for (let j = 0; j < nk - m; j++) {
      let v = 0;
      const d1 = knots[j + m - 1] - knots[j];
      if (d1 > 0) v += values[j] / d1;
      const d2 = knots[j + m] - knots[j + 1];
      if (d2 > 0) v -= values[j + 1] / d2;
      next[j] = (m - 1) * v;
    }
    values = next;
  }
  return values;
}

/**
 * The Householder QR of the K x 2 matrix a (columns c1, c2) as LINPACK's dqrdc2 computes it
 * (no column is set aside here: a zero column is rejected by the caller's check), returning
 * a function that applies Q' to a vector of length K.
 */
function householderQty(columns: number[][]): (y: number[]) => number[] {
  const k = columns[0].length;
  const a = columns.map((c) => c.slice());
  const qraux: number[] = [];
  const steps = Math.min(a.length, k - 1);
  for (let l = 0; l < steps; l++) {
    const col = a[l];
    let nrm = 0;
    for (let i = l; i < k; i++) nrm = Math.hypot(nrm, col[i]);
    if (nrm === 0) {
      qraux.push(0);
      continue;
    }
    if (col[l] !== 0) nrm = Math.sign(col[l]) * Math.abs(nrm);
    for (let i = l; i < k; i++) col[i] /= nrm;
    col[l] += 1;
    for (let j = l + 1; j < a.length; j++) {
      let dot = 0;
      for (let i = l; i < k; i++) dot += col[i] * a[j][i];
      const t = -dot / col[l];
      for (let i = l; i < k; i++) a[j][i] += t * col[i];
    }
    qraux.push(col[l]);
    col[l] = -nrm;
  }
  return (y: number[]) => {
    const out = y.slice();
    for (let l = 0; l < steps; l++) {
      if (qraux[l] === 0) continue;
      const v = a[l];
      const v1 = qraux[l];
      let dot = v1 * out[l];
      for (let i = l + 1; i < k; i++) dot += v[i] * out[i];
      const t = -dot / v1;
      out[l] += t * v1;
      for (let i = l + 1; i < k; i++) out[i] += t * v[i];
    }
    return out;
  };
}

/** The natural cubic spline basis of x; see the file comment. */
export function naturalSplineBasis(x: readonly number[], options: NaturalSplineOptions = {}): NaturalSplineBasis {
  const intercept = options.intercept === true;
  x.forEach((v, i) => {
    if (typeof v !== "number" || v === Infinity || v === -Infinity) throw new InputError("x", i, v, "must be a finite number (or NaN for missing)");
  });
  const present = x.filter((v) => !Number.isNaN(v));
  if (present.length === 0) throw new InputError("x", null, null, "has no non-missing value");
  let boundary: [number, number];
  if (options.boundaryKnots !== undefined) {
    const b = options.boundaryKnots;
    if (b.length !== 2 || !Number.isFinite(b[0]) || !Number.isFinite(b[1])) throw new InputError("boundaryKnots", null, b, "must be two finite numbers");
    boundary = [Math.min(b[0], b[1]), Math.max(b[0], b[1])];
  } else {
    boundary = [Math.min(...present), Math.max(...present)];
  }
  if (!(boundary[0] < boundary[1])) throw new InputError("x", null, boundary[0], "has a single value: no spline can be fitted");
  let knots: number[];
  if (options.knots !== undefined) {
    knots = options.knots.slice().sort((a, b) => a - b);
    knots.forEach((k, i) => {
      if (!Number.isFinite(k) || k <= boundary[0] || k >= boundary[1]) throw new InputError("knots", i, k, `must lie strictly inside the boundary knots ${boundary[0]} and ${boundary[1]}`);
    });
  } else {
    const df = options.df ?? 1 + (intercept ? 1 : 0);
    if (!Number.isInteger(df) || df < 1 + (intercept ? 1 : 0)) throw new InputError("df", null, df, `must be a whole number >= ${1 + (intercept ? 1 : 0)}`);
    const nInterior = df - 1 - (intercept ? 1 : 0);
    const inside = present.filter((v) => v >= boundary[0] && v <= boundary[1]).sort((a, b) => a - b);
    knots = [];
    for (let j = 1; j <= nInterior; j++) knots.push(quantileSorted(inside, j / (nInterior + 1)));
  }
  const allKnots = [boundary[0], boundary[0], boundary[0], boundary[0], ...knots, boundary[1], boundary[1], boundary[1], boundary[1]];
  const drop = intercept ? 0 : 1;
  const trim = (row: number[]) => row.slice(drop);
  const c0 = trim(bsplineRow(allKnots, boundary[0], 2));
  const c1 = trim(bsplineRow(allKnots, boundary[1], 2));
  const qty = householderQty([c0, c1]);
  const d0 = trim(bsplineRow(allKnots, boundary[0], 1));
  const d1 = trim(bsplineRow(allKnots, boundary[1], 1));
  const v0 = trim(bsplineRow(allKnots, boundary[0], 0));
  const v1 = trim(bsplineRow(allKnots, boundary[1], 0));
  const df = knots.length + 1 + (intercept ? 1 : 0);
  const rowAt = (v: number): number[] => {
    if (Number.isNaN(v)) return new Array<number>(df).fill(NaN);
    let b: number[];
    if (v < boundary[0]) b = v0.map((s, j) => s + (v - boundary[0]) * d0[j]);
    else if (v > boundary[1]) b = v1.map((s, j) => s + (v - boundary[1]) * d1[j]);
    else b = trim(bsplineRow(allKnots, v, 0));
    return qty(b).slice(2);
  };
  return {
    basis: x.map(rowAt),
    knots,
    boundaryKnots: boundary,
    intercept,
    df,
    at: (newX: readonly number[]) =>
      newX.map((v, i) => {
        if (typeof v !== "number" || v === Infinity || v === -Infinity) throw new InputError("at", i, v, "must be a finite number (or NaN for missing)");
        return rowAt(v);
      }),
  };
}
