import { test } from "node:test";
import * as assert from "assert";
import { biasCovariates, covariateRows } from "../../src/clinical/bias-covariates";
import { cohort, blanked, originalLayout } from "./fixture";

test("biasCovariates codes the cohort as clinical-bias.R does", () => {
  const c = biasCovariates(cohort);
  assert.deepStrictEqual(c.names, ["age10", "male", "hbv", "cp_b", "log_tumor", "log10_afp", "ecog", "tumor_number", "pvt", "residual"]);
  const f = cohort.fields;
  assert.strictEqual(c.columns.age10[0], f.age[0] / 10);
  assert.strictEqual(c.columns.log_tumor[3], Math.log(f.tumor_cm[3]));
  assert.strictEqual(c.columns.log10_afp[5], Math.log10(Math.max(f.afp_ng_ml[5], 1)));
  assert.strictEqual(c.columns.male[0], f.sex[0] === "M" ? 1 : 0);
  assert.ok(c.complete.every(Boolean));
  assert.deepStrictEqual(covariateRows(c, [2, 0]).pvt, [f.portal_vein_thrombosis![2], f.portal_vein_thrombosis![0]]);
});

test("biasCovariates: missing values are NaN and flagged; absent optional columns are named", () => {
  const b = biasCovariates(blanked());
  assert.ok(Number.isNaN(b.columns.age10[3]) && !b.complete[3]);
  const o = biasCovariates(originalLayout());
  assert.deepStrictEqual(o.absent, ["ecog", "tumor_number", "portal_vein_thrombosis", "residual_viable_tumor"]);
  assert.strictEqual(o.names.length, 6);
});
