import { InputError } from "../core/index";
import { tQuantile, tTwoSided } from "../distributions/index";
import { deparse, expandTerms, parseFormula } from "./formula";
import type { BarTerm, FormulaNode } from "./formula";
import { DataColumns, columnsOf, designMatrix, factorValues, frameRows, frameVariable } from "./model-frame";
import type { FrameVariable, ModelData, ModelFrame, ModelFrameOptions } from "./model-frame";
import { buildModel, weightVector } from "./linear-model";
import type { LinearContrastResult } from "./linear-model";
import { requireConfLevel } from "./input";
import { qrLeastSquares } from "./qr";
import { FitError } from "./fit-error";
import { backwardSolve, choleskyInPlace, choleskyInverse, forwardSolve, symmetricEigen } from "./dense";

export interface LinearMixedModelOptions extends ModelFrameOptions {
  /** REML (default true) or maximum likelihood (false), as lmer's REML argument. */
  REML?: boolean;
  /** Confidence level of the fixed effects' intervals (default 0.95). */
  confLevel?: number;
  /** Newton iteration limit of the variance-parameter optimizer (default 200). */
  maxIterations?: number;
}

/** A fixed effect as a row of lmerTest's summary (Satterthwaite df) with its t interval. */
export interface MixedFixedEffect {
  name: string;
  estimate: number;
  se: number;
  /** Satterthwaite degrees of freedom (lmerTest). */
  df: number;
  t: number;
  pValue: number;
  lower: number;
  upper: number;
}

/** One random-effects term's variance components, as a block of VarCorr(). */
export interface VarianceComponent {
  /** Grouping factor, e.g. "Subject" or "cask:batch". */
  group: string;
  /** Names of the random effects, e.g. ["(Intercept)", "Days"]. */
  names: string[];
  /** Standard deviations. */
  sd: number[];
  variance: number[];
  /** Correlation matrix (null for a single component; entries null where an sd is 0). */
  correlation: (number | null)[][] | null;
  /** Number of levels of the grouping factor. */
  levels: number;
}

export interface LinearMixedModelResult {
  method: string;
  formula: string;
  response: string;
  REML: boolean;
  fixedEffects: MixedFixedEffect[];
  /** Covariance of the fixed effects σ²(XᵀV⁻¹X)⁻¹ (vcov), rows and columns in fixedEffects order. */
  covariance: number[][];
  /** Fixed-effect columns dropped as linear combinations of earlier ones (lme4 drops them too). */
  droppedColumns: string[];
  randomEffects: VarianceComponent[];
  /** Residual standard deviation σ. */
  sigma: number;
  /** lme4's θ (relative covariance factors, lower-triangular, column-wise per term), with names as getME(fit, "theta"). */
  theta: { name: string; value: number }[];
  /** REML criterion (REML) or deviance (ML) at the optimum: −2 × logLik. */
  criterion: number;
  logLik: number;
  /** Parameters counted: fixed effects + θ + σ. */
  df: number;
  AIC: number;
  BIC: number;
  /** A variance component estimated at zero (θ on its bound): lme4's "boundary (singular) fit". */
  singular: boolean;
  /** Messages a reader must see (singular fit, few groups ...). */
  messages: string[];
  /** Conditional modes (BLUPs) by term: levels[j], values[j][c] for component c. */
  conditionalModes: Array<{ group: string; names: string[]; levels: string[]; values: number[][] }>;
  /** Fitted values Xβ + Zb (conditional on the random effects) and Xβ (population), residuals y − Xβ − Zb. */
  fitted: Float64Array;
  fixedFitted: Float64Array;
  residuals: Float64Array;
  y: Float64Array;
  rows: Int32Array;
  n: number;
  dropped: number;
  confLevel: number;
  convergence: { iterations: number; evaluations: number; maxGradient: number };
  /** @internal Satterthwaite machinery for mixedModelContrast. */
  satterthwaite: { vcovVarpar: number[][]; jacobian: number[][][] };
}

/** A random-effects term ready to fit. */
interface ReTerm {
  group: string;
  names: string[];
  q: number;
  levels: string[];
  codes: Int32Array;
  /** n × q, column-major. */
  x: Float64Array;
  thetaOffset: number;
}

/**
 * Linear mixed model with lme4 formula syntax, matching R 4.2.2's `lme4::lmer` (1.1-31)
 * with `lmerTest` (3.1-3) for the fixed effects' Satterthwaite degrees of freedom.
 *
 * Formula: fixed terms as in linearModel plus random terms `(expr | group)`: `(1 | mouse)`
 * random intercepts, `(day | tumor)` correlated intercept and slope, `(0 + day | tumor)` slope
 * only, `(day || tumor)` uncorrelated (split into (1 | tumor) + (0 + day | tumor)),
 * `(1 | mouse/tumor)` nested (= (1 | mouse) + (1 | tumor:mouse)), `(1 | a) + (1 | b)` crossed.
 * Terms are ordered by decreasing number of levels as lme4 does.
 *
 * Model: y = Xβ + Zb + ε, b = Λ_θ u, u ~ N(0, σ²I), ε ~ N(0, σ²I); each term's Λ block is a
 * lower-triangular q×q factor T (θ its entries, column by column) repeated per level, so the
 * term's covariance is σ²TTᵀ. Fit by the profiled deviance of Bates, Mächler, Bolker & Walker
 * (2015, J Stat Softw 67(1)): for given θ, the penalized least squares problem is solved by a
 * Cholesky factor L of ΛᵀZᵀZΛ + I (block-wise: the term with most levels has a block-diagonal
 * part), β and σ are profiled out, and the REML criterion
 * log|L|² + log|R_X|² + (n − p)(1 + log(2π r²/(n − p))) (ML: log|L|² + n(1 + log(2π r²/n)))
 * is minimised over θ by damped Newton steps with central-difference derivatives from lme4's
 * start (θ = 1 on diagonals, 0 elsewhere) until the gradient vanishes — the optimum lme4's
 * bobyqa approaches to its tolerance (about 1e-5 in θ). A factor's column sign is arbitrary:
 * θ is reported with non-negative diagonals.
 *
 * Inference: fixed effects' covariance σ²(R_XᵀR_X)⁻¹ (vcov); t = β/se with Satterthwaite df as
 * lmerTest: df = 2(lᵀCl)² / (gᵀAg), with C the covariance, g its gradient in (θ, σ) and A twice
 * the inverse Hessian of the deviance in (θ, σ) (both by Richardson-extrapolated central
 * differences, as numDeriv); intervals β ± t_df·se (lmerTest's contest with confint). Variance
 * components as VarCorr: sd = σ·sqrt(diag(TTᵀ)) and correlations. logLik = −criterion/2 and
 * AIC/BIC count p + length(θ) + 1 parameters (for REML fits these use the REML likelihood, as lme4).
 * A θ diagonal below 1e-4 is a boundary (singular) fit, reported in `singular` and `messages`
 * (lme4's isSingular). Rank-deficient fixed-effect columns are dropped, as lme4 does.
 *
 * Bad input (unknown column, non-numeric response, missing group ids, a grouping factor with
 * fewer than 2 levels, as many random effects as observations) throws an InputError; an optimizer
 * failure a FitError.
 *
 * @example
 * const fit = linearMixedModel(growth.fields, "log(volume_mm3) ~ day * group + (day | mouse_id)");
 * fit.fixedEffects;   // estimate, se, Satterthwaite df, t, p, CI
 * fit.randomEffects;  // sd of intercepts and slopes, their correlation
 * fit.singular;       // lme4's boundary (singular) fit
 */
