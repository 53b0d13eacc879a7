/**
 * δ-adjusted multiple imputation of event times after loss to follow-up: a sensitivity
 * analysis for censoring that is not at random (informative loss), after Jackson, White,
 * Seaman, Evans, Baisley and Carpenter, "Relaxing the independent censoring assumption in the
 * Cox proportional hazards model using multiple imputation", Stat Med 2014;33:4681–4694 (and
 * Zhao et al., J Biopharm Stat 2014;24:229–253, for the hazard-ratio parameter).
 *
 * Data: each row has a time, a status (0 censored, 1 the event of interest, 2 a competing event
 * such as death before it), covariates, whether it was **lost** (censored before its
 * administrative end of follow-up: those are the rows imputed; rows censored at the data
 * cut-off stay censored) and its administrative end `end` (the time at which it would have been
 * censored had it stayed: the data cut-off).
 *
 * Assumption (the sensitivity parameter δ): after loss at time c, a row's cause-specific hazard of
 * the event is δ times that of rows still followed with the same covariates,
 *   h₁(t | lost at c, x) = δ · h₀₁(t) exp(x'β₁),  t > c,
 * while its competing hazard is that of rows still followed, h₀₂(t) exp(x'β₂) (δ = 1: censoring at
 * random given the covariates, the assumption of the unadjusted analysis). δ may differ by row
 * (e.g. only in one arm). δ = Infinity is the worst case: a lost row has the event at the
 * first event time (of the event's baseline hazard) after its loss, with two exceptions: a
 * competing event drawn before that time still comes first (the competing hazard is unchanged),
 * and when no event time falls between the loss and `end` the row has no event (it is censored
 * at `end`, or has the competing event if one is drawn before `end`). DeltaRow.imputedEvents
 * counts the rows that did get the event.
 *
 * Imputation model (fitDeltaImputationModel): a cause-specific Cox model of each cause on every
 * covariate, Breslow ties (R: coxph(Surv(time, status == k) ~ ., ties = "breslow")), with
 * Breslow's baseline cumulative hazard (R: basehaz(fit, centered = FALSE)).
 *
 * One imputation (drawImputation, then completeAfterLoss), approximately proper: β*ₖ drawn from
 * N(β̂ₖ, V̂ₖ) (the model-based variance), the baseline hazard recomputed at β*ₖ
 * (dΛ*₀ₖ(tⱼ) = dⱼ / Σ_{time_i ≥ tⱼ} exp(x_i'β*ₖ); the baseline's own sampling variance beyond
 * that is not drawn); for each lost row two unit exponentials E₁, E₂
 * and latent times
 *   T₁ = first jump time t > c with δ exp(x'β*₁) (Λ*₀₁(t) − Λ*₀₁(c)) ≥ E₁,
 *   T₂ = first jump time t > c with exp(x'β*₂) (Λ*₀₂(t) − Λ*₀₂(c)) ≥ E₂,
 * and the completed row is the event at T₁ if T₁ ≤ min(T₂, end), else the competing event at T₂
 * if T₂ ≤ end, else censored at `end` (independent latent times with these cause-specific hazards
 * have exactly these cause-specific hazards). The draws (β*, E₁, E₂) are kept, so completing the
 * same imputation for several δ uses common random numbers: a larger δ only moves a row's
 * imputed event earlier or turns a censored row into an event, never the reverse.
 *
 * Fully proper variant (parameterDraw "bootstrap"): the imputation's parameters are the fit of
 * the imputation models to a bootstrap resample of the rows (n rows drawn with replacement, one
 * row per patient): β*ₖ = β̂ₖ of the resample and Λ*₀ₖ = its Breslow baseline, with jumps at
 * the resample's own event times, so the baseline's sampling variability is drawn too (the
 * bootstrap approximation to a draw from the posterior: van Buuren, Flexible Imputation of
 * Missing Data, 2nd ed. 2018, §3.2, mice's norm.boot; Little and Rubin 2002, §10.2.3). The
 * lost rows of the original data are then completed from that fit exactly as above (same
 * latent-time rule, same common random numbers over δ). A resample in which either cause's
 * model cannot be fitted (no event of the cause, a constant or collinear covariate, no
 * convergence) is replaced by the next resample drawn from the same stream, up to
 * MAX_RESAMPLE_ATTEMPTS; ImputationDraw.resampleAttempts counts them. A resample whose fit
 * converges with a diverging coefficient (monotone likelihood) is kept as fitted.
 * Times are grouped when exactly equal: round times that differ only by floating-point noise
 * (e.g. differences of recorded months) before calling.
 * Limitation: Breslow's baseline has no jumps after the last observed event of
 * a cause, so no event is imputed after it; the row is then censored at `end`.
 *
 * deltaAdjustedImputation: `imputations` imputations of one data set, each completed for every δ
 * of `deltas`, each completed data set analysed by a Cox model of the event (status 1; competing
 * events and imputed censoring censor it; Efron ties) on every covariate, and the `term`'s log
 * hazard ratio pooled by Rubin's rules (rubinPool). Beside it the analysis of the observed data
 * (no imputation), which δ = 1 reproduces up to Monte Carlo error, and the tipping points
 * (tippingPoint): the δ at which the interval first includes 1 and at which the hazard ratio
 * reaches 1.
 *
 * @example
 * const r = deltaAdjustedImputation({ time, status, covariates: { arm, age }, lost, end }, { deltas: [1, 2, 3], imputations: 20, seed: "s", deltaRows: arm.map((a) => a === 0) });
 * r.rows.map((x) => x.hazardRatio); // the arm's pooled hazard ratio at δ = 1, 2, 3
 * deltaAdjustedImputation(input, { deltas: [1, 2, 3], imputations: 20, seed: "s", parameterDraw: "bootstrap" }); // fully proper
 */
