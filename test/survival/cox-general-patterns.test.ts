// The general Cox engine's pass by covariate pattern (src/survival/cox-general-patterns), used for
// split follow-up with few distinct covariate rows, against the row-by-row pass (evaluateGeneral)
// on seeded (start, stop] data with tied times, left truncation, weights that change from piece to
// piece, strata, Efron and Breslow ties: the log-likelihood and score to the bit, the information
// and the fitted model to rounding (the information's sums are added in another order).
import { test } from "node:test";
import * as assert from "assert";
import seedrandom from "seedrandom";
import { coxPH } from "../../src/survival/cox";
import { buildCoxRiskData, subsetRiskData, timefixInPlace, usedRows } from "../../src/survival/cox-risk-data";
import type { CoxRiskData } from "../../src/survival/cox-risk-data";
import { evaluateGeneral, fitCoxGeneral, makeWork } from "../../src/survival/cox-general-engine";
import { evaluateGeneralPatterns, patternWork } from "../../src/survival/cox-general-patterns";
import { splitFollowUp } from "../../src/survival/split-follow-up";

interface Split {
  start: number[];
  stop: number[];
  event: number[];
  x: number[][]; // columns
  weight: number[];
  stratum: number[];
  id: number[];
}

/** Seeded patients (binary, whole-number, continuous and 3-level covariates; entry times; tied event times) split at `cuts` cut times, weights by patient and piece. */
function simulate(seed: string, n: number, cuts: number, strata: number): Split {
  const rng = seedrandom(seed);
  const cols = { id: [] as number[], entry: [] as number[], time: [] as number[], event: [] as number[], x0: [] as number[], x1: [] as number[], x2: [] as number[], x3: [] as number[], stratum: [] as number[] };
  for (let i = 0; i < n; i++) {
    const x0 = rng() < 0.4 ? 1 : 0;
    const x1 = 40 + Math.floor(rng() * 40);
    const x2 = Math.round((rng() * 4 - 2) * 100) / 100;
    const x3 = Math.floor(rng() * 3);
    const eta = 0.6 * x0 + 0.02 * (x1 - 60) - 0.3 * x2 + 0.25 * x3;
    const t = -Math.log(1 - rng()) / (0.06 * Math.exp(eta));
    const c = 2 + 30 * rng();
    const entry = rng() < 0.3 ? Math.floor(rng() * 8) / 2 : 0;
    let stop = Math.round(Math.min(t, c) * 2) / 2; // a half-month grid: tied times
    if (!(stop > entry)) stop = entry + 0.5;
    cols.id.push(i);
    cols.entry.push(entry);
    cols.time.push(stop);
    cols.event.push(t <= c ? 1 : 0);
    cols.x0.push(x0);
    cols.x1.push(x1);
    cols.x2.push(x2);
    cols.x3.push(x3);
    cols.stratum.push(Math.floor(rng() * strata));
  }
  const cut = Array.from({ length: cuts }, (_, k) => 0.75 + k * (28 / cuts));
  const s = splitFollowUp(cols, { time: "time", event: "event", start: "entry", cut }) as unknown as Record<string, number[]>;
  // A weight per patient and piece (as inverse-probability-of-censoring weights: changing at the cut times).
  const weight = s.id.map((i, r) => Math.round((0.5 + ((i * 37 + Math.floor(s.entry[r] * 7)) % 23) / 10) * 1000) / 1000);
  return { start: s.entry, stop: s.time, event: s.event, x: [s.x0, s.x1, s.x2, s.x3], weight, stratum: s.stratum, id: s.id };
}

/** The layout coxPH fits on (timefix, sorted, rows at risk at some event time). */
function layout(d: Split, weighted: boolean, stratified: boolean): CoxRiskData {
  const stop = Float64Array.from(d.stop);
  const start = Float64Array.from(d.start);
  timefixInPlace(stop, start);
  const strata = stratified ? Int32Array.from(d.stratum) : null;
  const levels = stratified ? Array.from(new Set(d.stratum)).sort().map(String) : [];
  const risk = buildCoxRiskData(stop, start, Uint8Array.from(d.event), d.x.map((c) => Float64Array.from(c)), weighted ? Float64Array.from(d.weight) : null, strata, levels);
  const used = usedRows(risk);
  return used === null ? risk : subsetRiskData(risk, used);
}

