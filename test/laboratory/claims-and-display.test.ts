import { test } from "node:test";
import * as assert from "assert";
import {
  contrastTest,
  endpointComparison,
  estimateText,
  evaluateLaboratoryClaims,
  finalVolumes,
  growthCurves,
  growthRates,
  inductionOverTime,
  inVitroSummaryTable,
  inVivoSummaryTable,
  inVitroDesignTable,
  doseTrendByTimeTable,
  anovaRows,
  xenograftDesign,
  laboratoryClaimRow,
  LABORATORY_CLAIM_IDS,
  listText,
  meanSdText,
  mrnaDoseBars,
  mrnaInduction,
  mrnaTimeCurves,
  num,
  pNumber,
  pText,
  secretionAnova,
  secretionCurves,
  secretionDoseCurves,
  secretionDoseTrend,
  secretionTimeCourse,
} from "../../src/laboratory/index";
import { STUDY_CLAIMS, evaluateClaims } from "../../src/claims/index";
import { LAB_ANALYSIS_PLAN, loadLaboratoryForClaims, experimentVariationTable, ruleCheckRows, ruleVariantRows, sensitivityRows, doseResponseRows, mixedModelRows, secretionDoseResponse, growthMixedModel } from "../../src/laboratory/index";
import { LABORATORY_FILES } from "../../src/data/laboratory";
import { generateLaboratoryData } from "../../src/synth/laboratory/index";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { groupedBarFigure, lineWithErrorFigure } from "../../src/plots/index";
import { InputError } from "../../src/core/index";
import { assertClose } from "../helpers/reference";
import { shippedData, userData } from "./fixture";
import { repoRoot as repoRootDir } from "../helpers/reference";

