/**
 * Kaplan-Meier and log-rank count rows per distinct time (time-order.ts rankTimes): per
 * (group or stratum, time) cells when there are few enough of them, else runs of rows in
 * (group or stratum, time) order. Both paths, hashed and sorted times, and unsorted input
 * are checked here against the one-sample fit and a direct implementation of survdiff; cumulative
 * incidence and Gray's test likewise (one-group curves, identical strata).
 */
import { test } from "node:test";
import * as assert from "assert";
import { cumulativeIncidence, kaplanMeier, kaplanMeierByGroup, logRank } from "../../src/survival/index";
import { assertInputError } from "./fixture";

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

interface Cohort {
  time: Float64Array;
  status: Uint8Array;
  group: Float64Array;
  strata: Float64Array;
}

/** n rows; times continuous (nearly all distinct) or on a 0.01 grid (ties); groups and strata 0.. as codes. */
function cohort(n: number, nGroups: number, nStrata: number, continuous: boolean, seed: number): Cohort {
  const rand = lcg(seed);
  const c: Cohort = { time: new Float64Array(n), status: new Uint8Array(n), group: new Float64Array(n), strata: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    const g = i < nGroups ? i : Math.floor(rand() * nGroups); // every group occurs
    const t = -Math.log(1 - rand()) * (10 + 3 * (g % 3));
    c.time[i] = continuous ? t : Math.max(0.01, Math.round(t * 100) / 100);
    c.status[i] = rand() < 0.7 ? 1 : 0;
    c.group[i] = g;
    c.strata[i] = i < nStrata ? i : Math.floor(rand() * nStrata);
  }
  return c;
}

function subset<T extends Float64Array | Uint8Array>(values: T, keep: (i: number) => boolean): T {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) if (keep(i)) out.push(values[i]);
  return (values instanceof Float64Array ? Float64Array.from(out) : Uint8Array.from(out)) as T;
}

for (const [label, nGroups, continuous] of [
  ["3 groups, times on a 0.01 grid (per-cell counts, hashed times)", 3, false],
  ["3 groups, continuous times (per-cell counts, sorted times)", 3, true],
  ["600 groups, continuous times (rows in group and time order)", 600, true],
] as const) {
  test(`kaplanMeierByGroup, ${label}: each curve is the one-sample curve of its group`, () => {
    const c = cohort(3000, nGroups, 1, continuous, 11);
    const fit = kaplanMeierByGroup(c.time, c.status, c.group);
    assert.strictEqual(fit.curves.length, nGroups);
    fit.groups.forEach((g, j) => {
      const inGroup = (i: number) => String(c.group[i]) === g;
      const one = kaplanMeier(subset(c.time, inGroup), subset(c.status, inGroup));
      assert.deepStrictEqual(fit.curves[j], one, `group ${g}`);
    });
  });
}

test("kaplanMeierByGroup and logRank: rows in any order give the same result", () => {
  for (const continuous of [false, true]) {
    const c = cohort(4000, 2, 3, continuous, 5);
    const perm = Array.from({ length: c.time.length }, (_, i) => i);
    const rand = lcg(99);
    for (let i = perm.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [perm[i], perm[j]] = [perm[j], perm[i]];
    }
    const pick = <T extends Float64Array | Uint8Array>(v: T): T => (v instanceof Float64Array ? Float64Array.from(perm, (i) => v[i]) : Uint8Array.from(perm, (i) => v[i])) as T;
    assert.deepStrictEqual(kaplanMeierByGroup(pick(c.time), pick(c.status), pick(c.group)), kaplanMeierByGroup(c.time, c.status, c.group));
    const a = logRank(pick(c.time), pick(c.status), pick(c.group), { strata: pick(c.strata) });
    const b = logRank(c.time, c.status, c.group, { strata: c.strata });
    assert.deepStrictEqual(a, b);
  }
});

/** survdiff's two-group log-rank statistic straight from its definition: O(n x distinct times). */
function directLogRank(c: Cohort): { o1: number; e1: number; v: number; chiSq: number } {
  let o1 = 0;
  let e1 = 0;
  let v = 0;
  const strata = Array.from(new Set(Array.from(c.strata)));
  for (const s of strata) {
    const rows = Array.from(c.time.keys()).filter((i) => c.strata[i] === s);
    const times = Array.from(new Set(rows.filter((i) => c.status[i] === 1).map((i) => c.time[i]))).sort((a, b) => a - b);
    for (const t of times) {
      let n = 0, n1 = 0, d = 0, d1 = 0;
      for (const i of rows) {
        if (c.time[i] < t) continue;
        n++;
        if (c.group[i] === 1) n1++;
        if (c.time[i] === t && c.status[i] === 1) {
          d++;
          if (c.group[i] === 1) d1++;
        }
      }
      o1 += d1;
      e1 += (d * n1) / n;
      if (n > 1) v += (d * (n - d) * n1 * (n - n1)) / (n * n * (n - 1));
    }
  }
  return { o1, e1, v, chiSq: ((o1 - e1) * (o1 - e1)) / v };
}

