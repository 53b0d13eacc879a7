import { test } from "node:test";
import * as assert from "assert";
import { loadFixture, asArray } from "./fixture";
import { assertClose, assertAllClose } from "../helpers/reference";
import { InputError } from "../../src/core/index";
import { coxPH, type CoxPHResult } from "../../src/survival/cox";
import { coxSurvival, coxAdjustedSurvival } from "../../src/survival/cox-survival";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const fixture: Json = loadFixture("cox-survfit");

function fitOf(spec: Json): CoxPHResult {
  const d = fixture.datasets[spec.dataset];
  const covs: Record<string, number[]> = {};
  for (const name of asArray(spec.covariates) as string[]) covs[name] = d[name];
  return coxPH(d[spec.time ?? "time"], d.status, covs, {
    ties: spec.ties,
    start: spec.start ? d[spec.start] : undefined,
    strata: spec.strata ? d[spec.strata] : undefined,
    weights: spec.weights ? d[spec.weights] : undefined,
  });
}

/** R's NA (null) limits are null here too; numbers agree to 1e-6. */
function assertLimits(actual: (number | null)[], expected: (number | null)[], label: string) {
  assert.strictEqual(actual.length, expected.length, `${label} length`);
  expected.forEach((e, i) => {
    if (e === null) assert.strictEqual(actual[i], null, `${label}[${i}]: R gives NA, got ${actual[i]}`);
    else assertClose(actual[i] as number, e, `${label}[${i}]`);
  });
}

for (const c of fixture.cases as Json[]) {
  test(`coxSurvival matches R's survfit.coxph: ${c.name}`, () => {
    const fit = fitOf(c.fit);
    const newdata = c.newdata ? (asArray(c.fit.covariates) as string[]).reduce((o: Json, k: string) => ((o[k] = asArray(c.newdata[k])), o), {}) : undefined;
    const res = coxSurvival(fit, newdata, {
      confType: c.conf_type,
      hazard: c.ctype === null || c.ctype === undefined ? undefined : c.ctype === 1 ? "breslow" : "efron",
      strata: c.newstrata ? asArray(c.newstrata) : undefined,
      censor: c.censor,
      survivalEstimate: c.stype === 1 ? "kalbfleisch-prentice" : undefined,
    });
    assert.strictEqual(res.curves.length, c.curves.length, `${c.name}: number of curves`);
    res.curves.forEach((curve, k) => {
      const ex = c.curves[k];
      const label = `${c.name} curve ${k}`;
      assert.strictEqual(curve.stratum, ex.stratum ?? null, `${label} stratum`);
      assertAllClose(curve.time, asArray(ex.time), `${label} time`, 1e-12);
      assertAllClose(curve.nRisk, asArray(ex.n_risk), `${label} n.risk`);
      assertAllClose(curve.nEvent, asArray(ex.n_event), `${label} n.event`);
      assertAllClose(curve.nCensor, asArray(ex.n_censor), `${label} n.censor`);
      assertAllClose(curve.survival, asArray(ex.surv), `${label} surv`);
      assertAllClose(curve.cumHazard, asArray(ex.cumhaz), `${label} cumhaz`);
      assertAllClose(curve.stdErrCumHazard, asArray(ex.std_err), `${label} std.err`);
      assertAllClose(curve.stdErr, asArray(ex.std_err).map((s: number, i: number) => s * asArray(ex.surv)[i]), `${label} se of S`);
      if (c.conf_type !== "none") {
        assertLimits(curve.lower, asArray(ex.lower), `${label} lower`);
        assertLimits(curve.upper, asArray(ex.upper), `${label} upper`);
      }
    });
  });
}

