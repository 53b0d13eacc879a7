/**
 * Least squares by Householder QR with R's test for aliased columns (LINPACK
 * dqrdc2 as used by lm.fit and glm.fit): a column whose norm, once its
 * projection on the columns before it is removed, is below `tol` times its
 * original norm is aliased. Returns the coefficients, the triangular factor R
 * (p x p, column-major, upper) and the first aliased column, if any (the
 * callers throw then; the factorisation stops there). Internal to src/stats.
 *
 * @example
 * householderLeastSquares(Float64Array.of(1, 1, 1, 1, 2, 3), 3, 2, Float64Array.of(1, 2, 3), 1e-7).coef; // [0, 1]
 */
export interface HouseholderFit {
  coef: Float64Array;
  r: Float64Array;
  aliased: number[];
}

/** x: n x p column-major (not modified); y: length n (not modified). */
export function householderLeastSquares(x: Float64Array, n: number, p: number, y: Float64Array, tol: number): HouseholderFit {
  const a = Float64Array.from(x);
  const qty = Float64Array.from(y);
  const aliased: number[] = [];
  for (let j = 0; j < p; j++) {
    const cj = j * n;
    let original = 0;
    for (let i = 0; i < n; i++) original += x[cj + i] * x[cj + i];
    original = Math.sqrt(original);
    // Column j has had every earlier reflection applied (each is applied to all later columns when made).
    let rest = 0;
    for (let i = j; i < n; i++) rest += a[cj + i] * a[cj + i];
    rest = Math.sqrt(rest);
    if (j >= n || rest < tol * (original === 0 ? 1 : original)) {
      aliased.push(j);
      break;
    }
    const alpha = a[cj + j] >= 0 ? rest : -rest;
    a[cj + j] += alpha;
    const beta = 1 / (alpha * a[cj + j]);
    // Reflect the later columns and y: v = a[cj + j ..], H = I - beta v v'.
    for (let k = j + 1; k < p; k++) reflect(a, cj, j, n, beta, a, k * n);
    reflect(a, cj, j, n, beta, qty, 0);
    // v is no longer needed (later columns and y are reflected): R's diagonal entry, -alpha, takes its place.
    a[cj + j] = -alpha;
  }
  const r = new Float64Array(p * p);
  for (let j = 0; j < p; j++) for (let i = 0; i <= j && i < n; i++) r[j * p + i] = a[j * n + i];
  const coef = new Float64Array(p);
  if (aliased.length === 0) {
    for (let i = p - 1; i >= 0; i--) {
      let s = qty[i];
      for (let k = i + 1; k < p; k++) s -= r[k * p + i] * coef[k];
      coef[i] = s / r[i * p + i];
    }
  }
  return { coef, r, aliased };
}

/** target[t0 + r ..] <- (I - beta v v') target[t0 + r ..], v = a[v0 + r .. v0 + n - 1]. */
function reflect(a: Float64Array, v0: number, r: number, n: number, beta: number, target: Float64Array, t0: number): void {
  let dot = 0;
  for (let i = r; i < n; i++) dot += a[v0 + i] * target[t0 + i];
  const s = beta * dot;
  if (s === 0) return;
  for (let i = r; i < n; i++) target[t0 + i] -= s * a[v0 + i];
}
