import { test } from "node:test";
import { assertAllClose } from "../helpers/reference";
import { pAdjust } from "../../src/stats/index";
import { loadFixture, assertInputError } from "./fixtures";

// test/fixtures/r/stats-p-adjust.R: p.adjust with ties and NAs.
loadFixture("stats-p-adjust").forEach((c: Record<string, (number | null)[]>, k: number) => {
  test(`pAdjust matches R's p.adjust (case ${k + 1})`, () => {
    for (const method of ["holm", "bonferroni", "BH"] as const) assertAllClose(pAdjust(c.p, method), c[method], method, 1e-12);
  });
});

test("pAdjust: bad input names the argument", () => {
  assertInputError(() => pAdjust([0.1, 1.2]), "p", 1);
  assertInputError(() => pAdjust([0.1], "fdr" as never), "method");
});
