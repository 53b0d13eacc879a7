/**
 * The project's errors print as "Name: message" through Node's console and util.inspect
 * (what the tslab kernel shows under a failed cell): no compiled-JavaScript source line,
 * no stack, no dump of the error's fields. The fields and the stack stay on the object.
 */
import { test } from "node:test";
import * as assert from "assert";
import * as util from "util";
import { InputError, ProjectError } from "../../src/core/index";
import { DataValidationError } from "../../src/data/index";
import { CoxConvergenceError } from "../../src/survival/cox";

test("InputError, DataValidationError and CoxConvergenceError inspect as their name and message only", () => {
  const input = new InputError("event", null, 2, "has length 2 but time has length 3");
  assert.strictEqual(util.inspect(input), "InputError: event: has length 2 but time has length 3");
  assert.strictEqual(util.format("%s", input), "InputError: event: has length 2 but time has length 3");
  const issues = [{ row: 3, line: 4, column: "arm", value: "SBRT", rule: 'must be one of "TACE", "TACE+RT"' }];
  const data = new DataValidationError("cohort.csv", issues);
  const shown = util.inspect(data);
  assert.strictEqual(shown, `DataValidationError: ${data.message}`);
  assert.strictEqual(shown.split("SBRT").length - 1, 1, "the issue is listed once (no dump of error.issues)");
  assert.ok(!/\n\s+at /.test(shown), "no stack");
  assert.strictEqual(util.inspect(new CoxConvergenceError("did not converge", 30, [1])), "CoxConvergenceError: did not converge");
  for (const e of [input, data]) {
    assert.ok(e instanceof ProjectError && e instanceof Error);
    assert.match(String(e.stack), /\n\s+at /, "the stack is still there for code that wants it");
  }
  assert.deepStrictEqual(data.issues, issues);
});

test("other errors keep Node's full report", () => {
  assert.match(util.inspect(new TypeError("x is not a function")), /TypeError: x is not a function\n\s+at /);
});

test("confLevelError names the value given, and the level a percentage meant", async () => {
  const { confLevelError } = await import("../../src/core/index");
  assert.strictEqual(confLevelError(95).message, "confLevel: must be a number strictly between 0 and 1, got 95 (a 95% level is 0.95)");
  assert.strictEqual(confLevelError(0).message, "confLevel: must be a number strictly between 0 and 1, got 0");
  assert.strictEqual(confLevelError("0.9").message, 'confLevel: must be a number strictly between 0 and 1, got "0.9"');
  const { kaplanMeier } = await import("../../src/survival/index");
  assert.throws(() => kaplanMeier([1, 2, 3], [1, 0, 1], { confLevel: 95 }), /^InputError: confLevel: must be a number strictly between 0 and 1, got 95 \(a 95% level is 0\.95\)$/);
  const { requireConfLevel } = await import("../../src/stats/input");
  assert.throws(() => requireConfLevel(1), /got 1$/);
});
