import { test } from "node:test";
import * as assert from "assert";
import { followUpByArm } from "../../src/clinical/follow-up-by-arm";
import * as fs from "fs";
import * as path from "path";
import { assertClose, repoRoot } from "../helpers/reference";
import { cohort } from "./fixture";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const R: any = JSON.parse(fs.readFileSync(path.join(repoRoot, "test/fixtures/r/clinical-cohort.json"), "utf8"));

test("followUpByArm: reverse Kaplan-Meier medians as R; alive patients split into followed to the cut-off and lost", () => {
  const fu = followUpByArm(cohort, { cutoff: cohort.cutoff });
  for (const a of fu.arms) {
    assertClose(a.median, R.followUp[a.arm].median, `${a.arm} median`);
    assertClose(a.lower, R.followUp[a.arm].lower, `${a.arm} lower`);
    assertClose(a.upper, R.followUp[a.arm].upper, `${a.arm} upper`);
    const f = cohort.fields;
    const rows = f.arm.map((x, i) => i).filter((i) => f.arm[i] === a.arm);
    assert.strictEqual(a.alive, rows.filter((i) => f.death[i] === 0).length);
    assert.strictEqual(a.toCutoff + a.lost, a.alive);
    assertClose(a.personYears, rows.reduce((s, i) => s + f.os_months[i], 0) / 12, `${a.arm} person-years`);
  }
  // The generator loses TACE patients about twice as fast (data/README.md).
  assert.ok(fu.arms[0].lossRatePerYear > 1.5 * fu.arms[1].lossRatePerYear);
});

test("followUpByArm: a hand-made cohort; a bad cut-off is refused", () => {
  const fields = {
    arm: ["TACE", "TACE", "TACE+RT", "TACE+RT"],
    enrolled: ["2000-01-01", "2000-01-01", "2000-01-01", "2000-01-01"],
    os_months: [12, 59.5, 24, 10],
    death: [1, 0, 0, 0],
  };
  // Cut-off 2005-01-01: 60 months available; 59.5 is within 1 month (administrative), 24 and 10 are lost.
  const fu = followUpByArm({ fields } as never, { cutoff: "2005-01-01" });
  assert.deepStrictEqual(fu.arms.map((a) => [a.alive, a.toCutoff, a.lost]), [[1, 1, 0], [2, 0, 2]]);
  assertClose(fu.arms[1].lossRatePerYear, 2 / (34 / 12), "loss rate");
  assert.throws(() => followUpByArm({ fields } as never, { cutoff: "2005-13-01" }), /cutoff.*YYYY-MM-DD/);
});