import seedrandom from "seedrandom";
import { InputError } from "../core/index";
import { normalQuantile } from "../distributions/index";
import { rubinPool } from "../stats/rubin-pool";
import { CoxConvergenceError } from "./cox";
import { sortCoxData, fitCox } from "./cox-engine";
import { requireConfLevel } from "../stats/input";

export interface DeltaImputationInput {
  time: readonly number[];
  /** 0 censored, 1 the event of interest, 2 a competing event. */
  status: readonly number[];
  /** Covariates of the imputation model and of the analysis, one column each. */
  covariates: Readonly<Record<string, readonly number[]>>;
  /** Rows lost to follow-up (censored before their administrative end): imputed. Their status must be 0. */
  lost: readonly boolean[];
  /** Each row's administrative end of follow-up (the data cut-off, on the time scale of `time`); ≥ time for lost rows. */
  end: readonly number[];
}

/** One cause's Cox model with what drawing from it needs. */
export interface CauseImputationModel {
  cause: 1 | 2;
  names: string[];
  coef: number[];
  variance: number[][];
  nEvent: number;
  /** Distinct event times of the cause, ascending, and the events at each. */
  eventTimes: number[];
  eventCounts: number[];
  /** Breslow baseline cumulative hazard at β̂ (x uncentred), at eventTimes (R: basehaz(fit, centered = FALSE)). */
  baselineCumHazard: number[];
}

export interface DeltaImputationModel {
  n: number;
  names: string[];
  /** Row indices of the lost rows (the rows imputed). */
  lostRows: number[];
  event: CauseImputationModel;
  /** null when no row has the competing event. */
  competing: CauseImputationModel | null;
  /** @internal the data, kept for the draws. */
  readonly data: { time: number[]; status: number[]; x: number[][]; end: number[] };
}

/**
 * How an imputation draws the imputation models' parameters: "normal" (approximately proper: β*
 * from N(β̂, V̂), baseline recomputed at β*) or "bootstrap" (fully proper: both models refitted
 * on a bootstrap resample of the rows, baseline included). See the file comment.
 */
export type ParameterDraw = "normal" | "bootstrap";

/** Resamples drawn at most per bootstrap imputation before giving up (a resample whose models cannot be fitted is replaced by the next). */
export const MAX_RESAMPLE_ATTEMPTS = 50;

/** One imputation's random draws (reused for every δ). */
export interface ImputationDraw {
  /** β* of the event and competing models. */
  eventCoef: number[];
  competingCoef: number[] | null;
  /** Per lost row (order of model.lostRows): exp(x'β*) of each cause, and the unit exponentials. */
  eventRisk: number[];
  competingRisk: number[];
  e1: number[];
  e2: number[];
  /** Baseline cumulative hazards at β*, at the causes' event times (the model's; a bootstrap draw's own, eventTimes and competingTimes). */
  eventCumHazard: number[];
  competingCumHazard: number[];
  /** Bootstrap draws only: the event times of each cause in the resample (where its baseline jumps), the resample (row indices, in draw order) and how many resamples were drawn to get one whose models could be fitted. */
  eventTimes?: number[];
  competingTimes?: number[];
  resample?: number[];
  resampleAttempts?: number;
}

