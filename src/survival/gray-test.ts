/**
 * Gray's (1988) k-sample test for equality of cumulative incidence functions
 * of one cause in the presence of competing risks, as R's
 * `cmprsk::cuminc(time, cause, group, strata, rho)$Tests` (Fortran `crstm`).
 *
 * Score for group g: s_g = sum over failure times of
 *   w(t) [ d_1g - d_1 R_g / R ],  R_g = n_g (1 - F_1g(t-)) / S_g(t-),  R = sum_g R_g,
 * with w(t) = (1 - F_1(t-))^rho (F_1 the pooled cumulative incidence), S_g the
 * all-cause Kaplan-Meier and F_1g the cause-1 cumulative incidence of group g.
 * The variance is Gray's asymptotic estimator with the same tie corrections as
 * crstm; within strata the scores and variances are summed. The statistic is
 * s' V^-1 s over the first k-1 groups, chi-square with k-1 df. When V is
 * singular cuminc reports -1; here the statistic and p-value are null.
 *
 * The counts come per stratum and distinct time (cumulative-incidence.ts
 * counts them); the arithmetic per time is crstm's.
 *
 * @example
 * // through cumulativeIncidence(time, cause, group).grayTest
 */
import { chiSquareUpper } from "../distributions/index";
import { quadraticForm } from "./quadratic-form";

export interface GrayTestResult {
  /** The cause whose cumulative incidence is compared. */
  cause: number;
  /** Gray's chi-square statistic (null when its variance is singular). */
  statistic: number | null;
  df: number;
  pValue: number | null;
}

/**
 * Gray's test for one cause, fed the counts at each distinct time, stratum by stratum: `beginStratum`
 * with the rows per group of the stratum, `addTime` for each time with rows in it (ascending; per
 * group: censored, events of this cause, events of other causes), `endStratum`, then `result`.
 */
export class GrayTest {
  private readonly ng: number;
  private readonly ng1: number;
  private readonly score: Float64Array;
  private readonly vTotal: Float64Array;
  private readonly rs: Float64Array;
  private readonly skmm: Float64Array;
  private readonly skm: Float64Array;
  private readonly f1m: Float64Array;
  private readonly f1: Float64Array;
  private readonly v3: Float64Array;
  private readonly v2: Float64Array; // v2[i][k]
  private readonly c: Float64Array;
  private readonly a: Float64Array;
  private readonly v: Float64Array; // lower triangle used, v[i][j] with j <= i
  private fm = 0;
  private f = 0;

  constructor(nGroups: number, private readonly rho: number, private readonly cause: number) {
    const ng = nGroups;
    const ng1 = ng - 1;
    this.ng = ng;
    this.ng1 = ng1;
    this.score = new Float64Array(ng1);
    this.vTotal = new Float64Array(ng1 * ng1);
    this.rs = new Float64Array(ng);
    this.skmm = new Float64Array(ng);
    this.skm = new Float64Array(ng);
    this.f1m = new Float64Array(ng);
    this.f1 = new Float64Array(ng);
    this.v3 = new Float64Array(ng);
    this.v2 = new Float64Array(ng1 * ng);
    this.c = new Float64Array(ng * ng);
    this.a = new Float64Array(ng * ng);
    this.v = new Float64Array(ng1 * ng1);
  }

  /** Starts a stratum with `size[g]` rows in group g. */
  beginStratum(size: ArrayLike<number>): void {
    for (let g = 0; g < this.ng; g++) this.rs[g] = size[g];
    this.skmm.fill(1);
    this.skm.fill(1);
    this.f1m.fill(0);
    this.f1.fill(0);
    this.v3.fill(0);
    this.v2.fill(0);
    this.c.fill(0);
    this.v.fill(0);
    this.fm = 0;
    this.f = 0;
  }

