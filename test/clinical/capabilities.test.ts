import { test } from "node:test";
import * as assert from "assert";
import { cohortCapabilities, capabilityNote } from "../../src/clinical/index";
import { cohort, originalLayout, withFields } from "./fixture";

test("cohortCapabilities: the shipped cohort supports every analysis", () => {
  const caps = cohortCapabilities(cohort);
  assert.deepStrictEqual(caps.all.map((c) => [c.id, c.available]), [
    ["rt-start", true],
    ["progression-by-site", true],
    ["rt-indication", true],
  ]);
  assert.strictEqual(capabilityNote(caps.rtStart), null);
});

test("cohortCapabilities: a cohort in the original layout names the column each analysis needs", () => {
  const caps = cohortCapabilities(originalLayout());
  assert.ok(caps.all.every((c) => !c.available));
  assert.deepStrictEqual(caps.rtStart.absent, ["rt_start_months"]);
  assert.strictEqual(
    capabilityNote(caps.rtStart),
    "Skipped: RT as a time-dependent exposure (landmark analyses, time-dependent Cox model) and failure timed from the start of RT needs the column `rt_start_months`, which this cohort does not have.",
  );
  assert.deepStrictEqual(caps.rtIndication.absent, ["residual_viable_tumor", "portal_vein_thrombosis", "tumor_number", "ecog"]);
});

test("cohortCapabilities: a column present with nothing recorded does not count", () => {
  const caps = cohortCapabilities(withFields({ ecog: (cohort.fields.ecog as number[]).map(() => NaN) }));
  assert.strictEqual(caps.rtIndication.available, false);
  assert.deepStrictEqual([caps.rtIndication.absent, caps.rtIndication.empty], [[], ["ecog"]]);
  assert.match(capabilityNote(caps.rtIndication) as string, /needs a value in `ecog`, where nothing is recorded\.$/);
  assert.strictEqual(caps.rtStart.available, true);
  assert.throws(() => cohortCapabilities(null as never), /must be a cohort/);
});
