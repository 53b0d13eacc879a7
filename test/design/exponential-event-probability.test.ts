import { test } from "node:test";
import * as assert from "assert";
import { assertClose } from "../helpers/reference";
import { exponentialEventProbability } from "../../src/design/index";
import { assertInputError } from "../survival/fixture";

test("exponentialEventProbability: the accrual average of 1 − e^(−λt), by numerical integration and limits", () => {
  for (const [l, a, f] of [[0.05, 36, 24], [0.001, 12, 6], [0.5, 60, 1], [1e-7, 10, 10]]) {
    let sum = 0;
    const m = 200000; // midpoint rule, error ~ 1e-11
    for (let k = 0; k < m; k++) sum += 1 - Math.exp(-l * (f + ((k + 0.5) * a) / m));
    assertClose(exponentialEventProbability(l, a, f), sum / m, `${l},${a},${f}`, 1e-9);
  }
  // tiny hazard: about λ (f + a/2)
  assertClose(exponentialEventProbability(1e-9, 36, 24) / 1e-9, 42, "small-hazard limit", 1e-6);
  assert.ok(exponentialEventProbability(10, 36, 24) > 0.999999);
});

test("exponentialEventProbability: bad input", () => {
  assertInputError(() => exponentialEventProbability(0, 36, 24), "hazard");
  assertInputError(() => exponentialEventProbability(0.1, 0, 24), "accrualMonths");
  assertInputError(() => exponentialEventProbability(0.1, 36, -1), "followUpMonths");
});
