import { test } from "node:test";
import * as assert from "assert";
import { assertAllClose } from "../helpers/reference";
import { aalenJohansen, stateOccupancyAt } from "../../src/survival/index";
import type { AalenJohansenResult } from "../../src/survival/index";
import { loadFixture, assertInputError } from "./fixture";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** |a - e| <= tol * max(|e|, floor): relative, with an absolute floor for values near 0. */
function near(a: number | null, e: number | null, label: string, tol = 1e-9, floor = 1e-12): void {
  if (e === null) {
    assert.strictEqual(a, null, `${label}: expected NA, got ${a}`);
    return;
  }
  assert.ok(a !== null && Math.abs(a - e) <= tol * Math.max(Math.abs(e), floor), `${label}: expected ${e}, got ${a}`);
}

function fitFixture(c: Json): AalenJohansenResult {
  const d = c.data;
  return aalenJohansen(d.stop, d.state, d.group, {
    start: d.start ?? undefined,
    id: d.id ?? undefined,
    istate: d.istate ?? undefined,
    weights: d.weights ?? undefined,
    censor: "censor",
    states: c.options.states,
    confType: c.options.conf_type,
    timefix: c.options.timefix,
  });
}

for (const c of loadFixture("competing-multistate") as Json[]) {
  test(`aalenJohansen matches survfit (multi-state): ${c.name}`, () => {
    const e = c.expected;
    const fit = fitFixture(c);
    assert.deepStrictEqual(fit.states.slice().sort(), e.states.slice().sort(), "states");
    // Columns of R's matrices in our state order.
    const col = e.states.map((s: string) => fit.states.indexOf(s));
    assert.deepStrictEqual(fit.transitions.from.slice().sort(), e.transitions.from.slice().sort());
    e.transitions.from.forEach((from: string, r: number) =>
      e.transitions.to.forEach((to: string, k: number) => {
        const rr = fit.transitions.from.indexOf(from);
        const kk = fit.transitions.to.indexOf(to);
        assert.strictEqual(fit.transitions.counts[rr][kk], e.transitions.counts[r][k], `transitions ${from} -> ${to}`);
      }),
    );
    // Hazard columns by (from, to) names.
    const hazCol = e.cumhaz_names.map((name: string) => {
      const [from, to] = name.split(".").map((x) => e.states[Number(x) - 1]);
      const h = fit.hazards.findIndex((x) => x.from === from && x.to === to);
      assert.ok(h >= 0, `hazard ${name}`);
      return h;
    });
    assert.strictEqual(fit.curves.length, e.curves.length);
    e.curves.forEach((ec: Json, g: number) => {
      const curve = fit.curves[g];
      const label = `${c.name} [${ec.group}]`;
      assert.strictEqual(curve.group, ec.group);
      assertAllClose(curve.time, ec.time, `${label} time`, 0);
      ec.p0.forEach((v: number, s: number) => near(curve.p0[col[s]], v, `${label} p0[${s}]`, 1e-12));
      ec.time.forEach((_: number, t: number) => {
        e.states.forEach((_s: string, s: number) => {
          const k = col[s];
          near(curve.pstate[t][k], ec.pstate[t][s], `${label} pstate[${t}][${e.states[s]}]`, 1e-10);
          // Relative 1e-8, or 1e-8 absolute where R's value is rounding noise around 0 (e.g. 3e-17 once everyone has died).
          near(curve.stdErr[t][k], ec.std_err[t][s], `${label} std.err[${t}][${e.states[s]}]`, 1e-8, 1);
          assert.strictEqual(curve.nRisk[t][k], ec.n_risk[t][s], `${label} n.risk[${t}][${s}]`);
          assert.strictEqual(curve.nEvent[t][k], ec.n_event[t][s], `${label} n.event[${t}][${s}]`);
          // Limits: relative 1e-8, absolute 1e-8 near 0 (where p itself is rounding noise, e.g. 1.6e-16 in R).
          near(curve.lower[t][k], ec.lower[t][s], `${label} lower[${t}][${s}]`, 1e-8, 1);
          near(curve.upper[t][k], ec.upper[t][s], `${label} upper[${t}][${s}]`, 1e-8, 1);
        });
        assert.strictEqual(curve.nCensor[t], ec.n_censor[t], `${label} n.censor[${t}]`);
        hazCol.forEach((h: number, j: number) => near(curve.cumhaz[t][h], ec.cumhaz[t][j], `${label} cumhaz[${t}][${j}]`, 1e-10));
      });
    });
  });
}

