/**
 * Laboratory analyses of the study (STUDY.md, laboratory part): VEGF mRNA induction by
 * irradiation and its p53 dependence, secreted VEGF by dose, time and cell line, and
 * xenograft growth, microvessel density and serum VEGF. Each function takes the
 * columns of one laboratory file (a loader's `fields`, src/data/laboratory.ts), reads
 * the cell lines, doses, times, groups and sites from the data, and returns a plain
 * JSON-serialisable result; evaluateLaboratoryClaims runs them all for claims C12–C18.
 */
export { CONTROL_GROUP, TREATED_GROUP, p53Group } from "./columns";
export type { InVitroDesignColumns, MrnaColumns, SecretionColumns, GrowthColumns, EndpointColumns, P53Group } from "./columns";
export { mrnaInduction } from "./mrna-induction";
export type { MrnaInductionOptions, MrnaInductionResult, MrnaFoldChangeRow, MrnaLineInduction, MrnaP53Comparison, MrnaTimeTest, BlockedAnovaRow } from "./mrna-induction";
export { secretionDoseTrend } from "./secretion-dose-trend";
export type { SecretionDoseTrendOptions, SecretionDoseTrendResult, DoseTrendLine } from "./secretion-dose-trend";
export { secretionTimeCourse } from "./secretion-time-course";
export type { SecretionTimeCourseOptions, SecretionTimeCourseResult, SecretionCell, TimeCourseInduction, TimeCourseLine } from "./secretion-time-course";
export { secretionAnova } from "./secretion-anova";
export type { SecretionAnovaOptions, SecretionAnovaResult, BlockedAnovaTerm, LineInduction, AnovaResiduals } from "./secretion-anova";
export { readSecretion, hasCellCounts, CELL_COUNT_COLUMN, CONCENTRATION_ASSUMPTION, PER_CELL_ASSUMPTION } from "./secretion-measure";
export type { SecretionMeasure, SecretionMeasureKind } from "./secretion-measure";
export { withinBlockSlope } from "./within-block-slope";
export type { WithinBlockSlope } from "./within-block-slope";
export { perExperimentSlopes } from "./per-experiment-slopes";
export type { PerExperimentSlopes, ExperimentSlope } from "./per-experiment-slopes";
export { referenceGeneStability } from "./reference-gene";
export type { ReferenceGeneOptions, ReferenceGeneResult, ReferenceGeneShift } from "./reference-gene";
export { serumBurden } from "./serum-burden";
export type { SerumBurdenOptions, SerumBurdenResult } from "./serum-burden";
export { LAB_ANALYSIS_PLAN, P53_MARGIN_SENSITIVITY } from "./analysis-plan";
export type { LaboratoryAnalysisPlan } from "./analysis-plan";
export { contrastTest } from "./induction-contrast";
export type { ContrastTest } from "./induction-contrast";
export { growthRates } from "./growth-rates";
export type { GrowthRatesOptions, GrowthRatesResult, TumorGrowthFit, GrowthGroupSummary, GrowthSiteComparison } from "./growth-rates";
export { finalVolumes } from "./final-volumes";
export type { FinalVolumesOptions, FinalVolumesResult, TumorVolumeRow, VolumeGroupSummary, VolumeSiteComparison } from "./final-volumes";
export { endpointComparison } from "./endpoint-comparison";
export type { EndpointComparisonOptions, EndpointComparisonResult, MeasureComparison, EndpointCorrelation } from "./endpoint-comparison";
export { evaluateLaboratoryClaims, laboratoryClaimRow, laboratoryClaimRules, loadLaboratoryForClaims, LABORATORY_CLAIM_IDS, LABORATORY_CLAIM_TABLES } from "./laboratory-claims";
export type { LaboratoryData, LaboratoryClaimResult } from "./laboratory-claims";
export { inVitroSummaryTable, inVivoSummaryTable, inVitroDesignTable, doseTrendByTimeTable, anovaRows, xenograftDesign } from "./summary-tables";
export { mrnaTimeCurves, mrnaDoseBars, secretionCurves, secretionDoseCurves, inductionOverTime, growthCurves } from "./curves";
export type { CurveData } from "./curves";
export { pText, pNumber, num, estimateText, meanSdText, listText } from "./format";
export { mrnaDoseFigure, secretionDoseFigure, secretionTimeFigure, growthCurveFigure, vegfMvdFigure, siteName, doseResponseFigure, growthModelFigure, p53EquivalenceFigure, residualFigures } from "./figures";
export { secretionDoseResponse } from "./secretion-dose-response";
export type { SecretionDoseResponseOptions, SecretionDoseResponseResult, DoseResponseLine } from "./secretion-dose-response";
export { growthMixedModel } from "./growth-mixed-model";
export type { GrowthMixedModelOptions, GrowthMixedModelResult, GrowthModelFit } from "./growth-mixed-model";
export { experimentVariationTable, ruleCheckRows, ruleVariantRows, sensitivityRows, doseResponseRows, mixedModelRows } from "./notebook-tables";
