import { test } from "node:test";
import * as assert from "assert";
import { loadFixture } from "./fixture";
import { checkCoxCase } from "./cox-fixture-case";
import { InputError } from "../../src/core/index";
import { coxPH } from "../../src/survival/cox";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const fixture: Json = loadFixture("cox-counting-process");

for (const c of fixture.cases as Json[]) {
  test(`coxPH with start matches R (agreg.fit): ${c.name}`, () => {
    checkCoxCase(c);
  });
}

test("heart: the classic time-dependent model, R's printed coefficients", () => {
  const c = (fixture.cases as Json[]).find((k) => k.name === "heart, efron");
  const d = c.data;
  const fit = coxPH(d.time, d.status, { age: d.age, year: d.year, surgery: d.surgery, transplant: d.transplant }, { start: d.start });
  // print(coxph(Surv(start, stop, event) ~ age + year + surgery + transplant, data = heart))
  assert.deepStrictEqual(fit.coef.map((b) => Number(b.toFixed(5))), [0.02717, -0.14635, -0.63721, -0.01025]);
  assert.strictEqual(Number(fit.lrTest.chiSq.toFixed(2)), 15.11);
  assert.strictEqual(fit.countingProcess, true);
  assert.strictEqual(fit.n, 172);
  assert.strictEqual(fit.nEvent, 75);
});

test("(start, stop] rows of one subject give the same fit as the subject's single row (no time-varying covariate)", () => {
  const time = [5, 8, 3, 9, 12, 7, 4, 10];
  const status = [1, 0, 1, 1, 0, 1, 1, 0];
  const x = [0.5, 1.2, -0.3, 0.8, 2.1, -1.0, 0.0, 1.5];
  const whole = coxPH(time, status, { x });
  // Split every subject at t = 2.5 and t = 6.
  const start: number[] = [];
  const stop: number[] = [];
  const ev: number[] = [];
  const xs: number[] = [];
  time.forEach((t, i) => {
    let s = 0;
    for (const cut of [2.5, 6, Infinity]) {
      const end = Math.min(cut, t);
      if (end <= s) break;
      start.push(s);
      stop.push(end);
      ev.push(end === t ? status[i] : 0);
      xs.push(x[i]);
      s = end;
    }
  });
  const split = coxPH(stop, ev, { x: xs }, { start });
  for (const key of ["coef", "se"] as const) split[key].forEach((v, j) => assert.ok(Math.abs(v - whole[key][j]) < 1e-10, key));
  assert.ok(Math.abs(split.logLik - whole.logLik) < 1e-10);
  assert.ok(Math.abs(split.scoreTest.chiSq - whole.scoreTest.chiSq) < 1e-10);
  assert.strictEqual(split.concordance, whole.concordance);
});

test("timefix: a (start, stop] interval that collapses is an error, as R's aeqSurv", () => {
  const t = fixture.timefix_collapse;
  assert.match(t.error, /aeqSurv exception, an interval has effective length 0/);
  assert.throws(
    () => coxPH(t.data.time, t.data.status, { x: t.data.x }, { start: t.data.start }),
    (e: unknown) => e instanceof InputError && e.argument === "time" && e.index === 2 && /timefix/.test(e.message),
  );
  // Without timefix the near-equal times stay apart (this tiny data set then has no finite estimate: the
  // error is about convergence, not the input).
  assert.throws(
    () => coxPH(t.data.time, t.data.status, { x: t.data.x }, { start: t.data.start, timefix: false }),
    (e: unknown) => !(e instanceof InputError) && /did not converge/.test(String(e)),
  );
});

test("bad (start, stop] input throws InputError naming the argument and row", () => {
  const time = [2, 3, 4, 5];
  const status = [1, 0, 1, 1];
  const x = { x: [1, 0, 1, 0] };
  const cases: Array<[() => unknown, string, number | null, RegExp]> = [
    [() => coxPH(time, status, x, { start: [0, 3, 1, 0] }), "start", 1, /must be less than time\[1\] = 3/],
    [() => coxPH(time, status, x, { start: [0, 1, 5, 0] }), "start", 2, /must be less than time\[2\] = 4/],
    [() => coxPH(time, status, x, { start: [0, 1, Infinity, 0] }), "start", 2, /finite/],
    [() => coxPH(time, status, x, { start: [0, 1, null, 0] }), "start", 2, /missing/],
    [() => coxPH(time, status, x, { start: [0, 1, 2] }), "start", null, /length 3/],
    [() => coxPH(time, status, x, { start: "abc" as never }), "start", null, /length 3 but time has length 4|must be/],
    [() => coxPH([2, 3, NaN, 5], status, x, { start: [0, 0, 0, 0] }), "time", 2, /missing/],
  ];
  for (const [fn, argument, index, pattern] of cases) {
    assert.throws(fn, (e: unknown) => e instanceof InputError && e.argument === argument && e.index === index && pattern.test(e.message), `${argument} ${pattern}`);
  }
  // A dropped row does not shift the row numbers in errors.
  assert.throws(
    () => coxPH([2, 3, 4, 5], [1, null, 1, 1], x, { start: [0, 0, 9, 0], missing: "drop" }),
    (e: unknown) => e instanceof InputError && e.argument === "start" && e.index === 2,
  );
  // Negative start times are fine (times on another origin).
  const fit = coxPH([2, 3, 4, 5, 6, 7], [1, 0, 1, 1, 1, 1], { x: [1, 0, 0, 1, 0, 1] }, { start: [-1, -2, 0, 1, -3, -1] });
  assert.ok(Number.isFinite(fit.coef[0]));
});