export function linearMixedModel(data: ModelData, formula: string, options: LinearMixedModelOptions = {}): LinearMixedModelResult {
  const REML = options.REML === undefined ? true : options.REML;
  if (typeof REML !== "boolean") throw new InputError("REML", null, REML, "must be true or false");
  const confLevel = options.confLevel === undefined ? 0.95 : options.confLevel;
  requireConfLevel(confLevel);
  const maxIterations = options.maxIterations === undefined ? 200 : options.maxIterations;
  if (!Number.isInteger(maxIterations) || maxIterations < 1) throw new InputError("maxIterations", null, maxIterations, "must be a positive whole number");
  const parsed = parseFormula(formula);
  if (parsed.lhs === null) throw new InputError("formula", null, formula, 'needs a response on the left of "~"');
  const bars: BarTerm[] = [];
  const expanded = expandTerms(formula, parsed.rhs, bars);
  if (bars.length === 0) throw new InputError("formula", null, formula, "has no random-effects term such as (1 | group): use linearModel for a fixed-effects model");
  const columns = new DataColumns(data, options);
  // Every column the random terms read joins the model frame (missing values dropped or reported there).
  const extra = new Set<string>();
  for (const bar of bars) {
    columnsOf(bar.lhs, extra);
    columnsOf(bar.group, extra);
  }
  const model = buildModel(columns, parsed.lhs, expanded, options, extra);
  const frame: ModelFrame = { n: model.n, rows: model.rows, dropped: model.dropped, nRows: columns.nRows };
  const terms = randomTerms(formula, bars, columns, frame, options);

  // Fixed effects: drop aliased columns (lme4: "fixed-effect model matrix is rank deficient").
  const qr = qrLeastSquares(model.x, model.n, model.p, model.y);
  const keep = Array.from(qr.accepted).sort((a, b) => a - b);
  const droppedColumns = model.columnNames.filter((_, j) => !keep.includes(j));
  const p = keep.length;
  const n = model.n;
  const x = new Float64Array(n * p);
  keep.forEach((j, k) => x.set(model.x.subarray(j * n, (j + 1) * n), k * n));
  const fixedNames = keep.map((j) => model.columnNames[j]);

  for (const t of terms) {
    if (t.levels.length < 2) throw new InputError(t.group, null, t.levels.join(", "), `is a grouping factor with ${t.levels.length} level: a variance component needs at least 2 groups`);
    if (t.levels.length * t.q >= n) {
      throw new InputError(t.group, null, t.levels.length, `gives ${t.levels.length * t.q} random effects for ${n} observations: the variance components are unidentifiable (lme4: number of observations <= number of random effects)`);
    }
  }
  if (n - p < 1) throw new InputError("data", null, n, `has ${n} complete rows for ${p} fixed effects`);

  const problem = new MixedProblem(model.y, x, n, p, terms, REML);
  const opt = optimizeTheta(problem, maxIterations);
  const theta = opt.theta;
  const state = problem.evaluate(theta);
  const sigma = Math.sqrt(state.pwrss / (REML ? n - p : n));
  const cov = choleskyInverse(state.lx, p);
  for (let i = 0; i < p * p; i++) cov[i] *= sigma * sigma;
  const satt = satterthwaite(problem, theta, sigma);
  const q = (df: number) => tQuantile(1 - (1 - confLevel) / 2, df);
  const fixedEffects: MixedFixedEffect[] = fixedNames.map((name, k) => {
    const se = Math.sqrt(cov[k * p + k]);
    const l = new Float64Array(p);
    l[k] = 1;
    const df = satterthwaiteDf(l, cov, p, satt);
    const estimate = state.beta[k];
    const t = estimate / se;
    return { name, estimate, se, df, t, pValue: tTwoSided(t, df), lower: estimate - q(df) * se, upper: estimate + q(df) * se };
  });

  const messages: string[] = [];
  let singular = false;
  const randomEffects: VarianceComponent[] = terms.map((t) => {
    const tri = problem.factor(theta, t);
    const k = t.q;
    const variance: number[] = [];
    const covT: number[][] = [];
    for (let i = 0; i < k; i++) {
      covT.push([]);
      for (let j = 0; j < k; j++) {
        let s = 0;
        for (let m = 0; m <= Math.min(i, j); m++) s += tri[i * k + m] * tri[j * k + m];
        covT[i].push(s * sigma * sigma);
      }
      variance.push(covT[i][i]);
      if (tri[i * k + i] < 1e-4) singular = true;
    }
    const sd = variance.map(Math.sqrt);
    const correlation = k === 1 ? null : covT.map((row, i) => row.map((v, j) => (i === j ? 1 : sd[i] > 0 && sd[j] > 0 ? v / (sd[i] * sd[j]) : null)));
    return { group: t.group, names: t.names.slice(), sd, variance, correlation, levels: t.levels.length };
  });
  if (singular) messages.push("boundary (singular) fit: see help('isSingular') — a variance component (or a combination of them) is estimated at zero; the model is too rich for the data");
  for (const t of terms) {
    if (t.levels.length < 5) messages.push(`grouping factor ${t.group} has only ${t.levels.length} levels: its variance is poorly estimated`);
  }
  if (droppedColumns.length > 0) messages.push(`fixed-effect model matrix is rank deficient so dropping ${droppedColumns.length} column${droppedColumns.length > 1 ? "s" : ""}: ${droppedColumns.join(", ")}`);

  const nPar = p + theta.length + 1;
  const logLik = -opt.value / 2;
  const conditionalModes = terms.map((t) => {
    const values: number[][] = [];
    for (let j = 0; j < t.levels.length; j++) values.push(Array.from(state.b.subarray(problem.offsetOf(t) + j * t.q, problem.offsetOf(t) + (j + 1) * t.q)));
    return { group: t.group, names: t.names.slice(), levels: t.levels.slice(), values };
  });
  const thetaNames: { name: string; value: number }[] = [];
  for (const t of terms) {
    for (let c = 0; c < t.q; c++) {
      for (let r = c; r < t.q; r++) {
        const name = r === c ? `${t.group}.${t.names[r]}` : `${t.group}.${t.names[r]}.${t.names[c]}`;
        thetaNames.push({ name, value: theta[t.thetaOffset + thetaIndex(t.q, r, c)] });
      }
    }
  }
  const covariance: number[][] = [];
  for (let i = 0; i < p; i++) covariance.push(Array.from(cov.subarray(i * p, (i + 1) * p)));
  return {
    method: `Linear mixed model fit by ${REML ? "REML" : "maximum likelihood"} (lme4's profiled deviance), Satterthwaite df (lmerTest)`,
    formula,
    response: model.response,
    REML,
    fixedEffects,
    covariance,
    droppedColumns,
    randomEffects,
    sigma,
    theta: thetaNames,
    criterion: opt.value,
    logLik,
    df: nPar,
    AIC: -2 * logLik + 2 * nPar,
    BIC: -2 * logLik + Math.log(n) * nPar,
    singular,
    messages,
    conditionalModes,
    fitted: state.fitted,
    fixedFitted: state.fixedFitted,
    residuals: Float64Array.from(state.fitted, (f, i) => model.y[i] - f),
    y: model.y,
    rows: model.rows,
    n,
    dropped: model.dropped,
    confLevel,
    convergence: { iterations: opt.iterations, evaluations: problem.evaluations, maxGradient: opt.maxGradient },
    satterthwaite: { vcovVarpar: satt.vcovVarpar, jacobian: satt.jacobian },
  };
}

