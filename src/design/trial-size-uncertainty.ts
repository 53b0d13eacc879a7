/**
 * How uncertain the required sample size is, given that the control inputs are estimated from
 * a small cohort: the control data (retimed from the start of RT, trialDesignInputs) are
 * resampled with replacement, patients as units (nonparametric bootstrap, `replicates` times,
 * seeded: stream `${seed}`), and for each resample the sizes are recomputed both ways:
 *   exponential: the constant-hazard estimates λ1, λ2 (and λD) into competingRisksSampleSize
 *     (survivalSampleSize);
 *   curve: the resample's Aalen-Johansen cumulative incidence (1 − Kaplan-Meier) into
 *     curveSampleSize.
 * For each, the distribution of the required patients, of ψ (overall), and the power the size
 * computed from the full data would have if a resample's curve were the truth
 * (expectedPower with that resample's ψ): its mean is the power averaged over the uncertainty of
 * the control inputs. The events needed do not depend on the control inputs (Schoenfeld):
 * an event-driven trial, analysed when that many events have been seen, keeps its power and
 * only its duration is uncertain.
 *
 * @example
 * const u = trialSizeUncertainty(inputs, { ...design, subdistributionHR: 0.7, hazardRatio: 0.8, replicates: 1000, seed: "boot" });
 * u.outOfField.curve.quantiles; // patients at 2.5%, 10%, 50%, 80%, 90%, 97.5%
 */
import seedrandom from "seedrandom";
import { InputError } from "../core/index";
import { cumulativeIncidence, kaplanMeier } from "../survival/index";
import { competingRisksSampleSize } from "./competing-risks-sample-size";
import { survivalSampleSize } from "./survival-sample-size";
import { curveSampleSize } from "./curve-sample-size";
import type { StepCurve } from "./curve-sample-size";
import { expectedPower } from "./expected-power";
import type { TrialDesignOptions } from "./trial-input";
import type { TrialDesignInputs } from "./trial-design-inputs";

/** The control arm's estimated curves from trialDesignInputs' retimed data (null when it has none). */
export function trialControlCurves(inputs: Pick<TrialDesignInputs, "outOfField" | "survival">): { outOfField: StepCurve | null; death: StepCurve | null } {
  return { outOfField: inputs.outOfField === null ? null : outOfFieldCurve(inputs.outOfField.time, inputs.outOfField.cause), death: inputs.survival === null ? null : deathCurve(inputs.survival.time, inputs.survival.event) };
}

function outOfFieldCurve(time: number[], cause: number[]): StepCurve | null {
  const c = cumulativeIncidence(time, cause).curves.find((x) => x.cause === 1);
  return c === undefined ? null : { time: c.time, value: c.estimate, followUpEnd: c.followUpEnd };
}

function deathCurve(time: number[], event: number[]): StepCurve | null {
  const km = kaplanMeier(time, event);
  if (!km.nEvent.some((d) => d > 0)) return null;
  return { time: km.time, value: km.survival.map((s) => 1 - s), followUpEnd: Math.max(...time) };
}

export const SIZE_QUANTILES = [0.025, 0.1, 0.5, 0.8, 0.9, 0.975];

/** The q-quantile of a bootstrap distribution's required patients (R's type 7), rounded up. */
export function requiredPatientsQuantile(d: Pick<SizeDistribution, "patients">, q: number): number {
  if (typeof q !== "number" || !(q >= 0 && q <= 1)) throw new InputError("q", null, q, "must be a probability in [0, 1]");
  if (d.patients.length === 0) throw new InputError("patients", null, null, "no resample gave a size");
  return Math.ceil(quantile(d.patients.map((x) => Math.ceil(x - 1e-9)).sort((a, b) => a - b), q) - 1e-9);
}

/** R's default (type 7) quantile of sorted values. */
function quantile(sorted: number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  return sorted[lo] + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? sorted[lo]) - sorted[lo]);
}

export interface SizeDistribution {
  /** Patients needed on the full data. */
  pointEstimate: number;
  /** Required patients (unrounded) per usable resample. */
  patients: number[];
  /** Quantiles of the required patients (rounded up) at SIZE_QUANTILES. */
  quantiles: Array<{ q: number; patients: number }>;
  /** ψ (overall) per resample. */
  psi: number[];
  /** Power of the full-data size if each resample were the truth: mean, and share of resamples below the target. */
  meanPower: number;
  shareBelowTarget: number;
  /** Resamples that could not give a size (no event of interest). */
  failed: number;
}

export interface TrialSizeUncertainty {
  replicates: number;
  seed: string;
  events: { outOfField: number; death: number };
  outOfField: { exponential: SizeDistribution; curve: SizeDistribution } | null;
  death: { exponential: SizeDistribution; curve: SizeDistribution } | null;
}

export interface TrialSizeUncertaintyOptions extends TrialDesignOptions {
  subdistributionHR: number;
  hazardRatio: number;
  replicates: number;
  seed: string;
  /** Overall survival's dropout hazard, when it differs from out-of-field progression's (`dropoutHazard`): each endpoint loses patients over its own time at risk (trialLossToFollowUp's `endpoint`). Default: dropoutHazard. */
  survivalDropoutHazard?: TrialDesignOptions["dropoutHazard"];
}

