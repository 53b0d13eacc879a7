/**
 * The laboratory claims C12–C18 evaluated on loaded data, each with the value this data
 * gives (text), the pass rule, pass / fail, and the numbers behind it. The analyses are
 * the notebooks' own (mrnaInduction, secretionDoseTrend, secretionTimeCourse,
 * secretionAnova, growthRates, finalVolumes, endpointComparison) with the pre-specified
 * analysis plan (analysis-plan.ts). This is the one definition of how C12–C18 are judged:
 * the claims ledger (src/claims) calls it for the laboratory rows, and the rule checks of
 * the simulated data (src/synth/laboratory/rule-checks.ts) judge every draw with it.
 *
 * Pass rules (alpha = 0.05; every in vitro test has the experiment as its unit):
 *  C12 at the pre-specified dose and time (8 Gy, 6 h), VEGF mRNA rises in every line (paired
 *      ΔΔCt, t test, P < alpha), and the p53 wild-type / deficient fold-change ratio is
 *      equivalent within the margin (2/3 to 3/2; two one-sided tests, each P < alpha).
 *      "p53-independent" is a claim of sameness, so it needs equivalence: a non-significant
 *      difference would pass more easily the noisier the data.
 *  C13 at 72 h, log2 VEGF in the medium (the plan's measure: the concentration) rises with dose
 *      over the irradiated doses (above the sham dose): one slope per experiment, mean slope > 0
 *      with P < alpha (t across experiments) in every line. Excluding the sham wells makes a step
 *      (the same rise at every dose) fail: "dose-dependent" asks for more VEGF at more dose.
 *  C14 at the highest dose, the rise over the same experiment's sham grows with time over the
 *      harvests after irradiation (one slope per experiment, mean slope > 0, P < alpha) in every line;
 *  C15 the dose × cell line interaction of the randomized-block ANOVA at 72 h has P < alpha, and
 *      every line's paired rise from the lowest to the highest dose is above 1 (a rise that
 *      differs, not a fall that differs);
 *  C16 out-of-field tumors of irradiated mice grow faster (per-tumor growth rate higher, Welch
 *      P < alpha) and end larger for their day-0 size (ANCOVA of ln final volume on ln baseline,
 *      ratio > 1, P < alpha), while the irradiated in-field tumors shrink (mean per-tumor rate
 *      < 0, one-sample t test P < alpha);
 *  C17 microvessel density higher in irradiated mice (Welch P < alpha);
 *  C18 serum VEGF higher in irradiated mice (Welch P < alpha) and associated with microvessel
 *      density within groups: the group-adjusted (partial) correlation is positive with
 *      P < alpha. The pooled correlation is reported but not judged: a group difference in
 *      both measures alone makes it large (the rule checks' "no within-group association"
 *      scenario shows how often it would pass without any mouse-level association).
 * A claim whose analysis cannot run on the data (e.g. no replicates, its table not given, or
 * its file failed validation) is returned with evaluated = false, pass = false and the reason
 * in `detail`; the other claims are still evaluated.
 *
 * @example
 * evaluateLaboratoryClaims(loadLaboratory()).map((c) => [c.id, c.pass, c.value]);
 */
import { InputError } from "../core/index";
import { studyClaim } from "../claims/study-claims";
import { checkXenograftMice, loadEndpoint, loadTumorGrowth, loadVegfMrna, loadVegfSecretion } from "../data/laboratory";
import { DataValidationError } from "../data/issues";
import { LAB_ANALYSIS_PLAN } from "./analysis-plan";
import type { LaboratoryAnalysisPlan } from "./analysis-plan";
import type { EndpointColumns, GrowthColumns, MrnaColumns, SecretionColumns } from "./columns";
import { endpointComparison } from "./endpoint-comparison";
import { finalVolumes } from "./final-volumes";
import { ciLabel, estimateText, num, pText } from "./format";
import { growthRates } from "./growth-rates";
import type { GrowthSiteComparison } from "./growth-rates";
import { mrnaInduction } from "./mrna-induction";
import { tTest } from "../stats/index";
import { secretionAnova } from "./secretion-anova";
import { secretionDoseTrend } from "./secretion-dose-trend";
import { secretionTimeCourse } from "./secretion-time-course";

/**
 * The laboratory tables as the loaders return them (only `fields` is read). Any may be
 * left out (e.g. the in vitro notebook passes only its two files); the claims that need a
 * missing table are returned as not evaluated. `problems` gives, per table, why it could
 * not be loaded (e.g. the validation error of its file): that is the reason shown.
 */
