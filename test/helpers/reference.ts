import * as fs from "fs";
import * as path from "path";
import * as assert from "assert";

/** Root of this repository (test/helpers/ is two levels below it). */
export const repoRoot = path.resolve(__dirname, "..", "..");

/** Folder of R's results on public datasets: test/fixtures/r/reference-<case>.json, made by test/fixtures/r/reference.R. */
export function referenceDir(): string {
  return path.join(repoRoot, "test", "fixtures", "r");
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Reference = { name: string; source: string; data: Record<string, any[]>; expected: any };

/** Loads the reference case `name` ("lung", "competing_sim", "plantgrowth", "sleep", "mtcars"): test/fixtures/r/reference-<name>.json. */
export function loadReference(name: string): Reference {
  const file = path.join(referenceDir(), `reference-${name.replace(/_/g, "-")}.json`);
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

/**
 * Asserts |actual - expected| <= tol * max(1, |expected|): relative agreement for
 * large values, absolute for values near zero (the README's "about 1e-6" bar).
 */
export function assertClose(actual: number | null | undefined, expected: number | null | undefined, label: string, tol = 1e-6): void {
  if (expected === null || expected === undefined) {
    assert.ok(actual === null || actual === undefined, `${label}: expected missing (NA), got ${actual}`);
    return;
  }
  assert.ok(typeof actual === "number" && Number.isFinite(actual), `${label}: expected ${expected}, got ${actual}`);
  const err = Math.abs((actual as number) - expected);
  assert.ok(err <= tol * Math.max(1, Math.abs(expected)), `${label}: expected ${expected}, got ${actual} (difference ${err})`);
}

/** assertClose element by element, with equal lengths. */
export function assertAllClose(actual: ArrayLike<number | null>, expected: ArrayLike<number | null>, label: string, tol = 1e-6): void {
  assert.strictEqual(actual.length, expected.length, `${label}: length ${actual.length}, expected ${expected.length}`);
  for (let i = 0; i < expected.length; i++) assertClose(actual[i], expected[i], `${label}[${i}]`, tol);
}
