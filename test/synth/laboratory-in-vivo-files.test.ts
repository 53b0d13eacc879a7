/**
 * The in vivo files alone (invivoFiles, endpointFile: what the in vivo rule checks and
 * pooledVersusPartialCorrelationRule simulate) are the same bytes as those laboratoryFiles
 * writes beside the in vitro files, for the calibrated model and the null scenarios.
 */
import { test } from "node:test";
import * as assert from "assert";
import { LABORATORY_FILES } from "../../src/data/laboratory";
import { endpointFile, invivoFiles, laboratoryFiles } from "../../src/synth/laboratory/files";
import { LAB_MODEL, LAB_SEED, nullModel } from "../../src/synth/laboratory/params";

test("invivoFiles and endpointFile give laboratoryFiles' in vivo texts byte for byte", () => {
  const models = [LAB_MODEL, nullModel("no-within-group-association"), nullModel("no-out-of-field-effect")];
  for (const model of models) {
    for (const seed of [LAB_SEED, "lab-check-1", "lab-check-17"]) {
      const all = laboratoryFiles(seed, model);
      const invivo = invivoFiles(seed, model);
      assert.deepStrictEqual(Object.keys(invivo), [LABORATORY_FILES.tumorGrowth, LABORATORY_FILES.endpoint]);
      assert.strictEqual(invivo[LABORATORY_FILES.tumorGrowth], all[LABORATORY_FILES.tumorGrowth], seed);
      assert.strictEqual(invivo[LABORATORY_FILES.endpoint], all[LABORATORY_FILES.endpoint], seed);
      assert.strictEqual(endpointFile(seed, model), all[LABORATORY_FILES.endpoint], seed);
    }
  }
  // The in vivo texts change with the seed (not a constant).
  assert.notStrictEqual(endpointFile("lab-check-1"), endpointFile("lab-check-2"));
});
