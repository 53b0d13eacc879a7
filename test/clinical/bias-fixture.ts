import * as fs from "fs";
import * as path from "path";
import * as assert from "assert";
import { assertClose, repoRoot } from "../helpers/reference";
import type { ArmEffect } from "../../src/clinical/arm-effect";

/** test/fixtures/r/clinical-bias.json (written by the .R script of the same name). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const RB: any = JSON.parse(fs.readFileSync(path.join(repoRoot, "test/fixtures/r/clinical-bias.json"), "utf8"));

/** An ArmEffect against one of the fixture's hr() entries (coef, se, limits, P, n and events). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function sameEffect(e: ArmEffect, ref: any, label: string, checkN = true): void {
  assertClose(e.coef, ref.coef, `${label} coef`);
  assertClose(e.se, ref.se, `${label} se`);
  assertClose(e.hazardRatio, ref.hazardRatio, `${label} HR`);
  assertClose(e.lower, ref.lower, `${label} lower`);
  assertClose(e.upper, ref.upper, `${label} upper`);
  assertClose(e.pValue, ref.pValue, `${label} P`);
  if (checkN) assert.deepStrictEqual([e.n, e.nEvent], [ref.n, ref.nEvent], `${label} n, events`);
}
