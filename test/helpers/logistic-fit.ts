import * as assert from "assert";
import type { LogisticFitTable } from "../../src/stats/logistic-regression";
import { asArray } from "../survival/fixture";
import { assertAllClose, assertClose } from "./reference";

/** The fields an R fixture gives for a converged, warning-free logistic fit (Firth's, FLIC's), compared at `tol`. */
export function assertLogisticFitMatchesR(fit: LogisticFitTable, e: Record<string, unknown>, tol: number): void {
  assert.deepStrictEqual(fit.names, asArray(e.names));
  assert.strictEqual(fit.converged, true);
  assert.deepStrictEqual(fit.warnings, []);
  assertAllClose(fit.coef, asArray(e.coef) as number[], "coef", tol);
  assertAllClose(fit.se, asArray(e.se) as number[], "se", tol);
  assertAllClose(fit.z, asArray(e.z) as number[], "z", tol);
  assertAllClose(fit.variance.flat(), asArray(e.variance) as number[], "variance", tol);
  assertAllClose(fit.fitted, asArray(e.fitted) as number[], "fitted", tol);
  assertAllClose(fit.linearPredictor, asArray(e.linear_predictor) as number[], "linear predictor", tol);
  assertClose(fit.logLik, e.loglik as number, "logLik", tol);
}