/** Position of T[r][c] (r ≥ c) in a term's θ: lower triangle column by column. */
function thetaIndex(q: number, r: number, c: number): number {
  let k = 0;
  for (let cc = 0; cc < c; cc++) k += q - cc;
  return k + (r - c);
}

/** Random-effects terms: expands a/b and ||, evaluates each term's model matrix and grouping factor, orders them as lme4. */
function randomTerms(formula: string, bars: BarTerm[], columns: DataColumns, frame: ModelFrame, options: ModelFrameOptions): ReTerm[] {
  const out: Array<Omit<ReTerm, "thetaOffset">> = [];
  for (const bar of bars) {
    const groups = groupingFactors(formula, bar.group);
    const lhsTerms = expandTerms(formula, bar.lhs);
    // (x || g): the intercept and each term as separate, uncorrelated terms
    const parts: { intercept: boolean; terms: number[][] }[] = [];
    if (bar.uncorrelated) {
      if (lhsTerms.intercept) parts.push({ intercept: true, terms: [] });
      for (const t of lhsTerms.terms) parts.push({ intercept: false, terms: [t] });
    } else parts.push({ intercept: lhsTerms.intercept, terms: lhsTerms.terms });
    const variables = lhsTerms.variables.map((v) => frameVariable(columns, v.node, frame, options));
    for (const group of groups) {
      const factor = groupFactor(columns, group, frame, options);
      for (const part of parts) {
        const design = designMatrix({ ...lhsTerms, intercept: part.intercept, terms: part.terms, labels: [] }, variables, frame.n);
        if (design.p === 0) throw new InputError("formula", null, formula, `has a random-effects term with no columns (${deparse(bar.lhs)} | ${group.map((g) => g).join(":")})`);
        out.push({ group: factor.label, names: design.columnNames, q: design.p, levels: factor.levels, codes: factor.codes, x: design.x });
      }
    }
  }
  // lme4's mkReTrms: reorder by decreasing number of levels (rev(order(nl))) when some later term has more levels.
  const nl = out.map((t) => t.levels.length);
  let ordered = out;
  if (nl.some((v, i) => i > 0 && v > nl[i - 1])) {
    const asc = nl.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v || a.i - b.i).map((e) => e.i);
    ordered = asc.reverse().map((i) => out[i]);
  }
  let offset = 0;
  return ordered.map((t) => {
    const term = { ...t, thetaOffset: offset };
    offset += (t.q * (t.q + 1)) / 2;
    return term;
  });
}

/** Grouping factors of a random term's right side: g, a:b, and a/b (→ a and b:a). Each as its column names. */
function groupingFactors(formula: string, node: FormulaNode): string[][] {
  const inner = node.kind === "paren" ? node.inner : node;
  if (inner.kind === "binary" && inner.op === "/") {
    const outer = groupingFactors(formula, inner.left);
    const last = outer[outer.length - 1];
    const nested = groupingFactors(formula, inner.right).map((g) => [...g, ...last]);
    return [...outer, ...nested];
  }
  return [interactionNames(formula, inner)];
}

