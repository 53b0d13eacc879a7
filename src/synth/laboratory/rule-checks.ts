/**
 * Rule checks of the laboratory claims C12–C18 (src/claims/rule-checks.ts): how often each
 * claim's pass rule holds on many draws of the calibrated generator (LAB_MODEL), how often it
 * wrongly holds on null generators, each of which removes the effect some claims assert
 * (nullModel in ./params.ts), and how its pass rate depends on an assumption of the calibrated
 * model (sensitivity scenarios: the within-group association of serum VEGF and microvessel
 * density). Every draw is judged by evaluateLaboratoryClaims with the pre-specified analysis
 * plan, the one definition the notebooks and the ledger use.
 *
 * For the in vitro scenarios the report also gives `parts`: the rates of variants of C13–C15's
 * rules that the plan did not choose, so a reader sees what each choice does ("C13:per-cell":
 * the same rule on VEGF per 10^6 cells counted at harvest; "C13:with-sham": the dose trend
 * including the sham wells; "C13:dishes-as-replicates": the pooled within-experiment slope of
 * lm(y ~ experiment + dose); likewise for C14, and "C15:interaction-only" without the rise
 * condition).
 *
 * All scenarios use the same seeds (`lab-check-1` … `lab-check-N`: common random numbers), so
 * a null draw differs from its calibrated twin only by the removed effect. A scenario that
 * changes only the in vitro model reuses the calibrated in vivo claims of the same seed (the
 * in vivo data are then identical), and vice versa.
 *
 * Registered as RUNNERS.laboratory in src/cli/rule-checks.ts:
 *   npm run rule-checks -- laboratory [--seeds N]     → data/rule-checks/laboratory.json
 * Direct use, with the failures listed: npx tsx src/synth/laboratory/rule-checks.ts [N] [scenario] [--failures]
 *
 * @example
 * laboratoryRuleChecks(100).scenarios[0].claims[0].rate; // C12's pass rate on 100 calibrated draws
 */
import { InputError } from "../../core/index";
import { claimRuleRate } from "../../claims/rule-checks";
import type { ClaimRuleRate, RuleCheckReport, RuleCheckScenario } from "../../claims/rule-checks";
import { LABORATORY_FILES, validateEndpoint, validateTumorGrowth, validateVegfMrna, validateVegfSecretion } from "../../data/laboratory";
import { evaluateLaboratoryClaims, LABORATORY_CLAIM_IDS } from "../../laboratory/laboratory-claims";
import { LAB_ANALYSIS_PLAN } from "../../laboratory/analysis-plan";
import { endpointComparison } from "../../laboratory/endpoint-comparison";
import { secretionAnova } from "../../laboratory/secretion-anova";
import { secretionDoseTrend } from "../../laboratory/secretion-dose-trend";
import { secretionTimeCourse } from "../../laboratory/secretion-time-course";
import type { SecretionColumns } from "../../laboratory/columns";
import type { LaboratoryClaimResult, LaboratoryData } from "../../laboratory/laboratory-claims";
import { endpointFile, invivoFiles, laboratoryFiles } from "./files";
import { LAB_MODEL, associationModel, nullModel, P53_NULL_RATIO, P53_NULL_RATIO_LOWER, P53_NULL_HOURS } from "./params";
import type { LabModel, NullScenario } from "./params";

export interface LaboratoryScenario {
  id: string;
  kind: "calibrated" | "null" | "sensitivity";
  description: string;
  nullFor: string[];
  model: LabModel;
  /** Which half of the data this scenario changes (the other half is the calibrated draw). */
  changes: "invitro" | "invivo" | "both";
}

const nullScenario = (scenario: NullScenario, description: string, nullFor: string[], changes: "invitro" | "invivo"): LaboratoryScenario => ({
  id: `null-${scenario}`,
  kind: "null",
  description,
  nullFor,
  model: nullModel(scenario),
  changes,
});

/** Within-group association strengths (the model's correlation of the own parts of serum VEGF and microvessel density) of the sensitivity scenarios. */
export const ASSOCIATION_SENSITIVITY: readonly number[] = [0.3, 0.4, 0.5];

