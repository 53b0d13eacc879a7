/**
 * Every function that takes a confidence level refuses one outside (0, 1) with the same message,
 * naming the value given and, for a percentage, the level meant (requireConfLevel, src/stats/input.ts).
 */
import { test } from "node:test";
import * as assert from "assert";
import { fisherExactTest, logisticRegression, firthLogistic, rubinPool } from "../../src/stats/index";
import { coxPH } from "../../src/survival/index";

const MEANT = /confLevel: must be a number strictly between 0 and 1, got 95 \(a 95% level is 0\.95\)/;
const x = [1, 2, 3, 4, 5, 6];
const y = [0, 1, 0, 1, 1, 0];

test("a confidence level of 95 is refused with the level meant, by fits from several modules alike", () => {
  assert.throws(() => logisticRegression(y, { x }, { confLevel: 95 }), MEANT);
  assert.throws(() => firthLogistic(y, { x }, { confLevel: 95 }), MEANT);
  assert.throws(() => fisherExactTest([[1, 2], [3, 4]], { confLevel: 95 }), MEANT);
  assert.throws(() => rubinPool([0.2, 0.3], [0.01, 0.01], { confLevel: 95 }), MEANT);
  assert.throws(() => coxPH(x, [1, 1, 0, 1, 1, 1], { x }, { confLevel: 95 }), MEANT);
});