function interactionNames(formula: string, node: FormulaNode): string[] {
  if (node.kind === "name") return [node.name];
  if (node.kind === "paren") return interactionNames(formula, node.inner);
  if (node.kind === "binary" && node.op === ":") return [...interactionNames(formula, node.left), ...interactionNames(formula, node.right)];
  return fail(formula, `has a grouping factor that is not a column or an interaction of columns: ${deparse(node)}`);
}

function fail(formula: string, rule: string): never {
  throw new InputError("formula", null, formula, rule);
}

/** The grouping factor of one or more columns (their interaction), with levels in sorted order of the combined labels. */
function groupFactor(columns: DataColumns, names: string[], frame: ModelFrame, options: ModelFrameOptions): FrameVariable {
  const label = names.join(":");
  const parts = names.map((name) => factorValues(columns, name, frame, options, name));
  if (parts.length === 1) return parts[0];
  const combined = Array.from({ length: frame.n }, (_, k) => parts.map((f) => f.levels[f.codes[k]]).join(":"));
  const levels = Array.from(new Set(combined)).sort();
  const index = new Map(levels.map((l, i) => [l, i]));
  return { label, kind: "factor", values: new Float64Array(0), codes: Int32Array.from(combined, (c) => index.get(c) as number), levels };
}

interface Evaluation {
  deviance: number;
  /** log|L|² */
  ldL2: number;
  /** log|R_X|² */
  ldRX2: number;
  /** penalized residual sum of squares r² = ‖y − Xβ − ZΛu‖² + ‖u‖² */
  pwrss: number;
  beta: Float64Array;
  /** Lower Cholesky factor of R_XᵀR_X (p×p). */
  lx: Float64Array;
  /** b = Λu, by term offset. */
  b: Float64Array;
  fitted: Float64Array;
  fixedFitted: Float64Array;
}

/**
 * The profiled deviance of a linear mixed model as a function of θ. The first term (most
 * levels) gives the block-diagonal part L11 of the Cholesky factor (one q×q block per level);
 * the other terms' random effects form a dense block L22.
 */
class MixedProblem {
  evaluations = 0;
  readonly nTheta: number;
  private readonly q1: number;
  private readonly l1: number;
  /** Total random effects in the first term and in the rest. */
  private readonly size1: number;
  private readonly size2: number;
  private readonly offsets: number[];
  private readonly z1tz1: Float64Array;
  private readonly z2tz1: Float64Array;
  private readonly z2tz2: Float64Array;
  /** Zᵀ[y X] (Q × (1 + p)), row-major. */
  private readonly ztyx: Float64Array;
  private readonly xtx: Float64Array;
  private readonly xty: Float64Array;

  constructor(
    readonly y: Float64Array,
    readonly x: Float64Array,
    readonly n: number,
    readonly p: number,
    readonly terms: ReTerm[],
    readonly REML: boolean,
  ) {
    const last = terms[terms.length - 1];
    this.nTheta = last.thetaOffset + (last.q * (last.q + 1)) / 2;
    this.q1 = terms[0].q;
    this.l1 = terms[0].levels.length;
    this.size1 = this.q1 * this.l1;
    this.offsets = [];
    let off = 0;
    for (const t of terms) {
      this.offsets.push(off);
      off += t.q * t.levels.length;
    }
    this.size2 = off - this.size1;
    const Q = off;
    const q1 = this.q1;
    const s1 = this.size1;
    const s2 = this.size2;
    // Cross-products, once.
    this.z1tz1 = new Float64Array(this.l1 * q1 * q1);
    this.z2tz1 = new Float64Array(s2 * s1);
    this.z2tz2 = new Float64Array(s2 * s2);
    const w = 1 + p;
    this.ztyx = new Float64Array(Q * w);
    // Row i's nonzeros of Z: positions and values.
    const nz = terms.reduce((a, t) => a + t.q, 0);
    const pos = new Int32Array(nz);
    const val = new Float64Array(nz);
    for (let i = 0; i < n; i++) {
      let k = 0;
      terms.forEach((t, ti) => {
        const base = this.offsets[ti] + t.codes[i] * t.q;
        for (let c = 0; c < t.q; c++) {
          pos[k] = base + c;
          val[k] = t.x[c * n + i];
          k++;
        }
      });
      for (let a = 0; a < nz; a++) {
        const pa = pos[a];
        const va = val[a];
        if (va === 0) continue;
        this.ztyx[pa * w] += va * y[i];
        for (let j = 0; j < p; j++) this.ztyx[pa * w + 1 + j] += va * x[j * n + i];
        for (let b = 0; b < nz; b++) {
          const pb = pos[b];
          const vb = val[b];
          if (vb === 0) continue;
          if (pa < s1 && pb < s1) {
            // same level by construction (one level of term 1 per row)
            const level = Math.floor(pa / q1);
            this.z1tz1[level * q1 * q1 + (pa - level * q1) * q1 + (pb - level * q1)] += va * vb;
          } else if (pa >= s1 && pb < s1) this.z2tz1[(pa - s1) * s1 + pb] += va * vb;
          else if (pa >= s1 && pb >= s1) this.z2tz2[(pa - s1) * s2 + (pb - s1)] += va * vb;
        }
      }
    }
    this.xtx = new Float64Array(p * p);
    this.xty = new Float64Array(p);
    for (let a = 0; a < p; a++) {
      for (let b = a; b < p; b++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += x[a * n + i] * x[b * n + i];
        this.xtx[a * p + b] = s;
        this.xtx[b * p + a] = s;
      }
      let s = 0;
      for (let i = 0; i < n; i++) s += x[a * n + i] * y[i];
      this.xty[a] = s;
    }
  }

  offsetOf(term: ReTerm): number {
    return this.offsets[this.terms.indexOf(term)];
  }

