import { InputError } from "../core/index";
import { fUpper, tQuantile, tTwoSided } from "../distributions/index";
import { deparse, expandTerms, parseFormula } from "./formula";
import type { ExpandedTerms, FormulaNode } from "./formula";
import { DataColumns, columnsOf, designMatrix, frameRows, frameVariable, numericValues } from "./model-frame";
import type { FrameVariable, ModelData, ModelFrameOptions } from "./model-frame";
import { requireConfLevel } from "./input";
import { qrCoefficients, qrLeastSquares } from "./qr";
import type { AnovaTerm } from "./anova-two-way";

export type { ModelData } from "./model-frame";

export interface LinearModelOptions extends ModelFrameOptions {
  /** Confidence level of the coefficients' intervals (default 0.95). */
  confLevel?: number;
}

/** One coefficient of a linear model, as a row of summary(lm)'s table plus confint(). */
export interface ModelCoefficient {
  /** R's name: "(Intercept)", "dose", "lineHepG2", "dose:lineHepG2". */
  name: string;
  /** Label of the term the coefficient belongs to ("(Intercept)" for the intercept). */
  term: string;
  /** true when the column is a linear combination of earlier ones: R's NA coefficient. */
  aliased: boolean;
  /** null when aliased (R: NA). */
  estimate: number | null;
  se: number | null;
  t: number | null;
  pValue: number | null;
  lower: number | null;
  upper: number | null;
}

export interface LinearModelResult {
  method: "Linear model by least squares (Householder QR), R's lm with treatment contrasts";
  formula: string;
  /** R's name of the response (e.g. "log(vegf)"). */
  response: string;
  /** Term labels in model order (R's attr(terms, "term.labels")). */
  terms: string[];
  intercept: boolean;
  /** Every column of the design matrix, in R's order; aliased ones have null estimates. */
  coefficients: ModelCoefficient[];
  /** Residual standard error sqrt(RSS / dfResidual). */
  sigma: number;
  dfResidual: number;
  /** Number of estimable coefficients (rank of the design matrix). */
  rank: number;
  rSquared: number;
  adjRSquared: number;
  /** Overall F test against the intercept-only model (against 0 without an intercept); null for an intercept-only model, as R. */
  fStatistic: { value: number; df1: number; df2: number; pValue: number } | null;
  /** Fitted values and residuals of the kept rows. */
  fitted: Float64Array;
  residuals: Float64Array;
  /** Response of the kept rows. */
  y: Float64Array;
  /** Original row index of each kept row. */
  rows: Int32Array;
  n: number;
  dropped: number;
  confLevel: number;
  /** Factor levels used, by variable label (the first is the reference level). */
  levels: Record<string, string[]>;
  /** Covariance matrix σ²(XᵀX)⁻¹ of the estimable coefficients, in the order of `estimable`. */
  covariance: number[][];
  /** Names of the estimable coefficients (rows and columns of `covariance`). */
  estimable: string[];
  /** Qᵀy (R's effects): the first `rank` belong to the estimable coefficients in order. */
  effects: Float64Array;
  /** Term index of each estimable coefficient (0 the intercept, t the t-th term): R's assign. */
  assign: Int32Array;
  /** Residual sum of squares. */
  rss: number;
}

/**
 * Linear model with an R formula, matching R 4.2.2's `summary(lm(formula, data))` and
 * `confint()`, with R's default treatment contrasts.
 *
 * Formula: `response ~ terms`, with `+`, `:`, `*`, `/`, `^`, `-` (e.g. `- 1`), `0`/`1`,
 * `%in%`, and log(), log2(), log10(), log1p(), exp(), sqrt(), abs(), I() and factor() of
 * columns (see formula.ts). Terms are ordered and named as R does; numeric columns are
 * covariates, text columns (or numeric ones in `options.factors`, or factor(col)) are factors
 * with treatment contrasts whose reference level is the first of `options.levels[col]`,
 * else of the sorted distinct values (numbers by value, text by code point).
 *
 * Fit: Householder QR of the design matrix X with R's limited pivoting (qr.ts, tol 1e-7):
 * a column that is a linear combination of earlier ones is aliased — its coefficient is
 * reported as NA (null), as R — and the rank drops. β = R⁻¹Qᵀy, σ² = RSS/(n − rank),
 * se = σ·sqrt(diag((RᵀR)⁻¹)), t = β/se with two-sided p on n − rank df, interval
 * β ± t_{(1+conf)/2, df}·se (confint.lm). R² = MSS/(MSS + RSS) with MSS about the mean
 * when there is an intercept and about 0 without (as summary.lm), adjusted
 * R² = 1 − (1 − R²)(n − i)/df with i = 1 with an intercept, 0 without; F = (MSS/(rank − i))/σ².
 * An exact fit (RSS = 0) gives se = 0 and t = ±Infinity (R warns "essentially perfect fit").
 *
 * Missing values: an error naming column and row, unless `missing: "drop"` (R's na.omit on
 * the columns the formula uses). Throws an InputError for an unknown column, a non-numeric
 * response, a factor with one level, or no residual degrees of freedom.
 * For the sequential ANOVA table use `anovaTable(fit)`; for a linear combination of
 * coefficients `linearModelContrast(fit, weights)`.
 *
 * @example
 * const fit = linearModel(secretion.fields, "log2(vegf_pg_ml) ~ factor(replicate) + dose_gy * cell_line");
 * fit.coefficients.find((c) => c.name === "dose_gy")?.estimate;
 * anovaTable(fit).terms; // rows of R's anova(lm(...))
 */
