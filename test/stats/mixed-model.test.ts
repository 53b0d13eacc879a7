import { test } from "node:test";
import * as assert from "assert";
import { assertAllClose, assertClose } from "../helpers/reference";
import { linearMixedModel, mixedModelContrast, linearModel } from "../../src/stats/index";
import type { LinearMixedModelResult } from "../../src/stats/index";
import { loadFixture, assertInputError } from "./fixtures";

// test/fixtures/r/stats-mixed-model.R: lme4::lmer + lmerTest on sleepstudy (correlated, ||, intercept only,
// ML), Orthodont (REML, ML), Machines (nested), Pastes (nested), Penicillin (crossed), Dyestuff, Dyestuff2
// (singular) and a simulated xenograft design (tumors within mice, random intercept + slope per tumor).
// Each case has R's default fit and a tight refit ("optimum": nloptwrap with tolerances 1e-12).
const cases = loadFixture("stats-mixed-model");

type VarCorrRow = { grp: string; var1: string | null; var2: string | null; vcov: number; sdcor: number | null };

/** Our variance components in the order of as.data.frame(VarCorr(fit), order = "lower.tri"), without the residual. */
function varCorrRows(fit: LinearMixedModelResult): Array<{ var1: string; var2: string | null; sdcor: number | null }> {
  const rows: Array<{ var1: string; var2: string | null; sdcor: number | null }> = [];
  for (const re of fit.randomEffects) {
    for (let c = 0; c < re.names.length; c++) {
      rows.push({ var1: re.names[c], var2: null, sdcor: re.sd[c] });
      for (let r = c + 1; r < re.names.length; r++) rows.push({ var1: re.names[c], var2: re.names[r], sdcor: re.correlation ? re.correlation[c][r] : null });
    }
  }
  return rows;
}

function compare(fit: LinearMixedModelResult, e: Record<string, any>, tol: { fixed: number; se: number; df: number; vc: number }, label: string): void {
  assert.deepStrictEqual(fit.fixedEffects.map((f) => f.name), e.fixed.map((f: { name: string }) => f.name), `${label} fixed-effect names`);
  fit.fixedEffects.forEach((f, k) => {
    const r = e.fixed[k];
    assertClose(f.estimate, r.estimate, `${label} ${f.name} estimate`, tol.fixed);
    assertClose(f.se, r.se, `${label} ${f.name} se`, tol.se);
    assertClose(f.df, r.df, `${label} ${f.name} df`, tol.df);
    assertClose(f.t, r.t, `${label} ${f.name} t`, tol.se);
    assertClose(f.pValue, r.p_value, `${label} ${f.name} p`, tol.df);
    assertClose(f.lower, r.lower, `${label} ${f.name} lower`, tol.df);
    assertClose(f.upper, r.upper, `${label} ${f.name} upper`, tol.df);
  });
  const ours = varCorrRows(fit);
  const theirs = (e.varcorr as VarCorrRow[]).filter((v) => v.grp !== "Residual");
  assert.strictEqual(ours.length, theirs.length, `${label} variance components`);
  ours.forEach((o, i) => {
    assert.strictEqual(o.var1, theirs[i].var1, `${label} component ${i}`);
    assert.strictEqual(o.var2, theirs[i].var2, `${label} component ${i}`);
    assertClose(o.sdcor, theirs[i].sdcor, `${label} ${o.var1}${o.var2 ? "/" + o.var2 : ""} sd/cor`, tol.vc);
  });
  assertClose(fit.sigma, e.sigma, `${label} residual sd`, tol.vc);
}

for (const c of cases) {
  test(`mixed model matches lme4 + lmerTest: ${c.name} (${c.formula}${c.REML ? "" : ", ML"})`, () => {
    const fit = linearMixedModel(c.data, c.formula, { REML: c.REML, levels: c.levels ?? undefined, missing: "drop" });
    const o = c.optimum;
    // At the optimum (lme4 refitted with tolerances 1e-12): everything to 1e-6, Satterthwaite df to 1e-5
    // (lmerTest's Hessian and Jacobian are numDeriv's Richardson differences, reproduced here step for step).
    compare(fit, o, { fixed: 1e-6, se: 1e-6, df: 1e-5, vc: 1e-6 }, "optimum");
    assertAllClose(fit.covariance.flat(), o.vcov, "vcov", 1e-6);
    assertAllClose(fit.theta.map((t) => t.value), Object.values(o.theta) as number[], "theta", 1e-5);
    assert.deepStrictEqual(fit.theta.map((t) => t.name), Object.keys(o.theta), "theta names");
    assertClose(fit.criterion, o.criterion, "REML criterion / deviance", 1e-9);
    assertClose(fit.logLik, o.loglik, "logLik", 1e-9);
    assertClose(fit.AIC, o.aic, "AIC", 1e-9);
    assertClose(fit.BIC, o.bic, "BIC", 1e-9);
    assertAllClose(fit.fitted, o.fitted, "fitted", 1e-6);
    assert.strictEqual(fit.singular, o.singular, "isSingular");
    for (const r of fit.randomEffects) assert.strictEqual(r.levels, o.ngrps[r.group], `levels of ${r.group}`);
    // Against lmer's default fit: lme4's nloptwrap (BOBYQA) stops at its own tolerances, which leave
    // θ (and so the variance components, standard errors and df) up to ~1e-3 relative from the optimum
    // (measured: Orthodont's slope sd 1.0e-3, se 2.8e-4, df 6e-4); fixed-effect estimates barely move (1e-4).
    // The criterion here is never above lme4's.
    compare(fit, c.default, { fixed: 1e-4, se: 1e-3, df: 2e-3, vc: 2e-3 }, "lme4 default");
    assert.ok(fit.criterion <= c.default.criterion + 1e-9 * Math.abs(c.default.criterion), `criterion ${fit.criterion} vs lme4 ${c.default.criterion}`);
  });
}