  /** The term's T (q×q lower triangular, row-major) at θ. */
  factor(theta: ArrayLike<number>, term: ReTerm): Float64Array {
    const q = term.q;
    const t = new Float64Array(q * q);
    let k = term.thetaOffset;
    for (let c = 0; c < q; c++) for (let r = c; r < q; r++) t[r * q + c] = theta[k++];
    return t;
  }

  /** Multiplies rows (row-major block of `width` columns, rows [start, start + q·levels)) by Tᵀ per level: rows ← Tᵀ rows. */
  private leftTt(m: Float64Array, width: number, rowStart: number, term: ReTerm, t: Float64Array): void {
    const q = term.q;
    const tmp = new Float64Array(q);
    for (let l = 0; l < term.levels.length; l++) {
      const r0 = rowStart + l * q;
      for (let col = 0; col < width; col++) {
        for (let a = 0; a < q; a++) {
          let s = 0;
          for (let b = a; b < q; b++) s += t[b * q + a] * m[(r0 + b) * width + col];
          tmp[a] = s;
        }
        for (let a = 0; a < q; a++) m[(r0 + a) * width + col] = tmp[a];
      }
    }
  }

  /** Columns [start, start + q·levels) of a row-major matrix with `rows` rows ← columns · T per level. */
  private rightT(m: Float64Array, rows: number, width: number, colStart: number, term: ReTerm, t: Float64Array): void {
    const q = term.q;
    const tmp = new Float64Array(q);
    for (let l = 0; l < term.levels.length; l++) {
      const c0 = colStart + l * q;
      for (let row = 0; row < rows; row++) {
        const base = row * width + c0;
        for (let a = 0; a < q; a++) {
          let s = 0;
          for (let b = a; b < q; b++) s += m[base + b] * t[b * q + a];
          tmp[a] = s;
        }
        for (let a = 0; a < q; a++) m[base + a] = tmp[a];
      }
    }
  }

  evaluate(theta: ArrayLike<number>): Evaluation {
    this.evaluations++;
    const { n, p, q1, l1, terms } = this;
    const s1 = this.size1;
    const s2 = this.size2;
    const Q = s1 + s2;
    const w = 1 + p;
    const factors = terms.map((t) => this.factor(theta, t));
    const t1 = factors[0];
    // L11: per level chol(T1ᵀ S_j T1 + I)
    const l11 = new Float64Array(l1 * q1 * q1);
    let ldL2 = 0;
    const tmp = new Float64Array(q1 * q1);
    for (let j = 0; j < l1; j++) {
      const o = j * q1 * q1;
      // tmp = S_j T1
      for (let a = 0; a < q1; a++) {
        for (let b = 0; b < q1; b++) {
          let s = 0;
          for (let m = b; m < q1; m++) s += this.z1tz1[o + a * q1 + m] * t1[m * q1 + b];
          tmp[a * q1 + b] = s;
        }
      }
      for (let a = 0; a < q1; a++) {
        for (let b = 0; b < q1; b++) {
          let s = 0;
          for (let m = a; m < q1; m++) s += t1[m * q1 + a] * tmp[m * q1 + b];
          l11[o + a * q1 + b] = s + (a === b ? 1 : 0);
        }
      }
      if (!choleskyInPlace(l11, q1, o)) throw new FitError("lmer", "optimizer", "the penalized least-squares system is not positive definite");
      for (let a = 0; a < q1; a++) ldL2 += 2 * Math.log(l11[o + a * q1 + a]);
    }
    // L21 = Λ2ᵀ Z2ᵀZ1 Λ1 L11⁻ᵀ ; A22 = Λ2ᵀ Z2ᵀZ2 Λ2 + I − L21 L21ᵀ
    let l21 = new Float64Array(0);
    let l22 = new Float64Array(0);
    if (s2 > 0) {
      l21 = this.z2tz1.slice();
      this.rightT(l21, s2, s1, 0, terms[0], t1);
      for (let ti = 1; ti < terms.length; ti++) this.leftTt(l21, s1, this.offsets[ti] - s1, terms[ti], factors[ti]);
      for (let j = 0; j < l1; j++) {
        for (let r = 0; r < s2; r++) forwardSolve(l11, q1, l21, r * s1 + j * q1, 1, j * q1 * q1);
      }
      l22 = this.z2tz2.slice();
      for (let ti = 1; ti < terms.length; ti++) {
        this.leftTt(l22, s2, this.offsets[ti] - s1, terms[ti], factors[ti]);
        this.rightT(l22, s2, s2, this.offsets[ti] - s1, terms[ti], factors[ti]);
      }
      for (let a = 0; a < s2; a++) {
        for (let b = 0; b <= a; b++) {
          let s = 0;
          const ra = a * s1;
          const rb = b * s1;
          for (let m = 0; m < s1; m++) s += l21[ra + m] * l21[rb + m];
          l22[a * s2 + b] -= s;
          if (a === b) l22[a * s2 + b] += 1;
        }
      }
      if (!choleskyInPlace(l22, s2)) throw new FitError("lmer", "optimizer", "the penalized least-squares system is not positive definite");
      for (let a = 0; a < s2; a++) ldL2 += 2 * Math.log(l22[a * s2 + a]);
    }
    // C = L⁻¹ Λᵀ Zᵀ [y X]
    const c = this.ztyx.slice();
    terms.forEach((t, ti) => this.leftTt(c, w, this.offsets[ti], t, factors[ti]));
    for (let j = 0; j < l1; j++) for (let col = 0; col < w; col++) forwardSolve(l11, q1, c, j * q1 * w + col, w, j * q1 * q1);
    if (s2 > 0) {
      for (let r = 0; r < s2; r++) {
        for (let col = 0; col < w; col++) {
          let s = 0;
          for (let m = 0; m < s1; m++) s += l21[r * s1 + m] * c[m * w + col];
          c[(s1 + r) * w + col] -= s;
        }
      }
      for (let col = 0; col < w; col++) forwardSolve(l22, s2, c, s1 * w + col, w);
    }
    // R_XᵀR_X = XᵀX − RZXᵀRZX ; cβ ; β
    const lx = this.xtx.slice();
    const rhs = this.xty.slice();
    for (let a = 0; a < p; a++) {
      for (let b = 0; b <= a; b++) {
        let s = 0;
        for (let r = 0; r < Q; r++) s += c[r * w + 1 + a] * c[r * w + 1 + b];
        lx[a * p + b] -= s;
      }
      let s = 0;
      for (let r = 0; r < Q; r++) s += c[r * w + 1 + a] * c[r * w];
      rhs[a] -= s;
    }
    for (let a = 0; a < p; a++) for (let b = a + 1; b < p; b++) lx[a * p + b] = lx[b * p + a];
    if (!choleskyInPlace(lx, p)) throw new FitError("lmer", "optimizer", "the fixed-effects system is not positive definite (collinear fixed effects)");
    let ldRX2 = 0;
    for (let a = 0; a < p; a++) ldRX2 += 2 * Math.log(lx[a * p + a]);
    forwardSolve(lx, p, rhs);
    backwardSolve(lx, p, rhs);
    const beta = rhs;
    // u = L⁻ᵀ(cu − RZX β); b = Λu
    const u = new Float64Array(Q);
    for (let r = 0; r < Q; r++) {
      let s = c[r * w];
      for (let a = 0; a < p; a++) s -= c[r * w + 1 + a] * beta[a];
      u[r] = s;
    }
    if (s2 > 0) {
      backwardSolve(l22, s2, u, s1);
      for (let m = 0; m < s1; m++) {
        let s = 0;
        for (let r = 0; r < s2; r++) s += l21[r * s1 + m] * u[s1 + r];
        u[m] -= s;
      }
    }
    for (let j = 0; j < l1; j++) backwardSolve(l11, q1, u, j * q1, 1, j * q1 * q1);
    const b = new Float64Array(Q);
    terms.forEach((t, ti) => {
      const f = factors[ti];
      const o = this.offsets[ti];
      for (let l = 0; l < t.levels.length; l++) {
        for (let a = 0; a < t.q; a++) {
          let s = 0;
          for (let m = 0; m <= a; m++) s += f[a * t.q + m] * u[o + l * t.q + m];
          b[o + l * t.q + a] = s;
        }
      }
    });
    const fixedFitted = new Float64Array(n);
    for (let a = 0; a < p; a++) {
      const ba = beta[a];
      for (let i = 0; i < n; i++) fixedFitted[i] += ba * this.x[a * n + i];
    }
    const fitted = fixedFitted.slice();
    terms.forEach((t, ti) => {
      const o = this.offsets[ti];
      for (let i = 0; i < n; i++) {
        const base = o + t.codes[i] * t.q;
        let s = 0;
        for (let a = 0; a < t.q; a++) s += t.x[a * n + i] * b[base + a];
        fitted[i] += s;
      }
    });
    let pwrss = 0;
    for (let i = 0; i < n; i++) pwrss += (this.y[i] - fitted[i]) * (this.y[i] - fitted[i]);
    for (let r = 0; r < Q; r++) pwrss += u[r] * u[r];
    const deviance = this.REML
      ? ldL2 + ldRX2 + (n - p) * (1 + Math.log((2 * Math.PI * pwrss) / (n - p)))
      : ldL2 + n * (1 + Math.log((2 * Math.PI * pwrss) / n));
    return { deviance, ldL2, ldRX2, pwrss, beta, lx, b, fitted, fixedFitted };
  }

