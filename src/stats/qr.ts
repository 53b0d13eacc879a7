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
 * squares (what `anova.lm` sums). `r` is the triangular factor R of the
 * accepted columns, so their coefficients solve R b = effects[0..rank-1]
 * (`qrCoefficients`) and (XᵀX)⁻¹ = R⁻¹R⁻ᵀ (glm's unscaled covariance).
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
  /** R (rank x rank, column-major, upper triangular) of the accepted columns, in acceptance order. */
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
    a[cj + r] += alpha;
    const beta = 1 / (alpha * a[cj + r]);
    applyReflector(a, cj, r, n, beta, qty, 0);
    reflectorCols.push(j);
    reflectorBeta.push(beta);
    diagonal.push(-alpha);
    accepted.push(j);
  }
  // Above the diagonal, each accepted column holds its R entries (the earlier reflections applied); the diagonal is -alpha.
  const rank = accepted.length;
  const r = new Float64Array(rank * rank);
  for (let k = 0; k < rank; k++) {
    for (let i = 0; i < k; i++) r[k * rank + i] = a[accepted[k] * n + i];
    r[k * rank + k] = diagonal[k];
  }
  return { rank, accepted: Int32Array.from(accepted), aliased: Int32Array.from(aliased), effects: qty, r };
}

/** Coefficients of the accepted columns (acceptance order): back-substitution R b = Qᵀy. */
export function qrCoefficients(fit: QrFit): Float64Array {
  const k = fit.rank;
  const coef = new Float64Array(k);
  for (let i = k - 1; i >= 0; i--) {
    let s = fit.effects[i];
    for (let j = i + 1; j < k; j++) s -= fit.r[j * k + i] * coef[j];
    coef[i] = s / fit.r[i * k + i];
  }
  return coef;
}

/** target[t0 + r..] ← (I − beta v vᵀ) target[t0 + r..] with v = a[v0 + r .. v0 + n − 1]. */
function applyReflector(a: Float64Array, v0: number, r: number, n: number, beta: number, target: Float64Array, t0: number): void {
  let dot = 0;
  for (let i = r; i < n; i++) dot += a[v0 + i] * target[t0 + i];
  const s = beta * dot;
  if (s === 0) return;
  for (let i = r; i < n; i++) target[t0 + i] -= s * a[v0 + i];
}