/** Centred and scaled like the engine's covariates (any matrix serves for comparing the two passes). */
function scaled(d: CoxRiskData): Float64Array {
  const xs = Float64Array.from(d.x);
  for (let j = 0; j < d.p; j++) {
    let s = 0;
    for (let k = 0; k < d.n; k++) s += xs[k * d.p + j];
    const m = s / d.n;
    let sa = 0;
    for (let k = 0; k < d.n; k++) sa += Math.abs(xs[k * d.p + j] - m);
    for (let k = 0; k < d.n; k++) xs[k * d.p + j] = ((xs[k * d.p + j] - m) * d.n) / sa;
  }
  return xs;
}

const cases = [
  { seed: "patterns-a", n: 150, cuts: 20, strata: 1, weighted: true, efron: true },
  { seed: "patterns-b", n: 100, cuts: 40, strata: 3, weighted: true, efron: true },
  { seed: "patterns-c", n: 150, cuts: 20, strata: 1, weighted: false, efron: true },
  { seed: "patterns-d", n: 100, cuts: 30, strata: 2, weighted: true, efron: false },
];

test("by pattern: log-likelihood and score bit-identical to the row-by-row pass, information to rounding", () => {
  for (const c of cases) {
    const d = layout(simulate(c.seed, c.n, c.cuts, c.strata), c.weighted, c.strata > 1);
    const xs = scaled(d);
    const pw = patternWork(d, xs);
    assert.ok(pw !== null, c.seed);
    assert.ok(pw.count <= 150 && d.n > 4 * pw.count, `${c.seed}: ${pw.count} patterns of ${d.n} rows`);
    const rng = seedrandom(`${c.seed}-beta`);
    for (let b = 0; b < 4; b++) {
      const beta = Float64Array.from({ length: d.p }, () => (b === 0 ? 0 : rng() - 0.5));
      const w1 = makeWork(d.n, d.p);
      const w2 = makeWork(d.n, d.p);
      const l1 = evaluateGeneral(d, xs, beta, c.efron, w1);
      const l2 = evaluateGeneralPatterns(d, xs, beta, c.efron, w2, pw);
      assert.strictEqual(pw.fallback, false);
      assert.strictEqual(l2, l1, `${c.seed} log-likelihood`);
      assert.deepStrictEqual(Array.from(w2.u), Array.from(w1.u), `${c.seed} score`);
      let scale = 0;
      for (let i = 0; i < d.p; i++) scale = Math.max(scale, Math.abs(w1.imat[i * d.p + i]));
      for (let i = 0; i < d.p; i++) {
        for (let j = 0; j <= i; j++) {
          const diff = Math.abs(w2.imat[j * d.p + i] - w1.imat[j * d.p + i]);
          assert.ok(diff <= 1e-13 * scale, `${c.seed} information [${j}, ${i}]: ${w2.imat[j * d.p + i]} vs ${w1.imat[j * d.p + i]}`);
        }
      }
    }
  }
});

test("by pattern: the fitted model agrees with the row-by-row engine's to 1e-10", () => {
  for (const c of cases) {
    const d = layout(simulate(c.seed, c.n, c.cuts, c.strata), c.weighted, c.strata > 1);
    const o = { efron: c.efron, maxIter: 20, eps: 1e-9, tolerChol: Math.pow(Number.EPSILON, 0.75), counting: true, doscale: Uint8Array.of(0, 1, 1, 1) };
    const a = fitCoxGeneral(d, o, true);
    const b = fitCoxGeneral(d, o, false);
    assert.ok(a.converged && b.converged, c.seed);
    assert.strictEqual(a.iterations, b.iterations, c.seed);
    const close = (x: number, y: number, what: string) => assert.ok(Math.abs(x - y) <= 1e-10 * Math.max(1, Math.abs(y)), `${c.seed} ${what}: ${x} vs ${y}`);
    a.coef.forEach((v, j) => close(v, b.coef[j], `coef ${j}`));
    a.variance.forEach((v, j) => close(v, b.variance[j], `variance ${j}`));
    close(a.logLik, b.logLik, "logLik");
    assert.strictEqual(a.logLikNull, b.logLikNull, `${c.seed} logLikNull`);
    close(a.scoreTest, b.scoreTest, "score test");
  }
});