for (const c of fixture.adjusted as Json[]) {
  test(`coxAdjustedSurvival is the mean of R's survfit.coxph curves: ${c.name}`, () => {
    const fit = fitOf(c.fit);
    const res = coxAdjustedSurvival(fit, c.rows, {
      column: c.column,
      values: asArray(c.values),
      strata: c.rowstrata ? asArray(c.rowstrata) : undefined,
      survivalEstimate: c.stype === 1 ? "kalbfleisch-prentice" : undefined,
    });
    assert.strictEqual(res.curves.length, c.curves.length);
    res.curves.forEach((curve, k) => {
      const ex = c.curves[k];
      const label = `${c.name} value ${ex.value}`;
      assert.strictEqual(curve.value, ex.value);
      assertAllClose(curve.time, asArray(ex.time), `${label} time`, 1e-12);
      assertAllClose(curve.survival, asArray(ex.surv), `${label} surv`);
      assertAllClose(curve.stdErr, asArray(ex.std_err), `${label} se`);
    });
  });
}

test("coxAdjustedSurvival of one row is coxSurvival's curve (survival and se), and its limits use se(log S)", () => {
  const c = (fixture.adjusted as Json[]).find((k) => k.name === "lung, one row (= survfit's curve)");
  const fit = fitOf(c.fit);
  const row = { age: asArray(c.rows.age), sex: [2], ecog: asArray(c.rows.ecog) };
  const one = coxSurvival(fit, row).curves[0];
  const adj = coxAdjustedSurvival(fit, c.rows, { column: "sex", values: [2] }).curves[0];
  assertAllClose(adj.survival, one.survival, "surv", 1e-12);
  assertAllClose(adj.stdErr, one.stdErr, "se", 1e-9);
  assertAllClose(adj.lower as number[], one.lower as number[], "lower", 1e-9);
});

test("coxSurvival and coxAdjustedSurvival: bad input throws InputError naming the argument", () => {
  const c = (fixture.cases as Json[]).find((k) => k.name === "lung, three rows");
  const fit = fitOf(c.fit);
  const strat = fitOf((fixture.cases as Json[]).find((k) => k.name.startsWith("lung strata(sex): curves")).fit);
  const cases: Array<[() => unknown, string, RegExp]> = [
    [() => coxSurvival(JSON.parse(JSON.stringify(fit))), "fit", /returned by coxPH/],
    [() => coxSurvival(fit, [[60, 1]]), "newdata", /row of 3 covariate values/],
    [() => coxSurvival(fit, [[60, 1, "a"]]), "newdata[0].ecog", /finite number/],
    [() => coxSurvival(fit, { age: [60], sex: [1] }), "newdata.ecog", /is missing/],
    [() => coxSurvival(fit, { age: [60], sex: [1], ecog: [0, 1] }), "newdata.ecog", /has length 2/],
    [() => coxSurvival(fit, undefined, { confType: "logistic" as never }), "confType", /must be/],
    [() => coxSurvival(fit, undefined, { hazard: "kaplan" as never }), "hazard", /breslow/],
    [() => coxSurvival(fit, undefined, { strata: ["a"] }), "strata", /stratified fit/],
    [() => coxSurvival(strat, [[60, 1]], { strata: ["nobody"] }), "strata", /not a stratum of the fit/],
    [() => coxAdjustedSurvival(fit, [[60, 1, 0]], { column: "arm", values: [0, 1] }), "column", /one of the fit's covariates/],
    [() => coxAdjustedSurvival(fit, [[60, 1, 0]], { column: "sex", values: [] }), "values", /non-empty/],
    [() => coxAdjustedSurvival(fit, [[60, 1, 0]], { column: "sex", values: [1, NaN] }), "values", /finite/],
    [() => coxAdjustedSurvival(strat, [[60, 1]], { column: "ecog", values: [0, 1] }), "strata", /needed for a stratified fit/],
  ];
  for (const [fn, argument, pattern] of cases) {
    assert.throws(fn, (e: unknown) => e instanceof InputError && e.argument === argument && pattern.test(e.message), `${argument} ${pattern}`);
  }
  // confType "none": no limits.
  const none = coxSurvival(fit, undefined, { confType: "none" }).curves[0];
  assert.ok(none.lower.every((v) => v === null) && none.upper.every((v) => v === null));
});