export interface LaboratoryData {
  vegfMrna?: { fields: MrnaColumns };
  vegfSecretion?: { fields: SecretionColumns };
  growth?: { fields: GrowthColumns };
  endpoint?: { fields: EndpointColumns };
  problems?: Partial<Record<"vegfMrna" | "vegfSecretion" | "growth" | "endpoint", string>>;
}

export interface LaboratoryClaimResult {
  id: "C12" | "C13" | "C14" | "C15" | "C16" | "C17" | "C18";
  /** The value this data gives, as text. */
  value: string;
  /** The pass rule. */
  rule: string;
  pass: boolean;
  /** False when the analysis could not run on the data (then pass is false). */
  evaluated: boolean;
  /** The numbers behind the value. */
  detail: string;
}

export const LABORATORY_CLAIM_IDS: LaboratoryClaimResult["id"][] = ["C12", "C13", "C14", "C15", "C16", "C17", "C18"];

/** The table each claim needs. */
export const LABORATORY_CLAIM_TABLES: Record<LaboratoryClaimResult["id"], keyof NonNullable<LaboratoryData["problems"]>> = {
  C12: "vegfMrna",
  C13: "vegfSecretion",
  C14: "vegfSecretion",
  C15: "vegfSecretion",
  C16: "growth",
  C17: "endpoint",
  C18: "endpoint",
};

/** "(pre-specified)" when a plan value is the analysis plan's own, else says it was changed. */
function specified(value: number, planned: number, unit: string): string {
  return value === planned ? "(pre-specified)" : `(given; the analysis plan pre-specifies ${planned} ${unit})`;
}

/** The pass rule of each claim under a plan, as text. */
export function laboratoryClaimRules(plan: LaboratoryAnalysisPlan = LAB_ANALYSIS_PLAN): Record<LaboratoryClaimResult["id"], string> {
  const a = plan.alpha;
  const dose = plan.mrnaDose === null ? "the highest dose" : `${plan.mrnaDose} Gy`;
  const measure = plan.secretionMeasure === "concentration" ? "VEGF concentration in the medium" : "VEGF per 10^6 cells counted at harvest";
  return {
    C12:
      `at ${dose} and ${plan.mrnaHours} h ${specified(plan.mrnaHours, LAB_ANALYSIS_PLAN.mrnaHours, "h")}: VEGF mRNA rises in every line (ΔΔCt paired within experiment, P < ${a}); ` +
      `p53 wild-type / deficient fold-change ratio equivalent within ${num(plan.p53Margin.lower)}–${num(plan.p53Margin.upper)} (two one-sided tests, P < ${a})`,
    C13: `at ${plan.secretionHours} h, log2 ${measure}: slope on dose over the irradiated doses (above sham), one per experiment, > 0 with P < ${a} (t across experiments) in every line`,
    C14: `at ${plan.timeCourseDose === null ? "the highest dose" : `${plan.timeCourseDose} Gy`}, log2 ${measure}: the rise over the same experiment's sham grows with time after irradiation (one slope per experiment, > 0, P < ${a}) in every line`,
    C15: `randomized-block ANOVA (experiment + dose × cell line) of log2 ${measure} at ${plan.secretionHours} h: dose × cell line P < ${a}, with a rise (highest vs sham dose) in every line`,
    C16:
      `out-of-field tumors of irradiated mice: higher per-tumor growth rate (Welch P < ${a}) and larger final volume adjusted for day-0 volume (ANCOVA, ln volume, P < ${a}); ` +
      `in-field tumors of irradiated mice shrink (mean rate < 0, one-sample t test P < ${a})`,
    C17: `microvessel density higher in irradiated mice (Welch P < ${a})`,
    C18: `serum VEGF higher in irradiated mice (Welch P < ${a}); group-adjusted (partial) correlation with microvessel density > 0, P < ${a} (the pooled r is shown, not judged)`,
  };
}

type Outcome = { value: string; pass: boolean; detail: string };