function checkInput(input: DeltaImputationInput): { names: string[]; x: number[][] } {
  if (input === null || typeof input !== "object") throw new InputError("input", null, input as unknown, "must be { time, status, covariates, lost, end }");
  const n = Array.isArray(input.time) ? input.time.length : -1;
  if (n < 1) throw new InputError("time", null, input.time as unknown, "must be a non-empty array of times");
  for (const key of ["status", "lost", "end"] as const) {
    const v = input[key] as readonly unknown[];
    if (!Array.isArray(v) || v.length !== n) throw new InputError(key, null, Array.isArray(v) ? v.length : (v as unknown), `must have one value per row (${n})`);
  }
  const names = Object.keys(input.covariates ?? {});
  if (names.length === 0) throw new InputError("covariates", null, "", "needs at least one covariate (the term compared)");
  const x = names.map((nm) => {
    const c = input.covariates[nm];
    if (!Array.isArray(c) || c.length !== n) throw new InputError(`covariates.${nm}`, null, Array.isArray(c) ? c.length : (c as unknown), `must have one value per row (${n})`);
    c.forEach((v, i) => {
      if (typeof v !== "number" || !Number.isFinite(v)) throw new InputError(`covariates.${nm}`, i, v, "must be a finite number (complete cases only)");
    });
    return c.slice();
  });
  for (let i = 0; i < n; i++) {
    const t = input.time[i];
    if (typeof t !== "number" || !Number.isFinite(t) || t < 0) throw new InputError("time", i, t, "must be a finite time ≥ 0");
    const s = input.status[i];
    if (s !== 0 && s !== 1 && s !== 2) throw new InputError("status", i, s, "must be 0 (censored), 1 (event) or 2 (competing event)");
    const l = input.lost[i];
    if (typeof l !== "boolean") throw new InputError("lost", i, l as unknown, "must be true or false");
    if (l && s !== 0) throw new InputError("lost", i, s, "a lost row must be censored (status 0): only censored rows are imputed");
    const e = input.end[i];
    if (l && (typeof e !== "number" || Number.isNaN(e) || e < t)) throw new InputError("end", i, e, `must be a time ≥ the row's time ${t} (the administrative end of follow-up of a lost row)`);
  }
  return { names, x };
}

/** Breslow's baseline cumulative hazard of one cause at coefficients `beta` (x uncentred): at the cause's distinct event times. */
export function breslowBaseline(time: readonly number[], event: readonly number[], x: readonly (readonly number[])[], beta: readonly number[]): { times: number[]; counts: number[]; cumHazard: number[] } {
  const n = time.length;
  const p = x.length;
  // Centre for numerical stability, then put the centring back into the hazard: exp(x'b) = exp((x - m)'b) exp(m'b).
  const m = x.map((c) => c.reduce((a, b) => a + b, 0) / n);
  const shift = m.reduce((a, mj, j) => a + mj * beta[j], 0);
  const risk = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let eta = 0;
    for (let j = 0; j < p; j++) eta += (x[j][i] - m[j]) * beta[j];
    risk[i] = Math.exp(eta);
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => time[a] - time[b] || a - b);
  const times: number[] = [];
  const counts: number[] = [];
  const increments: number[] = [];
  // Walk from the last time down, accumulating the risk set sum.
  let atRisk = 0;
  let k = n - 1;
  const down: { t: number; d: number; s: number }[] = [];
  while (k >= 0) {
    const t = time[order[k]];
    let d = 0;
    while (k >= 0 && time[order[k]] === t) {
      atRisk += risk[order[k]];
      d += event[order[k]];
      k--;
    }
    if (d > 0) down.push({ t, d, s: atRisk });
  }
  down.reverse();
  const scale = Math.exp(-shift);
  for (const g of down) {
    times.push(g.t);
    counts.push(g.d);
    increments.push((g.d / g.s) * scale);
  }
  const cumHazard: number[] = [];
  let h = 0;
  for (const inc of increments) cumHazard.push((h += inc));
  return { times, counts, cumHazard };
}

function causeModel(cause: 1 | 2, time: number[], status: number[], names: string[], x: number[][]): CauseImputationModel | null {
  const event: number[] = status.map((s) => (s === cause ? 1 : 0));
  const nEvent = event.reduce((a, b) => a + b, 0);
  if (nEvent === 0) return null;
  const fit = engineFit(time, event, x, false, names);
  const p = names.length;
  const variance = names.map((_, i) => names.map((__, j) => fit.variance[i * p + j]));
  const coef = Array.from(fit.coef);
  const base = breslowBaseline(time, event, x, coef);
  return { cause, names, coef, variance, nEvent, eventTimes: base.times, eventCounts: base.counts, baselineCumHazard: base.cumHazard };
}

