/**
 * Events of the cause of interest and patients for a two-arm trial whose primary endpoint is
 * a competing-risks cumulative incidence (out-of-field progression, death competing), analysed
 * by the Fine-Gray model (or Gray's test), after Latouche, Porcher & Chevret (2004), "Sample
 * size formula for proportional hazards modelling of competing risks", Statistics in Medicine
 * 23:3263–3274. Under proportional subdistribution hazards with ratio s, the number of events
 * of the cause of interest is Schoenfeld's with the subdistribution hazard ratio,
 *
 *   d1 = (z_(1−α/2) + z_(1−β))² / (p (1 − p) (log s)²),
 *
 * and patients N = d1 / ψ, ψ the probability that a patient's event of interest is observed
 * by the analysis. Here the control arm's cause-specific hazards are constant (λ1 for the
 * cause, λ2 competing: exponentialCumulativeIncidence), the experimental arm's cumulative
 * incidence is F1(t) = 1 − (1 − F0(t))^s, accrual is uniform over a months and follow-up
 * fixed at f months after the last entry, so
 *
 *   ψ = p ψ1 + (1 − p) ψ0,   ψk = (1/a) ∫_f^(a+f) Fk(t) dt
 *
 * (ψ0 in closed form, ψ1 by composite Simpson's rule on 4096 intervals). Latouche et al. give
 * ψ as the proportion of patients expected to have the event of interest; the accrual and
 * follow-up average is the same step as for survival (rpact's event probability). A competing
 * event is not an event here: with many competing deaths, ψ is small and N large.
 *
 * Dropout (options.dropoutHazard η, constant, independent): an event is observed only before the
 * loss, so Fk is replaced by Gk(t) = ∫_0^t e^(−ηu) dFk(u) (exponentialArmIncidence):
 * ψ0 = λ1/(Λ+η) [1 − e^(−(Λ+η)f)(1 − e^(−(Λ+η)a)) / ((Λ+η)a)], ψ1 by Simpson's rule on the
 * single integral (1/a) ∫_0^(a+f) e^(−ηu) (a + f − max(u, f)) dF1(u); checked against a nested
 * base-R integrate() in test/fixtures/r/design-trial-planning.R.
 *
 * @example
 * const ss = competingRisksSampleSize({ subdistributionHR: 0.7, causeHazard: 0.03, competingHazard: 0.02, accrualMonths: 36, followUpMonths: 24 });
 * ss.events;   // 246.79 (events of the cause of interest; = schoenfeldEvents(0.7).events)
 * ss.patients; // 246.79 / ψ
 */
import { exponentialCumulativeIncidence } from "./exponential-cumulative-incidence";
import { exponentialArmIncidence } from "./arm-incidence";
import { checkEffect, checkRate, dropoutHazards, eventsFor, trialSettings, trialSize } from "./trial-input";
import type { TrialDesignOptions, TrialSizeFields } from "./trial-input";

export interface CompetingRisksSampleSizeOptions extends TrialDesignOptions {
  /** Subdistribution hazard ratio of the cause of interest, experimental : control (≠ 1). */
  subdistributionHR: number;
  /** Control arm's cause-specific hazard of the cause of interest per month. */
  causeHazard: number;
  /** Control arm's cause-specific hazard of the competing event per month (≥ 0). */
  competingHazard: number;
}

export interface CompetingRisksSampleSizeResult extends TrialSizeFields {
  method: "Latouche et al. (2004): Schoenfeld events with the subdistribution hazard ratio; patients from the cumulative incidence";
  subdistributionHR: number;
  causeHazard: number;
  competingHazard: number;
  /** Share of control patients who ever have the event of interest, λ1 / (λ1 + λ2) (without dropout). */
  controlPlateau: number;
  /** Dropout hazards per month (0: none). */
  dropoutHazard: { control: number; experimental: number };
}

/** (1/a) ∫_f^(a+f) g(t) dt by composite Simpson's rule. */
function averageOver(g: (t: number) => number, a: number, f: number, intervals = 4096): number {
  const h = a / intervals;
  let sum = g(f) + g(a + f);
  for (let k = 1; k < intervals; k++) sum += (k % 2 === 1 ? 4 : 2) * g(f + k * h);
  return (sum * h) / 3 / a;
}

export function competingRisksSampleSize(options: CompetingRisksSampleSizeOptions): CompetingRisksSampleSizeResult {
  const s = trialSettings(options);
  const shr = checkEffect("subdistributionHR", options.subdistributionHR);
  const l1 = checkRate("causeHazard", options.causeHazard);
  const l2 = checkRate("competingHazard", options.competingHazard, true);
  const events = eventsFor(Math.log(shr), s);
  const total = l1 + l2;
  const a = s.accrualMonths;
  const f = s.followUpMonths;
  const plateau = l1 / total;
  const eta = dropoutHazards(options);
  // ψ0 = π [1 − e^(−Λf)(1 − e^(−Λa)) / (Λa)]
  const control =
    eta.control === 0
      ? plateau * (1 - (Math.exp(-total * f) * -Math.expm1(-total * a)) / (total * a))
      : exponentialArmIncidence({ causeHazard: l1, competingHazard: l2, dropoutHazard: eta.control }).windowIntegral(f, a + f) / a;
  const experimental =
    eta.experimental === 0
      ? averageOver((t) => exponentialCumulativeIncidence(t, l1, l2, shr), a, f)
      : exponentialArmIncidence({ causeHazard: l1, competingHazard: l2, ratio: shr, dropoutHazard: eta.experimental }).windowIntegral(f, a + f) / a;
  return {
    method: "Latouche et al. (2004): Schoenfeld events with the subdistribution hazard ratio; patients from the cumulative incidence",
    subdistributionHR: shr,
    causeHazard: l1,
    competingHazard: l2,
    controlPlateau: plateau,
    dropoutHazard: eta,
    ...trialSize(events, control, experimental, s),
  };
}
