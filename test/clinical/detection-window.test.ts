import { test } from "node:test";
import * as assert from "assert";
import { detectionWindow } from "../../src/clinical/detection-window";
import { cohort, originalLayout } from "./fixture";

test("detectionWindow on a hand-made cohort: the window after each RT start, and after the median RT start for TACE alone", () => {
  const fields = {
    arm: ["TACE", "TACE", "TACE", "TACE+RT", "TACE+RT", "TACE+RT"],
    os_months: [20, 2, 30, 20, 20, 20],
    death: [1, 1, 0, 1, 1, 0],
    failure_site: ["intrahepatic", "none", "local", "extrahepatic", "none", "intrahepatic"],
    failure_months: [5, 2, 10, 4, 20, 9],
    rt_start_months: [NaN, NaN, NaN, 2, 3, 4],
  };
  const d = detectionWindow({ fields } as never, 3);
  assert.strictEqual(d.medianRtStart, 3);
  // RT: progression at 4 after RT at 2 (within 3), none, 9 after 4 (not within). TACE from month 3: 5 within, patient 2 dead, 10 not.
  assert.deepStrictEqual([d.rt.atRisk, d.rt.progressed, d.reference.atRisk, d.reference.progressed], [3, 1, 2, 1]);
});

test("detectionWindow on the shipped cohort: every TACE+RT patient is at risk at RT start; needs rt_start_months", () => {
  const d = detectionWindow(cohort, 3);
  assert.strictEqual(d.rt.atRisk, 64);
  assert.ok(d.reference.atRisk > 0 && d.reference.atRisk < 276);
  assert.throws(() => detectionWindow(originalLayout(), 3), /rt_start_months/);
});