/** coxPH's fit of right-censored data (the same engine and settings: Efron or Breslow, 20 steps, tolerance 1e-9), without its tests and concordance. */
function engineFit(time: readonly number[], event: readonly number[], columns: readonly (readonly number[])[], efron: boolean, names?: readonly string[]) {
  const d = sortCoxData(Float64Array.from(time), Uint8Array.from(event), columns.map((c) => Float64Array.from(c)), true);
  const fit = fitCox(d, efron, 20, 1e-9, Math.pow(Number.EPSILON, 0.75));
  const name = (j: number) => (names === undefined ? `covariates[${j}]` : `covariates.${names[j]}`);
  if (fit.singular.length > 0) throw new InputError(name(fit.singular[0]), null, "", "is constant or collinear with the other covariates (singular design)");
  if (!fit.converged) throw new CoxConvergenceError("the Cox model did not converge in 20 iterations", fit.iterations, Array.from(fit.coef));
  return fit;
}

/**
 * The imputation model: a cause-specific Cox model (Breslow ties) of the event and of the
 * competing event on every covariate, fitted on all rows (lost rows contribute their follow-up
 * up to loss). See the file comment.
 */
export function fitDeltaImputationModel(input: DeltaImputationInput): DeltaImputationModel {
  const { names, x } = checkInput(input);
  const time = input.time.slice();
  const status = input.status.slice();
  const lostRows = input.lost.map((l, i) => (l ? i : -1)).filter((i) => i >= 0);
  const event = causeModel(1, time, status, names, x);
  if (event === null) throw new InputError("status", null, "", "no row has the event (status 1): there is no hazard to impute from");
  const competing = causeModel(2, time, status, names, x);
  const model: DeltaImputationModel = { n: time.length, names, lostRows, event, competing, data: undefined as never };
  Object.defineProperty(model, "data", { value: { time, status, x, end: input.end.slice() }, enumerable: false });
  return model;
}

/** Lower Cholesky factor of a small symmetric positive (semi)definite matrix (zero pivots left 0). */
function cholesky(v: number[][]): number[][] {
  const p = v.length;
  const l = v.map(() => new Array<number>(p).fill(0));
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = v[i][j];
      for (let k = 0; k < j; k++) s -= l[i][k] * l[j][k];
      if (i === j) l[i][i] = s > 0 ? Math.sqrt(s) : 0;
      else l[i][j] = l[j][j] > 0 ? s / l[j][j] : 0;
    }
  }
  return l;
}

function drawCoef(m: CauseImputationModel, rng: seedrandom.PRNG): number[] {
  const l = cholesky(m.variance);
  const z = m.coef.map(() => normalQuantile(uniform(rng)));
  return m.coef.map((b, i) => b + l[i].reduce((s, lij, j) => s + lij * z[j], 0));
}

function uniform(rng: seedrandom.PRNG): number {
  let u = rng.double();
  while (u === 0) u = rng.double();
  return u;
}

function checkParameterDraw(parameterDraw: unknown): asserts parameterDraw is ParameterDraw {
  if (parameterDraw !== "normal" && parameterDraw !== "bootstrap") throw new InputError("parameterDraw", null, parameterDraw, 'must be "normal" (β* from N(β̂, V̂)) or "bootstrap" (models refitted on a resample)');
}

/**
 * The imputation models refitted on a bootstrap resample of the rows (fully proper draw), the
 * resample drawn from `rng` (row floor(u·n) per draw of u); a resample whose models cannot be
 * fitted is replaced by the next, up to MAX_RESAMPLE_ATTEMPTS.
 */
