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
 * Rows must come ordered by (stratum, time); `rank` ties rows at equal times.
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
 * Gray's test for the cause coded `causeCode` (row codes in `causeOf`: 0 censored).
 * `order` lists rows by (stratum, time); `stratum` may be null.
 */
export function grayTest(
  order: Int32Array,
  rank: Int32Array,
  causeOf: Int32Array,
  causeCode: number,
  group: Int32Array,
  nGroups: number,
  stratum: Int32Array | null,
  rho: number,
  cause: number,
): GrayTestResult {
  const ng = nGroups;
  const ng1 = ng - 1;
  const score = new Float64Array(ng1);
  const vTotal = new Float64Array(ng1 * ng1);

  const rs = new Float64Array(ng);
  const d0 = new Float64Array(ng);
  const d1 = new Float64Array(ng);
  const d2 = new Float64Array(ng);
  const skmm = new Float64Array(ng);
  const skm = new Float64Array(ng);
  const f1m = new Float64Array(ng);
  const f1 = new Float64Array(ng);
  const v3 = new Float64Array(ng);
  const v2 = new Float64Array(ng1 * ng); // v2[i][k]
  const c = new Float64Array(ng * ng);
  const a = new Float64Array(ng * ng);
  const v = new Float64Array(ng1 * ng1); // lower triangle used, v[i][j] with j <= i

  const n = order.length;
  let s0 = 0;
  while (s0 < n) {
    let s1 = s0;
    const st = stratum === null ? 0 : stratum[order[s0]];
    rs.fill(0);
    while (s1 < n && (stratum === null || stratum[order[s1]] === st)) {
      rs[group[order[s1]]]++;
      s1++;
    }
    skmm.fill(1);
    skm.fill(1);
    f1m.fill(0);
    f1.fill(0);
    v3.fill(0);
    v2.fill(0);
    c.fill(0);
    v.fill(0);
    let fm = 0;
    let f = 0;

    let b0 = s0;
    while (b0 < s1) {
      const r = rank[order[b0]];
      let b1 = b0;
      d0.fill(0);
      d1.fill(0);
      d2.fill(0);
      while (b1 < s1 && rank[order[b1]] === r) {
        const i = order[b1];
        const code = causeOf[i];
        if (code === 0) d0[group[i]]++;
        else if (code === causeCode) d1[group[i]]++;
        else d2[group[i]]++;
        b1++;
      }
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
        f = fm + nd1 / tr;
        const fb = Math.pow(1 - fm, rho);
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
      fm = f;
      b0 = b1;
    }

    // Close the stratum: terms that need the final c.
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
    s0 = s1;
  }

  const matrix: number[][] = [];
  for (let i = 0; i < ng1; i++) matrix.push(Array.from(vTotal.subarray(i * ng1, (i + 1) * ng1)));
  const { value, rank: r } = quadraticForm(matrix, score);
  const df = ng - 1;
  if (r < ng1) return { cause, statistic: null, df, pValue: null };
  return { cause, statistic: value, df, pValue: chiSquareUpper(value, df) };
}
