/**
 * Householder QR least squares with R's rule for aliased columns, used for the
 * sequential (type I) sums of squares of linear models.
 *
 * Columns are taken left to right. A column whose norm, after removing its
 * projection on the columns already accepted, is below `tol` times its original
 * norm (tol = 1e-7, as R's lm.fit) is aliased: it is set aside and not used, which
 * is R's "limited pivoting" (LINPACK dqrdc2 moves such columns to the end).
 * Written for this project from the algorithm's description, not from R's code.
 *
 * The effects are Qᵀy: effect r belongs to the r-th accepted column, and the
 * squared effects of a term's accepted columns add up to its sequential sum of
 * squares (what `anova.lm` sums).
 *
 * @example
 * // intercept and a column that duplicates it (aliased), 3 rows, column-major
 * qrLeastSquares(Float64Array.from([1, 1, 1, 2, 2, 2]), 3, 2, Float64Array.from([1, 2, 4])).aliased // Int32Array [1]
 */
export interface QrFit {
  /** Number of accepted (non-aliased) columns. */
  rank: number;
  /** Original column index of each accepted column, in acceptance order. */
  accepted: Int32Array;
  /** Original column indices found aliased. */
  aliased: Int32Array;
  /** Qᵀy; entries 0..rank-1 belong to the accepted columns, the rest span the residuals. */
  effects: Float64Array;
  /** R of the accepted columns (rank × rank, upper triangular, column-major): X[, accepted] = Q R. */
  r: Float64Array;
}

/**
 * @param x design matrix, column-major (column j is x[j*n .. j*n + n - 1]); not modified
 * @param n rows
 * @param p columns
 * @param y response, length n; not modified
 */
export function qrLeastSquares(x: Float64Array, n: number, p: number, y: Float64Array, tol = 1e-7): QrFit {
  const a = Float64Array.from(x);
  const qty = Float64Array.from(y);
  const accepted: number[] = [];
  const aliased: number[] = [];
  // Householder vectors of the accepted columns, each stored in its own column of `a` from row r down.
  const reflectorCols: number[] = [];
  const reflectorBeta: number[] = [];
  const diagonal: number[] = [];
  for (let j = 0; j < p; j++) {
    const cj = j * n;
    const r = accepted.length;
    // Apply the earlier reflections to column j (deferred until the column is examined).
    for (let s = 0; s < r; s++) applyReflector(a, reflectorCols[s] * n, s, n, reflectorBeta[s], a, cj);
    let original = 0;
    for (let i = 0; i < n; i++) original += x[cj + i] * x[cj + i];
    original = Math.sqrt(original);
    let rest = 0;
    for (let i = r; i < n; i++) rest += a[cj + i] * a[cj + i];
    rest = Math.sqrt(rest);
    // A zero column counts as aliased (its reference norm is taken as 1, as R does).
    if (r >= n || rest < tol * (original === 0 ? 1 : original)) {
      aliased.push(j);
      continue;
    }
    // Reflector v = x + sign(x_r)‖x‖e_r, H = I − v vᵀ / (‖x‖ (‖x‖ + |x_r|)), mapping column j to −sign(x_r)‖x‖ e_r.
    const alpha = a[cj + r] >= 0 ? rest : -rest;
    diagonal.push(-alpha);
    a[cj + r] += alpha;
    const beta = 1 / (alpha * a[cj + r]);
    applyReflector(a, cj, r, n, beta, qty, 0);
    reflectorCols.push(j);
    reflectorBeta.push(beta);
    accepted.push(j);
  }
  const rank = accepted.length;
  const rMatrix = new Float64Array(rank * rank);
  for (let q = 0; q < rank; q++) {
    const cj = accepted[q] * n;
    for (let i = 0; i < q; i++) rMatrix[q * rank + i] = a[cj + i];
    rMatrix[q * rank + q] = diagonal[q];
  }
  return { rank, accepted: Int32Array.from(accepted), aliased: Int32Array.from(aliased), effects: qty, r: rMatrix };
}

/** target[t0 + r..] ← (I − beta v vᵀ) target[t0 + r..] with v = a[v0 + r .. v0 + n − 1]. */
function applyReflector(a: Float64Array, v0: number, r: number, n: number, beta: number, target: Float64Array, t0: number): void {
  let dot = 0;
  for (let i = r; i < n; i++) dot += a[v0 + i] * target[t0 + i];
  const s = beta * dot;
  if (s === 0) return;
  for (let i = r; i < n; i++) target[t0 + i] -= s * a[v0 + i];
}

/** Inverse of an upper-triangular k×k matrix (column-major), itself upper triangular. */
export function invertUpper(r: Float64Array, k: number): Float64Array {
  const inv = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    inv[j * k + j] = 1 / r[j * k + j];
    for (let i = j - 1; i >= 0; i--) {
      let s = 0;
      for (let m = i + 1; m <= j; m++) s += r[m * k + i] * inv[j * k + m];
      inv[j * k + i] = -s / r[i * k + i];
    }
  }
  return inv;
}

/**
 * Least-squares coefficients of the accepted columns, R⁻¹(Qᵀy)[0..rank), and (XᵀX)⁻¹ = R⁻¹R⁻ᵀ
 * (rank × rank, row-major, symmetric), both in acceptance order.
 */
export function qrCoefficients(fit: QrFit): { beta: Float64Array; inverseGram: Float64Array } {
  const k = fit.rank;
  const rInv = invertUpper(fit.r, k);
  const beta = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let s = 0;
    for (let j = i; j < k; j++) s += rInv[j * k + i] * fit.effects[j];
    beta[i] = s;
  }
  const inverseGram = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      let s = 0;
      for (let m = j; m < k; m++) s += rInv[m * k + i] * rInv[m * k + j];
      inverseGram[i * k + j] = s;
      inverseGram[j * k + i] = s;
    }
  }
  return { beta, inverseGram };
}