test("evaluateLaboratoryClaims: C12-C18 in order, all pass on the shipped data", () => {
  const claims = evaluateLaboratoryClaims(shippedData());
  assert.deepStrictEqual(claims.map((c) => c.id), LABORATORY_CLAIM_IDS);
  for (const c of claims) {
    assert.ok(STUDY_CLAIMS.some((s) => s.id === c.id));
    assert.strictEqual(c.evaluated, true, c.id);
    assert.strictEqual(c.pass, true, `${c.id}: ${c.value} | ${c.detail}`);
    assert.ok(c.value.length > 0 && c.rule.length > 0 && c.detail.length > 0, c.id);
  }
  assert.match(claims[0].value, /^fold change at 8 Gy, 6 h: HepG2 \(p53 wild-type\)/);
  assert.match(claims[0].rule, /equivalent within 0\.67–1\.50 \(two one-sided tests/);
  assert.match(claims[6].rule, /group-adjusted \(partial\) correlation/);
  assert.match(claims[0].rule, /and 6 h \(pre-specified\)/);
  assert.match(claims[1].rule, /log2 VEGF concentration in the medium: slope on dose over the irradiated doses \(above sham\), one per experiment/);
  assert.match(claims[2].rule, /grows with time after irradiation \(one slope per experiment/);
  assert.match(claims[3].rule, /with a rise \(highest vs sham dose\) in every line/);
  assert.match(claims[4].rule, /one-sample t test P < 0\.05/);
  assert.doesNotThrow(() => JSON.stringify(claims));
});

test("evaluateLaboratoryClaims: a user's data set runs with its own plan; the plan's default times are named when absent", () => {
  const plan = { ...LAB_ANALYSIS_PLAN, mrnaHours: 4, secretionHours: 36 };
  const claims = evaluateLaboratoryClaims(userData(), plan);
  assert.ok(claims.every((c) => c.evaluated), claims.filter((c) => !c.evaluated).map((c) => `${c.id}: ${c.detail}`).join(" | "));
  const c12 = claims.find((c) => c.id === "C12")!;
  assert.match(c12.value, /^fold change at 10 Gy, 4 h: /);
  // a time other than the plan's is named as given, not as pre-specified
  assert.match(c12.rule, /and 4 h \(given; the analysis plan pre-specifies 6 h\)/);
  // the default plan's 6 h and 72 h are not in the user's data: those claims say so
  const byDefault = evaluateLaboratoryClaims(userData());
  const d12 = byDefault.find((c) => c.id === "C12")!;
  assert.strictEqual(d12.evaluated, false);
  assert.match(d12.detail, /hours: 6 h is not a harvest time .* \(the data have 0, 4, 24 h\)/);
  assert.match(byDefault.find((c) => c.id === "C13")!.detail, /harvest times in the data: 0, 12, 36 h/);
  // C13-C15 judge the concentration, which needs no cells_1e6 column: the user data (without it) are judged alike
  assert.match(claims.find((c) => c.id === "C13")!.value, /\(concentration, pg\/ml\)/);
});

test("evaluateLaboratoryClaims: an analysis that cannot run is 'not evaluated', the others still run", () => {
  const d = shippedData();
  const f = d.vegfSecretion.fields;
  // sham samples only: no dose effect to estimate
  const oneDose = Object.fromEntries(Object.entries(f).map(([k, v]) => [k, (v as unknown[]).filter((_, i) => f.dose_gy[i] === 0)])) as unknown as typeof f;
  const claims = evaluateLaboratoryClaims({ ...d, vegfSecretion: { fields: oneDose } });
  for (const id of ["C13", "C14", "C15"]) {
    const c = claims.find((x) => x.id === id)!;
    assert.strictEqual(c.evaluated, false, id);
    assert.strictEqual(c.pass, false, id);
    assert.strictEqual(c.value, "not evaluated");
  }
  assert.ok(claims.find((x) => x.id === "C12")!.pass);
  assert.ok(claims.find((x) => x.id === "C18")!.pass);
});

test("each laboratory claim is evaluated from the files it needs: a broken endpoint.csv leaves C12-C16 evaluated", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lab-claims-"));
  try {
    generateLaboratoryData(dir);
    const file = path.join(dir, LABORATORY_FILES.endpoint);
    const lines = fs.readFileSync(file, "utf8").split("\n");
    lines[3] = lines[3].replace(/,[^,]*$/, ",-5");
    fs.writeFileSync(file, lines.join("\n"));
    const data = loadLaboratoryForClaims(dir);
    assert.ok(data.problems!.endpoint !== undefined && /serum_vegf_pg_ml/.test(data.problems!.endpoint));
    const claims = evaluateLaboratoryClaims(data);
    assert.deepStrictEqual(claims.map((c) => c.evaluated), [true, true, true, true, true, false, false]);
    assert.match(claims[5].detail, /endpoint\.csv/);
    assert.match(claims[5].detail, /row 3/);
    // through the ledger too
    const ledger = evaluateClaims(dir).filter((c) => /^C1[2-8]$/.test(c.id));
    assert.deepStrictEqual(ledger.map((c) => c.status), ["pass", "pass", "pass", "pass", "pass", "not evaluated", "not evaluated"]);
    // a mouse in the wrong group is a cross-file problem of the end-point table only
    generateLaboratoryData(dir);
    const text = fs.readFileSync(file, "utf8").split("\n");
    text[1] = text[1].replace(/,(sham|irradiated),/, (_m, g) => `,${g === "sham" ? "irradiated" : "sham"},`);
    fs.writeFileSync(file, text.join("\n"));
    const cross = evaluateLaboratoryClaims(loadLaboratoryForClaims(dir));
    assert.deepStrictEqual(cross.map((c) => c.evaluated), [true, true, true, true, true, false, false]);
    assert.match(cross[6].detail, /tumor_growth\.csv/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("contrastTest on a hand-worked case", () => {
  // D = (1, 2, 4), v = (2/3, 2/3, 1), MS = 0.5, df = 12
  const c = contrastTest([1, -0.5, -0.5], [1, 2, 4], [2 / 3, 2 / 3, 1], 0.5, 12, 0.95);
  assertClose(c.estimate, 1 - 3, "estimate");
  assertClose(c.stdErr, Math.sqrt(0.5 * (2 / 3 + 0.25 * 2 / 3 + 0.25)), "se");
  assertClose(c.t, c.estimate / c.stdErr, "t");
  // the pairwise Tukey–Kramer part on the same (D, v, MS, df): test/stats/tukey-kramer.test.ts
});

test("summary tables: one row per line / measure, computed cells", () => {
  const d = shippedData();
  const m = mrnaInduction(d.vegfMrna.fields);
  const t = secretionDoseTrend(d.vegfSecretion.fields);
  const tc = secretionTimeCourse(d.vegfSecretion.fields);
  const a = secretionAnova(d.vegfSecretion.fields);
  const rows = inVitroSummaryTable(m, t, tc, a);
  assert.deepStrictEqual(rows.map((r) => r["cell line"]), ["HepG2", "Hep3B", "PLC/PRF/5", "HuH-7"]);
  assert.strictEqual(rows[0].p53, "wild-type");
  assert.strictEqual(rows[1].HBV, "positive");
  assert.strictEqual(rows[0]["mRNA fold change, 8 Gy 6 h (95% CI)"], estimateText(m.perLine[0].foldChange, m.perLine[0].lower, m.perLine[0].upper));
  assert.strictEqual(rows[0]["dose trend P"], pNumber(t.lines[0].pValue));
  const v = inVivoSummaryTable(growthRates(d.growth.fields), finalVolumes(d.growth.fields), endpointComparison(d.endpoint.fields));
  assert.strictEqual(v.length, 6);
  assert.deepStrictEqual(Object.keys(v[0]), ["measure", "sham", "irradiated", "irradiated vs sham (95% CI)", "P"]);
  assert.match(v[3].measure, /^day-28 volume, out-of-field/);
});

test("curves: aligned series that the figure builders accept", () => {
  const d = shippedData();
  const m = mrnaInduction(d.vegfMrna.fields);
  const c = mrnaTimeCurves(m, "Hep3B");
  assert.deepStrictEqual(c.x, [0, 2, 6, 12, 24, 48, 72]);
  assert.deepStrictEqual(c.series.map((s) => s.name), ["2 Gy", "4 Gy", "6 Gy", "8 Gy"]);
  assert.doesNotThrow(() => lineWithErrorFigure(c.x, c.series, { logY: true }));
  const bars = mrnaDoseBars(m);
  assert.deepStrictEqual(bars.categories, ["0 Gy", "2 Gy", "4 Gy", "6 Gy", "8 Gy"]);
  assert.strictEqual(bars.series[0].name, "HepG2 (p53 wild-type)");
  assert.doesNotThrow(() => groupedBarFigure(bars.categories, bars.series, { reference: 1 }));
  const tc = secretionTimeCourse(d.vegfSecretion.fields);
  const byDose = secretionCurves(tc, "HuH-7", "dose");
  assert.deepStrictEqual(byDose.x, [0, 1, 2, 4, 6, 8, 10]);
  assert.strictEqual(byDose.series.length, 5);
  const byTime = secretionCurves(tc, "HuH-7", "hours");
  assert.deepStrictEqual(byTime.series.map((s) => s.name), ["0 Gy", "1 Gy", "2 Gy", "4 Gy", "6 Gy", "8 Gy", "10 Gy"]);
  assert.doesNotThrow(() => lineWithErrorFigure(byTime.x, byTime.series));
  assert.throws(() => secretionCurves(tc, "nope", "dose"), InputError);
  const dc = secretionDoseCurves(tc, 72);
  assert.strictEqual(dc.series.length, 4);
  const io = inductionOverTime(tc);
  assert.deepStrictEqual(io.x, [6, 12, 24, 48, 72]);
  assert.doesNotThrow(() => lineWithErrorFigure(io.x, io.series));
  const g = growthCurves(d.growth.fields, "out_of_field");
  assert.deepStrictEqual(g.series.map((s) => s.name), ["sham", "irradiated"]);
  assert.strictEqual(g.individuals.length, 20);
  assert.strictEqual(g.errorLabel, "mean ± SEM");
  assert.doesNotThrow(() => lineWithErrorFigure(g.x, g.series, { logY: true, individuals: g.individuals }));
  assert.throws(() => growthCurves(d.growth.fields, "elsewhere"), InputError);
});

test("format helpers", () => {
  assert.strictEqual(pText(0.6512), "P = 0.65");
  assert.strictEqual(pText(0.0123), "P = 0.012");
  assert.strictEqual(pText(0.0000034), "P = 3.4e-6");
  assert.strictEqual(pText(0), "P < 1e-300");
  assert.strictEqual(pText(null), "P not computed");
  assert.strictEqual(pNumber(0.00095), "9.5e-4");
  assert.strictEqual(num(-0.5, 1), "\u22120.5");
  assert.strictEqual(num(-0.001, 2), "0.00");
  assert.strictEqual(estimateText(2.725, 1.8, 4.12), "2.73 (1.80\u20134.12)");
  assert.strictEqual(estimateText(2, null, null), "2.00");
  assert.strictEqual(meanSdText(13.74, 2.38), "13.7 \u00B1 2.4");
  assert.strictEqual(listText(["a", "b", "c"]), "a, b and c");
});

test("estimateText: ' to ' between limits when one is negative", () => {
  assert.strictEqual(estimateText(-0.1, -0.2, 0.05), "\u22120.10 (\u22120.20 to 0.05)");
});

test("evaluateLaboratoryClaims with only the in vitro tables: C16-C18 not evaluated, naming the missing table", () => {
  const d = shippedData();
  const claims = evaluateLaboratoryClaims({ vegfMrna: d.vegfMrna, vegfSecretion: d.vegfSecretion });
  assert.deepStrictEqual(claims.map((c) => c.evaluated), [true, true, true, true, false, false, false]);
  assert.match(claims[4].detail, /growth/);
  assert.match(claims[6].detail, /endpoint/);
  const row = laboratoryClaimRow(claims[0]);
  assert.deepStrictEqual(Object.keys(row), ["claim", "published finding", "this data", "pass rule", "verdict"]);
  assert.strictEqual(row.verdict, "reproduced");
  assert.match(row["published finding"], /p53-independent$/);
  assert.strictEqual(laboratoryClaimRow(claims[5]).verdict, "not evaluated");
});

test("design and result tables from the data", () => {
  const d = shippedData();
  const design = inVitroDesignTable(d.vegfMrna.fields, d.vegfSecretion.fields);
  assert.strictEqual(design.length, 4);
  assert.deepStrictEqual(design[0], {
    "cell line": "HepG2", p53: "wild-type", HBV: "negative",
    "RT-qPCR doses (Gy)": "0, 2, 4, 6, 8", "RT-qPCR hours": "0, 2, 6, 12, 24, 48, 72", "RT-qPCR samples": 140,
    "ELISA doses (Gy)": "0, 1, 2, 4, 6, 8, 10", "ELISA hours": "6, 12, 24, 48, 72", "ELISA samples": 140,
  });
  const u = userData();
  const userDesign = inVitroDesignTable(u.vegfMrna.fields, u.vegfSecretion.fields);
  const mahlavu = userDesign.find((r) => r["cell line"] === "Mahlavu")!;
  assert.strictEqual(mahlavu["ELISA samples"], 0, "a line with RT-qPCR only");
  const t = secretionDoseTrend(d.vegfSecretion.fields);
  const byTime = doseTrendByTimeTable(t);
  assert.deepStrictEqual(Object.keys(byTime[0]), ["cell line", "6 h", "12 h", "24 h", "48 h", "72 h"]);
  assert.match(byTime[0]["72 h"], /%\/Gy, P = /);
  const a = secretionAnova(d.vegfSecretion.fields);
  const rows = anovaRows(a.anova);
  assert.deepStrictEqual(rows.map((r) => r.term), ["experiment", "dose", "dose:cell line", "residual"]);
  assert.strictEqual(rows[3].df, 72);
  const x = xenograftDesign(d.growth.fields, d.endpoint.fields);
  assert.deepStrictEqual(x.groups, [{ group: "sham", mice: 10, withEndpoints: 10 }, { group: "irradiated", mice: 10, withEndpoints: 10 }]);
  assert.deepStrictEqual(x.sites, ["in_field", "out_of_field"]);
  assert.deepStrictEqual(x.days, [0, 3, 7, 10, 14, 17, 21, 24, 28]);
  assert.strictEqual(x.mice, 20);
  const bars = mrnaDoseBars(mrnaInduction(d.vegfMrna.fields));
  assert.strictEqual(bars.colors["HepG2 (p53 wild-type)"], "#009E73", "the line's own colour");
});

test("notebook tables: experiment variation, rule checks, curve and mixed-model rows", () => {
  const d = shippedData();
  const v = experimentVariationTable(d.vegfMrna.fields, d.vegfSecretion.fields);
  assert.deepStrictEqual(v.map((r) => r.experiments), [4, 4, 4, 4]);
  assert.ok(Object.keys(v[0]).some((k) => /^cell yield, 10 vs 0 Gy at 72 h$/.test(k)));
  const rc = ruleCheckRows(["C12", "C18"])!;
  assert.deepStrictEqual(rc.map((r) => r.claim), ["C12", "C18"]);
  assert.match(rc[0]["false-pass rate without the effect (null scenario)"], /\(p53-dependent\)/);
  assert.strictEqual(ruleCheckRows(["C12"], null), null);
  const dr = doseResponseRows(secretionDoseResponse(d.vegfSecretion.fields));
  assert.deepStrictEqual(Object.keys(dr[0]), ["cell line", "EC50, Gy (95% CI, from log EC50)", "plateau over sham, fold (95% CI)", "Hill slope", "reached at 10 Gy", "residual SD (log2)", "note"]);
  const dr90 = doseResponseRows(secretionDoseResponse(d.vegfSecretion.fields, { confLevel: 0.9 }));
  assert.ok(Object.keys(dr90[0]).includes("EC50, Gy (90% CI, from log EC50)"), "the header follows the level");
  const vr = ruleVariantRows();
  assert.ok(vr !== null && vr.some((r) => /per 10\^6 cells counted at harvest/.test(r["rule variant (not the plan's)"])));
  const sr = sensitivityRows("C18")!;
  assert.strictEqual(sr.length, 4);
  assert.match(sr[1].scenario, /weaker within-group association/);
  const mm = mixedModelRows(growthMixedModel(d.growth.fields).outOfField);
  assert.deepStrictEqual(mm.fixed.map((r) => r.term), ["(Intercept)", "day", "irradiated", "day:irradiated"]);
  assert.ok("95% CI" in mm.fixed[0]);
  assert.ok("90% CI" in mixedModelRows(growthMixedModel(d.growth.fields, { confLevel: 0.9 }).outOfField).fixed[0], "the header follows the level");
  assert.deepStrictEqual(mm.random.map((r) => r.effect), ["(Intercept)", "day", ""]);
});

test("the notebooks' parameters cells hold the analysis plan", () => {
  const cellOf = (name: string) => {
    const nb = JSON.parse(fs.readFileSync(path.join(repoRootDir, "notebooks", name), "utf8"));
    const cell = nb.cells.find((c: { metadata: { tags?: string[] } }) => (c.metadata.tags || []).indexOf("parameters") >= 0);
    assert.ok(cell !== undefined, `${name} has a parameters cell`);
    assert.strictEqual(nb.cells.indexOf(cell), 1, `${name}: the first code cell after the title`);
    return (cell.source as string[]).join("");
  };
  const p04 = cellOf("04-vegf-in-vitro.ipynb");
  assert.match(p04, /alpha: 0\.05,/);
  assert.match(p04, new RegExp(`mrnaHours: ${LAB_ANALYSIS_PLAN.mrnaHours},`));
  assert.match(p04, /mrnaDose: null as number \| null,/);
  assert.match(p04, /p53Margin: \{ lower: 2 \/ 3, upper: 3 \/ 2 \}/);
  assert.match(p04, new RegExp(`secretionHours: ${LAB_ANALYSIS_PLAN.secretionHours},`));
  assert.match(p04, /timeCourseDose: null as number \| null,/);
  assert.match(p04, /confLevel: 0\.95,/);
  assert.match(p04, new RegExp(`secretionMeasure: "${LAB_ANALYSIS_PLAN.secretionMeasure}" as "concentration" \\| "per 10\\^6 cells",`));
  const p05 = cellOf("05-in-vivo-angiogenesis.ipynb");
  assert.match(p05, /alpha: 0\.05,/);
  assert.match(p05, /confLevel: 0\.95,/);
  assert.match(p05, new RegExp(`fromDay: ${LAB_ANALYSIS_PLAN.growthFromDay},`));
});
