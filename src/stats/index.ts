/**
 * Laboratory statistics: group comparisons, correlation, regression, dose trends and
 * RT-qPCR relative quantification, each matching the R 4.2.2 stats function named in
 * its doc comment.
 */
export { anovaOneWay } from "./anova-one-way";
export type { AnovaOneWayOptions, AnovaOneWayResult } from "./anova-one-way";
export { tukeyHSD } from "./tukey-hsd";
export type { TukeyHsdOptions, TukeyHsdResult } from "./tukey-hsd";
export { tukeyKramerPairs } from "./tukey-kramer";
export type { TukeyKramerResult, TukeyPair } from "./tukey-kramer";
export { anovaTwoWay } from "./anova-two-way";
export type { AnovaTwoWayOptions, AnovaTwoWayResult, AnovaTerm } from "./anova-two-way";
export { tTest } from "./t-test";
export type { TTestOptions, TTestResult } from "./t-test";
export { correlation } from "./correlation";
export type { CorrelationOptions, CorrelationResult } from "./correlation";
export { linearRegression } from "./linear-regression";
export type { LinearRegressionOptions, LinearRegressionResult } from "./linear-regression";
export { linearTrendTest } from "./linear-trend-test";
export type { LinearTrendOptions, LinearTrendResult } from "./linear-trend-test";
export { deltaDeltaCt, summarizeFoldChange, deltaDeltaCtByDose } from "./delta-delta-ct";
export type {
  DeltaDeltaCtInput,
  DeltaDeltaCtOptions,
  DeltaDeltaCtResult,
  FoldChangeSummaryOptions,
  FoldChangeSummary,
  DoseTimeQpcrInput,
  DoseTimeQpcrOptions,
  DoseTimeQpcrResult,
} from "./delta-delta-ct";
export { midRanks, sortOrder } from "./ranks";
export { qrLeastSquares } from "./qr";
export type { QrFit } from "./qr";
export type { Alternative } from "./input";
export { contingencyTable } from "./contingency-table";
export type { ContingencyTable, ContingencyTableOptions } from "./contingency-table";
export { chiSquareTest } from "./chi-square-test";
export type { ChiSquareTestOptions, ChiSquareTestResult } from "./chi-square-test";
export { fisherExactTest } from "./fisher-exact-test";
export type { FisherExactTestOptions, FisherExactTestResult } from "./fisher-exact-test";
export { wilcoxonTest, rankSumDistribution } from "./wilcoxon-test";
export type { WilcoxonTestOptions, WilcoxonTestResult } from "./wilcoxon-test";
// General linear models with R formulas (lab-models)
export { linearModel, anovaTable, linearModelContrast } from "./linear-model";
export type { LinearModelOptions, LinearModelResult, ModelCoefficient, LinearModelAnova, LinearContrastResult, ModelData } from "./linear-model";
export { partialCorrelation } from "./partial-correlation";
export type { PartialCorrelationOptions, PartialCorrelationResult } from "./partial-correlation";
// Dose-response curves (lab-models)
export { FitError } from "./fit-error";
export { fitDoseResponse, predictDoseResponse, compareDoseResponse } from "./dose-response";
export type { DoseResponseModel, DoseResponseOptions, DoseResponseEstimate, DoseResponseFit, CompareDoseResponseOptions, CompareDoseResponseResult } from "./dose-response";
// Linear mixed models (lab-models)
export { linearMixedModel, mixedModelContrast } from "./mixed-model";
export type { LinearMixedModelOptions, LinearMixedModelResult, MixedFixedEffect, VarianceComponent, MixedContrastResult } from "./mixed-model";
export { logisticRegression } from "./logistic-regression";
export type { LogisticRegressionOptions, LogisticRegressionResult } from "./logistic-regression";
export { logisticBlocks } from "./logistic-blocks";
export type { LogisticBlockDesign, LogisticBlockFit } from "./logistic-blocks";
export { propensityWeights } from "./propensity-weights";
export type { Estimand, PropensityWeightsOptions, PropensityWeightsResult } from "./propensity-weights";
export { standardizedDifference } from "./standardized-difference";
export { truncateWeights, repeatedQuantileBounds } from "./truncate-weights";
export type { TruncatedWeights } from "./truncate-weights";
export type { StandardizedDifferenceOptions, StandardizedDifferenceResult } from "./standardized-difference";
// Multi-level categorical standardized difference (Yang & Dalton 2012, R tableone).
export { categoricalStandardizedDifference, categoricalSmdFromProportions } from "./categorical-standardized-difference";
export type { CategoricalStandardizedDifferenceOptions, CategoricalStandardizedDifferenceResult, CategoricalSmdFromProportions } from "./categorical-standardized-difference";
export { eValue } from "./e-value";
export type { EValueOptions, EValueResult } from "./e-value";
// Equivalence (TOST) and multiplicity adjustment (laboratory re-analysis, issue 13).
export { equivalenceTest, equivalenceTTest } from "./equivalence-test";
export type { EquivalenceMargin, EquivalenceTestResult, EquivalenceTTestOptions } from "./equivalence-test";
export { pAdjust } from "./p-adjust";
export { shapiroWilk } from "./shapiro-wilk";
export type { ShapiroWilkResult } from "./shapiro-wilk";
export type { PAdjustMethod } from "./p-adjust";
// Rubin's rules (review-03: pooled landmark draws, notebook 03)
export { rubinPool } from "./rubin-pool";
export type { RubinPoolOptions, RubinPoolResult } from "./rubin-pool";
export { binomialTest } from "./binomial-test";
export type { BinomialTestResult } from "./binomial-test";
// Separation of logistic fits (review-0702: notebook 07's bootstrap draws)
export { fittedProbabilityBoundary, smallerFittedProbability, emptyBinaryLevels, GLM_FITTED_EPS } from "./logistic-separation";
export type { FittedProbabilityBoundary, EmptyBinaryLevel } from "./logistic-separation";
// Natural cubic splines, R's splines::ns (review-0702: notebook 02's functional-form check)
export { naturalSplineBasis } from "./natural-spline-basis";
export type { NaturalSplineOptions, NaturalSplineBasis } from "./natural-spline-basis";
// Firth's bias-reduced logistic regression (firth-07: notebook 07's censoring model as a sensitivity analysis)
export { firthLogistic } from "./firth-logistic";
export type { FirthLogisticOptions, FirthLogisticResult } from "./firth-logistic";
export { firthLogisticFit } from "./firth-logistic-fit";
export type { FirthLogisticFitOptions, FirthLogisticFitResult } from "./firth-logistic-fit";
export { firthLogisticBlocks } from "./firth-logistic-blocks";
export { blockLinearPredictor } from "./firth-logistic-blocks";
// FLIC, Firth with intercept correction (review-items: notebook 07's censoring model, third option)
export { flicLogistic } from "./flic-logistic";
export type { FlicLogisticResult } from "./flic-logistic";
export { flicIntercept } from "./flic-intercept";
export type { FlicInterceptResult } from "./flic-intercept";
