/**
 * Small dense linear algebra on row-major Float64Arrays, for the mixed model's blocks
 * (sizes of a few to a few hundred). Internal to src/stats.
 */

/** In-place Cholesky A = L Lᵀ of a k×k symmetric matrix (lower triangle used, L written there, upper zeroed); false if not positive definite. */
export function choleskyInPlace(a: Float64Array, k: number, offset = 0): boolean {
  for (let j = 0; j < k; j++) {
    const rj = offset + j * k;
    let d = a[rj + j];
    for (let m = 0; m < j; m++) d -= a[rj + m] * a[rj + m];
    if (!(d > 0)) return false;
    const ljj = Math.sqrt(d);
    a[rj + j] = ljj;
    for (let i = j + 1; i < k; i++) {
      const ri = offset + i * k;
      let s = a[ri + j];
      for (let m = 0; m < j; m++) s -= a[ri + m] * a[rj + m];
      a[ri + j] = s / ljj;
    }
    for (let i = 0; i < j; i++) a[offset + i * k + j] = 0;
  }
  return true;
}

/**
 * In-place Cholesky A = L Lᵀ of a k×k symmetric matrix (lower triangle used, L written there, upper
 * left as it was), refusing near-collinear columns: returns -1 when it factors, else the first column
 * whose pivot is not above `relativeTolerance` times its diagonal entry, or not finite (that column
 * is, to that tolerance, a combination of the earlier ones). Used by the logistic fits.
 */
export function choleskyFirstDependentColumn(a: Float64Array, k: number, relativeTolerance: number): number {
  for (let j = 0; j < k; j++) {
    const diag = a[j * k + j];
    let d = diag;
    for (let t = 0; t < j; t++) d -= a[j * k + t] * a[j * k + t];
    if (!(d > relativeTolerance * diag) || !Number.isFinite(d)) return j;
    const l = Math.sqrt(d);
    a[j * k + j] = l;
    for (let i = j + 1; i < k; i++) {
      let s = a[i * k + j];
      for (let t = 0; t < j; t++) s -= a[i * k + t] * a[j * k + t];
      a[i * k + j] = s / l;
    }
  }
  return -1;
}

/** Solves L x = b in place (L lower k×k at lOffset, b a strided vector). */
export function forwardSolve(l: Float64Array, k: number, b: Float64Array, bOffset = 0, stride = 1, lOffset = 0): void {
  for (let i = 0; i < k; i++) {
    let s = b[bOffset + i * stride];
    const ri = lOffset + i * k;
    for (let m = 0; m < i; m++) s -= l[ri + m] * b[bOffset + m * stride];
    b[bOffset + i * stride] = s / l[ri + i];
  }
}

/** Solves Lᵀ x = b in place (L lower k×k at lOffset). */
export function backwardSolve(l: Float64Array, k: number, b: Float64Array, bOffset = 0, stride = 1, lOffset = 0): void {
  for (let i = k - 1; i >= 0; i--) {
    let s = b[bOffset + i * stride];
    for (let m = i + 1; m < k; m++) s -= l[lOffset + m * k + i] * b[bOffset + m * stride];
    b[bOffset + i * stride] = s / l[lOffset + i * k + i];
  }
}

/** (L Lᵀ)⁻¹ from a lower Cholesky factor (k×k), row-major symmetric. */
export function choleskyInverse(l: Float64Array, k: number): Float64Array {
  const inv = new Float64Array(k * k);
  choleskyInverseInto(l, k, inv, new Float64Array(k));
  return inv;
}

/** choleskyInverse written into `inv` (k×k), with `work` (length k) as scratch: for loops that invert at every step. */
export function choleskyInverseInto(l: Float64Array, k: number, inv: Float64Array, work: Float64Array): void {
  for (let c = 0; c < k; c++) {
    work.fill(0);
    work[c] = 1;
    forwardSolve(l, k, work);
    backwardSolve(l, k, work);
    for (let r = 0; r < k; r++) inv[r * k + c] = work[r];
  }
}

/** Eigenvalues and eigenvectors of a symmetric k×k matrix (cyclic Jacobi); vectors as columns of a row-major matrix. */
export function symmetricEigen(a: ArrayLike<number>, k: number): { values: Float64Array; vectors: Float64Array } {
  const m = Float64Array.from(a);
  const v = new Float64Array(k * k);
  for (let i = 0; i < k; i++) v[i * k + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) off += m[i * k + j] * m[i * k + j];
    if (off < 1e-30) break;
    for (let p = 0; p < k; p++) {
      for (let q = p + 1; q < k; q++) {
        const apq = m[p * k + q];
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (m[q * k + q] - m[p * k + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < k; r++) {
          const mrp = m[r * k + p];
          const mrq = m[r * k + q];
          m[r * k + p] = c * mrp - s * mrq;
          m[r * k + q] = s * mrp + c * mrq;
        }
        for (let r = 0; r < k; r++) {
          const mpr = m[p * k + r];
          const mqr = m[q * k + r];
          m[p * k + r] = c * mpr - s * mqr;
          m[q * k + r] = s * mpr + c * mqr;
        }
        for (let r = 0; r < k; r++) {
          const vrp = v[r * k + p];
          const vrq = v[r * k + q];
          v[r * k + p] = c * vrp - s * vrq;
          v[r * k + q] = s * vrp + c * vrq;
        }
      }
    }
  }
  const values = new Float64Array(k);
  for (let i = 0; i < k; i++) values[i] = m[i * k + i];
  return { values, vectors: v };
}
