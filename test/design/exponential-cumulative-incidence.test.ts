import { test } from "node:test";
import { assertClose } from "../helpers/reference";
import { exponentialCumulativeIncidence } from "../../src/design/index";
import { assertInputError } from "../survival/fixture";

test("exponentialCumulativeIncidence: ∫ λ1 e^(−(λ1+λ2)u) du, its plateau, and 1 − (1 − F)^s", () => {
  const l1 = 0.03;
  const l2 = 0.02;
  let sum = 0;
  const m = 100000;
  for (let k = 0; k < m; k++) sum += l1 * Math.exp(-(l1 + l2) * ((k + 0.5) * 12) / m) * (12 / m);
  assertClose(exponentialCumulativeIncidence(12, l1, l2), sum, "F0(12)", 1e-9);
  assertClose(exponentialCumulativeIncidence(1e6, l1, l2), 0.6, "plateau", 1e-12);
  assertClose(exponentialCumulativeIncidence(12, l1, 0), 1 - Math.exp(-0.36), "no competing risk", 1e-12);
  const f0 = exponentialCumulativeIncidence(12, l1, l2);
  assertClose(exponentialCumulativeIncidence(12, l1, l2, 0.7), 1 - Math.pow(1 - f0, 0.7), "sHR", 1e-12);
  // the subdistribution hazard ratio: log(1 − F1) / log(1 − F0) = s at every t
  for (const t of [1, 6, 30]) assertClose(Math.log(1 - exponentialCumulativeIncidence(t, l1, l2, 0.6)) / Math.log(1 - exponentialCumulativeIncidence(t, l1, l2)), 0.6, `t=${t}`, 1e-12);
  assertClose(exponentialCumulativeIncidence(0, l1, l2), 0, "t = 0", 0);
});

test("exponentialCumulativeIncidence: bad input", () => {
  assertInputError(() => exponentialCumulativeIncidence(-1, 0.03, 0.02), "time");
  assertInputError(() => exponentialCumulativeIncidence(1, 0, 0.02), "causeHazard");
  assertInputError(() => exponentialCumulativeIncidence(1, 0.03, -0.02), "competingHazard");
  assertInputError(() => exponentialCumulativeIncidence(1, 0.03, 0.02, 0), "subdistributionHR");
});