export function linearModel(data: ModelData, formula: string, options: LinearModelOptions = {}): LinearModelResult {
  const confLevel = options.confLevel === undefined ? 0.95 : options.confLevel;
  requireConfLevel(confLevel);
  const parsed = parseFormula(formula);
  if (parsed.lhs === null) throw new InputError("formula", null, formula, 'needs a response on the left of "~"');
  const expanded = expandTerms(formula, parsed.rhs);
  const columns = new DataColumns(data, options);
  const model = buildModel(columns, parsed.lhs, expanded, options);
  return fitLinearModel(formula, model, confLevel);
}

/** @internal A model ready to fit: response, design matrix and bookkeeping. */
export interface BuiltModel {
  response: string;
  y: Float64Array;
  x: Float64Array;
  n: number;
  p: number;
  columnNames: string[];
  assign: Int32Array;
  expanded: ExpandedTerms;
  variables: FrameVariable[];
  rows: Int32Array;
  dropped: number;
}

/** @internal Model frame and design matrix of a parsed formula (shared with the mixed model). */
export function buildModel(
  columns: DataColumns,
  lhs: FormulaNode,
  expanded: ExpandedTerms,
  options: ModelFrameOptions,
  extraColumns: Iterable<string> = [],
): BuiltModel {
  const used = new Set<string>();
  columnsOf(lhs, used);
  for (const v of expanded.variables) columnsOf(v.node, used);
  for (const c of extraColumns) used.add(c);
  for (const name of used) columns.column(name);
  if (expanded.terms.length === 0 && !expanded.intercept) throw new InputError("formula", null, deparse(lhs) + " ~ 0", "has no terms and no intercept: nothing to fit");
  const frame = frameRows(columns, used, options.missing);
  const response = deparse(lhs);
  if (lhs.kind === "name" && columns.kind(lhs.name) === "factor") {
    const col = columns.column(lhs.name);
    const row = frame.rows.find((r) => typeof col[r] !== "number") as number;
    throw new InputError(lhs.name, row, col[row], "must be a number: the response of a linear model is numeric");
  }
  const y = numericValues(columns, lhs, frame, response);
  const variables = expanded.variables.map((v) => frameVariable(columns, v.node, frame, options));
  const design = designMatrix(expanded, variables, frame.n);
  return {
    response,
    y,
    x: design.x,
    n: frame.n,
    p: design.p,
    columnNames: design.columnNames,
    assign: design.assign,
    expanded,
    variables,
    rows: frame.rows,
    dropped: frame.dropped,
  };
}

