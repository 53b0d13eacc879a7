import { test } from "node:test";
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { trialDesignFigures, trialFigureParameters } from "../../src/report/trial-design-figures";
import { readNotebookParameters } from "../../src/report/notebook-parameters";
import { figureId } from "../../src/display/figure-html";
import { writeFigureFiles, writeSvgFiles, PNG_SCALE } from "../../src/report/figure-files";
import { withBrowser } from "../../src/report/browser";
import { repoRoot } from "../helpers/reference";
import { originalLayout } from "../clinical/fixture";
import { TRIAL_DESIGN_DEFAULTS, trialDesignInputs, curveSampleSize, trialControlCurves, trialLossToFollowUp, trialPowerFigure } from "../../src/design/index";
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

const notebook08 = path.join(repoRoot, "notebooks", "08-trial-design.ipynb");

test("trial-design figures are exactly figures notebook 08 shows (same content hash as its outputs)", () => {
  const text = fs.readFileSync(notebook08, "utf8");
  for (const f of trialDesignFigures(path.join(repoRoot, "data"))) assert.ok(text.includes(figureId(f.figure)), `${f.name} is drawn in 08-trial-design`);
});

/** A copy of notebook 08 with its parameters cell edited, in a temporary folder. */
function editedNotebook08(dir: string, edit: (source: string) => string): string {
  const nb = JSON.parse(fs.readFileSync(notebook08, "utf8"));
  const cell = nb.cells.find((c: { metadata: { tags?: string[] } }) => (c.metadata.tags ?? []).indexOf("parameters") >= 0);
  const source = edit((cell.source as string[]).join(""));
  cell.source = source.split(/(?<=\n)/);
  const file = path.join(dir, "08-trial-design.ipynb");
  fs.writeFileSync(file, JSON.stringify(nb));
  return file;
}