test("singular fit is reported as lme4's boundary (singular) fit, with a zero sd, not NaN", () => {
  const c = cases.find((k: { name: string }) => k.name.startsWith("Dyestuff2"));
  const fit = linearMixedModel(c.data, c.formula);
  assert.strictEqual(fit.singular, true);
  assert.strictEqual(fit.randomEffects[0].sd[0], 0);
  assert.ok(fit.messages.some((m) => m.startsWith("boundary (singular) fit")));
  for (const f of fit.fixedEffects) assert.ok(Number.isFinite(f.df) && Number.isFinite(f.pValue));
});

test("mixedModelContrast: a sum of coefficients equals the re-parametrised model's coefficient", () => {
  const c = cases.find((k: { name: string }) => k.name.startsWith("Orthodont, age * Sex"));
  const fit = linearMixedModel(c.data, c.formula, { levels: c.levels });
  const con = mixedModelContrast(fit, { age: 1, "age:SexFemale": 1 });
  const other = linearMixedModel(c.data, c.formula, { levels: { Sex: ["Female", "Male"] } }).fixedEffects.find((f) => f.name === "age");
  assert.ok(other);
  assertClose(con.estimate, other.estimate, "estimate", 1e-8);
  assertClose(con.se, other.se, "se", 1e-6);
  assertClose(con.df, other.df, "df", 1e-4);
  assertClose(con.pValue, other.pValue, "p", 1e-6);
  assertInputError(() => mixedModelContrast(fit, { nope: 1 }), "weights");
});

test("a fixed-effects-only formula, missing ids, too few groups, as many effects as rows: InputErrors", () => {
  const c = cases.find((k: { name: string }) => k.name === "sleepstudy, random intercept");
  assertInputError(() => linearMixedModel(c.data, "Reaction ~ Days"), "formula");
  assertInputError(() => linearMixedModel(c.data, "Reaction ~ Days + (1 | Nope)"), "formula");
  const ids = c.data.Subject.slice();
  ids[7] = null;
  assertInputError(() => linearMixedModel({ ...c.data, Subject: ids }, c.formula), "Subject", 7);
  const dropped = linearMixedModel({ ...c.data, Subject: ids }, c.formula, { missing: "drop" });
  assert.strictEqual(dropped.n, c.data.Reaction.length - 1);
  assertInputError(() => linearMixedModel({ ...c.data, one: c.data.Subject.map(() => "a") }, "Reaction ~ Days + (1 | one)"), "one");
  const few = { y: [1, 2, 3, 4.5, 5, 6.5], x: [1, 2, 3, 4, 5, 6], g: ["a", "b", "c", "d", "e", "f"] };
  assertInputError(() => linearMixedModel(few, "y ~ x + (1 | g)"), "g");
  assertInputError(() => linearMixedModel({ ...c.data, Reaction: c.data.Subject }, c.formula), "Reaction", 0);
  assertInputError(() => linearMixedModel(c.data, c.formula, { REML: "yes" as never }), "REML");
});

test("random-intercept model's fixed effects equal OLS with group means when balanced (sanity)", () => {
  const c = cases.find((k: { name: string }) => k.name === "sleepstudy, random intercept");
  const mixed = linearMixedModel(c.data, c.formula);
  const ols = linearModel(c.data, "Reaction ~ Days");
  // balanced design: the slope's estimate is the OLS slope, its se smaller (within-subject)
  assertClose(mixed.fixedEffects[1].estimate, ols.coefficients[1].estimate as number, "slope", 1e-10);
  assert.ok(mixed.fixedEffects[1].se < (ols.coefficients[1].se as number));
});
