// coxPH's fast passes (per-pattern exp, the pass layout, the prefix concordance counts) against a
// straightforward reference written here from the formulas: explicit risk sets at every event time,
// Efron's or Breslow's terms summed directly, R's Newton-Raphson schedule (start at 0, stop when
// |1 - l_old / l_new| <= 1e-9, step halving), and the concordance by looking at every pair.
import { test } from "node:test";
import * as assert from "assert";
import seedrandom from "seedrandom";
import { coxPH } from "../../src/survival/cox";
import { sortCoxData, fitCox } from "../../src/survival/cox-engine";
import { concordanceOfRanks } from "../../src/survival/cox-concordance";
import { denseRanks, distinctRows } from "../../src/survival/cox-order";

interface Data {
  time: number[];
  status: number[];
  x: number[][]; // rows
  weights: number[] | null;
  strata: number[] | null;
  start: number[] | null;
}

/** Seeded data: tied times, binary / whole-number / continuous covariates, optional weights, strata, entry times. */
function simulate(seed: string, n: number, p: number, opts: { weights?: "whole" | "fractional"; strata?: number; start?: boolean }): Data {
  const rng = seedrandom(seed);
  const time: number[] = [];
  const status: number[] = [];
  const x: number[][] = [];
  const weights: number[] | null = opts.weights ? [] : null;
  const strata: number[] | null = opts.strata ? [] : null;
  const start: number[] | null = opts.start ? [] : null;
  for (let i = 0; i < n; i++) {
    const row: number[] = [];
    for (let j = 0; j < p; j++) {
      const kind = j % 3;
      row.push(kind === 0 ? (rng() < 0.45 ? 1 : 0) : kind === 1 ? 40 + Math.floor(rng() * 41) : Math.round((rng() * 4 - 2) * 1000) / 1000);
    }
    const eta = row.reduce((s, v, j) => s + v * [0.5, 0.03, -0.4][j % 3], 0);
    const t = -Math.log(1 - rng()) / (0.08 * Math.exp(eta - 1.2));
    const c = 3 + 25 * rng();
    const stop = Math.max(0.5, Math.round(Math.min(t, c) * 2) / 2); // a half-unit grid: many ties
    time.push(stop);
    status.push(t <= c ? 1 : 0);
    x.push(row);
    if (weights) weights.push(opts.weights === "whole" ? 1 + Math.floor(rng() * 3) : Math.round((0.4 + 2 * rng()) * 1000) / 1000);
    if (strata) strata.push(Math.floor(rng() * (opts.strata as number)));
    if (start) start.push(rng() < 0.3 ? Math.floor(rng() * 2 * stop) / 2 - (rng() < 0.5 ? 0 : 0.25) : 0);
  }
  if (start) for (let i = 0; i < n; i++) if (!(start[i] < time[i])) start[i] = time[i] - 0.5;
  return { time, status, x, weights, strata, start };
}

interface RefEval {
  loglik: number;
  u: number[];
  info: number[][];
}