function bootstrapModels(model: DeltaImputationModel, rng: seedrandom.PRNG): { event: CauseImputationModel; competing: CauseImputationModel | null; resample: number[]; attempts: number } {
  const { time, status, x } = model.data;
  const n = model.n;
  let lastReason = "";
  for (let attempt = 1; attempt <= MAX_RESAMPLE_ATTEMPTS; attempt++) {
    const resample: number[] = [];
    for (let k = 0; k < n; k++) resample.push(Math.min(n - 1, Math.floor(rng.double() * n)));
    const t = resample.map((i) => time[i]);
    const s = resample.map((i) => status[i]);
    const xr = x.map((c) => resample.map((i) => c[i]));
    try {
      const event = causeModel(1, t, s, model.names, xr);
      if (event === null) {
        lastReason = "no row of the resample has the event (status 1)";
        continue;
      }
      // The original data had the competing event but this resample has none: its hazard's estimate is 0 (competing null).
      const competing = model.competing === null ? null : causeModel(2, t, s, model.names, xr);
      return { event, competing, resample, attempts: attempt };
    } catch (e) {
      if (!(e instanceof CoxConvergenceError || e instanceof InputError)) throw e;
      lastReason = e.message;
    }
  }
  throw new InputError("parameterDraw", null, "bootstrap", `no bootstrap resample of ${MAX_RESAMPLE_ATTEMPTS} could be fitted (last: ${lastReason}); use parameterDraw "normal"`);
}

/**
 * One imputation's draws from the model, seeded (see the file comment): with parameterDraw
 * "normal" (default) β* from N(β̂, V̂) and the baseline recomputed; with "bootstrap" both models
 * refitted on a bootstrap resample of the rows; then the unit exponentials of the lost rows.
 */
export function drawImputation(model: DeltaImputationModel, seed: string, parameterDraw: ParameterDraw = "normal"): ImputationDraw {
  if (typeof seed !== "string" || seed.length === 0) throw new InputError("seed", null, seed as unknown, "must be a non-empty string");
  checkParameterDraw(parameterDraw);
  if (parameterDraw === "bootstrap") return drawBootstrapImputation(model, seed);
  const rng = seedrandom(seed);
  const { time, status, x } = model.data;
  const eventCoef = drawCoef(model.event, rng);
  const competingCoef = model.competing === null ? null : drawCoef(model.competing, rng);
  const eventOnly = status.map((s) => (s === 1 ? 1 : 0));
  const compOnly = status.map((s) => (s === 2 ? 1 : 0));
  const eventCumHazard = breslowBaseline(time, eventOnly, x, eventCoef).cumHazard;
  const competingCumHazard = competingCoef === null ? [] : breslowBaseline(time, compOnly, x, competingCoef).cumHazard;
  return { eventCoef, competingCoef, ...lostRowDraws(model, rng, eventCoef, competingCoef), eventCumHazard, competingCumHazard };
}

/** Per lost row, exp(x'β*) of each cause at the drawn coefficients and the two unit exponentials (drawn from `rng` in row order, E₁ then E₂). */
function lostRowDraws(model: DeltaImputationModel, rng: seedrandom.PRNG, eventCoef: number[], competingCoef: number[] | null): Pick<ImputationDraw, "eventRisk" | "competingRisk" | "e1" | "e2"> {
  const { x } = model.data;
  const riskOf = (beta: number[] | null, i: number) => (beta === null ? 0 : Math.exp(beta.reduce((s, b, j) => s + b * x[j][i], 0)));
  const e1: number[] = [];
  const e2: number[] = [];
  for (let k = 0; k < model.lostRows.length; k++) {
    e1.push(-Math.log(uniform(rng)));
    e2.push(-Math.log(uniform(rng)));
  }
  return { eventRisk: model.lostRows.map((i) => riskOf(eventCoef, i)), competingRisk: model.lostRows.map((i) => riskOf(competingCoef, i)), e1, e2 };
}

function drawBootstrapImputation(model: DeltaImputationModel, seed: string): ImputationDraw {
  const rng = seedrandom(seed);
  const fitted = bootstrapModels(model, rng);
  const eventCoef = fitted.event.coef;
  const competingCoef = fitted.competing === null ? null : fitted.competing.coef;
  return {
    eventCoef,
    competingCoef,
    ...lostRowDraws(model, rng, eventCoef, competingCoef),
    eventCumHazard: fitted.event.baselineCumHazard,
    competingCumHazard: fitted.competing === null ? [] : fitted.competing.baselineCumHazard,
    eventTimes: fitted.event.eventTimes,
    competingTimes: fitted.competing === null ? [] : fitted.competing.eventTimes,
    resample: fitted.resample,
    resampleAttempts: fitted.attempts,
  };
}

/** First event time t > c (≤ end) at which r (Λ(t) − Λ(c)) ≥ e; Infinity if none. */
function latentTime(times: readonly number[], cum: readonly number[], c: number, end: number, r: number, e: number): number {
  if (!(r > 0) || times.length === 0) return Infinity;
  // Λ(c): the last jump at or before c.
  let lo = 0;
  let hi = times.length - 1;
  let at = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid] <= c) {
      at = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const base = at < 0 ? 0 : cum[at];
  const target = base + e / r;
  for (let j = at + 1; j < times.length && times[j] <= end; j++) if (cum[j] >= target) return times[j];
  return Infinity;
}