/**
 * survfitci.c's recursion written out directly (every subject updated at every time), as an
 * independent check of the standard errors on random data with weights, delayed entry, several
 * rows per subject and two curves.
 */
function directStdErr(start: number[], stop: number[], status: number[], person: number[], w: number[], S: number, init: number[]): number[][] {
  const n = stop.length;
  const np = Math.max(...person) + 1;
  const times = Array.from(new Set(stop)).sort((a, b) => a - b);
  const U = Array.from({ length: np }, () => new Array(S).fill(0));
  const wtp = new Array(np).fill(0);
  const cstate = init.slice();
  const atRisk = new Array(np).fill(false);
  let t0 = Infinity;
  for (let r = 0; r < n; r++) if (status[r] > 0) t0 = Math.min(t0, stop[r]);
  let p = new Array(S).fill(0);
  let ws0 = 0;
  for (let r = 0; r < n; r++) if (start[r] < t0 && stop[r] >= t0) {
    p[cstate[person[r]]] += w[r];
    ws0 += w[r];
  }
  p = p.map((v) => v / ws0);
  const added = new Array(n).fill(false);
  const out: number[][] = [];
  for (const t of times) {
    const ns = new Array(S).fill(0);
    const wsum = new Array(S).fill(0);
    for (let r = 0; r < n; r++) if (!added[r] && start[r] < t) {
      added[r] = true;
      wtp[person[r]] = w[r];
      atRisk[person[r]] = true;
    }
    for (let r = 0; r < n; r++) if (added[r] && stop[r] >= t) {
      ns[cstate[person[r]]]++;
      wsum[cstate[person[r]]] += w[r];
    }
    const H = Array.from({ length: S }, (_, a) => Array.from({ length: S }, (_b, b) => (a === b ? 1 : 0)));
    const dstate = cstate.slice();
    let any = false;
    for (let r = 0; r < n; r++) if (stop[r] === t && status[r] > 0 && status[r] - 1 !== cstate[person[r]]) {
      any = true;
      const s = cstate[person[r]];
      dstate[person[r]] = status[r] - 1;
      H[s][status[r] - 1] += w[r] / wsum[s];
      H[s][s] -= w[r] / wsum[s];
    }
    if (any) {
      for (let q = 0; q < np; q++) U[q] = U[q].map((_, b) => U[q].reduce((acc, v, m) => acc + v * H[m][b], 0));
      for (let q = 0; q < np; q++) if (atRisk[q]) {
        const s = cstate[q];
        const c = p[s] / wsum[s];
        for (let b = 0; b < S; b++) U[q][b] -= H[s][b] * c;
        U[q][dstate[q]] += c;
      }
      p = p.map((_, b) => p.reduce((acc, v, m) => acc + v * H[m][b], 0));
    }
    out.push(Array.from({ length: S }, (_, s) => Math.sqrt(U.reduce((acc, row, q) => acc + wtp[q] * wtp[q] * row[s] * row[s], 0))));
    for (let r = 0; r < n; r++) if (stop[r] === t) {
      atRisk[person[r]] = false;
      if (status[r] > 0) cstate[person[r]] = status[r] - 1;
    }
  }
  return out;
}

