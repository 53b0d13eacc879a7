/**
 * The laboratory claims C12–C18 evaluated on loaded data, each with the value this data
 * gives (text), the pass rule, pass / fail, and the numbers behind it. The analyses are
 * the notebooks' own (mrnaInduction, secretionDoseTrend, secretionTimeCourse,
 * secretionAnova, growthRates, finalVolumes, endpointComparison), with their default
 * choices. This is the one definition of how C12–C18 are judged: the claims ledger
 * (src/claims) calls it for the laboratory rows, and the seed robustness check of the
 * simulated data (src/synth/laboratory/seed-check.ts) judges each draw with it.
 *
 * Pass rules (alpha = 0.05, two-sided tests):
 *  C12 every line's VEGF mRNA fold change at the highest dose and peak time is > 1 (Welch P < 0.05),
 *      and the p53 wild-type vs p53-deficient contrast is not significant (P ≥ 0.05);
 *  C13 the dose trend of log2 secreted VEGF is positive with P < 0.05 in every line;
 *  C14 the time trend of the rise over sham (highest dose) is positive with P < 0.05 in every line;
 *  C15 the dose × cell line interaction of the two-way ANOVA on log2 VEGF has P < 0.05;
 *  C16 out-of-field final volume larger in irradiated mice (Welch on ln volume, P < 0.05), a higher
 *      mean out-of-field growth rate in irradiated mice, and in-field tumors of irradiated mice
 *      shrinking (mean growth rate < 0);
 *  C17 microvessel density higher in irradiated mice (Welch P < 0.05);
 *  C18 serum VEGF higher in irradiated mice (Welch P < 0.05) and Pearson r ≥ 0.6 with P < 0.05
 *      between serum VEGF and microvessel density.
 * A claim whose analysis cannot run on the data (e.g. no replicates, or its table not given) is returned with
 * evaluated = false, pass = false and the reason in `detail`.
 *
 * @example
 * evaluateLaboratoryClaims(loadLaboratory()).map((c) => [c.id, c.pass, c.value]);
 */
import { InputError } from "../core/index";
import { studyClaim } from "../claims/study-claims";
import type { EndpointColumns, GrowthColumns, MrnaColumns, SecretionColumns } from "./columns";
import { endpointComparison } from "./endpoint-comparison";
import { finalVolumes } from "./final-volumes";
import { estimateText, num, pText } from "./format";
import { growthRates } from "./growth-rates";
import type { GrowthSiteComparison } from "./growth-rates";
import { mrnaInduction } from "./mrna-induction";
import { secretionAnova } from "./secretion-anova";
import { secretionDoseTrend } from "./secretion-dose-trend";
import { secretionTimeCourse } from "./secretion-time-course";

/**
 * The laboratory tables as loadLaboratory returns them (only `fields` is read). Any may be
 * left out (e.g. the in vitro notebook passes only its two files); the claims that need a
 * missing table are returned as not evaluated.
 */