/**
 * The data set completed by one imputation at a δ per row (a number for every row, or one per
 * row; only lost rows use it): times and statuses with the lost rows' follow-up imputed, and how
 * many lost rows got the event or the competing event.
 */
export function completeAfterLoss(model: DeltaImputationModel, draw: ImputationDraw, delta: number | readonly number[]): { time: number[]; status: number[]; imputedEvents: number; imputedCompeting: number } {
  const { time: t0, status: s0, end } = model.data;
  const deltaOf = (i: number): number => (typeof delta === "number" ? delta : delta[i]);
  if (typeof delta !== "number" && (!Array.isArray(delta) || delta.length !== model.n)) throw new InputError("delta", null, Array.isArray(delta) ? delta.length : (delta as unknown), `must be a number or one per row (${model.n})`);
  const time = t0.slice();
  const status = s0.slice();
  let imputedEvents = 0;
  let imputedCompeting = 0;
  // A bootstrap draw's baselines jump at its resample's event times; a normal draw's at the model's.
  const eventTimes = draw.eventTimes ?? model.event.eventTimes;
  const competingTimes = draw.competingTimes ?? (model.competing === null ? null : model.competing.eventTimes);
  model.lostRows.forEach((i, k) => {
    const d = deltaOf(i);
    if (typeof d !== "number" || Number.isNaN(d) || d < 0) throw new InputError("delta", i, d, "must be a number ≥ 0 (the hazard ratio after loss; Infinity for the worst case)");
    const c = t0[i];
    const tEnd = end[i];
    const T1 = latentTime(eventTimes, draw.eventCumHazard, c, tEnd, d * draw.eventRisk[k], draw.e1[k]);
    const T2 = competingTimes === null ? Infinity : latentTime(competingTimes, draw.competingCumHazard, c, tEnd, draw.competingRisk[k], draw.e2[k]);
    if (T1 <= T2 && T1 <= tEnd) {
      time[i] = T1;
      status[i] = 1;
      imputedEvents++;
    } else if (T2 <= tEnd) {
      time[i] = T2;
      status[i] = 2;
      imputedCompeting++;
    } else {
      time[i] = tEnd;
      status[i] = 0;
    }
  });
  return { time, status, imputedEvents, imputedCompeting };
}

/**
 * The log hazard ratio of one covariate in a Cox model of status 1 (others censored) on the given
 * columns, Efron ties, model-based variance: coxPH's coefficient and standard error, without its
 * tests and concordance (for the many refits of an imputation analysis).
 */
export function coxTermEstimate(time: readonly number[], status: readonly number[], columns: readonly (readonly number[])[], term: number): { coef: number; se: number } {
  const event = status.map((s) => (s === 1 ? 1 : 0));
  if (!event.some((e) => e === 1)) throw new InputError("status", null, "", "has no event (status 1): no hazard ratio can be estimated");
  const fit = engineFit(time, event, columns, true);
  const p = columns.length;
  return { coef: fit.coef[term], se: Math.sqrt(fit.variance[term * p + term]) };
}

/** One δ's pooled estimate. */
export interface DeltaRow {
  delta: number;
  hazardRatio: number;
  lower: number;
  upper: number;
  pValue: number;
  coef: number;
  se: number;
  df: number;
  /** Between- and within-imputation variance of the log hazard ratio. */
  between: number;
  within: number;
  /** Monte Carlo standard error of the pooled log hazard ratio, √(B / m). */
  monteCarloSe: number;
  /** Mean over imputations of the lost rows given the event / the competing event. */
  imputedEvents: number;
  imputedCompeting: number;
}

/** The tipping points of a δ grid (see tippingPoint). */
export interface TippingPoint {
  /** Whether the unadjusted (first δ) estimate is above 1 ("harm") or below ("benefit"). */
  direction: "above 1" | "below 1";
  /** The smallest δ of the grid at which the interval includes 1 (null: none), and the δ interpolated on the log scale between it and the grid point before (null when the first δ already includes 1, none does, or it is δ = Infinity). */
  significanceLost: { gridDelta: number | null; interpolated: number | null };
  /** The smallest δ of the grid at which the hazard ratio has crossed 1, and interpolated likewise. */
  hazardRatioReachesOne: { gridDelta: number | null; interpolated: number | null };
  /** Largest δ of the grid. */
  maxDelta: number;
}