function distribution(point: { patients: number; psi: number }, values: Array<{ patients: number; psi: number } | null>, ratio: number, design: TrialDesignOptions): SizeDistribution {
  const ok = values.filter((v): v is { patients: number; psi: number } => v !== null);
  const sorted = ok.map((v) => Math.ceil(v.patients - 1e-9)).sort((a, b) => a - b);
  const power = ok.map((v) => expectedPower({ patients: point.patients, eventProbability: Math.min(1, v.psi), hazardRatio: ratio, allocation: design.allocation, alpha: design.alpha, sided: design.sided }));
  const target = design.power ?? 0.8;
  return {
    pointEstimate: point.patients,
    patients: ok.map((v) => v.patients),
    quantiles: SIZE_QUANTILES.map((q) => ({ q, patients: Math.ceil(quantile(sorted, q) - 1e-9) })),
    psi: ok.map((v) => v.psi),
    meanPower: power.reduce((s, x) => s + x, 0) / Math.max(1, power.length),
    shareBelowTarget: power.filter((x) => x < target - 1e-9).length / Math.max(1, power.length),
    failed: values.length - ok.length,
  };
}

export function trialSizeUncertainty(inputs: Pick<TrialDesignInputs, "outOfField" | "survival">, options: TrialSizeUncertaintyOptions): TrialSizeUncertainty {
  const B = options.replicates;
  if (!Number.isInteger(B) || B < 1) throw new InputError("replicates", null, B, "must be a whole number of bootstrap resamples, at least 1");
  if (typeof options.seed !== "string" || options.seed === "") throw new InputError("seed", null, options.seed, "must be a non-empty text");
  const { subdistributionHR, hazardRatio, replicates: _r, seed: _s, survivalDropoutHazard, ...design } = options;
  const osDesign = survivalDropoutHazard === undefined ? design : { ...design, dropoutHazard: survivalDropoutHazard };
  const result: TrialSizeUncertainty = { replicates: B, seed: options.seed, events: { outOfField: NaN, death: NaN }, outOfField: null, death: null };
  const rng = seedrandom(options.seed);
  const crBoth = (time: number[], cause: number[]) => {
    const d1 = cause.filter((c) => c === 1).length;
    if (d1 === 0) return null;
    const T = time.reduce((s, t) => s + t, 0);
    const exp = competingRisksSampleSize({ ...design, subdistributionHR, causeHazard: d1 / T, competingHazard: cause.filter((c) => c === 2).length / T });
    const curve = outOfFieldCurve(time, cause);
    const cs = curve === null ? null : curveSampleSize({ ...design, ratio: subdistributionHR, controlCurve: curve });
    return { exp: { patients: exp.patients, psi: exp.eventProbability.overall }, curve: cs === null ? null : { patients: cs.patients, psi: cs.eventProbability.overall }, events: exp.events };
  };
  const osBoth = (time: number[], event: number[]) => {
    const d = event.filter((e) => e === 1).length;
    if (d === 0) return null;
    const T = time.reduce((s, t) => s + t, 0);
    const exp = survivalSampleSize({ ...osDesign, hazardRatio, controlHazard: d / T });
    const curve = deathCurve(time, event);
    const cs = curve === null ? null : curveSampleSize({ ...osDesign, ratio: hazardRatio, controlCurve: curve });
    return { exp: { patients: exp.patients, psi: exp.eventProbability.overall }, curve: cs === null ? null : { patients: cs.patients, psi: cs.eventProbability.overall }, events: exp.events };
  };
  const resample = (n: number) => Array.from({ length: n }, () => Math.min(n - 1, Math.floor(rng() * n)));
  // Out-of-field first, then death: the resamples come from one stream in this order.
  const both = (time: number[], status: number[], sizesOf: typeof crBoth, ratio: number, settings: TrialDesignOptions = design) => {
    const point = sizesOf(time, status);
    if (point === null || point.curve === null) return null;
    const reps = Array.from({ length: B }, () => {
      const idx = resample(time.length);
      return sizesOf(idx.map((i) => time[i]), idx.map((i) => status[i]));
    });
    return {
      events: point.events,
      exponential: distribution(point.exp, reps.map((r) => (r === null ? null : r.exp)), ratio, settings),
      curve: distribution(point.curve, reps.map((r) => (r === null ? null : r.curve)), ratio, settings),
    };
  };
  const oof = inputs.outOfField === null ? null : both(inputs.outOfField.time, inputs.outOfField.cause, crBoth, subdistributionHR);
  const os = inputs.survival === null ? null : both(inputs.survival.time, inputs.survival.event, osBoth, hazardRatio, osDesign);
  if (oof !== null) {
    result.events.outOfField = oof.events;
    result.outOfField = { exponential: oof.exponential, curve: oof.curve };
  }
  if (os !== null) {
    result.events.death = os.events;
    result.death = { exponential: os.exponential, curve: os.curve };
  }
  return result;
}