export interface LaboratoryData {
  vegfMrna?: { fields: MrnaColumns };
  vegfSecretion?: { fields: SecretionColumns };
  growth?: { fields: GrowthColumns };
  endpoint?: { fields: EndpointColumns };
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

const ALPHA = 0.05;
const MIN_R = 0.6;
export const LABORATORY_CLAIM_IDS: LaboratoryClaimResult["id"][] = ["C12", "C13", "C14", "C15", "C16", "C17", "C18"];

const RULES: Record<LaboratoryClaimResult["id"], string> = {
  C12: "every line: VEGF mRNA fold change > 1 at the highest dose and peak time (Welch P < 0.05); p53 wild-type vs deficient lines: P >= 0.05",
  C13: "dose trend of log2 secreted VEGF positive with P < 0.05 in every line",
  C14: "time trend of the rise over sham (highest dose) positive with P < 0.05 in every line",
  C15: "dose x cell line interaction P < 0.05 (two-way ANOVA, log2 VEGF)",
  C16: "out-of-field: final volume larger in irradiated mice (Welch, ln volume, P < 0.05) and higher mean growth rate; in-field tumors of irradiated mice shrink (mean rate < 0)",
  C17: "microvessel density higher in irradiated mice (Welch P < 0.05)",
  C18: "serum VEGF higher in irradiated mice (Welch P < 0.05); Pearson r >= 0.6 with P < 0.05 between serum VEGF and microvessel density",
};

type Outcome = { value: string; pass: boolean; detail: string };

/** The table's columns, or an InputError saying the table was not given. */
function need<T>(table: { fields: T } | undefined, name: string): T {
  if (table === undefined || table === null) throw new InputError(name, null, table, "was not given: this claim needs it");
  return table.fields;
}

function attempt(id: LaboratoryClaimResult["id"], run: () => Outcome): LaboratoryClaimResult {
  try {
    const o = run();
    return { id, value: o.value, rule: RULES[id], pass: o.pass, evaluated: true, detail: o.detail };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { id, value: "not evaluated", rule: RULES[id], pass: false, evaluated: false, detail: error.message };
  }
}

/** C12–C18 on loaded laboratory data; see the file comment. */
export function evaluateLaboratoryClaims(data: LaboratoryData): LaboratoryClaimResult[] {
  const out: LaboratoryClaimResult[] = [];
  out.push(
    attempt("C12", () => {
      const m = mrnaInduction(need(data.vegfMrna, "vegfMrna"));
      const perLine = m.perLine.map((l) => `${l.cellLine} (p53 ${l.p53Status}) ${num(l.foldChange)}, ${pText(l.pValue)}`).join("; ");
      const allRise = m.perLine.every((l) => l.rises);
      const p = m.p53;
      const p53Text = p === null ? (m.p53Note as string) : `wild-type / deficient fold change ratio ${estimateText(p.ratio, p.ratioLower, p.ratioUpper)}, ${pText(p.pValue)}`;
      return {
        value: `fold change at ${m.inductionDose} Gy, ${m.inductionHours} h: ${perLine}; ${p53Text}`,
        pass: allRise && p !== null && p.pValue >= ALPHA,
        detail: `${m.perLine.filter((l) => l.rises).length} of ${m.perLine.length} lines rise; p53 contrast (log2) ${num(p === null ? null : p.estimate, 3)} on ${p === null ? "NA" : p.df} df; line heterogeneity ${pText(m.lineHeterogeneity === null ? null : m.lineHeterogeneity.pValue)}`,
      };
    }),
  );
  out.push(
    attempt("C13", () => {
      const t = secretionDoseTrend(need(data.vegfSecretion, "vegfSecretion"));
      return {
        value: `at ${t.hours} h: ` + t.lines.map((l) => `${l.cellLine} ${num(l.percentPerGy, 1)} % per Gy, ${pText(l.pValue)}`).join("; "),
        pass: t.lines.every((l) => l.increases),
        detail: `${t.lines.filter((l) => l.increases).length} of ${t.lines.length} lines with a significant rise; highest vs lowest dose ` + t.lines.map((l) => `${l.cellLine} ${num(l.foldHighestVsLowest)}x`).join(", "),
      };
    }),
  );
  out.push(
    attempt("C14", () => {
      const tc = secretionTimeCourse(need(data.vegfSecretion, "vegfSecretion"));
      const tested = tc.lines.length;
      return {
        value: `${tc.dose} Gy vs sham, fold rise per day: ` + tc.lines.map((l) => `${l.cellLine} ${num(l.foldPerDay)}, ${pText(l.pValue)}`).join("; "),
        pass: tested > 0 && tc.notes.length === 0 && tc.lines.every((l) => l.increases),
        detail: tc.notes.concat([`${tc.lines.filter((l) => l.increases).length} of ${tested} lines with a significant rise over time`]).join("; "),
      };
    }),
  );
  out.push(
    attempt("C15", () => {
      const a = secretionAnova(need(data.vegfSecretion, "vegfSecretion"));
      const i = a.interaction;
      return {
        value: `dose x cell line F(${i.df}, ${i.dfResidual}) = ${num(i.f)}, ${pText(i.pValue)} at ${a.hours} h`,
        pass: i.pValue !== null && i.pValue < ALPHA,
        detail: `fold rise at ${a.inductionDose} vs ${a.controlDose} Gy: ` + a.induction.map((x) => `${x.cellLine} ${num(x.foldInduction)}`).join(", "),
      };
    }),
  );
  out.push(
    attempt("C16", () => {
      const g = growthRates(need(data.growth, "growth"));
      const v = finalVolumes(need(data.growth, "growth"));
      const outRates = g.sites.find((s) => s.site === "out_of_field");
      const outVol = v.sites.find((s) => s.site === "out_of_field");
      const inRates = g.sites.find((s) => s.site === "in_field");
      const inVol = v.sites.find((s) => s.site === "in_field");
      if (outRates === undefined || outVol === undefined) throw new InputError("site", null, "out_of_field", "has no tumors: the out-of-field comparison cannot be made");
      const rate = (site: GrowthSiteComparison, group: string): number | null => {
        const x = site.groups.find((gr) => gr.group === group);
        return x === undefined ? null : x.meanRate;
      };
      const rOutIrr = rate(outRates, "irradiated");
      const rOutSham = rate(outRates, "sham");
      const rInIrr = inRates === undefined ? null : rate(inRates, "irradiated");
      const vt = outVol.test;
      const faster = rOutIrr !== null && rOutSham !== null && rOutIrr > rOutSham;
      const larger = vt !== null && vt.ratio > 1 && vt.pValue < ALPHA;
      const shrinks = rInIrr !== null && rInIrr < 0;
      const inIrr = inVol === undefined ? undefined : inVol.groups.find((gr) => gr.group === "irradiated");
      return {
        value:
          `out-of-field day-${outVol.finalDay} volume irradiated / sham ${vt === null ? "NA" : estimateText(vt.ratio, vt.lower, vt.upper)}, ${pText(vt === null ? null : vt.pValue)}; ` +
          `growth rate ${num(rOutIrr, 4)} vs ${num(rOutSham, 4)} per day (${pText(outRates.test === null ? null : outRates.test.pValue)}); in-field rate of irradiated tumors ${num(rInIrr, 4)} per day`,
        pass: larger && faster && shrinks,
        detail: `${inIrr === undefined ? 0 : inIrr.regressed} of ${inIrr === undefined ? 0 : inIrr.n} irradiated in-field tumors ended below their day-0 volume`,
      };
    }),
  );
  const e = (() => {
    try {
      return endpointComparison(need(data.endpoint, "endpoint"), { missing: "drop" });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      return error;
    }
  })();
  const fromEndpoint = (id: "C17" | "C18", f: (x: ReturnType<typeof endpointComparison>) => Outcome): LaboratoryClaimResult =>
    attempt(id, () => {
      if (e instanceof InputError) throw e;
      return f(e);
    });
  out.push(
    fromEndpoint("C17", (x) => {
      const t = x.mvd.test;
      const [sham, irr] = [x.mvd.groups.find((g) => g.group === "sham"), x.mvd.groups.find((g) => g.group === "irradiated")];
      return {
        value: `microvessels/HPF ${num(irr === undefined ? null : irr.mean, 1)} (irradiated) vs ${num(sham === undefined ? null : sham.mean, 1)} (sham), ${pText(t === null ? null : t.pValue)}`,
        pass: t !== null && t.difference > 0 && t.pValue < ALPHA,
        detail: `difference ${t === null ? "NA" : estimateText(t.difference, t.lower, t.upper, 1)}; Wilcoxon ${pText(x.mvd.wilcoxon === null ? null : x.mvd.wilcoxon.pValue)}`,
      };
    }),
  );
  out.push(
    fromEndpoint("C18", (x) => {
      const t = x.serumVegf.test;
      const c = x.correlation.pearson;
      const [sham, irr] = [x.serumVegf.groups.find((g) => g.group === "sham"), x.serumVegf.groups.find((g) => g.group === "irradiated")];
      return {
        value:
          `serum VEGF ${num(irr === undefined ? null : irr.mean, 1)} vs ${num(sham === undefined ? null : sham.mean, 1)} pg/ml, ${pText(t === null ? null : t.pValue)}; ` +
          `Pearson r = ${num(c.r)} (${num(c.lower)}\u2013${num(c.upper)}), ${pText(c.pValue)}, n = ${x.correlation.n}`,
        pass: t !== null && t.difference > 0 && t.pValue < ALPHA && c.r >= MIN_R && c.pValue < ALPHA,
        detail: `Spearman rho ${num(x.correlation.spearman.rho)}; within-group r: ` + x.correlation.withinGroup.map((w) => `${w.group} ${num(w.r)} (${pText(w.pValue)})`).join(", "),
      };
    }),
  );
  return out;
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