  deviance(theta: ArrayLike<number>): number {
    return this.evaluate(theta).deviance;
  }

  /** Diagonal positions of θ (the lower bounds of lme4). */
  diagonal(): number[] {
    const out: number[] = [];
    for (const t of this.terms) for (let c = 0; c < t.q; c++) out.push(t.thetaOffset + thetaIndex(t.q, c, c));
    return out;
  }
}

/**
 * Minimises the profiled deviance over θ: damped Newton steps with central-difference gradient and
 * Hessian, a line search, and a shift of the Hessian when it is not positive definite. θ is
 * unconstrained here (the deviance depends on TTᵀ, which does not change when a column of T changes
 * sign); columns are turned to non-negative diagonals at the end, and a diagonal at rounding level
 * from 0 is set to exactly 0 (lme4's bound).
 */
function optimizeTheta(problem: MixedProblem, maxIterations: number): { theta: Float64Array; value: number; iterations: number; maxGradient: number } {
  const m = problem.nTheta;
  const diag = new Set(problem.diagonal());
  let theta = Float64Array.from({ length: m }, (_, k) => (diag.has(k) ? 1 : 0));
  let f = problem.deviance(theta);
  let iterations = 0;
  let maxGradient = Infinity;
  const g = new Float64Array(m);
  const h = new Float64Array(m * m);
  for (; iterations < maxIterations; iterations++) {
    derivatives(problem, theta, f, g, h);
    maxGradient = Math.max(...Array.from(g, Math.abs));
    // Newton direction with the Hessian shifted until positive definite
    let shift = 0;
    let d: Float64Array | null = null;
    const scale = Math.max(1e-8, ...Array.from({ length: m }, (_, k) => Math.abs(h[k * m + k])));
    for (let attempt = 0; attempt < 60 && d === null; attempt++) {
      const a = h.slice();
      for (let k = 0; k < m; k++) a[k * m + k] += shift;
      if (choleskyInPlace(a, m)) {
        const step = Float64Array.from(g, (v) => -v);
        forwardSolve(a, m, step);
        backwardSolve(a, m, step);
        d = step;
      } else shift = shift === 0 ? 1e-8 * scale : shift * 4;
    }
    if (d === null) break;
    let alpha = 1;
    let improved = false;
    for (let k = 0; k < 40; k++) {
      const trial = Float64Array.from(theta, (v, i) => v + alpha * (d as Float64Array)[i]);
      let ft = Infinity;
      try {
        ft = problem.deviance(trial);
      } catch (e) {
        if (!(e instanceof FitError)) throw e;
      }
      if (ft < f) {
        const change = f - ft;
        theta = trial;
        f = ft;
        improved = change > 1e-12 * (1 + Math.abs(f));
        break;
      }
      alpha /= 2;
    }
    if (!improved && maxGradient < 1e-3) break;
    if (!improved) {
      // no progress along Newton's direction: one steepest-descent attempt, then stop
      let moved = false;
      let step = 1e-2 / Math.max(maxGradient, 1e-12);
      for (let k = 0; k < 40 && !moved; k++) {
        const trial = Float64Array.from(theta, (v, i) => v - step * g[i]);
        try {
          const ft = problem.deviance(trial);
          if (ft < f - 1e-12 * (1 + Math.abs(f))) {
            theta = trial;
            f = ft;
            moved = true;
          }
        } catch (e) {
          if (!(e instanceof FitError)) throw e;
        }
        step /= 2;
      }
      if (!moved) break;
    }
  }
  derivatives(problem, theta, f, g, null);
  maxGradient = Math.max(...Array.from(g, Math.abs));
  // The gradient of a deviance of order 10²–10⁴ vanishes to ~1e-6 at the optimum; lme4 warns above 2e-3 (scaled).
  if (!(maxGradient < 2e-3)) {
    throw new FitError("lmer", "no-convergence", `the variance-parameter optimizer did not converge (max |gradient| ${maxGradient.toPrecision(3)} after ${iterations} iterations)`);
  }
  // Non-negative diagonals (column sign flips leave TTᵀ unchanged), and zeros at the bound.
  for (const t of problem.terms) {
    for (let c = 0; c < t.q; c++) {
      const dk = t.thetaOffset + thetaIndex(t.q, c, c);
      if (theta[dk] < 0) for (let r = c; r < t.q; r++) theta[t.thetaOffset + thetaIndex(t.q, r, c)] *= -1;
      if (Math.abs(theta[dk]) < 1e-6) {
        const snapped = theta.slice();
        snapped[dk] = 0;
        const fs = problem.deviance(snapped);
        if (fs <= f + 1e-9) {
          theta = snapped;
          f = fs;
        }
      }
    }
  }
  return { theta, value: f, iterations, maxGradient };
}

