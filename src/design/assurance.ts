/**
 * Assurance: the power of an event-driven analysis averaged over what is believed about the
 * effect, instead of at one assumed value (O'Hagan, Stevens & Campbell 2005, Pharmaceutical
 * Statistics 4:187–201; Spiegelhalter & Freedman 1986). With d events, a fraction p allocated to
 * the experimental arm and θ the true log (subdistribution) hazard ratio, Schoenfeld's
 * approximation gives the estimate θ̂ ~ N(θ, 1/I), I = d p (1 − p); "success" is a significant
 * result in favour of the experimental arm (θ < 0): the two-sided test at alpha rejects with
 * θ̂ < 0, so
 *
 *   power(θ) = Φ(−θ √I − z),   z = z_(1−α/2)   (z_(1−α) one-sided).
 *
 * Priors for θ:
 *   normal (mean log ratio μ, sd σ):   assurance = Φ((−μ √I − z) / √(1 + σ² I))   (closed form);
 *   uniform on log ratio between two ratios [a, b]:
 *     assurance = [Ψ(−a √I − z) − Ψ(−b √I − z)] / (√I (b − a)),   Ψ(x) = x Φ(x) + φ(x).
 *   mixture with a point mass at no effect (weight w on θ = 0, 1 − w on a normal or uniform prior):
 *     assurance = w power(0) + (1 − w) assurance(rest),   power(0) = α/2 (two-sided) or α (one-sided):
 *     the belief that the treatment may do nothing at all (as several negative phase III trials of
 *     TACE with anti-angiogenic drugs suggest), which a continuous prior centred at the design
 *     value gives almost no weight.
 * All match base R's integrate() of power(θ) times the prior density to 1e-8
 * (test/fixtures/r/design-trial-planning.R). Also returned: the power at the prior's centre, and
 * the prior probability that the true effect is at least as large as the design's (θ ≤ log
 * ratio at which the design has its power), which bounds what averaging can give.
 *
 * @example
 * assurance({ events: 247, prior: { distribution: "normal", ratio: 0.7, sdLog: 0.2 } }).assurance;
 */
import { InputError } from "../core/index";
import { normalUpper } from "../distributions/index";
import { testSettings } from "./trial-input";

/** A continuous prior on the log ratio. */
export type ContinuousEffectPrior =
  /** Normal on the log ratio, centred at log(ratio), standard deviation sdLog. */
  | { distribution: "normal"; ratio: number; sdLog: number }
  /** Uniform on the log ratio between log(lower) and log(upper). */
  | { distribution: "uniform"; lower: number; upper: number };

export type EffectPrior =
  | ContinuousEffectPrior
  /** Probability noEffectWeight that the ratio is exactly 1 (no effect), else the continuous prior `rest`. */
  | { distribution: "mixture"; noEffectWeight: number; rest: ContinuousEffectPrior };

export interface AssuranceOptions {
  /** Events of the analysis (e.g. the event-driven trial's target). */
  events: number;
  prior: EffectPrior;
  allocation?: number;
  alpha?: number;
  sided?: 1 | 2;
}

export interface AssuranceResult {
  method: "Schoenfeld normal approximation averaged over a prior on the log ratio (closed form)";
  events: number;
  prior: EffectPrior;
  /** The prior's centre on the ratio scale (geometric centre for the uniform; the continuous part's for a mixture), and the power there. */
  centreRatio: number;
  powerAtCentre: number;
  /** Power averaged over the prior. */
  assurance: number;
  /** Prior probability that the true ratio is below 1 (any benefit). */
  probabilityOfBenefit: number;
  allocation: number;
  alpha: number;
  sided: 1 | 2;
}

const phi = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
const Phi = (x: number) => normalUpper(-x);
/** Ψ(x) = ∫_(−∞)^x Φ(t) dt = x Φ(x) + φ(x). */
const Psi = (x: number) => x * Phi(x) + phi(x);