test("trial-design figures take notebook 08's parameters cell: edit it and the figures follow", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trial-figures-params-"));
  try {
    const file = editedNotebook08(dir, (s) => {
      const out = s.replace("accrualMonths: 36,", "accrualMonths: 48,").replace("subdistributionHRs: [0.5, 0.6, 0.7, 0.8],", "subdistributionHRs: [0.6, 0.7],").replace('sizing: "curve",', 'sizing: "exponential",').replace("sizeWithDropout: true,", "sizeWithDropout: false,");
      assert.notStrictEqual(out, s);
      return out;
    });
    const p = trialFigureParameters(file);
    assert.strictEqual(p.accrualMonths, 48);
    assert.deepStrictEqual(p.subdistributionHRs, [0.6, 0.7]);
    assert.strictEqual(p.sizing, "exponential");
    assert.strictEqual(p.simulationFile, path.join(path.dirname(dir), "data", "trial-simulations.json"), "resolved against the notebook's folder, as the kernel resolves it");
    const figures = trialDesignFigures(path.join(repoRoot, "data"), file);
    const inputs = trialDesignInputs(loadCohort(path.join(repoRoot, "data")), { fallback: p.fallback }).values;
    const expected = trialPowerFigure("out-of-field", { inputs, allocation: 0.5, accrualMonths: 48, followUpMonths: 24, alpha: 0.05, power: 0.8, effects: [0.6, 0.7], controlCurve: null, dropoutHazard: 0 });
    assert.deepStrictEqual(figures[0].figure, expected);
    assert.match(figures[0].caption, /ψ from the exponential model/);
    assert.doesNotMatch(figures[0].caption, /dropout/);
    // the committed notebook's own parameters give other figures
    assert.notDeepStrictEqual(trialDesignFigures(path.join(repoRoot, "data"))[0].figure, expected);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("trial-design figures: every tick of the power figures is labelled whatever notebook 08's parameters put at the axis' ends", async () => {
  // With power 0.85 and 42 months of accrual, fig14a's curves end at 2088 patients: the tick at 2000
  // sits at the plot's right edge, where plotly hid its label (it would have overflowed the figure).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trial-figures-ticks-"));
  const out = path.join(dir, "figures");
  try {
    const file = editedNotebook08(dir, (s) => s.replace("accrualMonths: 36,", "accrualMonths: 42,").replace("power: 0.8,", "power: 0.85,"));
    const figures = trialDesignFigures(path.join(repoRoot, "data"), file).slice(0, 2);
    const xaxis = figures[0].figure.layout!.xaxis as { tickvals: number[]; ticktext: string[] };
    assert.strictEqual(xaxis.ticktext[xaxis.ticktext.length - 1], "2000", "the edited parameters put a tick at the right end");
    const written = await withBrowser((browser) => writeSvgFiles(browser, figures, out));
    for (const [k, f] of written.entries()) {
      const ticks = (figures[k].figure.layout!.xaxis as { ticktext: string[] }).ticktext;
      const svg = fs.readFileSync(f.svg, "utf8");
      const drawn = Array.from(svg.matchAll(/<g class="xtick">\s*<text[^>]*>([^<]*)<\/text>/g)).map((m) => m[1]);
      assert.deepStrictEqual(drawn, ticks, `${f.name}: tick labels drawn`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("trial-design figures: a parameters cell they cannot use stops them, naming the file and the parameter", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trial-figures-bad-"));
  try {
    const fails = (edit: (s: string) => string, pattern: RegExp) => {
      const file = editedNotebook08(dir, edit);
      assert.throws(() => trialDesignFigures(path.join(repoRoot, "data"), file), (e: Error) => pattern.test(e.message) && e.message.includes(file), pattern.source);
    };
    fails((s) => s.replace(/\n {2}sizing: "curve",/, ""), /params\.sizing \(line \d+\): missing from the parameters cell/);
    fails((s) => s.replace('sizing: "curve",', 'sizing: "curved",'), /params\.sizing \(line \d+\): "curved" must be "curve" or "exponential"/);
    fails((s) => s.replace("sizeWithDropout: true,", 'sizeWithDropout: "yes",'), /params\.sizeWithDropout/);
    fails((s) => s.replace("allocation: 0.5,", "allocation: 1.5,"), /params\.allocation/);
    fails((s) => s.replace("accrualMonths: 36,", "accrualMonths: 36x,"), /does not parse/);
    fails((s) => s.replace("followUpMonths: 24,", "followUpMonths: months,"), /params\.followUpMonths \(line \d+\): "months" is not a literal value/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("trial-design figures: every parameters-cell error names the file, the parameter and its line in the cell, each once", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trial-figures-lines-"));
  try {
    const cases: Array<{ edit: (s: string) => string; parameter: string; lineOf: string; what: RegExp }> = [
      { edit: (s) => s.replace(/\n {2}sizing: "curve",/, ""), parameter: "params.sizing", lineOf: "^};", what: /missing from the parameters cell/ },
      { edit: (s) => s.replace('sizing: "curve",', 'sizing: "curved",'), parameter: "params.sizing", lineOf: "^  sizing:", what: /"curved" must be "curve" or "exponential"/ },
      { edit: (s) => s.replace("allocation: 0.5,", "allocation: 1.5,"), parameter: "params.allocation", lineOf: "^  allocation:", what: /1\.5 must be the fraction randomised/ },
      { edit: (s) => s.replace("power: 0.8,", "power: 0.01,"), parameter: "params.power", lineOf: "^  power:", what: /must exceed alpha/ },
      { edit: (s) => s.replace("subdistributionHRs: [0.5, 0.6, 0.7, 0.8],", "subdistributionHRs: [0.5, 0.9],"), parameter: "params.designSubdistributionHR", lineOf: "^  designSubdistributionHR:", what: /0\.7 must be one of params\.subdistributionHRs \(0\.5, 0\.9\)/ },
      { edit: (s) => s.replace("hazardRatios: [0.7, 0.8, 0.9],", "hazardRatios: [0.7,\n    0.8,\n    1],"), parameter: "params.hazardRatios[2]", lineOf: "^    1\\]", what: /is exactly 1/ },
      { edit: (s) => s.replace("accrualMonths: 36,", "accrualMonths: 36x,"), parameter: "params.accrualMonths", lineOf: "^  accrualMonths:", what: /does not parse/ },
      { edit: (s) => s.replace("followUpMonths: 24,", "followUpMonths: months,"), parameter: "params.followUpMonths", lineOf: "^  followUpMonths:", what: /"months" is not a literal value/ },
      { edit: (s) => s.replace("fallback: { causeHazard: 0.06,", "fallback: { causeHazard: null,"), parameter: "params.fallback", lineOf: "^  fallback:", what: /must be \{ causeHazard/ },
    ];
    for (const c of cases) {
      let source = "";
      const file = editedNotebook08(dir, (s) => {
        source = c.edit(s);
        assert.notStrictEqual(source, s);
        return source;
      });
      const line = source.split("\n").findIndex((text) => new RegExp(c.lineOf).test(text)) + 1;
      assert.ok(line > 0, c.lineOf);
      assert.throws(
        () => trialDesignFigures(path.join(repoRoot, "data"), file),
        (e: Error) => {
          const m = e.message;
          assert.strictEqual(m.split(file).length - 1, 1, `the file once: ${m}`);
          assert.ok(m.startsWith(`${file}: ${c.parameter} (line ${line}): `), `${c.parameter} at line ${line}: ${m}`);
          assert.strictEqual((m.match(/\(line \d+\)/g) ?? []).length, 1, `one line: ${m}`);
          assert.strictEqual(m.split(c.parameter).length - 1, 1, `the parameter once: ${m}`);
          assert.match(m, c.what);
          return true;
        },
      );
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("TRIAL_DESIGN_DEFAULTS (npm run trial-simulations' settings) agree with notebook 08's parameters cell wherever both have a key", () => {
  const p = readNotebookParameters(notebook08);
  const shared = Object.keys(TRIAL_DESIGN_DEFAULTS).filter((k) => k in p);
  assert.ok(shared.length >= 14, `shared keys: ${shared.join(", ")}`);
  for (const key of shared) assert.deepStrictEqual((TRIAL_DESIGN_DEFAULTS as Record<string, unknown>)[key], p[key], `TRIAL_DESIGN_DEFAULTS.${key} vs params.${key}: change both, then rerun npm run trial-simulations`);
});
