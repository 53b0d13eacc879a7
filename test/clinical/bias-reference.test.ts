/**
 * The biases the simulated cohort is built to show, on the committed cohort, with R as the
 * referee (test/fixtures/r/clinical-bias.R -> .json): the parts the project can compute
 * today (naive and landmark Cox models, standardized differences) agree with R to 1e-6; the
 * rest of the fixture (time-dependent and cause-specific Cox, sequential trials, the
 * propensity model) is the reference for the re-analysis. data/README.md compares these
 * numbers with the simulation's true effects.
 */
import { test } from "node:test";
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { coxPH } from "../../src/survival/cox";
import { assertClose, repoRoot } from "../helpers/reference";
import { cohort } from "./fixture";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const R: any = JSON.parse(fs.readFileSync(path.join(repoRoot, "test/fixtures/r/clinical-bias.json"), "utf8"));
const f = cohort.fields;
const rt = f.arm.map((a) => (a === "TACE+RT" ? 1 : 0));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function sameFit(fit: ReturnType<typeof coxPH>, ref: any, label: string): void {
  assertClose(fit.coef[0], ref.coef, `${label} coef`);
  assertClose(fit.se[0], ref.se, `${label} se`);
  assertClose(fit.lower[0], ref.lower, `${label} lower`);
  assertClose(fit.upper[0], ref.upper, `${label} upper`);
  assertClose(fit.pValue[0], ref.pValue, `${label} P`);
  assert.deepStrictEqual([fit.n, fit.nEvent], [ref.n, ref.nEvent], label);
}

test("the fixture was made from the committed cohort", () => {
  assert.deepStrictEqual([R.n, R.deaths, R.rt], [cohort.nRows, f.death.reduce((s, d) => s + d, 0), rt.reduce((s: number, d) => s + d, 0)]);
});

test("naive Cox of death on the arm, from enrollment, matches R", () => {
  sameFit(coxPH(f.os_months, f.death, { rt }), R.naive, "naive");
});

test("landmark Cox at 3, 4 and 6 months (RT started by the landmark, time from it) matches R", () => {
  for (const ref of R.landmark) {
    const L = ref.landmark as number;
    const rows = f.os_months.map((t, i) => i).filter((i) => f.os_months[i] > L);
    const started = rows.map((i) => (!Number.isNaN(f.rt_start_months![i]) && f.rt_start_months![i] <= L ? 1 : 0));
    assert.strictEqual(started.reduce((s: number, x) => s + x, 0), ref.exposed, `exposed at ${L}`);
    const fit = coxPH(rows.map((i) => f.os_months[i] - L), rows.map((i) => f.death[i]), { rt_by: started });
    sameFit(fit, ref, `landmark ${L}`);
  }
});

test("standardized differences of the covariates between the arms match R", () => {
  const covariates: Record<string, number[]> = {
    age10: f.age.map((a) => a / 10),
    male: f.sex.map((s) => (s === "M" ? 1 : 0)),
    hbv: f.hbv,
    cp_b: f.child_pugh.map((c) => (c === "B" ? 1 : 0)),
    log_tumor: f.tumor_cm.map(Math.log),
    log10_afp: f.afp_ng_ml.map((v) => Math.log10(Math.max(v, 1))),
    ecog: f.ecog as number[],
    tumor_number: f.tumor_number as number[],
    pvt: f.portal_vein_thrombosis as number[],
    residual: f.residual_viable_tumor as number[],
  };
  for (const [name, x] of Object.entries(covariates)) {
    const group = (g: number) => x.filter((_, i) => rt[i] === g);
    const mean = (v: number[]) => v.reduce((s, y) => s + y, 0) / v.length;
    const variance = (v: number[]) => v.reduce((s, y) => s + (y - mean(v)) ** 2, 0) / v.length;
    const d = (mean(group(1)) - mean(group(0))) / Math.sqrt((variance(group(1)) + variance(group(0))) / 2);
    assertClose(d, R.propensity.standardizedDifference[name], `standardized difference ${name}`);
  }
});
