import { test } from "node:test";
import * as assert from "assert";
import { rubinPool } from "../../src/stats/rubin-pool";
import { InputError } from "../../src/core/index";

test("rubinPool: Rubin's rules by hand (mean, within, between, total variance, df, interval)", () => {
  const q = [0.6, 0.7, 0.5];
  const u = [0.04, 0.05, 0.045];
  const r = rubinPool(q, u);
  assert.ok(Math.abs(r.estimate - 0.6) < 1e-15);
  assert.ok(Math.abs(r.within - 0.045) < 1e-15);
  assert.ok(Math.abs(r.between - 0.01) < 1e-15);
  const total = 0.045 + (4 / 3) * 0.01;
  assert.ok(Math.abs(r.total - total) < 1e-15);
  const rel = ((4 / 3) * 0.01) / 0.045;
  const df = 2 * (1 + 1 / rel) ** 2;
  assert.ok(Math.abs(r.df - df) < 1e-12);
  assert.ok(Math.abs(r.missingInformation - (rel + 2 / (df + 3)) / (rel + 1)) < 1e-12);
  // R: qt(0.975, df) for this df (df = 2 * (1 + 3.375)^2 = 38.28125): 2.023771...
  assert.ok(Math.abs((r.upper - r.estimate) / Math.sqrt(total) - 2.0237) < 1e-3);
  assert.ok(r.lower < r.estimate && r.estimate < r.upper);
});

test("rubinPool: no spread between draws gives the normal interval of the mean variance", () => {
  const r = rubinPool([0.2, 0.2, 0.2, 0.2], [0.01, 0.01, 0.01, 0.01], { confLevel: 0.9 });
  assert.strictEqual(r.between, 0);
  assert.strictEqual(r.df, Infinity);
  assert.ok(Math.abs(r.upper - (0.2 + 1.6448536269514722 * 0.1)) < 1e-12);
});

test("rubinPool: bad input is named", () => {
  assert.throws(() => rubinPool([1], [1]), (e: unknown) => e instanceof InputError && /at least 2/.test((e as Error).message));
  assert.throws(() => rubinPool([1, 2], [1]), (e: unknown) => e instanceof InputError && /variances/.test((e as Error).message));
  assert.throws(() => rubinPool([1, NaN], [1, 1]), (e: unknown) => e instanceof InputError && /estimates/.test((e as Error).message));
  assert.throws(() => rubinPool([1, 2], [1, -1]), (e: unknown) => e instanceof InputError && /variances/.test((e as Error).message));
  assert.throws(() => rubinPool([1, 1], [0, 0]), InputError);
});
