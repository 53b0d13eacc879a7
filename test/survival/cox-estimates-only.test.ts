// coxPH's `estimatesOnly` option: the same fit without the concordance and the robust score test.
// Every field it returns (and its model data, and what proportionalHazardsTest and coxSurvival make
// of it) must be the same double as the full fit's, on plain, weighted, stratified, clustered and
// (start, stop] data, Efron and Breslow ties, with and without informationByPattern.
import { test } from "node:test";
import * as assert from "assert";
import seedrandom from "seedrandom";
import { coxPH } from "../../src/survival/cox";
import type { CoxPHOptions } from "../../src/survival/cox";
import { proportionalHazardsTest } from "../../src/survival/cox-zph";
import { coxSurvival } from "../../src/survival/cox-survival";
import { InputError } from "../../src/core/index";

interface Data {
  time: number[];
  event: number[];
  start: number[];
  cols: Record<string, number[]>;
  weight: number[];
  stratum: string[];
  id: number[];
}

/** Seeded patients with tied times; `split` splits each one's follow-up in two pieces at half its time (for (start, stop] fits). */
function simulate(seed: string, n: number, options: { continuous: boolean; split: boolean }): Data {
  const rng = seedrandom(seed);
  const d: Data = { time: [], event: [], start: [], cols: { x0: [], x1: [], x2: [] }, weight: [], stratum: [], id: [] };
  for (let i = 0; i < n; i++) {
    const x0 = rng() < 0.45 ? 1 : 0;
    const x1 = options.continuous ? Math.round((rng() * 4 - 2) * 1000) / 1000 : Math.floor(rng() * 3);
    const x2 = options.continuous ? 40 + Math.floor(rng() * 40) : rng() < 0.3 ? 1 : 0;
    const eta = 0.5 * x0 - 0.3 * x1 + (options.continuous ? 0.02 * (x2 - 60) : 0.4 * x2);
    const t = -Math.log(1 - rng()) / (0.08 * Math.exp(eta));
    const c = 1 + 25 * rng();
    const stop = Math.max(0.5, Math.round(Math.min(t, c) * 2) / 2);
    const event = t <= c ? 1 : 0;
    const w = 0.5 + Math.round(rng() * 300) / 100;
    const stratum = rng() < 0.5 ? "a" : "b";
    const pieces = options.split && stop >= 1 ? [[0, stop / 2, 0], [stop / 2, stop, event]] : [[0, stop, event]];
    pieces.forEach(([a, b, e], j) => {
      d.start.push(a);
      d.time.push(b);
      d.event.push(e);
      d.cols.x0.push(x0);
      d.cols.x1.push(x1);
      d.cols.x2.push(x2);
      d.weight.push(j === 0 ? w : w * 1.25);
      d.stratum.push(stratum);
      d.id.push(i);
    });
  }
  return d;
}

function compare(label: string, d: Data, options: CoxPHOptions & { estimatesOnly?: false }): void {
  const full = coxPH(d.time, d.event, d.cols, options);
  const lean = coxPH(d.time, d.event, d.cols, { ...options, estimatesOnly: true });
  const { concordance: _c, concordanceCounts: _cc, robustScoreTest: _r, ...rest } = full;
  assert.ok(!("concordance" in lean) && !("concordanceCounts" in lean) && !("robustScoreTest" in lean), `${label}: fields not computed are absent`);
  assert.deepStrictEqual(Object.keys(lean), Object.keys(rest), `${label}: the same fields in the same order`);
  // deepStrictEqual compares numbers with Object.is and typed arrays byte by byte: the same doubles.
  assert.deepStrictEqual(lean, rest, label);
  assert.deepStrictEqual(lean.model, full.model, `${label}: model data`);
  assert.strictEqual(JSON.stringify(lean), JSON.stringify(rest), `${label}: JSON`);
  assert.deepStrictEqual(proportionalHazardsTest(lean), proportionalHazardsTest(full), `${label}: cox.zph`);
  assert.deepStrictEqual(coxSurvival(lean), coxSurvival(full), `${label}: survfit`);
}

test("estimatesOnly: plain right-censored fits, continuous covariates and few covariate patterns, Efron and Breslow", () => {
  for (const continuous of [true, false]) {
    const d = simulate(`plain-${continuous}`, 300, { continuous, split: false });
    for (const ties of ["efron", "breslow"] as const) compare(`plain, continuous ${continuous}, ${ties}`, d, { ties });
  }
});

test("estimatesOnly: case weights (robust by default), clusters, robust: true, strata", () => {
  const d = simulate("weighted", 250, { continuous: true, split: false });
  compare("weights", d, { weights: d.weight });
  compare("weights, robust false", d, { weights: d.weight, robust: false });
  compare("plain, robust true", d, { robust: true });
  compare("cluster", d, { cluster: d.id.map((i) => i % 60) });
  compare("strata, weights, breslow", d, { strata: d.stratum, weights: d.weight, ties: "breslow" });
});

test("estimatesOnly: (start, stop] rows with weights, strata and clusters, with and without informationByPattern", () => {
  for (const continuous of [true, false]) {
    const d = simulate(`counting-${continuous}`, 250, { continuous, split: true });
    for (const informationByPattern of [false, true]) {
      compare(`counting, continuous ${continuous}, by pattern ${informationByPattern}`, d, { start: d.start, weights: d.weight, cluster: d.id, informationByPattern });
      compare(`counting, strata, continuous ${continuous}, by pattern ${informationByPattern}`, d, { start: d.start, strata: d.stratum, cluster: d.id, weights: d.weight, informationByPattern, ties: "breslow" });
    }
    compare(`counting, unweighted, continuous ${continuous}`, d, { start: d.start });
  }
});

test("estimatesOnly must be true or false", () => {
  const d = simulate("bad", 40, { continuous: true, split: false });
  assert.throws(() => coxPH(d.time, d.event, d.cols, { estimatesOnly: "yes" as unknown as boolean }), (e: unknown) => e instanceof InputError && /estimatesOnly/.test((e as Error).message));
});
