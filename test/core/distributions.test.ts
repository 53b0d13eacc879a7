import { test } from "node:test";
import { assertClose } from "../helpers/reference";
import * as d from "../../src/distributions";

// Values from R 4.2.2 (pchisq, pnorm, qnorm, pt, qt, pf, ptukey, qtukey), typed in as known constants of the distributions.
test("chi-square upper tail keeps precision for tiny p", () => {
  assertClose(d.chiSquareUpper(3.841458820694124, 1), 0.05, "pchisq(3.84,1)", 1e-9);
  assertClose(d.chiSquareUpper(2 * Math.log(1e12), 2) / 1e-12, 1, "exp(-x/2) ratio", 1e-9);
});
test("normal tails and quantile", () => {
  assertClose(d.normalQuantile(0.975), 1.959963984540054, "qnorm(0.975)", 1e-12);
  assertClose(d.normalTwoSided(1.959963984540054), 0.05, "2 pnorm", 1e-12);
  assertClose(d.normalUpper(-1.959963984540054), 0.975, "pnorm upper of negative", 1e-12);
});
test("t tails and quantile", () => {
  assertClose(d.tQuantile(0.975, 10), 2.228138851986274, "qt(0.975,10)", 1e-10);
  assertClose(d.tTwoSided(2.228138851986274, 10), 0.05, "2 pt", 1e-10);
  assertClose(d.tUpper(-2.228138851986274, 10), 0.975, "pt upper of negative", 1e-10);
});
test("F upper tail", () => {
  assertClose(d.fUpper(3.35413083, 2, 27), 0.05, "pf(3.354,2,27)", 1e-7);
});
test("studentized range", () => {
  assertClose(d.studentizedRangeQuantile(0.95, 3, 27), 3.506426, "qtukey(0.95,3,27)", 1e-5);
});