/** The calibrated scenario, the null scenarios and the sensitivity scenarios, in report order. */
export function laboratoryScenarios(): LaboratoryScenario[] {
  return [
    {
      id: "calibrated",
      kind: "calibrated",
      description: "the generator of the shipped data (LAB_MODEL, data/README.md): every effect as calibrated",
      nullFor: [],
      model: LAB_MODEL,
      changes: "both",
    },
    nullScenario("no-radiation-vegf", "irradiation changes neither VEGF mRNA nor the per-cell VEGF secretion (it still kills cells)", ["C12", "C13", "C14", "C15"], "invitro"),
    nullScenario(
      "no-per-cell-secretion-change",
      "VEGF mRNA rises as calibrated, but no cell secretes more VEGF; irradiated cells still die after secreting, so VEGF per cell counted at harvest rises with dose (imperfect normalisation)",
      ["C13", "C14", "C15"],
      "invitro",
    ),
    nullScenario("step-dose-response", "the per-cell secretion rise is the same at every dose from the lowest (1 Gy) on: a step, not a dose-dependent rise", ["C13"], "invitro"),
    nullScenario("rise-complete-by-6h", "the per-cell secretion rise is complete within the first hours (by the first harvest at 6 h): it does not grow with time after that", ["C14"], "invitro"),
    nullScenario(
      "p53-dependent",
      `the p53 wild-type line's mRNA fold change at 8 Gy, ${P53_NULL_HOURS} h is ${P53_NULL_RATIO} times the deficient lines': the upper edge of the equivalence margin`,
      ["C12"],
      "invitro",
    ),
    nullScenario(
      "p53-dependent-lower",
      `the p53 wild-type line's mRNA fold change at 8 Gy, ${P53_NULL_HOURS} h is ${Math.round(P53_NULL_RATIO_LOWER * 1000) / 1000} times the deficient lines': the lower edge of the equivalence margin`,
      ["C12"],
      "invitro",
    ),
    nullScenario("same-rise-all-lines", "every cell line responds alike in secretion: the same per-cell rise and the same radiosensitivity (the means of the calibrated lines')", ["C15"], "invitro"),
    nullScenario(
      "no-out-of-field-effect",
      "the out-of-field tumor's growth, microvessel density and serum VEGF per tumor burden do not differ between irradiated and sham mice (the irradiated in-field tumor still regresses)",
      ["C16", "C17", "C18"],
      "invivo",
    ),
    nullScenario("in-field-stasis", "the irradiated in-field tumor neither regresses nor grows (it keeps its day-0 volume); the out-of-field effects stay as calibrated", ["C16"], "invivo"),
    nullScenario(
      "no-within-group-association",
      "serum VEGF and microvessel density differ between the groups as calibrated, but within a group microvessel density is independent of serum VEGF (serum VEGF still follows the tumor burden)",
      ["C18"],
      "invivo",
    ),
    ...ASSOCIATION_SENSITIVITY.map(
      (rho): LaboratoryScenario => ({
        id: `sensitivity-association-${rho}`,
        kind: "sensitivity",
        description: `as calibrated, but with a weaker within-group association of serum VEGF and microvessel density (their own parts correlate with ${rho} instead of ${Math.round(LAB_MODEL.endpoint.driveLoading ** 2 * 100) / 100})`,
        nullFor: [],
        model: associationModel(rho),
        changes: "invivo",
      }),
    ),
  ];
}

const IN_VITRO = new Set(["C12", "C13", "C14", "C15"]);

/** The variants of C13–C15's rules that the plan did not choose (the report's `parts`), on one draw's ELISA file. */
export const RULE_VARIANTS = ["C13:per-cell", "C13:with-sham", "C13:dishes-as-replicates", "C14:per-cell", "C14:dishes-as-replicates", "C15:interaction-only"] as const;

