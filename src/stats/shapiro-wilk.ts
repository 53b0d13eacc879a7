import { InputError } from "../core/index";
import type { ArrayLikeInput, MissingPolicy } from "../core/index";
import { normalQuantile, normalUpper } from "../distributions/index";
import { singleInput } from "./input";

export interface ShapiroWilkResult {
  method: "Shapiro-Wilk normality test";
  /** W: the squared correlation of the ordered sample with the (approximate) expected normal order statistics' coefficients. */
  w: number;
  pValue: number;
  n: number;
  dropped: number;
}

/** c0 + c1 x + c2 x² + ... */
function poly(c: readonly number[], x: number): number {
  let out = c[c.length - 1];
  for (let k = c.length - 2; k >= 0; k--) out = out * x + c[k];
  return out;
}

// Royston's (1995) polynomial approximations (Applied Statistics algorithm AS R94).
const C1 = [0, 0.221157, -0.147981, -2.07119, 4.434685, -2.706056];
const C2 = [0, 0.042981, -0.293762, -1.752461, 5.682633, -3.582633];
const C3 = [0.544, -0.39978, 0.025054, -6.714e-4];
const C4 = [1.3822, -0.77857, 0.062767, -0.0020322];
const C5 = [-1.5861, -0.31082, -0.083751, 0.0038915];
const C6 = [-0.4803, -0.082676, 0.0030302];
const G = [-2.273, 0.459];

/**
 * Shapiro-Wilk test of normality, matching R 4.2.2's `shapiro.test` (Royston's algorithm AS R94,
 * 3 ≤ n ≤ 5000).
 *
 * Coefficients: m_i = Φ⁻¹((i − 3/8)/(n + 1/4)); the two (n ≤ 5: one) most extreme coefficients from
 * Royston's polynomials in 1/√n, the others m_i scaled so that the coefficients have unit sum of
 * squares. W is the squared correlation of the sorted sample with the antisymmetric coefficient
 * vector. P value: exact for n = 3 (6/π (asin √W − π/3)); otherwise log(1 − W) (n ≥ 12) or
 * −log(γ − log(1 − W)) with γ = −2.273 + 0.459 n (4 ≤ n ≤ 11) is referred to a normal distribution
 * with Royston's mean and SD polynomials (upper tail).
 * Throws an InputError for fewer than 3 or more than 5000 values, or when all values are identical.
 *
 * @example
 * shapiroWilk(residuals).pValue; // a small P value: residuals not normal
 */
export function shapiroWilk(x: ArrayLikeInput<unknown>, options: { missing?: MissingPolicy } = {}): ShapiroWilkResult {
  const input = singleInput("x", x, options.missing);
  const v = Array.from(input.x).sort((a, b) => a - b);
  const n = v.length;
  if (n < 3 || n > 5000) throw new InputError("x", null, n, "needs between 3 and 5000 values for the Shapiro-Wilk test");
  const range = v[n - 1] - v[0];
  if (!(range >= 1e-10)) throw new InputError("x", null, v[0], "has all values identical: the Shapiro-Wilk test is undefined");
  const half = Math.floor(n / 2);
  // a[1..half]: coefficients of the upper half (positive), a[1] for the largest value.
  const a = new Float64Array(half + 1);
  if (n === 3) {
    a[1] = Math.SQRT1_2;
  } else {
    const m = new Float64Array(half + 1);
    let summ2 = 0;
    for (let i = 1; i <= half; i++) {
      m[i] = normalQuantile((i - 0.375) / (n + 0.25));
      summ2 += m[i] * m[i];
    }
    summ2 *= 2;
    const ssumm2 = Math.sqrt(summ2);
    const rsn = 1 / Math.sqrt(n);
    const a1 = poly(C1, rsn) - m[1] / ssumm2;
    let first: number;
    let fac: number;
    if (n > 5) {
      first = 3;
      const a2 = -m[2] / ssumm2 + poly(C2, rsn);
      fac = Math.sqrt((summ2 - 2 * m[1] * m[1] - 2 * m[2] * m[2]) / (1 - 2 * a1 * a1 - 2 * a2 * a2));
      a[2] = a2;
    } else {
      first = 2;
      fac = Math.sqrt((summ2 - 2 * m[1] * m[1]) / (1 - 2 * a1 * a1));
    }
    a[1] = a1;
    for (let i = first; i <= half; i++) a[i] = -m[i] / fac;
  }
  // Squared correlation of the sorted values with the antisymmetric coefficients.
  const coef = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const j = n - 1 - i;
    if (i !== j) coef[i] = Math.sign(i - j) * a[1 + Math.min(i, j)];
  }
  let sa = 0;
  let sx = 0;
  for (let i = 0; i < n; i++) {
    sa += coef[i];
    sx += v[i] / range;
  }
  sa /= n;
  sx /= n;
  let ssa = 0;
  let ssx = 0;
  let sax = 0;
  for (let i = 0; i < n; i++) {
    const da = coef[i] - sa;
    const dx = v[i] / range - sx;
    ssa += da * da;
    ssx += dx * dx;
    sax += da * dx;
  }
  const root = Math.sqrt(ssa * ssx);
  const w1 = ((root - sax) * (root + sax)) / (ssa * ssx);
  const w = 1 - w1;
  let pValue: number;
  if (n === 3) {
    pValue = Math.max(0, (6 / Math.PI) * (Math.asin(Math.sqrt(w)) - Math.PI / 3));
  } else {
    const y = Math.log(w1);
    if (n <= 11) {
      const gamma = poly(G, n);
      // R returns 1e-99 when log(1 - W) is beyond the approximation's range (W far from 1).
      pValue = y >= gamma ? 1e-99 : normalUpper((-Math.log(gamma - y) - poly(C3, n)) / Math.exp(poly(C4, n)));
    } else {
      const lx = Math.log(n);
      pValue = normalUpper((y - poly(C5, lx)) / Math.exp(poly(C6, lx)));
    }
  }
  return { method: "Shapiro-Wilk normality test", w, pValue, n, dropped: input.dropped };
}