function positiveRatio(name: string, value: unknown): number {
  if (typeof value !== "number" || !(value > 0) || value === Infinity) throw new InputError(name, null, value, "must be a positive, finite ratio");
  return value;
}

/** Power of a significant benefit at a true log ratio θ with information I. */
export function powerAtLogRatio(theta: number, information: number, z: number): number {
  return Phi(-theta * Math.sqrt(information) - z);
}

function continuousAssurance(prior: ContinuousEffectPrior, root: number, z: number, name: string): { value: number; centre: number; benefit: number } {
  const info = root * root;
  if (prior.distribution === "normal") {
    const mu = Math.log(positiveRatio(`${name}.ratio`, prior.ratio));
    const sd = prior.sdLog;
    if (typeof sd !== "number" || !(sd >= 0) || sd === Infinity) throw new InputError(`${name}.sdLog`, null, sd, "must be a non-negative, finite standard deviation of the log ratio");
    return { value: Phi((-mu * root - z) / Math.sqrt(1 + sd * sd * info)), centre: Math.exp(mu), benefit: sd === 0 ? (mu < 0 ? 1 : 0) : Phi(-mu / sd) };
  }
  if (prior.distribution === "uniform") {
    const a = Math.log(positiveRatio(`${name}.lower`, prior.lower));
    const b = Math.log(positiveRatio(`${name}.upper`, prior.upper));
    if (!(b > a)) throw new InputError(`${name}.upper`, null, prior.upper, `must exceed ${name}.lower (${prior.lower})`);
    return { value: (Psi(-a * root - z) - Psi(-b * root - z)) / (root * (b - a)), centre: Math.exp((a + b) / 2), benefit: Math.min(1, Math.max(0, (0 - a) / (b - a))) };
  }
  throw new InputError(`${name}.distribution`, null, (prior as { distribution: unknown }).distribution, 'must be "normal", "uniform" or "mixture"');
}

export function assurance(options: AssuranceOptions): AssuranceResult {
  if (options === null || typeof options !== "object") throw new InputError("options", null, options, "must be an object");
  const d = options.events;
  if (typeof d !== "number" || !(d > 0) || d === Infinity) throw new InputError("events", null, d, "must be a positive, finite number of events");
  const { allocation: p, alpha, sided, z } = testSettings(options);
  const info = d * p * (1 - p);
  const root = Math.sqrt(info);
  const prior = options.prior;
  if (prior === null || typeof prior !== "object") throw new InputError("prior", null, prior, 'must be { distribution: "normal", ratio, sdLog }, { distribution: "uniform", lower, upper } or { distribution: "mixture", noEffectWeight, rest }');
  let value: number;
  let centre: number;
  let benefit: number;
  if (prior.distribution === "mixture") {
    const w = prior.noEffectWeight;
    if (typeof w !== "number" || !(w >= 0 && w <= 1)) throw new InputError("prior.noEffectWeight", null, w, "must be a probability in [0, 1]");
    if (prior.rest === null || typeof prior.rest !== "object" || (prior.rest.distribution !== "normal" && prior.rest.distribution !== "uniform")) {
      throw new InputError("prior.rest.distribution", null, prior.rest === null || typeof prior.rest !== "object" ? prior.rest : (prior.rest as { distribution: unknown }).distribution, 'must be "normal" or "uniform" (the continuous part of the mixture)');
    }
    const rest = continuousAssurance(prior.rest, root, z, "prior.rest");
    value = w * powerAtLogRatio(0, info, z) + (1 - w) * rest.value;
    centre = rest.centre;
    benefit = (1 - w) * rest.benefit;
  } else {
    ({ value, centre, benefit } = continuousAssurance(prior, root, z, "prior"));
  }
  return {
    method: "Schoenfeld normal approximation averaged over a prior on the log ratio (closed form)",
    events: d,
    prior,
    centreRatio: centre,
    powerAtCentre: powerAtLogRatio(Math.log(centre), info, z),
    assurance: value,
    probabilityOfBenefit: benefit,
    allocation: p,
    alpha,
    sided,
  };
}
