import * as fs from "fs";
import * as path from "path";
import * as assert from "assert";
import { repoRoot, assertAllClose, assertClose } from "../helpers/reference";
import type { KaplanMeierResult } from "../../src/survival/index";
import { InputError } from "../../src/core/index";

/** Loads test/fixtures/r/<name>.json (written by the R script of the same name). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function loadFixture(name: string): any {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, "test", "fixtures", "r", `${name}.json`), "utf8"));
}

/** An R array field: JSON null -> null, a scalar (R vector of length 1 written bare) -> [scalar]. */
export function asArray<T>(value: T | T[] | null | undefined): T[] {
  if (value === null || value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Asserts that `fn` throws an InputError naming `argument` (and `index`, when given). */
export function assertInputError(fn: () => unknown, argument: string, index?: number | null): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof InputError, `expected an InputError, got ${e}`);
    assert.strictEqual(e.argument, argument, `argument named: ${e.message}`);
    if (index !== undefined) assert.strictEqual(e.index, index, `index: ${e.message}`);
    return true;
  });
}

/** Every row of a Kaplan-Meier curve and its median with limits against an R fixture curve (survfit + summary()$table). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function assertKaplanMeierCurve(km: KaplanMeierResult, r: any, label: string): void {
  assertAllClose(km.time, asArray(r.time), `${label} time`);
  assertAllClose(km.nRisk, asArray(r.n_risk), `${label} nRisk`);
  assertAllClose(km.nEvent, asArray(r.n_event), `${label} nEvent`);
  assertAllClose(km.nCensor, asArray(r.n_censor), `${label} nCensor`);
  assertAllClose(km.survival, asArray(r.survival), `${label} survival`);
  assertAllClose(km.stdErr, asArray(r.std_err_survival), `${label} stdErr`);
  assertAllClose(km.lower, asArray(r.lower), `${label} lower`);
  assertAllClose(km.upper, asArray(r.upper), `${label} upper`);
  assertClose(km.median, r.median, `${label} median`);
  assertClose(km.medianLower, r.median_lower, `${label} medianLower`);
  assertClose(km.medianUpper, r.median_upper, `${label} medianUpper`);
}
