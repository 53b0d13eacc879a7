/**
 * Rule checks of the laboratory claims C12–C18 (src/claims/rule-checks.ts): how often each
 * claim's pass rule holds on many draws of the calibrated generator (LAB_MODEL), and how
 * often it wrongly holds on null generators, each of which removes the effect some claims
 * assert (nullModel in ./params.ts). Every draw is judged by evaluateLaboratoryClaims with the
 * pre-specified analysis plan, the one definition the notebooks and the ledger use.
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
import { claimRuleRate } from "../../claims/rule-checks";
import type { RuleCheckReport, RuleCheckScenario } from "../../claims/rule-checks";
import { LABORATORY_FILES, validateEndpoint, validateTumorGrowth, validateVegfMrna, validateVegfSecretion } from "../../data/laboratory";
import { evaluateLaboratoryClaims, LABORATORY_CLAIM_IDS } from "../../laboratory/laboratory-claims";
import { endpointComparison } from "../../laboratory/endpoint-comparison";
import type { LaboratoryClaimResult, LaboratoryData } from "../../laboratory/laboratory-claims";
import { laboratoryFiles } from "./files";
import { LAB_MODEL, nullModel, P53_NULL_RATIO } from "./params";
import type { LabModel, NullScenario } from "./params";

export interface LaboratoryScenario {
  id: string;
  kind: "calibrated" | "null";
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

/** The calibrated scenario and the null scenarios, in report order. */
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
    nullScenario("no-radiation-vegf", "irradiation changes neither VEGF mRNA nor VEGF secretion per cell (it still lowers the cell yield)", ["C12", "C13", "C14", "C15"], "invitro"),
    nullScenario(
      "p53-dependent",
      `the p53 wild-type line's mRNA induction is ${P53_NULL_RATIO} times the deficient lines' fold change at 8 Gy, 6 h: the edge of the equivalence margin`,
      ["C12"],
      "invitro",
    ),
    nullScenario("same-rise-all-lines", "every cell line has the same rise of VEGF secretion with dose (the mean of the calibrated lines')", ["C15"], "invitro"),
    nullScenario(
      "no-out-of-field-effect",
      "the out-of-field tumor's growth, microvessel density and serum VEGF do not differ between irradiated and sham mice (the irradiated in-field tumor still regresses)",
      ["C16", "C17", "C18"],
      "invivo",
    ),
    nullScenario(
      "no-within-group-association",
      "serum VEGF and microvessel density differ between the groups as calibrated, but are independent of each other within a group",
      ["C18"],
      "invivo",
    ),
  ];
}

const IN_VITRO = new Set(["C12", "C13", "C14", "C15"]);

function evaluateDraw(seed: string, model: LabModel, part: "invitro" | "invivo" | "both"): LaboratoryClaimResult[] {
  const files = laboratoryFiles(seed, model);
  const data: LaboratoryData = {};
  if (part !== "invivo") {
    data.vegfMrna = validateVegfMrna(files[LABORATORY_FILES.vegfMrna]).table;
    data.vegfSecretion = validateVegfSecretion(files[LABORATORY_FILES.vegfSecretion]).table;
  }
  if (part !== "invitro") {
    data.growth = validateTumorGrowth(files[LABORATORY_FILES.tumorGrowth]).table;
    data.endpoint = validateEndpoint(files[LABORATORY_FILES.endpoint]).table;
  }
  const claims = evaluateLaboratoryClaims(data);
  return claims.filter((c) => (part === "both" ? true : part === "invitro" ? IN_VITRO.has(c.id) : !IN_VITRO.has(c.id)));
}

export interface ScenarioDraws {
  scenario: LaboratoryScenario;
  /** Per seed, the seven claims. */
  draws: { seed: string; claims: LaboratoryClaimResult[] }[];
}

/** Runs every scenario on seeds lab-check-1 … lab-check-<seeds> (only `only`, when given). */
export function runLaboratoryScenarios(seeds: number, only?: string): ScenarioDraws[] {
  const scenarios = laboratoryScenarios().filter((s) => only === undefined || s.id === only || s.id === "calibrated");
  const seedOf = (k: number): string => `lab-check-${k}`;
  const calibrated: LaboratoryClaimResult[][] = [];
  for (let k = 1; k <= seeds; k++) calibrated.push(evaluateDraw(seedOf(k), LAB_MODEL, "both"));
  const out: ScenarioDraws[] = [];
  for (const scenario of scenarios) {
    if (only !== undefined && scenario.id !== only) continue;
    const draws: ScenarioDraws["draws"] = [];
    for (let k = 1; k <= seeds; k++) {
      const base = calibrated[k - 1];
      let claims: LaboratoryClaimResult[];
      if (scenario.kind === "calibrated") claims = base;
      else {
        const changed = evaluateDraw(seedOf(k), scenario.model, scenario.changes);
        claims = base.map((c) => changed.find((x) => x.id === c.id) || c);
      }
      draws.push({ seed: seedOf(k), claims });
    }
    out.push({ scenario, draws });
  }
  return out;
}

/** The report written to data/rule-checks/laboratory.json. */
export function laboratoryRuleChecks(seeds: number): RuleCheckReport {
  const scenarios: RuleCheckScenario[] = runLaboratoryScenarios(seeds).map(({ scenario, draws }) => ({
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
  }));
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
      const fields = validateEndpoint(laboratoryFiles(`lab-check-${k}`, model)[LABORATORY_FILES.endpoint]).table.fields;
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
