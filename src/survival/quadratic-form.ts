/**
 * x' V^- x for a symmetric positive semi-definite V, through a Cholesky
 * (LDL') factorisation that treats a pivot below eps^0.75 (about 1.8e-12) x the
 * largest diagonal element as zero (coxph's toler.chol) and drops that direction: a generalized inverse, equal to
 * solve(V, x) when V is non-singular (the same device as survival's
 * cholesky2/chsolve2). Used by the log-rank and Gray tests.
 *
 * @example
 * quadraticForm([[2, 0], [0, 4]], [2, 2]); // { value: 3, rank: 2 }
 */
export function quadraticForm(matrix: ArrayLike<ArrayLike<number>>, x: ArrayLike<number>): { value: number; rank: number } {
  const k = x.length;
  const a: Float64Array[] = [];
  let largest = 0;
  for (let i = 0; i < k; i++) {
    a.push(Float64Array.from(matrix[i] as ArrayLike<number>));
    largest = Math.max(largest, Math.abs(a[i][i]));
  }
  const eps = Math.pow(Number.EPSILON, 0.75) * largest;
  const kept = new Uint8Array(k);
  let rank = 0;
  // In-place LDL': a[i][i] holds D, a[j][i] (j > i) holds L.
  for (let i = 0; i < k; i++) {
    const pivot = a[i][i];
    if (!(pivot > eps)) {
      a[i][i] = 0;
      continue;
    }
    kept[i] = 1;
    rank++;
    for (let j = i + 1; j < k; j++) {
      const l = a[j][i] / pivot;
      a[j][i] = l;
      for (let m = i + 1; m <= j; m++) a[j][m] -= l * a[m][i] * pivot;
    }
  }
  // x' V^- x = sum over kept pivots of (L^-1 x)_i^2 / D_i.
  const y = Float64Array.from(x);
  let value = 0;
  for (let i = 0; i < k; i++) {
    if (kept[i]) {
      for (let j = i + 1; j < k; j++) y[j] -= a[j][i] * y[i];
      value += (y[i] * y[i]) / a[i][i];
    }
  }
  return { value, rank };
}
