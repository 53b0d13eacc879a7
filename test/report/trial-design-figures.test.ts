import { test } from "node:test";
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { trialDesignFigures } from "../../src/report/trial-design-figures";
import { writeFigureFiles, PNG_SCALE } from "../../src/report/figure-files";
import { withBrowser } from "../../src/report/browser";
import { repoRoot } from "../helpers/reference";
import { originalLayout } from "../clinical/fixture";
import { TRIAL_DESIGN_DEFAULTS, trialDesignInputs, curveSampleSize, trialControlCurves, trialLossToFollowUp } from "../../src/design/index";
import { loadCohort } from "../../src/data/clinical";

test("trial-design figures of npm run figures: power curves with the ψ the design is sized on (control curves, the data's loss as dropout), expected incidence with the data; SVG and 300 dpi PNG", async () => {
  const figures = trialDesignFigures(path.join(repoRoot, "data"));
  assert.deepStrictEqual(figures.map((f) => f.name), ["fig14a-trial-power-out-of-field", "fig14b-trial-power-overall-survival", "fig14c-trial-expected-incidence"]);
  const traces = figures.map((f) => f.figure.data as Array<{ mode?: string; name?: string; x?: number[]; y?: number[] }>);
  // one line per assumed effect; no simulated points: the trials were simulated without dropout
  assert.strictEqual(traces[0].filter((t) => t.mode === "lines").length, TRIAL_DESIGN_DEFAULTS.subdistributionHRs.length);
  assert.strictEqual(traces[0].filter((t) => t.mode === "markers").length, 0);
  assert.doesNotMatch(figures[0].caption, /SIMULATED/);
  assert.match(figures[0].caption, /control curves, with the control arm's loss to follow-up as dropout/);
  // The design effect's line reaches the target power at the curve size with dropout over out-of-field progression's time at risk.
  const cohort = loadCohort(path.join(repoRoot, "data"));
  const inputs = trialDesignInputs(cohort, { fallback: TRIAL_DESIGN_DEFAULTS.fallback });
  const d = TRIAL_DESIGN_DEFAULTS;
  const size = curveSampleSize({ ratio: d.designSubdistributionHR, controlCurve: trialControlCurves(inputs).outOfField!, accrualMonths: d.accrualMonths, followUpMonths: d.followUpMonths, dropoutHazard: trialLossToFollowUp(cohort, { endpoint: "out-of-field" }).hazardPerMonth! });
  const line = traces[0].find((t) => t.mode === "lines" && t.name === `sHR ${d.designSubdistributionHR}`)!;
  const k = line.x!.findIndex((x) => x >= size.patients);
  assert.ok(k > 0 && line.y![k - 1] < d.power && line.y![k] >= d.power - 1e-3, `power crosses ${d.power} at ${size.patients}`);
  assert.ok(traces[2].some((t) => /observed \(Aalen-Johansen\)/.test(t.name ?? "")), "the control data behind the assumed curves");
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "trial-figures-"));
  try {
    const written = await withBrowser((browser) => writeFigureFiles(browser, figures, out));
    for (const file of written) {
      const svg = fs.readFileSync(file.svg, "utf8");
      assert.ok(svg.startsWith("<svg") && svg.includes(`width="${file.widthPx}"`), `${file.name}.svg`);
      assert.strictEqual(fs.readFileSync(file.png).readUInt32BE(16), Math.round(file.widthPx * PNG_SCALE));
    }
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});

test("trial-design figures on a cohort in the original layout: no simulated points (other inputs), no observed curve", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trial-figures-old-"));
  try {
    fs.mkdirSync(path.join(dir, "clinical"));
    const [header, ...rows] = fs.readFileSync(path.join(repoRoot, "data", "clinical", "cohort.csv"), "utf8").trimEnd().split("\n");
    const cols = header.split(",");
    const keep = cols.map((c, i) => (Object.keys(originalLayout().fields).indexOf(c) >= 0 ? i : -1)).filter((i) => i >= 0);
    const pick = (line: string) => keep.map((i) => line.split(",")[i]).join(",");
    fs.writeFileSync(path.join(dir, "clinical", "cohort.csv"), [pick(header), ...rows.map(pick)].join("\n") + "\n");
    const figures = trialDesignFigures(dir);
    const traces = figures.map((f) => f.figure.data as Array<{ mode?: string; name?: string }>);
    assert.strictEqual(traces[0].filter((t) => t.mode === "markers").length, 0);
    assert.ok(!traces[2].some((t) => /observed/.test(t.name ?? "")));
    assert.doesNotMatch(figures[0].caption, /SIMULATED/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