/** C12–C18 on loaded laboratory data under the analysis plan; see the file comment. */
export function evaluateLaboratoryClaims(data: LaboratoryData, plan: LaboratoryAnalysisPlan = LAB_ANALYSIS_PLAN): LaboratoryClaimResult[] {
  plan = { ...LAB_ANALYSIS_PLAN, ...plan };
  const rules = laboratoryClaimRules(plan);
  const alpha = plan.alpha;
  const confLevel = plan.confLevel;
  const problems = data.problems || {};
  const attempt = (id: LaboratoryClaimResult["id"], run: () => Outcome): LaboratoryClaimResult => {
    const table = LABORATORY_CLAIM_TABLES[id];
    const problem = problems[table];
    if (problem !== undefined) return { id, value: "not evaluated", rule: rules[id], pass: false, evaluated: false, detail: problem };
    if (data[table] === undefined || data[table] === null) {
      return { id, value: "not evaluated", rule: rules[id], pass: false, evaluated: false, detail: `${table} was not given: this claim needs it` };
    }
    try {
      const o = run();
      return { id, value: o.value, rule: rules[id], pass: o.pass, evaluated: true, detail: o.detail };
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      return { id, value: "not evaluated", rule: rules[id], pass: false, evaluated: false, detail: error.message };
    }
  };
  const out: LaboratoryClaimResult[] = [];
  out.push(
    attempt("C12", () => {
      const m = mrnaInduction((data.vegfMrna as { fields: MrnaColumns }).fields, {
        hours: plan.mrnaHours,
        dose: plan.mrnaDose === null ? undefined : plan.mrnaDose,
        alpha,
        confLevel,
        p53Margin: plan.p53Margin,
      });
      const perLine = m.perLine.map((l) => `${l.cellLine} (p53 ${l.p53Status}) ${num(l.foldChange)}, ${pText(l.pValue)}`).join("; ");
      const allRise = m.perLine.every((l) => l.rises);
      const p = m.p53;
      const p53Text =
        p === null
          ? (m.p53Note as string)
          : `wild-type / deficient fold-change ratio ${num(p.ratio)} (${ciLabel(p.equivalence.ciLevel)} ${num(p.equivalence.ratioCiLower)}–${num(p.equivalence.ratioCiUpper)}), ` +
            `equivalence within ${num(p.equivalence.marginLower)}–${num(p.equivalence.marginUpper)} ${pText(p.equivalence.pValue, "P(TOST)")}`;
      return {
        value: `fold change at ${m.inductionDose} Gy, ${m.inductionHours} h: ${perLine}; ${p53Text}`,
        pass: allRise && p !== null && p.equivalence.equivalent,
        detail:
          `${m.perLine.filter((l) => l.rises).length} of ${m.perLine.length} lines rise; ` +
          (p === null ? "" : `difference test of the ratio ${pText(p.pValue)} (${num(p.df, 1)} df); `) +
          `line heterogeneity (blocked) ${pText(m.lineHeterogeneity === null ? null : m.lineHeterogeneity.pValue)}` +
          (m.notes.length > 0 ? `; ${m.notes.join("; ")}` : ""),
      };
    }),
  );
  const secretion = () => (data.vegfSecretion as { fields: SecretionColumns }).fields;
  const measure = plan.secretionMeasure;
  out.push(
    attempt("C13", () => {
      const t = secretionDoseTrend(secretion(), { hours: plan.secretionHours, alpha, confLevel, measure, doses: "irradiated" });
      const span = (l: (typeof t.lines)[number]) => `${l.trendDoses[0]}–${l.trendDoses[l.trendDoses.length - 1]} Gy`;
      return {
        value:
          `at ${t.hours} h (${t.measure.kind}, ${t.measure.unit}), slope over ${span(t.lines[0])}: ` +
          t.lines.map((l) => `${l.cellLine} ${l.percentPerGy >= 0 ? "+" : ""}${num(l.percentPerGy, 1)} % per Gy, ${pText(l.pValue)}`).join("; "),
        pass: t.lines.every((l) => l.increases),
        detail:
          `${t.lines.filter((l) => l.increases).length} of ${t.lines.length} lines with a significant rise over the irradiated doses (t on ${t.lines[0].df} df, one slope per experiment); ` +
          `highest vs sham dose ` +
          t.lines.map((l) => `${l.cellLine} ${num(l.foldHighestVsLowest)}x`).join(", ") +
          t.notes.map((n) => `; ${n}`).join(""),
      };
    }),
  );
  out.push(
    attempt("C14", () => {
      const tc = secretionTimeCourse(secretion(), { dose: plan.timeCourseDose === null ? undefined : plan.timeCourseDose, alpha, confLevel, measure });
      const tested = tc.lines.length;
      const untested = tc.notes.filter((n) => /no time trend test/.test(n));
      return {
        value: `${tc.dose} Gy vs sham (${tc.measure.kind}), change of the fold over sham per day (×1 = none): ` + tc.lines.map((l) => `${l.cellLine} ×${num(l.foldPerDay)}, ${pText(l.pValue)}`).join("; "),
        pass: tested > 0 && untested.length === 0 && tc.lines.every((l) => l.increases),
        detail: tc.notes.concat([`${tc.lines.filter((l) => l.increases).length} of ${tested} lines with a significant rise over time after ${tc.afterHours} h (one slope per experiment)`]).join("; "),
      };
    }),
  );
  out.push(
    attempt("C15", () => {
      const a = secretionAnova(secretion(), { hours: plan.secretionHours, confLevel, measure });
      const i = a.interaction;
      const allRise = a.induction.length === a.lines.length && a.induction.every((x) => x.foldInduction > 1);
      return {
        value: `dose x cell line F(${i.df}, ${i.dfResidual}) = ${num(i.f)}, ${pText(i.pValue)} at ${a.hours} h (${a.measure.kind}), experiment as block`,
        pass: i.pValue !== null && i.pValue < alpha && allRise,
        detail:
          `fold change at ${a.inductionDose} vs ${a.controlDose} Gy (paired): ` +
          a.induction.map((x) => `${x.cellLine} ${num(x.foldInduction)}`).join(", ") +
          (allRise ? "" : "; not every line rises") +
          a.notes.map((n) => `; ${n}`).join(""),
      };
    }),
  );
  out.push(
    attempt("C16", () => {
      const growth = (data.growth as { fields: GrowthColumns }).fields;
      const g = growthRates(growth, { fromDay: plan.growthFromDay, confLevel });
      const v = finalVolumes(growth, { confLevel });
      const outRates = g.sites.find((s) => s.site === "out_of_field");
      const outVol = v.sites.find((s) => s.site === "out_of_field");
      const inRates = g.sites.find((s) => s.site === "in_field");
      const inVol = v.sites.find((s) => s.site === "in_field");
      if (outRates === undefined || outVol === undefined) throw new InputError("site", null, "out_of_field", "has no tumors: the out-of-field comparison cannot be made");
      const rate = (site: GrowthSiteComparison, group: string): number | null => {
        const x = site.groups.find((gr) => gr.group === group);
        return x === undefined ? null : x.meanRate;
      };
      const rInIrr = inRates === undefined ? null : rate(inRates, "irradiated");
      const rt = outRates.test;
      const an = outVol.ancova;
      const faster = rt !== null && rt.difference > 0 && rt.pValue < alpha;
      const larger = an !== null && an.ratio > 1 && an.pValue < alpha;
      const inRatesIrr = inRates === undefined ? [] : g.tumors.filter((t) => t.site === inRates.site && t.group === "irradiated").map((t) => t.rate);
      let inTest: { t: number; df: number; pValue: number } | null = null;
      if (inRatesIrr.length >= 2) {
        try {
          const w = tTest(inRatesIrr, null, { confLevel });
          inTest = { t: w.t, df: w.df, pValue: w.pValue };
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
        }
      }
      const shrinks = rInIrr !== null && rInIrr < 0 && inTest !== null && inTest.pValue < alpha;
      const inIrr = inVol === undefined ? undefined : inVol.groups.find((gr) => gr.group === "irradiated");
      return {
        value:
          `out-of-field growth rate ${num(rate(outRates, "irradiated"), 4)} vs ${num(rate(outRates, "sham"), 4)} per day (${pText(rt === null ? null : rt.pValue)}); ` +
          `day-${outVol.finalDay} volume irradiated / sham adjusted for day-0 volume ${an === null ? "NA" : `${estimateText(an.ratio, an.lower, an.upper)} (${ciLabel(confLevel)})`}, ${pText(an === null ? null : an.pValue)}; ` +
          `in-field rate of irradiated tumors ${num(rInIrr, 4)} per day (${pText(inTest === null ? null : inTest.pValue)})`,
        pass: faster && larger && shrinks,
        detail:
          `unadjusted day-${outVol.finalDay} ratio ${outVol.test === null ? "NA" : `${estimateText(outVol.test.ratio, outVol.test.lower, outVol.test.upper)}, ${pText(outVol.test.pValue)}`}; ` +
          `${inIrr === undefined ? 0 : inIrr.regressed} of ${inIrr === undefined ? 0 : inIrr.n} irradiated in-field tumors ended below their day-0 volume`,
      };
    }),
  );
  let endpoints: ReturnType<typeof endpointComparison> | InputError | null = null;
  const fromEndpoint = (id: "C17" | "C18", f: (x: ReturnType<typeof endpointComparison>) => Outcome): LaboratoryClaimResult =>
    attempt(id, () => {
      if (endpoints === null) {
        try {
          endpoints = endpointComparison((data.endpoint as { fields: EndpointColumns }).fields, { missing: "drop", confLevel });
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          endpoints = error;
        }
      }
      if (endpoints instanceof InputError) throw endpoints;
      return f(endpoints);
    });
  out.push(
    fromEndpoint("C17", (x) => {
      const t = x.mvd.test;
      const [sham, irr] = [x.mvd.groups.find((g) => g.group === "sham"), x.mvd.groups.find((g) => g.group === "irradiated")];
      return {
        value: `microvessels/HPF ${num(irr === undefined ? null : irr.mean, 1)} (irradiated) vs ${num(sham === undefined ? null : sham.mean, 1)} (sham), ${pText(t === null ? null : t.pValue)}`,
        pass: t !== null && t.difference > 0 && t.pValue < alpha,
        detail: `difference ${t === null ? "NA" : estimateText(t.difference, t.lower, t.upper, 1)}; Wilcoxon ${pText(x.mvd.wilcoxon === null ? null : x.mvd.wilcoxon.pValue)}`,
      };
    }),
  );
  out.push(
    fromEndpoint("C18", (x) => {
      const t = x.serumVegf.test;
      const c = x.correlation.pearson;
      const pc = x.correlation.partial;
      const [sham, irr] = [x.serumVegf.groups.find((g) => g.group === "sham"), x.serumVegf.groups.find((g) => g.group === "irradiated")];
      return {
        value:
          `serum VEGF ${num(irr === undefined ? null : irr.mean, 1)} vs ${num(sham === undefined ? null : sham.mean, 1)} pg/ml, ${pText(t === null ? null : t.pValue)}; ` +
          (pc === null ? `${x.correlation.partialNote}` : `group-adjusted r = ${num(pc.r)} (${num(pc.lower)}\u2013${num(pc.upper)}), ${pText(pc.pValue)}`) +
          `; pooled r = ${num(c.r)}, n = ${x.correlation.n}`,
        pass: t !== null && t.difference > 0 && t.pValue < alpha && pc !== null && pc.r > 0 && pc.pValue < alpha,
        detail:
          `pooled Pearson r ${estimateText(c.r, c.lower, c.upper)}, ${pText(c.pValue)}; Spearman rho ${num(x.correlation.spearman.rho)}; within-group r: ` +
          x.correlation.withinGroup.map((w) => `${w.group} ${num(w.r)} (${pText(w.pValue)})`).join(", "),
      };
    }),
  );
  return out;
}

