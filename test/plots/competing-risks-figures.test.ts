import { test } from "node:test";
import * as assert from "assert";
import { aalenJohansen, cumulativeIncidence, cumulativeIncidenceDelayedEntry, multiStateRows, numberAtRisk } from "../../src/survival/index";
import { stateOccupancyFigure, cumulativeIncidencePanelFigure } from "../../src/plots/index";
import { underObservation } from "../../src/plots/state-occupancy";
import { InputError } from "../../src/core/index";

type Trace = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let seed = 2024;
const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
const n = 150;
const arm = Array.from({ length: n }, () => (rnd() < 0.3 ? "TACE+RT" : "TACE"));
const follow = Array.from({ length: n }, () => Math.round((1 + rnd() * 40) * 10) / 10);
const local = follow.map((t) => (rnd() < 0.4 ? Math.round(t * rnd() * 10) / 10 : null));
const oof = follow.map((t) => (rnd() < 0.3 ? Math.round(t * rnd() * 10) / 10 : null));
const died = follow.map(() => rnd() < 0.5);
const rows = multiStateRows(follow, { local, "out of field": oof, death: follow.map((t, i) => (died[i] ? t : null)) }, { group: arm });
const aj = aalenJohansen(rows.stop, rows.state, rows.group, { start: rows.start, id: rows.id, censor: rows.censor, states: rows.states, istate: rows.istate });

test("stateOccupancyFigure: stacked hv bands per group that add up to 1, the starting state at the bottom", () => {
  const fig = stateOccupancyFigure(aj);
  const traces = fig.data as Trace[];
  assert.strictEqual(traces.length, aj.groups.length * aj.states.length);
  for (const [g, group] of aj.groups.entries()) {
    const mine = traces.filter((t) => t.meta.group === group);
    assert.deepStrictEqual(mine.map((t) => t.meta.state), aj.states);
    const top = mine[mine.length - 1];
    top.y.forEach((v: number) => assert.ok(Math.abs(v - 1) < 1e-9, `${group}: the stack reaches 1`));
    const curve = aj.curves[g];
    // The bottom band is the starting state's occupancy on the curve's times.
    assert.strictEqual(mine[0].x[0], 0);
    assert.ok(Math.abs(mine[0].y[0] - curve.p0[0]) < 1e-11);
    mine[0].x.slice(1).forEach((t: number, i: number) => assert.strictEqual(t, curve.time[i]));
    mine[0].y.slice(1).forEach((v: number, i: number) => assert.ok(Math.abs(v - curve.pstate[i][0]) < 1e-11));
    mine.forEach((t) => assert.strictEqual(t.line.shape, "hv"));
    assert.strictEqual(mine[0].fill, "tozeroy");
    assert.ok(mine.slice(1).every((t) => t.fill === "tonexty"));
  }
  // Legend once per state; death keeps its study colour.
  assert.strictEqual(traces.filter((t) => t.showlegend).length, aj.states.length);
  assert.strictEqual((traces.find((t) => t.meta.state === "death") as Trace).fillcolor, "#777777");
});

test("stateOccupancyFigure: number under observation at the breaks, as summary(survfit, times)$n.risk summed over states", () => {
  const fig = stateOccupancyFigure(aj, { timeStep: 10 });
  const ticks = (fig.layout as Trace).xaxis.tickvals as number[];
  assert.deepStrictEqual(ticks, [0, 10, 20, 30, 40]);
  const counts = underObservation(aj.curves[0], ticks);
  // At a break: rows with start < s <= stop at the first stop time s >= the break.
  ticks.forEach((t, j) => {
    const s = Math.min(...rows.stop.filter((v, k) => v >= t && rows.group![k] === aj.groups[0]));
    const expected = rows.stop.filter((v, k) => rows.group![k] === aj.groups[0] && rows.start[k] < s && v >= s).length;
    assert.strictEqual(counts[j], Number.isFinite(s) ? expected : 0, `at ${t}`);
  });
  const texts = ((fig.layout as Trace).annotations as Trace[]).filter((a) => a.xref === "x").map((a) => Number(a.text));
  assert.deepStrictEqual(texts, counts);
});

test("stateOccupancyFigure bad input", () => {
  assert.throws(() => stateOccupancyFigure(aj, { states: ["nowhere"] }), InputError);
  assert.throws(() => stateOccupancyFigure(aj, { groups: ["other"] }), InputError);
  assert.throws(() => stateOccupancyFigure({} as never), InputError);
});

test("cumulativeIncidencePanelFigure: cuminc panels with the number at risk of numberAtRisk under each", () => {
  const time = follow;
  const cause = follow.map((_, i) => (local[i] !== null ? 1 : oof[i] !== null ? 2 : died[i] ? 3 : 0));
  const ci = cumulativeIncidence(time, cause, arm);
  const fig = cumulativeIncidencePanelFigure(ci, { atRisk: { time, group: arm }, causes: [1, 2] });
  const layout = fig.layout as Trace;
  const ticks = layout.xaxis.tickvals as number[];
  const expected = numberAtRisk(time, ticks, arm, { levels: ci.groups });
  // Two panels, each with its row of counts per group: numberAtRisk's.
  const cells = (layout.annotations as Trace[]).filter((a) => /^x\d*$/.test(a.xref));
  assert.strictEqual(cells.length, 2 * ci.groups.length * ticks.length);
  const firstPanel = cells.filter((a) => a.xref === "x").map((a) => Number(a.text));
  ci.groups.forEach((g, r) => assert.deepStrictEqual(firstPanel.slice(r * ticks.length, (r + 1) * ticks.length), expected.nRisk[r], g));
  assert.ok(layout.yaxis.domain[0] > 0 && layout.yaxis2.domain[0] === layout.yaxis.domain[0]);
  assert.throws(() => cumulativeIncidencePanelFigure(ci, undefined as never), InputError);
  assert.throws(() => cumulativeIncidencePanelFigure(ci, { atRisk: { time, group: arm.map(() => "other") } }), InputError);
});

test("cumulativeIncidencePanelFigure takes a delayed-entry result; the risk set counts entries before each time", () => {
  const start = follow.map((t) => Math.round(t * rnd() * 0.3 * 10) / 10);
  const cause = follow.map((_, i) => (died[i] ? 1 : local[i] !== null ? 2 : 0));
  const ci = cumulativeIncidenceDelayedEntry(start, follow, cause, arm);
  const fig = cumulativeIncidencePanelFigure(ci, { atRisk: { time: follow, group: arm, start } });
  const ticks = (fig.layout as Trace).xaxis.tickvals as number[];
  const cells = ((fig.layout as Trace).annotations as Trace[]).filter((a) => a.xref === "x").map((a) => Number(a.text));
  const expected: number[] = [];
  ci.groups.forEach((g) => {
    ticks.forEach((t) => {
      const stops = follow.filter((v, k) => arm[k] === g && v >= t);
      const s = Math.min(...stops);
      expected.push(stops.length === 0 ? 0 : follow.filter((v, k) => arm[k] === g && start[k] < s && v >= s).length);
    });
  });
  assert.deepStrictEqual(cells, expected);
});