/**
 * Tipping points over a δ grid (increasing δ): where the confidence interval first includes 1
 * (the limit on the side of 1, log-linear in log δ between grid points) and where the hazard
 * ratio itself crosses 1. Direction from the first row.
 *
 * @example
 * tippingPoint([{ delta: 1, hazardRatio: 2, lower: 1.2, upper: 3.3 }, { delta: 2, hazardRatio: 1.6, lower: 0.9, upper: 2.8 }]).significanceLost.interpolated; // ≈ 1.73
 */
export function tippingPoint(rows: readonly { delta: number; hazardRatio: number; lower: number; upper: number }[]): TippingPoint {
  if (!Array.isArray(rows) || rows.length === 0) throw new InputError("rows", null, "", "needs at least one δ");
  rows.forEach((r, k) => {
    if (!(r.delta > 0) || (k > 0 && !(r.delta > rows[k - 1].delta))) throw new InputError("rows", k, r.delta, "δ must be positive and increasing");
    for (const key of ["hazardRatio", "lower", "upper"] as const) if (!(r[key] > 0) || !Number.isFinite(r[key])) throw new InputError(`rows.${key}`, k, r[key], "must be a positive finite number");
  });
  const above = rows[0].hazardRatio >= 1;
  const limit = (r: (typeof rows)[0]) => Math.log(above ? r.lower : r.upper);
  const crossed = (v: number) => (above ? v <= 0 : v >= 0);
  const find = (value: (r: (typeof rows)[0]) => number) => {
    const k = rows.findIndex((r) => crossed(value(r)));
    if (k < 0) return { gridDelta: null, interpolated: null };
    if (k === 0) return { gridDelta: rows[0].delta, interpolated: null };
    const [a, b] = [rows[k - 1], rows[k]];
    const [va, vb] = [value(a), value(b)];
    const f = va === vb ? 1 : va / (va - vb);
    if (!Number.isFinite(b.delta)) return { gridDelta: b.delta, interpolated: null };
    return { gridDelta: b.delta, interpolated: Math.exp(Math.log(a.delta) + f * (Math.log(b.delta) - Math.log(a.delta))) };
  };
  return {
    direction: above ? "above 1" : "below 1",
    significanceLost: find(limit),
    hazardRatioReachesOne: find((r) => Math.log(r.hazardRatio)),
    maxDelta: rows[rows.length - 1].delta,
  };
}

/** Pools one δ's per-imputation estimates (Rubin's rules) into a DeltaRow. */
export function poolDeltaRow(delta: number, estimates: readonly { coef: number; se: number; imputedEvents: number; imputedCompeting: number }[], confLevel = 0.95): DeltaRow {
  const pool = rubinPool(
    estimates.map((e) => e.coef),
    estimates.map((e) => e.se * e.se),
    { confLevel },
  );
  const mean = (f: (e: (typeof estimates)[0]) => number) => estimates.reduce((s, e) => s + f(e), 0) / estimates.length;
  return {
    delta,
    hazardRatio: Math.exp(pool.estimate),
    lower: Math.exp(pool.lower),
    upper: Math.exp(pool.upper),
    pValue: pool.pValue,
    coef: pool.estimate,
    se: pool.se,
    df: pool.df,
    between: pool.between,
    within: pool.within,
    monteCarloSe: Math.sqrt(pool.between / pool.m),
    imputedEvents: mean((e) => e.imputedEvents),
    imputedCompeting: mean((e) => e.imputedCompeting),
  };
}

/** Checks a δ grid: positive, increasing (Infinity allowed, as the last value). */
export function checkDeltas(deltas: readonly number[]): void {
  if (!Array.isArray(deltas) || deltas.length === 0) throw new InputError("deltas", null, deltas as unknown, "must be a non-empty list of hazard ratios after loss");
  deltas.forEach((d, k) => {
    if (typeof d !== "number" || Number.isNaN(d) || d <= 0) throw new InputError("deltas", k, d, "must be a number > 0 (Infinity for the worst case)");
    if (k > 0 && !(d > deltas[k - 1])) throw new InputError("deltas", k, d, "must be increasing");
  });
}

export function checkImputations(m: number): void {
  if (typeof m !== "number" || !Number.isInteger(m) || m < 2) throw new InputError("imputations", null, m, "must be a whole number ≥ 2 (Rubin's rules need at least two)");
}