test("aalenJohansen standard errors equal survfitci's direct recursion on random multi-state data", () => {
  let seed = 12345;
  const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  for (let rep = 0; rep < 5; rep++) {
    const start: number[] = [];
    const stop: number[] = [];
    const state: string[] = [];
    const id: number[] = [];
    const w: number[] = [];
    const names = ["a", "b", "c", "d"];
    for (let q = 0; q < 60; q++) {
      let t = rnd() < 0.3 ? Math.ceil(rnd() * 5) : 0;
      let cur = "a";
      const weight = Math.ceil(rnd() * 3);
      for (let seg = 0; seg < 4; seg++) {
        const end = t + Math.ceil(rnd() * 6);
        const go = rnd();
        const next = go < 0.35 ? "censor" : names[Math.floor(rnd() * 4)];
        start.push(t);
        stop.push(end);
        state.push(next === cur ? "censor" : next);
        id.push(q);
        w.push(rep % 2 === 0 ? 1 : weight + seg);
        // A censored row ends the subject (interior censored rows are joined to the next one, see multi-state-data).
        if (next === "censor" || next === cur) break;
        if (next !== cur) cur = next;
        t = end;
      }
    }
    const fit = aalenJohansen(stop, state, null, { start, id, weights: w, censor: "censor", states: ["a", "b", "c", "d"], initialState: "a", timefix: false });
    const S = fit.states.length;
    const statusCode = state.map((s) => (s === "censor" ? 0 : fit.states.indexOf(s) + 1));
    const init = new Array(60).fill(fit.states.indexOf("a"));
    const expected = directStdErr(start, stop, statusCode, id, w, S, init);
    const curve = fit.curves[0];
    expected.forEach((row, t) => row.forEach((v, s) => near(curve.stdErr[t][s], v, `rep ${rep} std.err[${t}][${s}]`, 1e-9, 1e-6)));
  }
});

test("stateOccupancyAt reads the curves as summary(survfit, times)", () => {
  const c = (loadFixture("competing-multistate") as Json[])[0];
  const fit = fitFixture(c);
  const rows = stateOccupancyAt(fit, [0, 2, 4.5, 11, 12]);
  assert.strictEqual(rows.length, 4 * 4); // 12 is after the last time
  const at45 = rows.filter((r) => r.time === 4.5);
  const k = fit.curves[0].time.indexOf(4);
  at45.forEach((r, s) => assert.strictEqual(r.probability, fit.curves[0].pstate[k][s]));
  const at0 = rows.filter((r) => r.time === 0);
  at0.forEach((r, s) => assert.strictEqual(r.probability, fit.curves[0].p0[s]));
});

test("aalenJohansen bad input: overlaps, gaps, contradicting istate, zero-length rows, one row per subject", () => {
  // subject 1: (0, 4] a, (3, 9] b  -> overlap at row 1
  assertInputError(() => aalenJohansen([4, 9], ["a", "b"], null, { start: [0, 3], id: [1, 1] }), "start", 1);
  assertInputError(() => aalenJohansen([4, 9], ["a", "b"], null, { start: [0, 5], id: [1, 1] }), "start", 1);
  assertInputError(() => aalenJohansen([4, 9], ["a", "b"], null, { start: [0, 4] }), "id", null);
  assertInputError(() => aalenJohansen([4, 9], ["a", "b"], null, { start: [0, 4], id: [1, 1], istate: ["s", "s"] }), "istate", 1);
  assertInputError(() => aalenJohansen([0, 9], ["a", "b"], null, { start: [0, 0], id: [1, 2] }), "stop", 0);
  assertInputError(() => aalenJohansen([4, 9], ["a", "b"], null, { id: [1, 1] }), "id", 1);
  assertInputError(() => aalenJohansen([4, 9], ["a", "x"], null, { states: ["a", "b"] }), "state", 1);
  assertInputError(() => aalenJohansen([4, 9], ["a", "b"], null, { weights: [1, -1] }), "weights", 1);
  assertInputError(() => aalenJohansen([4, 9], ["a", null], null), "state", 1);
  assertInputError(() => aalenJohansen([4, 9], ["a", true], null), "state", 1);
});