/** Central-difference gradient (and Hessian when h is given) of the deviance in θ. */
function derivatives(problem: MixedProblem, theta: Float64Array, f0: number, g: Float64Array, h: Float64Array | null): void {
  const m = theta.length;
  const step = Array.from(theta, (v) => 1e-4 * Math.max(Math.abs(v), 0.1));
  const at = (deltas: Array<[number, number]>) => {
    const x = theta.slice();
    for (const [k, s] of deltas) x[k] += s;
    return problem.deviance(x);
  };
  const plus = new Float64Array(m);
  const minus = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    plus[k] = at([[k, step[k]]]);
    minus[k] = at([[k, -step[k]]]);
    g[k] = (plus[k] - minus[k]) / (2 * step[k]);
  }
  if (!h) return;
  for (let k = 0; k < m; k++) {
    h[k * m + k] = (plus[k] - 2 * f0 + minus[k]) / (step[k] * step[k]);
    for (let l = k + 1; l < m; l++) {
      const v =
        (at([
          [k, step[k]],
          [l, step[l]],
        ]) -
          at([
            [k, step[k]],
            [l, -step[l]],
          ]) -
          at([
            [k, -step[k]],
            [l, step[l]],
          ]) +
          at([
            [k, -step[k]],
            [l, -step[l]],
          ])) /
        (4 * step[k] * step[l]);
      h[k * m + l] = v;
      h[l * m + k] = v;
    }
  }
}

/**
 * Jacobian as numDeriv's jacobian: Richardson-extrapolated central differences, initial step
 * 1e-4·|x| (1e-4 where x is near 0), four halvings.
 */
function richardsonGradient(fn: (x: Float64Array) => Float64Array, x0: Float64Array): Float64Array[] {
  const m = x0.length;
  const out: Float64Array[] = [];
  for (let k = 0; k < m; k++) {
    let hk = 1e-4 * Math.abs(x0[k]) + (Math.abs(x0[k]) < ZERO_TOL ? 1e-4 : 0);
    const table: Float64Array[] = [];
    for (let r = 0; r < 4; r++) {
      const a = x0.slice();
      const b = x0.slice();
      a[k] += hk;
      b[k] -= hk;
      const fa = fn(a);
      const fb = fn(b);
      table.push(Float64Array.from(fa, (v, i) => (v - fb[i]) / (2 * hk)));
      hk /= 2;
    }
    out.push(extrapolate(table));
  }
  return out;
}

/** Richardson extrapolation of O(h²) estimates at h, h/2, h/4, ... */
function extrapolate(table: Float64Array[]): Float64Array {
  let level = table;
  let factor = 4;
  while (level.length > 1) {
    const next: Float64Array[] = [];
    for (let r = 0; r + 1 < level.length; r++) next.push(Float64Array.from(level[r + 1], (v, i) => (factor * v - level[r][i]) / (factor - 1)));
    level = next;
    factor *= 4;
  }
  return level[0];
}

/**
 * Hessian of a scalar function as numDeriv's hessian (genD): initial steps 0.1·|x| (1e-4 where x
 * is near 0), four halvings, Richardson extrapolation of the central first/second differences;
 * off-diagonals from f(x ± hᵢeᵢ ± hⱼeⱼ) with the diagonal terms removed.
 */
