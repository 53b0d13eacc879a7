/**
 * Seeded generator of the simulated laboratory data (in vitro VEGF mRNA and
 * secretion, xenograft growth and endpoints). `laboratoryFiles(seed)` returns the
 * CSV texts keyed by path relative to the data folder; `generateLaboratoryData(dir)`
 * writes them. Same seed, same bytes. Assumptions: ./params.ts and data/README.md.
 *
 * @example
 * generateLaboratoryData("data"); // writes data/invitro/*.csv and data/invivo/*.csv
 */
export { laboratoryFiles, generateLaboratoryData } from "./files";

export * from "./params";
export { simulateVegfMrna, simulateVegfSecretion, expectedLog2FoldChange, expectedObservedLog2FoldChange, expectedConcentrationFold, expectedPerCellAtHarvestFold } from "./invitro";
export type { VegfMrnaRow, VegfSecretionRow } from "./invitro";
export { simulateXenografts, gompertzFactor } from "./invivo";
export type { TumorGrowthRow, EndpointRow, XenograftData } from "./invivo";
export { LabRng } from "./random";
export { laboratoryRuleChecks, laboratoryScenarios, runLaboratoryScenarios, pooledVersusPartialCorrelationRule } from "./rule-checks";


