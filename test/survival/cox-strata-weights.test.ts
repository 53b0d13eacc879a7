import { test } from "node:test";
import * as assert from "assert";
import { loadFixture } from "./fixture";
import { checkCoxCase } from "./cox-fixture-case";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const fixture: Json = loadFixture("cox-strata-weights");

for (const c of fixture.cases as Json[]) {
  test(`coxPH with strata / weights / robust variance matches R: ${c.name}`, () => {
    checkCoxCase(c, { datasets: fixture.datasets });
  });
}

import { InputError } from "../../src/core/index";
import { coxPH } from "../../src/survival/cox";
import { caseData } from "./cox-fixture-case";

const lung = caseData({ dataset: "lung" }, fixture.datasets);
const complete = (lung.ecog as (number | null)[]).map((v, i) => v !== null && lung.inst_id[i] !== null);
const pick = (col: Json[]) => col.filter((_, i) => complete[i]);
const L = { time: pick(lung.time), status: pick(lung.status), age: pick(lung.age), sex: pick(lung.sex), w: pick(lung.wfrac), inst: pick(lung.inst_id), sexlab: pick(lung.sexlab) };

test("robust variance: R's defaults and the tests it marks robust", () => {
  // Fractional weights: robust by default (as R), the Wald and robust score tests are robust, LR and score are not.
  const w = coxPH(L.time, L.status, { age: L.age }, { weights: L.w });
  assert.strictEqual(w.robust, true);
  assert.strictEqual(w.nCluster, L.time.length);
  assert.deepStrictEqual([w.lrTest.robust, w.waldTest.robust, w.scoreTest.robust, w.robustScoreTest?.robust], [false, true, false, true]);
  // z, p and limits use the robust se; se stays model-based.
  assert.strictEqual(w.z[0], w.coef[0] / (w.robustSe as number[])[0]);
  assert.notStrictEqual(w.se[0], (w.robustSe as number[])[0]);
  // Whole-number weights: model-based unless asked.
  const whole = coxPH(L.time, L.status, { age: L.age }, { weights: L.w.map((v: number) => Math.ceil(v)) });
  assert.strictEqual(whole.robust, false);
  assert.strictEqual(whole.robustSe, null);
  assert.strictEqual(whole.robustVariance, null);
  assert.strictEqual(whole.nCluster, null);
  assert.strictEqual(whole.waldTest.robust, false);
  // Without weights or cluster nothing changes from the plain fit but the robust fields.
  const plain = coxPH(L.time, L.status, { age: L.age, sex: L.sex });
  const rob = coxPH(L.time, L.status, { age: L.age, sex: L.sex }, { robust: true });
  assert.deepStrictEqual(rob.coef, plain.coef);
  assert.deepStrictEqual(rob.se, plain.se);
  assert.deepStrictEqual(rob.variance, plain.variance);
  assert.strictEqual(rob.logLik, plain.logLik);
  assert.strictEqual(rob.concordance, plain.concordance);
  // Cluster with robust: false is ignored with R's warning.
  const ign = coxPH(L.time, L.status, { age: L.age, sex: L.sex }, { cluster: L.inst, robust: false });
  assert.deepStrictEqual(ign.warnings, ["cluster specified with robust=FALSE, cluster ignored"]);
  assert.strictEqual(ign.robustSe, null);
});

test("with Breslow ties a weight of k is k copies of the row (coef, se, tests, concordance)", () => {
  const time = [1, 1, 2, 2, 2, 2, 3, 4, 5, 6, 6, 7];
  const status = [1, 0, 1, 1, 1, 0, 0, 1, 0, 1, 1, 0];
  const x = [2, 0, 1, 1, 0, 1, 0, 1, 0, 0.5, 1.5, 1];
  const wt = [1, 2, 3, 4, 3, 2, 1, 2, 1, 2, 1, 3];
  const rep = (col: number[]) => col.flatMap((v, i) => new Array(wt[i]).fill(v));
  // (Efron's approximation is not: k copies of an event make k tied events.)
  for (const ties of ["breslow"] as const) {
    const a = coxPH(time, status, { x }, { weights: wt, ties });
    const b = coxPH(rep(time), rep(status), { x: rep(x) }, { ties });
    const close = (u: number, v: number, what: string) => assert.ok(Math.abs(u - v) < 1e-9 * Math.max(1, Math.abs(v)), `${ties} ${what}: ${u} vs ${v}`);
    close(a.coef[0], b.coef[0], "coef");
    close(a.se[0], b.se[0], "se");
    close(a.logLik, b.logLik, "loglik");
    close(a.scoreTest.chiSq, b.scoreTest.chiSq, "score");
    close(a.concordance, b.concordance, "concordance");
  }
});