test("by pattern: split follow-up gives the model of the unsplit rows (weights constant per patient)", () => {
  const d = simulate("patterns-unsplit", 150, 20, 1);
  const x = { x0: d.x[0], x1: d.x[1], x2: d.x[2], x3: d.x[3] };
  const split = coxPH(d.stop, d.event, x, { start: d.start, ties: "efron", informationByPattern: true });
  // The same patients unsplit: each patient's first entry and last stop.
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  d.id.forEach((i, r) => {
    if (!first.has(i)) first.set(i, r);
    last.set(i, r);
  });
  const ids = Array.from(first.keys());
  const pick = (col: number[], at: Map<number, number>) => ids.map((i) => col[at.get(i) as number]);
  const whole = coxPH(pick(d.stop, last), pick(d.event, last), { x0: pick(d.x[0], first), x1: pick(d.x[1], first), x2: pick(d.x[2], first), x3: pick(d.x[3], first) }, { start: pick(d.start, first), ties: "efron" });
  assert.ok(split.n > 4 * whole.n);
  split.coef.forEach((v, j) => assert.ok(Math.abs(v - whole.coef[j]) < 1e-10, `coef ${j}: ${v} vs ${whole.coef[j]}`));
  split.se.forEach((v, j) => assert.ok(Math.abs(v - whole.se[j]) < 1e-10, `se ${j}: ${v} vs ${whole.se[j]}`));
  assert.ok(Math.abs(split.logLik - whole.logLik) < 1e-9);
});

test("by pattern: a risk set that needs re-centring hands the pass back to evaluateGeneral", () => {
  const d = layout(simulate("patterns-a", 150, 20, 1), true, false);
  const xs = scaled(d);
  const pw = patternWork(d, xs);
  assert.ok(pw !== null);
  const beta = Float64Array.of(0, 0, 400, 0);
  const value = evaluateGeneralPatterns(d, xs, beta, true, makeWork(d.n, d.p), pw);
  assert.ok(Number.isNaN(value));
  assert.strictEqual(pw.fallback, true);
  // The next ordinary beta works again.
  const again = evaluateGeneralPatterns(d, xs, new Float64Array(4), true, makeWork(d.n, d.p), pw);
  assert.ok(Number.isFinite(again));
  assert.strictEqual(pw.fallback, false);
});

test("by pattern: not used for right-censored rows, fewer than 3 covariates, or rows that rarely repeat", () => {
  const d = layout(simulate("patterns-a", 150, 20, 1), true, false);
  const xs = scaled(d);
  assert.strictEqual(patternWork({ ...d, start: null, startOrder: null }, xs), null);
  const two = simulate("patterns-a", 150, 20, 1);
  const d2 = layout({ ...two, x: two.x.slice(0, 2) }, true, false);
  assert.strictEqual(patternWork(d2, scaled(d2)), null);
  const few = layout(simulate("patterns-a", 150, 1, 1), true, false);
  assert.strictEqual(patternWork(few, scaled(few)), null);
});

test("coxPH informationByPattern: opt-in, the same model as without it to 1e-10 (robust variance included), checked option", () => {
  const d = simulate("patterns-coxph", 150, 20, 1);
  const x = { x0: d.x[0], x1: d.x[1], x2: d.x[2], x3: d.x[3] };
  const base = { start: d.start, weights: d.weight, cluster: d.id, ties: "efron" as const };
  const plain = coxPH(d.stop, d.event, x, base);
  const byPattern = coxPH(d.stop, d.event, x, { ...base, informationByPattern: true });
  assert.deepStrictEqual(coxPH(d.stop, d.event, x, { ...base, informationByPattern: false }), plain);
  const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) <= 1e-10 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);
  plain.coef.forEach((b, j) => close(byPattern.coef[j], b, `coef ${j}`));
  plain.se.forEach((b, j) => close(byPattern.se[j], b, `se ${j}`));
  (plain.robustSe as number[]).forEach((b, j) => close((byPattern.robustSe as number[])[j], b, `robust se ${j}`));
  close(byPattern.logLik, plain.logLik, "logLik");
  assert.strictEqual(byPattern.logLikNull, plain.logLikNull);
  assert.strictEqual(byPattern.concordance, plain.concordance);
  assert.throws(() => coxPH(d.stop, d.event, x, { ...base, informationByPattern: "yes" as unknown as boolean }), /informationByPattern/);
});