function fitLinearModel(formula: string, model: BuiltModel, confLevel: number): LinearModelResult {
  const { y, x, n, p } = model;
  const fit = qrLeastSquares(x, n, p, y);
  const rank = fit.rank;
  const df = n - rank;
  if (rank === 0) throw new InputError("formula", null, formula, "has a design matrix of rank 0 (every column is zero): nothing to fit");
  if (df < 1) throw new InputError("data", null, n, `has ${n} complete rows for ${rank} estimable coefficients: no residual degrees of freedom`);
  const { beta, inverseGram } = qrCoefficients(fit);
  const fitted = new Float64Array(n);
  for (let q = 0; q < rank; q++) {
    const col = fit.accepted[q] * n;
    const b = beta[q];
    for (let i = 0; i < n; i++) fitted[i] += b * x[col + i];
  }
  const residuals = new Float64Array(n);
  let rss = 0;
  for (let i = 0; i < n; i++) {
    residuals[i] = y[i] - fitted[i];
    rss += residuals[i] * residuals[i];
  }
  const sigma2 = rss / df;
  // covariance σ²(XᵀX)⁻¹ = σ²R⁻¹R⁻ᵀ
  const unscaled: number[][] = [];
  for (let i = 0; i < rank; i++) unscaled.push(Array.from(inverseGram.subarray(i * rank, (i + 1) * rank), (v) => v * sigma2));
  const q = tQuantile(1 - (1 - confLevel) / 2, df);
  const positionOf = new Map<number, number>();
  fit.accepted.forEach((col, k) => positionOf.set(col, k));
  const termLabel = (col: number) => (model.assign[col] === 0 ? "(Intercept)" : model.expanded.labels[model.assign[col] - 1]);
  const coefficients: ModelCoefficient[] = model.columnNames.map((name, col) => {
    const k = positionOf.get(col);
    if (k === undefined) return { name, term: termLabel(col), aliased: true, estimate: null, se: null, t: null, pValue: null, lower: null, upper: null };
    const estimate = beta[k];
    const se = Math.sqrt(unscaled[k][k]);
    const t = se === 0 ? (estimate === 0 ? 0 : estimate * Infinity) : estimate / se;
    return { name, term: termLabel(col), aliased: false, estimate, se, t, pValue: se === 0 ? (estimate === 0 ? 1 : 0) : tTwoSided(t, df), lower: estimate - q * se, upper: estimate + q * se };
  });
  const intercept = model.expanded.intercept;
  const dfIntercept = intercept ? 1 : 0;
  let mss = 0;
  if (intercept) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += fitted[i];
    mean /= n;
    for (let i = 0; i < n; i++) mss += (fitted[i] - mean) * (fitted[i] - mean);
  } else for (let i = 0; i < n; i++) mss += fitted[i] * fitted[i];
  let rSquared = 0;
  let adjRSquared = 0;
  let fStatistic: LinearModelResult["fStatistic"] = null;
  if (rank !== dfIntercept) {
    rSquared = mss / (mss + rss);
    adjRSquared = 1 - (1 - rSquared) * ((n - dfIntercept) / df);
    const df1 = rank - dfIntercept;
    const value = rss === 0 ? Infinity : mss / df1 / sigma2;
    fStatistic = { value, df1, df2: df, pValue: value === Infinity ? 0 : fUpper(value, df1, df) };
  }
  const levels: Record<string, string[]> = {};
  for (const v of model.variables) if (v.kind === "factor") levels[v.label] = v.levels;
  return {
    method: "Linear model by least squares (Householder QR), R's lm with treatment contrasts",
    formula,
    response: model.response,
    terms: model.expanded.labels.slice(),
    intercept,
    coefficients,
    sigma: Math.sqrt(sigma2),
    dfResidual: df,
    rank,
    rSquared,
    adjRSquared,
    fStatistic,
    fitted,
    residuals,
    y,
    rows: model.rows,
    n,
    dropped: model.dropped,
    confLevel,
    levels,
    covariance: unscaled,
    estimable: Array.from(fit.accepted, (c) => model.columnNames[c]),
    effects: fit.effects,
    assign: Int32Array.from(fit.accepted, (c) => model.assign[c]),
    rss,
  };
}

export interface LinearModelAnova {
  method: "Sequential (type I) sums of squares, R's anova(lm)";
  /** One row per term with at least one estimable column, in model order (R leaves fully aliased terms out). */
  terms: AnovaTerm[];
  /** Terms whose every column is aliased (left out of `terms`, as R does). */
  aliasedTerms: string[];
  residual: { df: number; sumSq: number; meanSq: number };
}

/**
 * Sequential (type I) ANOVA table of a linear model, matching R's `anova(lm(...))` (and
 * `summary(aov(...))` for the same formula): each term's sum of squares is the squared
 * length of its part of Qᵀy — the reduction in RSS when the term is added after the terms
 * before it — on as many df as the term has estimable (non-aliased) columns;
 * F = MS_term / MS_residual with p = P(F_{df, df_res} > F). Order matters for unbalanced
 * data, as in R. A perfect fit (RSS = 0) gives F = Infinity, p = 0.
 *
 * @example
 * anovaTable(linearModel(rows, "y ~ experiment + dose * line")).terms.map((t) => [t.name, t.f, t.pValue]);
 */