function ruleVariants(fields: SecretionColumns): Record<(typeof RULE_VARIANTS)[number], boolean | null> {
  const plan = LAB_ANALYSIS_PLAN;
  const a = plan.alpha;
  const safe = (f: () => boolean): boolean | null => {
    try {
      return f();
    } catch (error) {
      if (error instanceof InputError) return null;
      throw error;
    }
  };
  const trend = (measure: "concentration" | "per 10^6 cells", doses: "irradiated" | "all") => secretionDoseTrend(fields, { hours: plan.secretionHours, alpha: a, measure, doses });
  return {
    "C13:per-cell": safe(() => trend("per 10^6 cells", "irradiated").lines.every((l) => l.increases)),
    "C13:with-sham": safe(() => trend("concentration", "all").lines.every((l) => l.increases)),
    "C13:dishes-as-replicates": safe(() => trend("concentration", "irradiated").lines.every((l) => l.pooled !== null && l.pooled.slopeLog2PerGy > 0 && l.pooled.pValue < a)),
    "C14:per-cell": safe(() => {
      const tc = secretionTimeCourse(fields, { alpha: a, measure: "per 10^6 cells" });
      return tc.lines.length > 0 && tc.notes.every((n) => !/no time trend test/.test(n)) && tc.lines.every((l) => l.increases);
    }),
    "C14:dishes-as-replicates": safe(() => {
      const tc = secretionTimeCourse(fields, { alpha: a });
      return tc.notes.every((n) => !/no time trend test/.test(n)) && tc.lines.every((l) => l.pooled !== null && l.pooled.slopeLog2PerHour > 0 && l.pooled.pValue < a);
    }),
    "C15:interaction-only": safe(() => {
      const i = secretionAnova(fields, { hours: plan.secretionHours }).interaction;
      return i.pValue !== null && i.pValue < a;
    }),
  };
}

interface Draw {
  claims: LaboratoryClaimResult[];
  variants: Partial<Record<(typeof RULE_VARIANTS)[number], boolean | null>>;
}

function evaluateDraw(seed: string, model: LabModel, part: "invitro" | "invivo" | "both"): Draw {
  // An in vivo scenario reads only the in vivo files: those alone are simulated (the same bytes).
  const files = part === "invivo" ? invivoFiles(seed, model) : laboratoryFiles(seed, model);
  const data: LaboratoryData = {};
  let variants: Draw["variants"] = {};
  if (part !== "invivo") {
    data.vegfMrna = validateVegfMrna(files[LABORATORY_FILES.vegfMrna]).table;
    data.vegfSecretion = validateVegfSecretion(files[LABORATORY_FILES.vegfSecretion]).table;
    variants = ruleVariants(data.vegfSecretion.fields as unknown as SecretionColumns);
  }
  if (part !== "invitro") {
    data.growth = validateTumorGrowth(files[LABORATORY_FILES.tumorGrowth]).table;
    data.endpoint = validateEndpoint(files[LABORATORY_FILES.endpoint]).table;
  }
  const claims = evaluateLaboratoryClaims(data);
  return { claims: claims.filter((c) => (part === "both" ? true : part === "invitro" ? IN_VITRO.has(c.id) : !IN_VITRO.has(c.id))), variants };
}

export interface ScenarioDraws {
  scenario: LaboratoryScenario;
  /** Per seed, the seven claims and the rule variants of the in vitro half (when this scenario draws it). */
  draws: { seed: string; claims: LaboratoryClaimResult[]; variants: Draw["variants"] }[];
}

/** Runs every scenario on seeds lab-check-1 … lab-check-<seeds> (only `only`, when given). */
export function runLaboratoryScenarios(seeds: number, only?: string): ScenarioDraws[] {
  const scenarios = laboratoryScenarios().filter((s) => only === undefined || s.id === only || s.id === "calibrated");
  const seedOf = (k: number): string => `lab-check-${k}`;
  const calibrated: Draw[] = [];
  for (let k = 1; k <= seeds; k++) calibrated.push(evaluateDraw(seedOf(k), LAB_MODEL, "both"));
  const out: ScenarioDraws[] = [];
  for (const scenario of scenarios) {
    if (only !== undefined && scenario.id !== only) continue;
    const draws: ScenarioDraws["draws"] = [];
    for (let k = 1; k <= seeds; k++) {
      const base = calibrated[k - 1];
      if (scenario.kind === "calibrated") {
        draws.push({ seed: seedOf(k), claims: base.claims, variants: base.variants });
        continue;
      }
      const changed = evaluateDraw(seedOf(k), scenario.model, scenario.changes);
      draws.push({
        seed: seedOf(k),
        claims: base.claims.map((c) => changed.claims.find((x) => x.id === c.id) || c),
        variants: scenario.changes === "invivo" ? {} : changed.variants,
      });
    }
    out.push({ scenario, draws });
  }
  return out;
}

