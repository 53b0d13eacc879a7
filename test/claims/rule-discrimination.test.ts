import { test } from "node:test";
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { repoRoot } from "../helpers/reference";
import { CLINICAL_CLAIM_TOLERANCE } from "../../src/clinical/clinical-claims";
import {
  committedRuleDiscrimination,
  discriminationSummary,
  reproductionFraming,
  reproductionFramingHtml,
  claimReadingNotes,
  ruleDiscrimination,
  ruleDiscriminationRows,
} from "../../src/claims/index";
import type { RuleCheckReport } from "../../src/claims/index";

const read = (d: string): RuleCheckReport => JSON.parse(fs.readFileSync(path.join(repoRoot, "data", "rule-checks", `${d}.json`), "utf8"));

test("ruleDiscrimination: every claim's calibrated pass rate and its false-pass rate under each null that removes it, as the committed reports hold them", () => {
  const reports = [read("clinical"), read("laboratory")];
  const d = ruleDiscrimination(reports);
  assert.deepStrictEqual(d.map((c) => c.id), Array.from({ length: 18 }, (_, k) => `C${k + 1}`));
  for (const c of d) {
    const report = reports.filter((r) => r.domain === c.domain)[0];
    const cal = report.scenarios.filter((s) => s.kind === "calibrated")[0];
    assert.deepStrictEqual(c.calibrated, cal.claims.filter((x) => x.id === c.id)[0], `${c.id} calibrated`);
    const nulls = report.scenarios.filter((s) => (s.kind === "null" || s.kind === "false-claim") && s.nullFor.includes(c.id));
    assert.deepStrictEqual(c.nulls.map((n) => n.scenario), nulls.map((s) => s.id), `${c.id} nulls`);
    if (nulls.length === 0) assert.strictEqual(c.worstNull, null);
    else assert.strictEqual(c.worstNull!.rate.rate, Math.max(...c.nulls.map((n) => n.rate.rate as number)));
  }
  // C1-C8 are calibration targets; C9-C18 each have a null.
  assert.deepStrictEqual(d.filter((c) => c.worstNull === null).map((c) => c.id), ["C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8"]);
  const rows = ruleDiscriminationRows(d);
  assert.match(rows[0]["false passes under null and false-claim generators, %"], /calibration target/);
  // C9's false-claim scenario is not called a null.
  const c9 = d.filter((c) => c.id === "C9")[0];
  assert.ok(c9.nulls.some((n) => n.scenario === "false-claim-infield-nonresponse"));
  assert.ok(reports[0].scenarios.filter((s) => s.kind === "null").every((s) => !/nonresponse/.test(s.id)));
});

test("discriminationSummary and reproductionFraming: computed counts; the simulated framing says calibrated and chosen seed, the user's does not", () => {
  const { claims, reports } = committedRuleDiscrimination(repoRoot);
  const s = discriminationSummary(claims, reports);
  assert.strictEqual(s.checked, 18);
  assert.strictEqual(s.withNull, 10);
  const worst = Math.max(...claims.filter((c) => c.worstNull).map((c) => c.worstNull!.rate.rate as number));
  assert.strictEqual(s.highestFalsePass!.worstNull!.rate.rate, worst);
  assert.strictEqual(s.falsePassAtMost, claims.filter((c) => c.worstNull && (c.worstNull.rate.rate as number) <= 0.05).length);
  const sim = reproductionFraming(true, s).join(" ");
  assert.match(sim, /calibrated to the study's published aggregates/);
  assert.match(sim, /not evidence that the study is right/);
  assert.ok(sim.includes(`(${s.highestFalsePass!.id}, ${s.highestFalsePass!.worstNull!.scenario})`));
  const own = reproductionFraming(false, s).join(" ");
  assert.ok(!/calibrated to the study's published aggregates/.test(own));
  assert.match(reproductionFramingHtml(true, repoRoot), /<table class="rule-discrimination">/);
  // Without reports: said so, no table.
  const empty = discriminationSummary(ruleDiscrimination([null]), []);
  assert.match(reproductionFraming(true, empty)[1], /No rule-check report/);
});

test("claimReadingNotes: C8 a pass is absence of evidence (range from the rule, points to notebook 07); C10/C11 test the incidence at the rule's time, not 'earlier'", () => {
  const [c8, c1011] = claimReadingNotes();
  const tol = CLINICAL_CLAIM_TOLERANCE;
  assert.match(c8, /C8/);
  assert.ok(c8.includes(`between ${tol.logRankP[0]} and ${tol.logRankP[1]}`), c8);
  assert.match(c8, /absence of evidence/);
  assert.match(c8, /Notebook 07/);
  assert.match(c8, /TOST/);
  assert.match(c1011, /C10 and C11/);
  assert.ok(c1011.includes(`at ${tol.incidenceMonths} months`), c1011);
  assert.match(c1011, /not test that the failures come earlier/);
});
