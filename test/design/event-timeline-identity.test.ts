import { test } from "node:test";
import * as assert from "assert";
import seedrandom from "seedrandom";
import { curveArmIncidence, exponentialArmIncidence, simulateEventTimeline, trialControlCurves, TIMELINE_QUANTILES } from "../../src/design/index";
import type { ArmIncidence } from "../../src/design/arm-incidence";
import { quantileSorted } from "../../src/stats/quantile-sorted";
import { loadFixture } from "../survival/fixture";

// simulateEventTimeline reads the d-th observed event time from a typed array sorted numerically,
// and curveArmIncidence's eventTime finds the jump by binary search (notebook 08's timelines: about
// 5 × 1000 trials of 400 patients). Both must give the results of the straightforward code they
// replaced, written out here as the reference: every double the same (deepStrictEqual is Object.is
// on numbers).

/** The former eventTime of a curve arm: the first jump whose level exceeds u, by a scan. */
function scanEventTime(curve: { time: number[]; value: number[] }, ratio: number): (u: number) => number {
  const g = (v: number) => (ratio === 1 ? v : 1 - Math.pow(1 - v, ratio));
  const times: number[] = [];
  const levels: number[] = [];
  let prev = 0;
  curve.time.forEach((t, i) => {
    const v = g(curve.value[i]);
    if (v > prev) {
      times.push(t);
      levels.push(v);
      prev = v;
    }
  });
  return (u) => {
    for (let j = 0; j < times.length; j++) if (u < levels[j]) return times[j];
    return Infinity;
  };
}

/** The former simulation loop: a plain array of observed times sorted with a comparator. */
function referenceTimeline(o: { events: number; patients: number; accrualPerMonth: number; allocation?: number; rampMonths?: number; control: ArmIncidence; experimental: ArmIncidence; simulations: number; seed: string }) {
  const d = o.events;
  const rate = o.accrualPerMonth;
  const n = o.patients;
  const p = o.allocation ?? 0.5;
  const ramp = o.rampMonths ?? 0;
  const arms = [o.control, o.experimental];
  const entryAt = (cum: number) => (cum < (rate * ramp) / 2 ? Math.sqrt((2 * ramp * cum) / rate) : ramp / 2 + cum / rate);
  const nExp = Math.round(n * p);
  const times: number[] = [];
  let never = 0;
  let accrualSum = 0;
  const observed: number[] = [];
  for (let k = 1; k <= o.simulations; k++) {
    const rng = seedrandom(`${o.seed}/${k}`);
    observed.length = 0;
    let entry = 0;
    let cum = 0;
    let expLeft = nExp;
    for (let i = 0; i < n; i++) {
      if (ramp === 0) entry += -Math.log(1 - rng()) / rate;
      else {
        cum += -Math.log(1 - rng());
        entry = entryAt(cum);
      }
      const experimental = rng() < expLeft / (n - i);
      if (experimental) expLeft--;
      const arm = arms[experimental ? 1 : 0];
      const t = arm.eventTime(rng());
      const loss = arm.dropoutHazard > 0 ? -Math.log(1 - rng()) / arm.dropoutHazard : Infinity;
      if (t < loss) observed.push(entry + t);
    }
    accrualSum += entry;
    if (observed.length < d) {
      never++;
      continue;
    }
    observed.sort((a, b) => a - b);
    times.push(observed[d - 1]);
  }
  const m = times.length;
  const mean = m > 0 ? times.reduce((s, x) => s + x, 0) / m : null;
  const sd = m > 1 && mean !== null ? Math.sqrt(times.reduce((s, x) => s + (x - mean) * (x - mean), 0) / (m - 1)) : null;
  const sorted = times.slice().sort((a, b) => a - b);
  return {
    simulations: o.simulations,
    seed: o.seed,
    neverReached: never,
    mean,
    mcse: sd === null ? null : sd / Math.sqrt(m),
    sd,
    quantiles: m > 0 ? TIMELINE_QUANTILES.map((q) => ({ q, months: quantileSorted(sorted, q) })) : [],
    meanAccrualMonths: accrualSum / o.simulations,
  };
}

