import * as fs from "fs";
import * as path from "path";
import { test } from "node:test";
import * as assert from "assert";
import { assertClose, repoRoot } from "../helpers/reference";
import { binomialTest } from "../../src/stats/index";

// test/fixtures/r/binomial-test.R: binom.test(x, n, p)$p.value.
const R: { successes: number; trials: number; p: number; p_value: number }[] = JSON.parse(fs.readFileSync(path.join(repoRoot, "test/fixtures/r/binomial-test.json"), "utf8"));

test("binomialTest matches R's binom.test (two-sided)", () => {
  assert.ok(R.length >= 5);
  for (const c of R) {
    const r = binomialTest(c.successes, c.trials, c.p);
    assertClose(r.pValue, c.p_value, `binom.test(${c.successes}, ${c.trials}, ${c.p})`);
    assert.strictEqual(r.estimate, c.successes / c.trials);
  }
});

test("binomialTest: bad input is named", () => {
  assert.throws(() => binomialTest(5, 4, 0.5), /successes/);
  assert.throws(() => binomialTest(1.5, 4, 0.5), /successes/);
  assert.throws(() => binomialTest(1, 0, 0.5), /trials/);
  assert.throws(() => binomialTest(1, 4, 1.5), /p/);
  assert.strictEqual(binomialTest(0, 4, 0).pValue, 1);
  assert.strictEqual(binomialTest(1, 4, 0).pValue, 0);
});