test("strata: one stratum is the unstratified fit; each stratum's rows and events are reported", () => {
  const one = coxPH(L.time, L.status, { age: L.age, sex: L.sex }, { strata: L.time.map(() => "all") });
  const plain = coxPH(L.time, L.status, { age: L.age, sex: L.sex });
  one.coef.forEach((v, j) => assert.ok(Math.abs(v - plain.coef[j]) < 1e-12));
  assert.ok(Math.abs(one.logLik - plain.logLik) < 1e-9);
  assert.strictEqual(one.concordance, plain.concordance);
  const st = coxPH(L.time, L.status, { age: L.age }, { strata: L.sexlab });
  assert.deepStrictEqual(st.strata?.levels, ["female", "male"]);
  assert.deepStrictEqual(st.strata?.n, [L.sexlab.filter((s: string) => s === "female").length, L.sexlab.filter((s: string) => s === "male").length]);
  assert.strictEqual((st.strata as { nEvent: number[] }).nEvent.reduce((a, b) => a + b, 0), st.nEvent);
  // A stratum with no events: fitted as R does (no error, no warning); it contributes nothing.
  const c = (fixture.cases as Json[]).find((k) => k.name === "a stratum with no events");
  const fit = coxPH(c.data.time, c.data.status, { x: c.data.x, v: c.data.v }, { strata: c.data.s });
  assert.deepStrictEqual(fit.strata?.nEvent, [6, 0]);
  assert.deepStrictEqual(fit.warnings, []);
});

test("bad strata / weights / cluster / robust input throws InputError naming the argument and row", () => {
  const time = [2, 3, 4, 5, 6];
  const status = [1, 0, 1, 1, 0];
  const x = { x: [1, 0, 1, 0, 2] };
  const cases: Array<[() => unknown, string, number | null, RegExp]> = [
    [() => coxPH(time, status, x, { weights: [1, 2, -1, 1, 1] }), "weights", 2, /positive/],
    [() => coxPH(time, status, x, { weights: [1, 0, 1, 1, 1] }), "weights", 1, /Invalid weights, must be >0/],
    [() => coxPH(time, status, x, { weights: [0, 0, 0, 0, 0] }), "weights", 0, /positive/],
    [() => coxPH(time, status, x, { weights: [1, 1, Infinity, 1, 1] }), "weights", 2, /finite/],
    [() => coxPH(time, status, x, { weights: [1, 1, NaN, 1, 1] }), "weights", 2, /missing/],
    [() => coxPH(time, status, x, { weights: [1, 1, "a", 1, 1] }), "weights", 2, /finite number/],
    [() => coxPH(time, status, x, { weights: [1, 1, 1] }), "weights", null, /length 3/],
    [() => coxPH(time, status, x, { cluster: [1, 1, null, 2, 2] }), "cluster", 2, /missing/],
    [() => coxPH(time, status, x, { cluster: [1, 1, {}, 2, 2] as never }), "cluster", 2, /cluster label/],
    [() => coxPH(time, status, x, { strata: ["a", "a", undefined, "b", "b"] }), "strata", 2, /missing/],
    [() => coxPH(time, status, x, { strata: ["a", "a", {}, "b", "b"] as never }), "strata", 2, /group label/],
    [() => coxPH(time, status, x, { robust: "yes" as never }), "robust", null, /true or false/],
    [() => coxPH(time, status, x, { start: [0, 0, 0, 0, 0], robust: true }), "cluster", null, /one of cluster or id is needed/],
  ];
  for (const [fn, argument, index, pattern] of cases) {
    assert.throws(fn, (e: unknown) => e instanceof InputError && e.argument === argument && e.index === index && pattern.test(e.message), `${argument} ${pattern}`);
  }
  assert.strictEqual(fixture.errors.robust_without_cluster, "one of cluster or id is needed");
  assert.strictEqual(fixture.errors.zero_weight, "Invalid weights, must be >0");
  // A missing cluster id is dropped with missing: "drop", as R's na.omit.
  const fit = coxPH([2, 3, 4, 5, 6, 7], [1, 0, 1, 1, 0, 1], { x: [1, 0, 1, 0, 2, 1] }, { cluster: [1, 1, null, 2, 2, 3], missing: "drop" });
  assert.strictEqual(fit.dropped, 1);
  assert.strictEqual(fit.nCluster, 3);
});