const fx = loadFixture("design-trial-planning");
const curves = trialControlCurves({ outOfField: { time: fx.cohort_out_of_field.time, cause: fx.cohort_out_of_field.cause }, survival: null });

test("curveArmIncidence's eventTime (binary search) = the scan over the jumps, at every level, between levels and beyond the plateau", () => {
  const curve = curves.outOfField!;
  for (const ratio of [1, 0.7, 1.4]) {
    const arm = curveArmIncidence(curve, { ratio, dropoutHazard: 0.01 });
    const scan = scanEventTime(curve, ratio);
    const rng = seedrandom(`event-time-${ratio}`);
    const us: number[] = [0, 1, -0, NaN, 0.999999];
    for (const v of curve.value) us.push(v, 1 - Math.pow(1 - v, ratio), v - 1e-12, v + 1e-12);
    for (let k = 0; k < 2000; k++) us.push(rng());
    for (const u of us) assert.ok(Object.is(arm.eventTime(u), scan(u)), `ratio ${ratio}, u = ${u}: ${arm.eventTime(u)} vs ${scan(u)}`);
  }
});

test("simulateEventTimeline = the former loop (comparator sort of a plain array), exponential and curve arms, with dropout, a ramp-up and trials that never reach the events", () => {
  const exp = (ratio: number, eta: number) => exponentialArmIncidence({ causeHazard: 0.067, competingHazard: 0.011, ratio, dropoutHazard: eta });
  const cur = (ratio: number, eta: number) => curveArmIncidence(curves.outOfField!, { ratio, dropoutHazard: eta });
  const cases = [
    { events: 247, patients: 370, accrualPerMonth: 370 / 36, control: exp(1, 0), experimental: exp(0.7, 0) },
    { events: 247, patients: 401, accrualPerMonth: 401 / 36, control: exp(1, 0.0056), experimental: exp(0.7, 0.0056), rampMonths: 6 },
    { events: 120, patients: 250, accrualPerMonth: 7, allocation: 2 / 3, control: cur(1, 0.0056), experimental: cur(0.7, 0.0056) },
    { events: 160, patients: 240, accrualPerMonth: 10, control: cur(1, 0.02), experimental: cur(1, 0.02), rampMonths: 12 },
  ];
  for (const [i, c] of cases.entries()) {
    const opts = { ...c, simulations: 150, seed: `identity-${i}` };
    const { method: _m, ...got } = simulateEventTimeline(opts);
    assert.deepStrictEqual(got, referenceTimeline(opts), `case ${i}`);
  }
  // The last case must include trials that never reach the events (the reference's early exit).
  const last = simulateEventTimeline({ ...cases[3], simulations: 150, seed: "identity-3" });
  assert.ok(last.neverReached > 0 && last.neverReached < 150, `neverReached ${last.neverReached}`);
});

test("kthSmallest = the ascending sort's value at k, with ties, runs, ±0 and infinities", async () => {
  const { kthSmallest } = await import("../../src/design/trial-event-timeline");
  const rng = seedrandom("kth-smallest");
  for (let r = 0; r < 400; r++) {
    const n = 1 + Math.floor(rng() * 60);
    const kind = r % 4;
    const v = Array.from({ length: n }, (_, i) =>
      kind === 0 ? rng() : kind === 1 ? Math.floor(rng() * 4) : kind === 2 ? i : [0, -0, Infinity, -Infinity, 1][Math.floor(rng() * 5)],
    );
    const sorted = v.slice().sort((a, b) => a - b);
    for (let k = 0; k < n; k++) {
      const got = kthSmallest(Float64Array.from(v), n, k);
      // ±0 compare equal in the sort, so either may sit at k; every other value must be the same double
      assert.ok(got === sorted[k] && (got !== 0 || sorted[k] === 0), `run ${r}, k ${k}: ${got} vs ${sorted[k]}`);
    }
  }
});