  /** One distinct time of the stratum: per group, rows censored (d0), with this cause (d1), with another (d2). */
  addTime(d0: ArrayLike<number>, d1: ArrayLike<number>, d2: ArrayLike<number>): void {
    const { ng, ng1, rs, skmm, skm, f1m, f1, v3, v2, c, a, v, score } = this;
    const fm = this.fm;
    let nd1 = 0;
    let nd2 = 0;
    for (let g = 0; g < ng; g++) {
      nd1 += d1[g];
      nd2 += d2[g];
    }
    if (nd1 > 0 || nd2 > 0) {
      let tr = 0; // sum of R_g / (1 - F(t-)) terms: sum n_g / S_g(t-)
      let tq = 0; // sum of R_g
      for (let g = 0; g < ng; g++) {
        if (rs[g] <= 0) continue;
        const td = d1[g] + d2[g];
        skm[g] = (skmm[g] * (rs[g] - td)) / rs[g];
        f1[g] = f1m[g] + (skmm[g] * d1[g]) / rs[g];
        tr += rs[g] / skmm[g];
        tq += (rs[g] * (1 - f1m[g])) / skmm[g];
      }
      const f = fm + nd1 / tr;
      this.f = f;
      const fb = Math.pow(1 - fm, this.rho);
      a.fill(0);
      for (let i = 0; i < ng; i++) {
        if (rs[i] <= 0) continue;
        const t1 = rs[i] / skmm[i];
        a[i * ng + i] = fb * t1 * (1 - t1 / tr);
        c[i * ng + i] += (a[i * ng + i] * nd1) / (tr * (1 - fm));
        for (let j = i + 1; j < ng; j++) {
          if (rs[j] <= 0) continue;
          const aij = -((fb * t1 * rs[j]) / (skmm[j] * tr));
          a[i * ng + j] = aij;
          a[j * ng + i] = aij;
          c[i * ng + j] += (aij * nd1) / (tr * (1 - fm));
          c[j * ng + i] = c[i * ng + j];
        }
      }
      for (let i = 0; i < ng1; i++) {
        if (rs[i] <= 0) continue;
        score[i] += fb * (d1[i] - (nd1 * rs[i] * (1 - f1m[i])) / (skmm[i] * tq));
      }
      if (nd1 > 0) {
        for (let k = 0; k < ng; k++) {
          if (rs[k] <= 0) continue;
          const t4 = skm[k] > 0 ? 1 - (1 - f) / skm[k] : 1;
          const t5 = nd1 > 1 ? 1 - (nd1 - 1) / (tr * skmm[k] - 1) : 1;
          const t3 = (t5 * skmm[k] * nd1) / (tr * rs[k]);
          v3[k] += t4 * t4 * t3;
          for (let i = 0; i < ng1; i++) {
            const t1 = a[i * ng + k] - t4 * c[i * ng + k];
            v2[i * ng + k] += t1 * t4 * t3;
            for (let j = 0; j <= i; j++) {
              const t2 = a[j * ng + k] - t4 * c[j * ng + k];
              v[i * ng1 + j] += t1 * t2 * t3;
            }
          }
        }
      }
      if (nd2 > 0) {
        for (let k = 0; k < ng; k++) {
          if (skm[k] <= 0 || d2[k] <= 0) continue;
          const t4 = (1 - f) / skm[k];
          const t5 = d2[k] > 1 ? 1 - (d2[k] - 1) / (rs[k] - 1) : 1;
          const t3 = (t5 * (skmm[k] * skmm[k] * d2[k])) / (rs[k] * rs[k]);
          v3[k] += t4 * t4 * t3;
          for (let i = 0; i < ng1; i++) {
            const t1 = t4 * c[i * ng + k];
            v2[i * ng + k] -= t1 * t4 * t3;
            for (let j = 0; j <= i; j++) {
              const t2 = t4 * c[j * ng + k];
              v[i * ng1 + j] += t1 * t2 * t3;
            }
          }
        }
      }
    }
    for (let g = 0; g < ng; g++) {
      rs[g] -= d0[g] + d1[g] + d2[g];
      f1m[g] = f1[g];
      skmm[g] = skm[g];
    }
    this.fm = this.f;
  }

  /** Closes the stratum: the variance terms that need the final c. */
  endStratum(): void {
    const { ng, ng1, c, v2, v3, v, vTotal } = this;
    for (let i = 0; i < ng1; i++) {
      for (let j = 0; j <= i; j++) {
        let add = v[i * ng1 + j];
        for (let k = 0; k < ng; k++) {
          add += c[i * ng + k] * c[j * ng + k] * v3[k];
          add += c[i * ng + k] * v2[j * ng + k];
          add += c[j * ng + k] * v2[i * ng + k];
        }
        vTotal[i * ng1 + j] += add;
        if (i !== j) vTotal[j * ng1 + i] += add;
      }
    }
  }

  /** The statistic s' V^-1 s over the first k - 1 groups (null when V is singular). */
  result(): GrayTestResult {
    const { ng, ng1, vTotal, score, cause } = this;
    const matrix: number[][] = [];
    for (let i = 0; i < ng1; i++) matrix.push(Array.from(vTotal.subarray(i * ng1, (i + 1) * ng1)));
    const { value, rank: r } = quadraticForm(matrix, score);
    const df = ng - 1;
    if (r < ng1) return { cause, statistic: null, df, pValue: null };
    return { cause, statistic: value, df, pValue: chiSquareUpper(value, df) };
  }
}