function variantRates(draws: ScenarioDraws["draws"]): ClaimRuleRate[] | undefined {
  if (draws.every((d) => Object.keys(d.variants).length === 0)) return undefined;
  return RULE_VARIANTS.map((id) => {
    let passed = 0;
    let evaluated = 0;
    for (const d of draws) {
      const v = d.variants[id];
      if (v === null || v === undefined) continue;
      evaluated++;
      if (v) passed++;
    }
    return claimRuleRate(id, passed, evaluated);
  });
}

/** The report written to data/rule-checks/laboratory.json. */
export function laboratoryRuleChecks(seeds: number): RuleCheckReport {
  const scenarios: RuleCheckScenario[] = runLaboratoryScenarios(seeds).map(({ scenario, draws }) => {
    const entry: RuleCheckScenario = {
      id: scenario.id,
      kind: scenario.kind,
      description: scenario.description,
      nullFor: scenario.nullFor,
      seedPattern: `lab-check-{k}, k = 1..${seeds}`,
      seeds,
      claims: LABORATORY_CLAIM_IDS.map((id) => {
        let passed = 0;
        let evaluated = 0;
        for (const d of draws) {
          const c = d.claims.find((x) => x.id === id) as LaboratoryClaimResult;
          if (c.evaluated) evaluated++;
          if (c.pass) passed++;
        }
        return claimRuleRate(id, passed, evaluated);
      }),
      allPassed: draws.filter((d) => d.claims.every((c) => c.pass)).length,
    };
    const parts = variantRates(draws);
    if (parts !== undefined) entry.parts = parts;
    return entry;
  });
  return { domain: "laboratory", command: `npm run rule-checks -- laboratory --seeds ${seeds}`, scenarios };
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const rest = args.filter((a) => a !== "--failures");
  const seeds = Number(rest[0] === undefined ? 200 : rest[0]);
  const only = rest[1];
  for (const { scenario, draws } of runLaboratoryScenarios(seeds, only)) {
    const rates = LABORATORY_CLAIM_IDS.map((id) => {
      const n = draws.filter((d) => (d.claims.find((c) => c.id === id) as LaboratoryClaimResult).pass).length;
      return `${id} ${((100 * n) / draws.length).toFixed(1)}%${scenario.nullFor.indexOf(id) >= 0 ? "*" : ""}`;
    });
    console.log(`${scenario.id.padEnd(34)} ${rates.join("  ")}  all ${((100 * draws.filter((d) => d.claims.every((c) => c.pass)).length) / draws.length).toFixed(1)}%`);
    const parts = variantRates(draws);
    if (parts !== undefined) console.log(`${"".padEnd(34)} ${parts.map((p) => `${p.id} ${p.rate === null ? "NA" : (100 * p.rate).toFixed(1)}%`).join("  ")}`);
    if (args.indexOf("--failures") >= 0) {
      for (const d of draws) for (const c of d.claims) if (!c.pass && scenario.kind === "calibrated") console.log(`  ${d.seed} ${c.id}: ${c.value} | ${c.detail}`);
    }
  }
}

/**
 * Why C18 judges the group-adjusted correlation: on `seeds` draws of the calibrated model
 * and of the "no-within-group-association" null, how often C18 would pass with the pooled
 * Pearson r (serum VEGF higher, Welch P < 0.05, and pooled r >= 0.6 with P < 0.05: the rule
 * before the re-analysis) and with the partial r (the rule now). In vivo data only.
 */
export function pooledVersusPartialCorrelationRule(seeds: number): { scenario: string; pooled: number; partial: number; seeds: number }[] {
  return [
    { scenario: "calibrated", model: LAB_MODEL },
    { scenario: "null-no-within-group-association", model: nullModel("no-within-group-association") },
  ].map(({ scenario, model }) => {
    let pooled = 0;
    let partial = 0;
    for (let k = 1; k <= seeds; k++) {
      const fields = validateEndpoint(endpointFile(`lab-check-${k}`, model)).table.fields;
      const e = endpointComparison(fields, { missing: "drop" });
      const t = e.serumVegf.test;
      const higher = t !== null && t.difference > 0 && t.pValue < 0.05;
      if (higher && e.correlation.pearson.r >= 0.6 && e.correlation.pearson.pValue < 0.05) pooled++;
      const pc = e.correlation.partial;
      if (higher && pc !== null && pc.r > 0 && pc.pValue < 0.05) partial++;
    }
    return { scenario, pooled: pooled / seeds, partial: partial / seeds, seeds };
  });
}