/**
 * Loads each laboratory file of `dir` on its own, for the claims: a file that fails
 * validation (or is missing) becomes a `problems` entry for its table, with the error
 * message, and only the claims that need it are then "not evaluated". The cross-file check
 * (every end-point mouse in the growth file, same group) runs when both xenograft files load;
 * its failure is a problem of the end-point table.
 */
export function loadLaboratoryForClaims(dir?: string): LaboratoryData {
  const data: LaboratoryData = { problems: {} };
  const problems = data.problems as NonNullable<LaboratoryData["problems"]>;
  const load = <T>(table: keyof typeof problems, loader: () => T): T | undefined => {
    try {
      return loader();
    } catch (error) {
      problems[table] = error instanceof Error ? error.message : String(error);
      return undefined;
    }
  };
  data.vegfMrna = load("vegfMrna", () => loadVegfMrna(dir));
  data.vegfSecretion = load("vegfSecretion", () => loadVegfSecretion(dir));
  const growth = load("growth", () => loadTumorGrowth(dir));
  const endpoint = load("endpoint", () => loadEndpoint(dir));
  data.growth = growth;
  if (growth !== undefined && endpoint !== undefined) {
    const issues = checkXenograftMice(growth, endpoint);
    if (issues.length > 0) problems.endpoint = new DataValidationError(endpoint.file, issues).message;
    else data.endpoint = endpoint;
  } else {
    data.endpoint = endpoint;
  }
  return data;
}

/** A claim's evaluation beside the published finding, as one table row for a notebook. */
export function laboratoryClaimRow(result: LaboratoryClaimResult): Record<string, string> {
  const claim = studyClaim(result.id);
  return {
    claim: claim.id,
    "published finding": `${claim.statement}: ${claim.published}`,
    "this data": result.value,
    "pass rule": result.rule,
    verdict: !result.evaluated ? "not evaluated" : result.pass ? "reproduced" : "not reproduced",
  };
}