export function anovaTable(fit: LinearModelResult): LinearModelAnova {
  const nTerms = fit.terms.length;
  const df = new Array<number>(nTerms + 1).fill(0);
  const ss = new Array<number>(nTerms + 1).fill(0);
  for (let k = 0; k < fit.rank; k++) {
    df[fit.assign[k]]++;
    ss[fit.assign[k]] += fit.effects[k] * fit.effects[k];
  }
  const msResidual = fit.rss / fit.dfResidual;
  const terms: AnovaTerm[] = [];
  const aliasedTerms: string[] = [];
  fit.terms.forEach((name, t) => {
    const d = df[t + 1];
    if (d === 0) {
      aliasedTerms.push(name);
      return;
    }
    const meanSq = ss[t + 1] / d;
    const f = msResidual === 0 ? Infinity : meanSq / msResidual;
    terms.push({ name, df: d, sumSq: ss[t + 1], meanSq, f, pValue: f === Infinity ? 0 : fUpper(f, d, fit.dfResidual) });
  });
  return {
    method: "Sequential (type I) sums of squares, R's anova(lm)",
    terms,
    aliasedTerms,
    residual: { df: fit.dfResidual, sumSq: fit.rss, meanSq: msResidual },
  };
}

/**
 * @internal The weight vector over `names` of a { coefficient name: weight } object, with errors
 * naming an unknown coefficient (`why` may give a specific reason) or a non-finite weight.
 */
export function weightVector(weights: Readonly<Record<string, number>>, names: readonly string[], why: (name: string) => string | null = () => null): Float64Array {
  if (weights === null || typeof weights !== "object") throw new InputError("weights", null, weights, "must be an object of coefficient name → weight");
  const keys = Object.keys(weights);
  if (keys.length === 0) throw new InputError("weights", null, weights, "names no coefficient");
  const w = new Float64Array(names.length);
  for (const key of keys) {
    const value = weights[key];
    if (typeof value !== "number" || !Number.isFinite(value)) throw new InputError(`weights.${key}`, null, value, "must be a finite number");
    const k = names.indexOf(key);
    if (k < 0) throw new InputError("weights", null, key, why(key) ?? `is not a coefficient of the model (coefficients: ${names.join(", ")})`);
    w[k] = value;
  }
  return w;
}

export interface LinearContrastResult {
  /** The weights used, by coefficient name. */
  weights: Record<string, number>;
  estimate: number;
  se: number;
  t: number;
  df: number;
  pValue: number;
  lower: number;
  upper: number;
  confLevel: number;
}

/**
 * A linear combination Σ wᵢβᵢ of a linear model's coefficients with its t test and
 * interval, as R's `multcomp::glht(fit, linfct = rbind(w))` (unadjusted) or by hand
 * `sqrt(t(w) %*% vcov(fit) %*% w)`: se = sqrt(wᵀ V w) with V = vcov(fit), t on the
 * residual df. E.g. the 8 Gy vs 0 Gy difference in a non-reference line of
 * `y ~ experiment + dose * line`: { "dose8": 1, "dose8:lineHep3B": 1 }.
 * Weights may only name estimable coefficients (an aliased one is an error).
 *
 * @example
 * linearModelContrast(fit, { "dose_gy8": 1, "dose_gy8:cell_lineHep3B": 1 }).pValue
 */
export function linearModelContrast(fit: LinearModelResult, weights: Readonly<Record<string, number>>, options: { confLevel?: number } = {}): LinearContrastResult {
  const confLevel = options.confLevel === undefined ? fit.confLevel : options.confLevel;
  requireConfLevel(confLevel);
  const w = weightVector(weights, fit.estimable, (name) =>
    fit.coefficients.some((c) => c.name === name && c.aliased) ? "is an aliased (not estimable) coefficient" : null,
  );
  let estimate = 0;
  let variance = 0;
  for (let i = 0; i < w.length; i++) {
    if (w[i] === 0) continue;
    const c = fit.coefficients.find((co) => co.name === fit.estimable[i]) as ModelCoefficient;
    estimate += w[i] * (c.estimate as number);
    for (let j = 0; j < w.length; j++) variance += w[i] * w[j] * fit.covariance[i][j];
  }
  const se = Math.sqrt(Math.max(variance, 0));
  const df = fit.dfResidual;
  const t = se === 0 ? (estimate === 0 ? 0 : estimate * Infinity) : estimate / se;
  const q = tQuantile(1 - (1 - confLevel) / 2, df);
  return { weights: { ...weights }, estimate, se, t, df, pValue: se === 0 ? (estimate === 0 ? 1 : 0) : tTwoSided(t, df), lower: estimate - q * se, upper: estimate + q * se, confLevel };
}