for (const [label, nStrata, continuous] of [
  ["3 strata, times on a 0.01 grid (per-cell counts)", 3, false],
  ["1 stratum, continuous times (per-cell counts, sorted times)", 1, true],
  ["500 strata, continuous times (rows in stratum and time order)", 500, true],
] as const) {
  test(`logRank, ${label}: survdiff's statistic from its definition`, () => {
    const c = cohort(3000, 2, nStrata, continuous, 3);
    const lr = logRank(c.time, c.status, c.group, nStrata > 1 ? { strata: c.strata } : {});
    const direct = directLogRank(c);
    const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);
    close(lr.observed[1], direct.o1, "observed");
    close(lr.expected[1], direct.e1, "expected");
    close(lr.variance[1][1], direct.v, "variance");
    close(lr.chiSq as number, direct.chiSq, "chi-square");
    assert.deepStrictEqual(lr.n, [0, 1].map((g) => c.group.filter((x) => x === g).length));
  });
}

test("Kaplan-Meier and log-rank on typed columns: NaN, Infinity and negative times are rejected with their row", () => {
  const status = Uint8Array.of(1, 0, 1, 1);
  const group = Float64Array.of(0, 1, 0, 1);
  assertInputError(() => kaplanMeierByGroup(Float64Array.of(1, 2, NaN, 4), status, group), "time", 2);
  assertInputError(() => logRank(Float64Array.of(1, Infinity, 3, 4), status, group), "time", 1);
  assertInputError(() => kaplanMeierByGroup(Float64Array.of(1, 2, 3, -4), status, group), "time", 3);
  // As before the one-pass check: a non-finite time is reported before an earlier negative one.
  assert.throws(() => logRank(Float64Array.of(-1, 2, Infinity, 4), status, group), /time\[2\] = Infinity: must be a finite number/);
  assertInputError(() => logRank(Float64Array.of(1, 2, 3, 4), status, Float64Array.of(0, 1, NaN, 1)), "group", 2);
});

test("Kaplan-Meier: -0 and +0 are one time; group codes -0 and 0 one group", () => {
  const fit = kaplanMeier(Float64Array.of(0, -0, 1, 2), Uint8Array.of(1, 0, 1, 0));
  assert.deepStrictEqual(fit.nRisk, [4, 2, 1]);
  assert.deepStrictEqual(fit.nEvent, [1, 1, 0]);
  const byGroup = kaplanMeierByGroup(Float64Array.of(1, 2, 3, 4), Uint8Array.of(1, 1, 0, 1), Float64Array.of(-0, 1, 0, 1));
  assert.deepStrictEqual(byGroup.groups, ["0", "1"]);
  assert.deepStrictEqual(byGroup.curves[0].time, [1, 3]);
});

/** Competing-risks rows: continuous times, causes 1..nCauses or 0 (censored), groups 0..nGroups-1 (each occurs). */
function competing(n: number, nGroups: number, nCauses: number, seed: number) {
  const rand = lcg(seed);
  const time = new Float64Array(n);
  const cause = new Int32Array(n);
  const group = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    group[i] = i < nGroups ? i : Math.floor(rand() * nGroups);
    time[i] = -Math.log(1 - rand()) * (5 + (group[i] % 4));
    cause[i] = rand() < 0.25 ? 0 : 1 + Math.floor(rand() * nCauses);
  }
  return { time, cause, group };
}

for (const [label, nGroups] of [
  ["3 groups (per-cell counts)", 3],
  ["40 groups (rows in group and time order)", 40],
] as const) {
  test(`cumulativeIncidence, ${label}: each curve is the one-group curve of its group`, () => {
    const c = competing(1500, nGroups, 2, 21);
    const fit = cumulativeIncidence(c.time, c.cause, c.group);
    assert.strictEqual(fit.curves.length, 2 * nGroups);
    for (const curve of fit.curves) {
      const inGroup = (i: number) => String(c.group[i]) === curve.group;
      const causes = Int32Array.from(Array.from(c.cause).filter((_, i) => inGroup(i)));
      const one = cumulativeIncidence(subset(c.time, inGroup), causes).curves.filter((x) => x.cause === curve.cause)[0];
      assert.deepStrictEqual({ ...curve, name: "", group: "" }, { ...one, name: "", group: "" }, curve.name);
    }
  });
}

test("Gray's test: K identical strata give K times the statistic of one (per-cell counts vs rows in stratum order)", () => {
  // 60 copies of 30 rows, 3 groups, 3 causes: too many (stratum, time, group, cause) cells for the
  // per-cell path, so the stratified test runs through the rows; the single copy through the cells.
  const base = competing(30, 3, 3, 8);
  const K = 60;
  const time = new Float64Array(30 * K);
  const cause = new Int32Array(30 * K);
  const group = new Float64Array(30 * K);
  const strata = new Float64Array(30 * K);
  for (let k = 0; k < K; k++) {
    time.set(base.time, 30 * k);
    cause.set(base.cause, 30 * k);
    group.set(base.group, 30 * k);
    strata.fill(k, 30 * k, 30 * (k + 1));
  }
  const one = cumulativeIncidence(base.time, base.cause, base.group).grayTest ?? [];
  const many = cumulativeIncidence(time, cause, group, { strata }).grayTest ?? [];
  assert.strictEqual(many.length, 3);
  many.forEach((g, j) => {
    const expected = K * (one[j].statistic as number);
    assert.ok(Math.abs((g.statistic as number) - expected) <= 1e-9 * expected, `cause ${g.cause}: ${g.statistic} vs ${expected}`);
  });
});
