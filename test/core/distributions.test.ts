import { test } from "node:test";
import { assertClose } from "../helpers/reference";
import * as d from "../../src/distributions";

// Values printed by R 4.2.2 (qnorm, qt, qf, qtukey with options(digits = 15)).
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
  assertClose(d.fUpper(3.3541308285292, 2, 27), 0.05, "pf(qf(0.95,2,27),2,27)", 1e-10);
});
test("studentized range", () => {
  // R's qtukey itself stops its iteration about 3e-7 from the root (see test/fixtures/r/stats-ptukey), hence 1e-6.
  assertClose(d.studentizedRangeQuantile(0.95, 3, 27), 3.50642612339269, "qtukey(0.95,3,27)", 1e-6);
});
