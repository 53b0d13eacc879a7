/**
 * Small dense linear algebra for the Cox model (internal).
 *
 * Symmetric matrices are p x p Float64Arrays in row-major order. The
 * factorisation is the generalised Cholesky A = F D F' (F unit lower
 * triangular, D diagonal) that R's survival package uses for the information
 * matrix: a pivot below `toler` times the largest diagonal marks its column as
 * redundant (D = 0), so a singular design is detected and reported column by
 * column instead of failing. Solving and inverting then treat those columns
 * as zero, as survival's cholesky2 / chsolve2 / chinv2 do.
 *
 * @example
 * const a = Float64Array.of(4, 2, 2, 3);
 * const rank = choleskyFactor(a, 2, 1e-12); // 2
 * const y = Float64Array.of(1, 1);
 * choleskySolve(a, 2, y); // y = A^{-1} (1, 1) = (0.125, 0.25)
 */

/**
 * Factors the symmetric matrix in place (upper triangle read, factor written
 * to the lower triangle and diagonal). Returns the rank; the indices of
 * redundant columns are those whose diagonal is left at 0. A negative rank
 * signals a matrix that is not non-negative definite.
 */
export function choleskyFactor(m: Float64Array, p: number, toler: number): number {
  let largest = 0;
  for (let i = 0; i < p; i++) {
    if (m[i * p + i] > largest) largest = m[i * p + i];
    for (let j = i + 1; j < p; j++) m[j * p + i] = m[i * p + j];
  }
  const eps = largest === 0 ? toler : largest * toler;
  let rank = 0;
  let nonNegative = true;
  for (let i = 0; i < p; i++) {
    const pivot = m[i * p + i];
    if (!Number.isFinite(pivot) || pivot < eps) {
      m[i * p + i] = 0;
      if (pivot < -8 * eps) nonNegative = false;
      continue;
    }
    rank++;
    for (let j = i + 1; j < p; j++) {
      const f = m[j * p + i] / pivot;
      m[j * p + i] = f;
      m[j * p + j] -= f * f * pivot;
      for (let k = j + 1; k < p; k++) m[k * p + j] -= f * m[k * p + i];
    }
  }
  return nonNegative ? rank : -rank;
}

/** Solves A b = y in place given the factor from choleskyFactor; redundant columns get b = 0. */
export function choleskySolve(m: Float64Array, p: number, y: Float64Array): void {
  for (let i = 0; i < p; i++) {
    let t = y[i];
    for (let j = 0; j < i; j++) t -= y[j] * m[i * p + j];
    y[i] = t;
  }
  for (let i = p - 1; i >= 0; i--) {
    const d = m[i * p + i];
    if (d === 0) {
      y[i] = 0;
      continue;
    }
    let t = y[i] / d;
    for (let j = i + 1; j < p; j++) t -= y[j] * m[j * p + i];
    y[i] = t;
  }
}

/**
 * Inverse of A from its factor, returned as a new full symmetric matrix; the
 * rows and columns of redundant columns are zero (a generalised inverse).
 */
export function choleskyInverse(factor: Float64Array, p: number): Float64Array {
  const m = Float64Array.from(factor);
  // Invert F (unit lower triangular) and D in place.
  for (let i = 0; i < p; i++) {
    if (m[i * p + i] > 0) {
      m[i * p + i] = 1 / m[i * p + i];
      for (let j = i + 1; j < p; j++) {
        m[j * p + i] = -m[j * p + i];
        for (let k = 0; k < i; k++) m[j * p + k] += m[j * p + i] * m[i * p + k];
      }
    }
  }
  // A^{-1} = F^{-T} D^{-1} F^{-1}, accumulated into the upper triangle.
  for (let i = 0; i < p; i++) {
    if (m[i * p + i] === 0) {
      for (let j = 0; j < i; j++) m[j * p + i] = 0;
      for (let j = i; j < p; j++) m[i * p + j] = 0;
      continue;
    }
    for (let j = i + 1; j < p; j++) {
      const t = m[j * p + i] * m[j * p + j];
      m[i * p + j] = t;
      for (let k = i; k < j; k++) m[i * p + k] += t * m[j * p + k];
    }
  }
  const out = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = i; j < p; j++) {
      out[i * p + j] = m[i * p + j];
      out[j * p + i] = m[i * p + j];
    }
  }
  return out;
}

/**
 * Solves A x = b for a general square A (row-major, not modified) by Gaussian
 * elimination with partial pivoting, as R's solve() does through LAPACK.
 * Throws when A is numerically singular.
 */
export function solveLinear(a: Float64Array, p: number, b: Float64Array): Float64Array {
  const m = Float64Array.from(a);
  const x = Float64Array.from(b);
  let scale = 0;
  for (let i = 0; i < p * p; i++) scale = Math.max(scale, Math.abs(m[i]));
  for (let c = 0; c < p; c++) {
    let piv = c;
    for (let r = c + 1; r < p; r++) if (Math.abs(m[r * p + c]) > Math.abs(m[piv * p + c])) piv = r;
    if (!(Math.abs(m[piv * p + c]) > scale * Number.EPSILON)) {
      throw new Error("the system is exactly singular");
    }
    if (piv !== c) {
      for (let k = 0; k < p; k++) {
        const t = m[c * p + k];
        m[c * p + k] = m[piv * p + k];
        m[piv * p + k] = t;
      }
      const t = x[c];
      x[c] = x[piv];
      x[piv] = t;
    }
    for (let r = c + 1; r < p; r++) {
      const f = m[r * p + c] / m[c * p + c];
      if (f === 0) continue;
      for (let k = c; k < p; k++) m[r * p + k] -= f * m[c * p + k];
      x[r] -= f * x[c];
    }
  }
  for (let r = p - 1; r >= 0; r--) {
    let t = x[r];
    for (let k = r + 1; k < p; k++) t -= m[r * p + k] * x[k];
    x[r] = t / m[r * p + r];
  }
  return x;
}