function richardsonHessian(fn: (x: Float64Array) => number, x0: Float64Array): Float64Array {
  const m = x0.length;
  const f0 = fn(x0);
  const h0 = Array.from(x0, (v) => Math.abs(0.1 * v) + (Math.abs(v) < ZERO_TOL ? 1e-4 : 0));
  const shifted = (deltas: Array<[number, number]>) => {
    const x = x0.slice();
    for (const [k, s] of deltas) x[k] += s;
    return fn(x);
  };
  const hdiag = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const table: Float64Array[] = [];
    let h = h0[i];
    for (let r = 0; r < 4; r++) {
      table.push(Float64Array.of((shifted([[i, h]]) - 2 * f0 + shifted([[i, -h]])) / (h * h)));
      h /= 2;
    }
    hdiag[i] = extrapolate(table)[0];
  }
  const hess = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    hess[i * m + i] = hdiag[i];
    for (let j = 0; j < i; j++) {
      const table: Float64Array[] = [];
      let hi = h0[i];
      let hj = h0[j];
      for (let r = 0; r < 4; r++) {
        const f1 = shifted([
          [i, hi],
          [j, hj],
        ]);
        const f2 = shifted([
          [i, -hi],
          [j, -hj],
        ]);
        table.push(Float64Array.of((f1 - 2 * f0 + f2 - hdiag[i] * hi * hi - hdiag[j] * hj * hj) / (2 * hi * hj)));
        hi /= 2;
        hj /= 2;
      }
      const v = extrapolate(table)[0];
      hess[i * m + j] = v;
      hess[j * m + i] = v;
    }
  }
  return hess;
}

/** numDeriv's zero.tol: sqrt(.Machine$double.eps / 7e-7). */
const ZERO_TOL = Math.sqrt(2.220446049250313e-16 / 7e-7);

/**
 * lmerTest's Satterthwaite ingredients at the optimum: A = 2 H⁻¹ with H the Hessian of the
 * deviance in varpar = (θ, σ) (β at its conditional estimate; eigenvalues ≤ 1e-8 left out, as
 * lmerTest), and the Jacobian of vcov(β) = σ²(R_XᵀR_X)⁻¹ in varpar.
 */
function satterthwaite(problem: MixedProblem, theta: Float64Array, sigma: number): { vcovVarpar: number[][]; jacobian: number[][][] } {
  const m = theta.length;
  const { n, p, REML } = problem;
  const varpar = Float64Array.from([...Array.from(theta), sigma]);
  const devVarpar = (v: Float64Array) => {
    const s2 = v[m] * v[m];
    const e = problem.evaluate(v.subarray(0, m));
    let d = e.ldL2 + e.pwrss / s2 + n * Math.log(2 * Math.PI * s2);
    if (REML) d += e.ldRX2 - p * Math.log(2 * Math.PI * s2);
    return d;
  };
  const hess = richardsonHessian(devVarpar, varpar);
  const k = m + 1;
  const eig = symmetricEigen(hess, k);
  const inv = new Float64Array(k * k);
  for (let e = 0; e < k; e++) {
    if (!(eig.values[e] > 1e-8)) continue;
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) inv[i * k + j] += (eig.vectors[i * k + e] * eig.vectors[j * k + e]) / eig.values[e];
  }
  const vcovVarpar: number[][] = [];
  for (let i = 0; i < k; i++) vcovVarpar.push(Array.from(inv.subarray(i * k, (i + 1) * k), (v) => 2 * v));
  const covBeta = (v: Float64Array) => {
    const e = problem.evaluate(v.subarray(0, m));
    const c = choleskyInverse(e.lx, p);
    for (let i = 0; i < p * p; i++) c[i] *= v[m] * v[m];
    return c;
  };
  const jac = richardsonGradient(covBeta, varpar);
  const jacobian = jac.map((flat) => {
    const rows: number[][] = [];
    for (let i = 0; i < p; i++) rows.push(Array.from(flat.subarray(i * p, (i + 1) * p)));
    return rows;
  });
  return { vcovVarpar, jacobian };
}

/** Satterthwaite df of lᵀβ: 2(lᵀCl)² / (gᵀAg), g_k = lᵀ(∂C/∂varpar_k)l. */
function satterthwaiteDf(l: ArrayLike<number>, cov: ArrayLike<number>, p: number, satt: { vcovVarpar: number[][]; jacobian: number[][][] }): number {
  const quad = (m: (i: number, j: number) => number) => {
    let s = 0;
    for (let i = 0; i < p; i++) {
      if (l[i] === 0) continue;
      for (let j = 0; j < p; j++) s += l[i] * l[j] * m(i, j);
    }
    return s;
  };
  const variance = quad((i, j) => cov[i * p + j]);
  const g = satt.jacobian.map((jm) => quad((i, j) => jm[i][j]));
  let denom = 0;
  for (let a = 0; a < g.length; a++) for (let b = 0; b < g.length; b++) denom += g[a] * satt.vcovVarpar[a][b] * g[b];
  return (2 * variance * variance) / denom;
}

/** As LinearContrastResult, with df the Satterthwaite degrees of freedom. */
export type MixedContrastResult = LinearContrastResult;

/**
 * A linear combination Σ wᵢβᵢ of a mixed model's fixed effects with Satterthwaite df, as
 * lmerTest's `contest(fit, L, joint = FALSE, confint = TRUE)`; e.g. the daily growth rate of
 * irradiated tumors in `y ~ day * group`: { day: 1, "day:groupirradiated": 1 }.
 *
 * @example
 * mixedModelContrast(fit, { day: 1, "day:groupirradiated": 1 }).estimate
 */
export function mixedModelContrast(fit: LinearMixedModelResult, weights: Readonly<Record<string, number>>, options: { confLevel?: number } = {}): MixedContrastResult {
  const confLevel = options.confLevel === undefined ? fit.confLevel : options.confLevel;
  requireConfLevel(confLevel);
  const names = fit.fixedEffects.map((f) => f.name);
  const p = names.length;
  const l = weightVector(weights, names);
  const cov = fit.covariance.flat();
  let estimate = 0;
  for (let k = 0; k < p; k++) estimate += l[k] * fit.fixedEffects[k].estimate;
  let variance = 0;
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) variance += l[i] * l[j] * cov[i * p + j];
  const se = Math.sqrt(variance);
  const df = satterthwaiteDf(l, cov, p, fit.satterthwaite);
  const t = estimate / se;
  const q = tQuantile(1 - (1 - confLevel) / 2, df);
  return { weights: { ...weights }, estimate, se, df, t, pValue: tTwoSided(t, df), lower: estimate - q * se, upper: estimate + q * se, confLevel };
}
