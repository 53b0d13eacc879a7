import * as fs from "fs";
import * as path from "path";
import * as assert from "assert";
import { repoRoot } from "../helpers/reference";

/**
 * Loads test/fixtures/r/<name>.json (written by the matching .R script). The R writer
 * stores ±Inf as the strings "Inf"/"-Inf"; they come back as numbers here.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function loadFixture(name: string): any {
  const file = path.join(repoRoot, "test", "fixtures", "r", `${name}.json`);
  return JSON.parse(fs.readFileSync(file, "utf8"), (_key, value) => (value === "Inf" ? Infinity : value === "-Inf" ? -Infinity : value));
}

/** Asserts that fn throws an InputError naming `argument` (and `index`, when given). */
export function assertInputError(fn: () => unknown, argument: string, index?: number | null): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof Error && err.name === "InputError", `expected InputError, got ${String(err)}`);
    const e = err as Error & { argument: string; index: number | null };
    assert.strictEqual(e.argument, argument, `argument of: ${e.message}`);
    if (index !== undefined) assert.strictEqual(e.index, index, `index of: ${e.message}`);
    return true;
  });
}

/** Infinite expected values must match exactly (same sign); finite ones to tol via assertClose. */
export function sameInfinity(actual: number, expected: number, label: string): boolean {
  if (Number.isFinite(expected)) return false;
  assert.strictEqual(actual, expected, label);
  return true;
}