/** Log partial likelihood, score and information at beta, straight from the definitions (R's weighted Efron form). */
function refEvaluate(d: Data, beta: number[], efron: boolean): RefEval {
  const n = d.time.length;
  const p = beta.length;
  const w = (i: number) => (d.weights ? d.weights[i] : 1);
  const s = (i: number) => (d.strata ? d.strata[i] : 0);
  const eta = d.x.map((row) => row.reduce((acc, v, j) => acc + v * beta[j], 0));
  const r = eta.map((e) => Math.exp(e));
  let loglik = 0;
  const u = new Array<number>(p).fill(0);
  const info = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const seen = new Set<string>();
  for (let e = 0; e < n; e++) {
    if (d.status[e] !== 1) continue;
    const key = `${s(e)}:${d.time[e]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const t = d.time[e];
    const deaths: number[] = [];
    let S = 0;
    const A = new Array<number>(p).fill(0);
    const C = Array.from({ length: p }, () => new Array<number>(p).fill(0));
    for (let i = 0; i < n; i++) {
      if (s(i) !== s(e)) continue;
      const entry = d.start ? d.start[i] : -Infinity;
      if (!(entry < t && t <= d.time[i])) continue;
      const wr = w(i) * r[i];
      S += wr;
      for (let a = 0; a < p; a++) {
        A[a] += wr * d.x[i][a];
        for (let b = 0; b < p; b++) C[a][b] += wr * d.x[i][a] * d.x[i][b];
      }
      if (d.status[i] === 1 && d.time[i] === t) deaths.push(i);
    }
    const m = deaths.length;
    let W = 0;
    let SD = 0;
    const AD = new Array<number>(p).fill(0);
    const CD = Array.from({ length: p }, () => new Array<number>(p).fill(0));
    for (const i of deaths) {
      W += w(i);
      loglik += w(i) * eta[i];
      const wr = w(i) * r[i];
      SD += wr;
      for (let a = 0; a < p; a++) {
        u[a] += w(i) * d.x[i][a];
        AD[a] += wr * d.x[i][a];
        for (let b = 0; b < p; b++) CD[a][b] += wr * d.x[i][a] * d.x[i][b];
      }
    }
    const steps = efron ? m : 1;
    const weight = efron ? W / m : W;
    for (let k = 0; k < steps; k++) {
      const f = efron ? k / m : 0;
      const Sk = S - f * SD;
      loglik -= weight * Math.log(Sk);
      const mean = A.map((v, a) => (v - f * AD[a]) / Sk);
      for (let a = 0; a < p; a++) {
        u[a] -= weight * mean[a];
        for (let b = 0; b < p; b++) info[a][b] += weight * ((C[a][b] - f * CD[a][b]) / Sk - mean[a] * mean[b]);
      }
    }
  }
  return { loglik, u, info };
}

/** Solves A y = b (Gaussian elimination with partial pivoting). */
function solve(A: number[][], b: number[]): number[] {
  const p = b.length;
  const m = A.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < p; c++) {
    let piv = c;
    for (let r = c + 1; r < p; r++) if (Math.abs(m[r][c]) > Math.abs(m[piv][c])) piv = r;
    [m[c], m[piv]] = [m[piv], m[c]];
    for (let r = c + 1; r < p; r++) {
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= p; k++) m[r][k] -= f * m[c][k];
    }
  }
  const y = new Array<number>(p).fill(0);
  for (let r = p - 1; r >= 0; r--) {
    let t = m[r][p];
    for (let k = r + 1; k < p; k++) t -= m[r][k] * y[k];
    y[r] = t / m[r][r];
  }
  return y;
}

/** R's Newton-Raphson schedule on the reference likelihood (Newton's steps do not depend on centring or scaling). */
function refFit(d: Data, efron: boolean) {
  const p = d.x[0].length;
  let beta = new Array<number>(p).fill(0);
  const at0 = refEvaluate(d, beta, efron);
  const step0 = solve(at0.info, at0.u);
  const scoreTest = at0.u.reduce((s, v, i) => s + v * step0[i], 0);
  let best = at0.loglik;
  let old = beta.slice();
  beta = beta.map((b, i) => b + step0[i]);
  let halving = 0;
  for (let iter = 1; iter <= 20; iter++) {
    const e = refEvaluate(d, beta, efron);
    if (Math.abs(1 - best / e.loglik) <= 1e-9) {
      const variance = e.info.map((_, i) => solve(e.info, e.info.map((__, k) => (k === i ? 1 : 0))));
      return { coef: beta, iterations: iter, logLik: e.loglik, logLikNull: at0.loglik, scoreTest, variance };
    }
    if (e.loglik < best) {
      halving++;
      beta = beta.map((b, i) => (b + halving * old[i]) / (halving + 1));
    } else {
      halving = 0;
      best = e.loglik;
      const step = solve(e.info, e.u);
      old = beta.slice();
      beta = beta.map((b, i) => b + step[i]);
    }
  }
  throw new Error("reference fit did not converge");
}

/** Concordance counts from every pair (R's definitions; weights multiply, pairs within a stratum). */
function refConcordance(d: Data, lp: number[]) {
  const n = d.time.length;
  const w = (i: number) => (d.weights ? d.weights[i] : 1);
  const s = (i: number) => (d.strata ? d.strata[i] : 0);
  let concordant = 0, discordant = 0, tiedX = 0, tiedY = 0, tiedXY = 0;
  for (let i = 0; i < n; i++) {
    if (d.status[i] !== 1) continue;
    for (let j = 0; j < n; j++) {
      if (j === i || s(j) !== s(i)) continue;
      const ww = w(i) * w(j);
      if (d.time[j] === d.time[i] && d.status[j] === 1) {
        if (j < i) {
          if (lp[i] === lp[j]) tiedXY += ww;
          else tiedY += ww;
        }
        continue;
      }
      if (d.time[j] < d.time[i]) continue;
      if (lp[i] > lp[j]) concordant += ww;
      else if (lp[i] < lp[j]) discordant += ww;
      else tiedX += ww;
    }
  }
  return { concordant, discordant, tiedX, tiedY, tiedXY };
}

const close = (a: number, b: number, rel: number, label: string) =>
  assert.ok(Math.abs(a - b) <= rel * Math.max(1, Math.abs(b)), `${label}: ${a} vs reference ${b}`);

const CASES: { name: string; n: number; p: number; opts: Parameters<typeof simulate>[3] }[] = [
  { name: "plain, binary + age (few covariate patterns)", n: 1500, p: 2, opts: {} },
  { name: "plain, one binary covariate", n: 600, p: 1, opts: {} },
  { name: "plain, three covariates (one continuous)", n: 700, p: 3, opts: {} },
  { name: "plain, small", n: 40, p: 2, opts: {} },
  { name: "whole-number weights", n: 500, p: 2, opts: { weights: "whole" } },
  { name: "fractional weights", n: 500, p: 3, opts: { weights: "fractional" } },
  { name: "three strata", n: 600, p: 2, opts: { strata: 3 } },
  { name: "strata and weights", n: 500, p: 2, opts: { strata: 2, weights: "fractional" } },
  { name: "(start, stop] rows", n: 500, p: 2, opts: { start: true } },
  { name: "(start, stop] rows, strata, weights", n: 400, p: 3, opts: { start: true, strata: 2, weights: "whole" } },
];

for (const c of CASES) {
  for (const ties of ["efron", "breslow"] as const) {
    test(`coxPH agrees with a direct reference fit: ${c.name}, ${ties}`, () => {
      const d = simulate(`cox-fast-path ${c.name}`, c.n, c.p, c.opts);
      const options = {
        ties,
        weights: d.weights ?? undefined,
        strata: d.strata ?? undefined,
        start: d.start ?? undefined,
        robust: false,
      };
      const fit = coxPH(d.time, d.status, d.x, options);
      const ref = refFit(d, ties === "efron");
      assert.strictEqual(fit.iterations, ref.iterations, "iterations");
      for (let j = 0; j < c.p; j++) {
        close(fit.coef[j], ref.coef[j], 1e-9, `coef ${j}`);
        for (let k = 0; k < c.p; k++) close(fit.variance[j][k], ref.variance[j][k], 1e-8, `variance ${j},${k}`);
      }
      close(fit.logLik, ref.logLik, 1e-12, "logLik");
      close(fit.logLikNull, ref.logLikNull, 1e-12, "logLikNull");
      close(fit.scoreTest.chiSq, ref.scoreTest, 1e-10, "score test");
      if (d.start === null) {
        // The concordance of the fit's own linear predictor, pair by pair.
        const lp = d.x.map((row) => row.reduce((s, v, j) => s + v * fit.coef[j], 0));
        const counts = refConcordance(d, lp);
        for (const key of ["concordant", "discordant", "tiedX", "tiedY", "tiedXY"] as const) {
          close(fit.concordanceCounts[key], counts[key], 1e-12, key);
        }
      }
    });
  }
}

test("plain fits: the per-pattern and per-row passes give bit-identical fits (Efron and Breslow)", () => {
  for (const [seed, p] of [["patterns a", 2], ["patterns b", 1], ["patterns c", 3]] as const) {
    const d = simulate(seed, 2000, p, {});
    const columns = Array.from({ length: p }, (_, j) => Float64Array.from(d.x, (row) => row[j]));
    const time = Float64Array.from(d.time);
    const status = Uint8Array.from(d.status);
    const withPatterns = sortCoxData(time, status, columns, true, undefined, 2000);
    const perRow = sortCoxData(time, status, columns, true, undefined, 0);
    assert.ok(withPatterns.pattern !== null && withPatterns.patterns < 2000, "patterns found");
    assert.strictEqual(perRow.pattern, null);
    for (const efron of [true, false]) {
      const a = fitCox(withPatterns, efron, 20, 1e-9, Math.pow(Number.EPSILON, 0.75));
      const b = fitCox(perRow, efron, 20, 1e-9, Math.pow(Number.EPSILON, 0.75));
      assert.deepStrictEqual(a, b, `${seed} efron=${efron}`);
    }
  }
});

test("distinctRows: ids by first appearance, values by bits (-0 and +0 differ), null past maxDistinct", () => {
  const r = distinctRows([Float64Array.of(1, 0, 1, -0, 0), Float64Array.of(60, 70, 60, 70, 70)], 10);
  assert.ok(r);
  assert.deepStrictEqual(Array.from(r.ids), [0, 1, 0, 2, 1]);
  assert.strictEqual(r.count, 3);
  assert.ok(Object.is(r.values[4], -0));
  assert.deepStrictEqual(Array.from(r.values), [1, 60, 0, 70, -0, 70]);
  const three = distinctRows([Float64Array.of(1, 2, 1, 2), Float64Array.of(5, 5, 5, 5), Float64Array.of(0.5, 0.5, 0.5, 0.25)], 10);
  assert.ok(three);
  assert.deepStrictEqual(Array.from(three.ids), [0, 1, 0, 2]);
  assert.strictEqual(distinctRows([Float64Array.of(1, 2, 3)], 2), null);
});

test("concordanceOfRanks: the Fenwick and prefix counts agree (ties in time and score)", () => {
  const rng = seedrandom("concordance methods");
  for (let rep = 0; rep < 20; rep++) {
    const n = 50 + Math.floor(rng() * 2000);
    const levels = 1 + Math.floor(rng() * 60);
    const time = Float64Array.from({ length: n }, () => Math.floor(rng() * (5 + rep * 20)));
    const status = Uint8Array.from({ length: n }, () => (rng() < 0.6 ? 1 : 0));
    const lp = Float64Array.from({ length: n }, () => Math.floor(rng() * levels) / 7);
    const d = sortCoxData(time, status, [lp], false);
    const sortedLp = Float64Array.from(d.x);
    const dense = denseRanks(sortedLp, n);
    assert.ok(dense);
    const a = concordanceOfRanks(d.status, dense.ranks, dense.distinct, d.groupStart, d.groups, "fenwick");
    const b = concordanceOfRanks(d.status, dense.ranks, dense.distinct, d.groupStart, d.groups, "prefix");
    assert.deepStrictEqual(b, a, `rep ${rep}`);
    // And against every pair.
    const counts = refConcordance(
      { time: Array.from(d.time), status: Array.from(d.status), x: [], weights: null, strata: null, start: null },
      Array.from(sortedLp),
    );
    assert.deepStrictEqual(
      { concordant: a.concordant, discordant: a.discordant, tiedX: a.tiedX, tiedY: a.tiedY, tiedXY: a.tiedXY },
      counts,
      `rep ${rep} pairs`,
    );
  }
});