export interface DeltaAdjustedImputationOptions {
  /** Hazard ratios after loss (increasing; include 1 for the unadjusted imputation). */
  deltas: readonly number[];
  /** Number of imputations (≥ 2). */
  imputations: number;
  /** Seed: imputation k uses `<seed>-<k>`. */
  seed: string;
  /** The covariate compared (default the first one). */
  term?: string;
  /** Rows whose δ is the grid's (default every lost row); the other lost rows keep δ = 1. */
  deltaRows?: readonly boolean[];
  confLevel?: number;
  /** "normal" (default; approximately proper) or "bootstrap" (fully proper: the imputation models refitted on a bootstrap resample per imputation). */
  parameterDraw?: ParameterDraw;
}

export interface DeltaAdjustedImputationResult {
  method: string;
  term: string;
  imputations: number;
  seed: string;
  confLevel: number;
  parameterDraw: ParameterDraw;
  /** Bootstrap draws: resamples replaced because their models could not be fitted, over all imputations (0 for normal draws). */
  resamplesReplaced: number;
  n: number;
  lost: number;
  /** Lost rows with the grid's δ. */
  deltaApplied: number;
  /** The analysis of the observed data (no imputation; censoring at random given the covariates). */
  observed: { hazardRatio: number; lower: number; upper: number; coef: number; se: number };
  rows: DeltaRow[];
  tippingPoint: TippingPoint;
}

/** δ-adjusted multiple imputation of one data set; see the file comment. */
export function deltaAdjustedImputation(input: DeltaImputationInput, options: DeltaAdjustedImputationOptions): DeltaAdjustedImputationResult {
  checkDeltas(options.deltas);
  checkImputations(options.imputations);
  const confLevel = options.confLevel ?? 0.95;
  requireConfLevel(confLevel);
  if (typeof options.seed !== "string" || options.seed.length === 0) throw new InputError("seed", null, options.seed as unknown, "must be a non-empty string");
  const parameterDraw = options.parameterDraw ?? "normal";
  checkParameterDraw(parameterDraw);
  const model = fitDeltaImputationModel(input);
  const term = options.term ?? model.names[0];
  const j = model.names.indexOf(term);
  if (j < 0) throw new InputError("term", null, term, `is not a covariate (covariates: ${model.names.join(", ")})`);
  const deltaRows = options.deltaRows ?? input.lost.map(() => true);
  if (!Array.isArray(deltaRows) || deltaRows.length !== model.n) throw new InputError("deltaRows", null, Array.isArray(deltaRows) ? deltaRows.length : (deltaRows as unknown), `must have one value per row (${model.n})`);
  if (model.lostRows.length === 0) throw new InputError("lost", null, "", "no row is lost to follow-up: there is nothing to impute");
  const x = model.data.x;
  const obs = coxTermEstimate(model.data.time, model.data.status, x, j);
  const z = normalQuantile(0.5 + confLevel / 2);
  const perDelta = options.deltas.map(() => [] as { coef: number; se: number; imputedEvents: number; imputedCompeting: number }[]);
  let resamplesReplaced = 0;
  for (let k = 1; k <= options.imputations; k++) {
    const draw = drawImputation(model, `${options.seed}-${k}`, parameterDraw);
    resamplesReplaced += (draw.resampleAttempts ?? 1) - 1;
    options.deltas.forEach((d, q) => {
      const completed = completeAfterLoss(model, draw, deltaRows.map((on) => (on ? d : 1)));
      const e = coxTermEstimate(completed.time, completed.status, x, j);
      perDelta[q].push({ ...e, imputedEvents: completed.imputedEvents, imputedCompeting: completed.imputedCompeting });
    });
  }
  const rows = options.deltas.map((d, q) => poolDeltaRow(d, perDelta[q], confLevel));
  return {
    method: `δ-adjusted multiple imputation after loss to follow-up (Jackson et al. 2014): cause-specific Cox imputation models (Breslow), ${parameterDraw === "normal" ? "approximately proper draws" : "fully proper draws (models refitted on a bootstrap resample per imputation)"}, Cox analysis (Efron), Rubin's rules`,
    term,
    imputations: options.imputations,
    seed: options.seed,
    confLevel,
    parameterDraw,
    resamplesReplaced,
    n: model.n,
    lost: model.lostRows.length,
    deltaApplied: model.lostRows.filter((i) => deltaRows[i]).length,
    observed: { hazardRatio: Math.exp(obs.coef), lower: Math.exp(obs.coef - z * obs.se), upper: Math.exp(obs.coef + z * obs.se), coef: obs.coef, se: obs.se },
    rows,
    tippingPoint: tippingPoint(rows),
  };
}
